import {
  BadgeCheck, BarChart3, Cable, Building2, ClipboardList, CalendarDays, CircleUserRound, Clock, ContactRound, FileSignature, FileText, HeartHandshake, Hourglass, MapPin, House, Inbox, LineChart, ListOrdered, MonitorCheck, type LucideIcon, ChartColumn, MessageSquareText, ScrollText, Settings, ShieldAlert, ShieldCheck, ShieldPlus, Sparkles, Sun, UserCog, UserX, Users, Wallet, ReceiptText,
} from 'lucide-react';
import type { ClinicContext, Role } from './session.tsx';

export interface NavItem {
  label: string;
  to: string;
  icon: LucideIcon;
  /** Match the path exactly (for /app, which every other path starts with). */
  end?: boolean;
  /** The heading the item sits under in a long menu (the owner's); the day's work needs none. */
  group?: string;
}

const today: NavItem = { label: 'Today', to: '/app', icon: Sun, end: true };
const diary: NavItem = { label: 'Diary', to: '/app/diary', icon: CalendarDays };
const waitlist: NavItem = { label: 'Waiting list', to: '/app/waitlist', icon: Hourglass };
const clients: NavItem = { label: 'Clients', to: '/app/clients', icon: Users };
const points: NavItem = { label: 'Points', to: '/app/points', icon: MapPin };
const protocols: NavItem = { label: 'Protocols', to: '/app/protocols', icon: ListOrdered };
const services: NavItem = { label: 'Services', to: '/app/services', icon: Sparkles };
const bookingSettings: NavItem = { label: 'Hours and booking', to: '/app/booking-settings', icon: Clock };
const staff: NavItem = { label: 'Staff', to: '/app/staff', icon: UserCog };
const content: NavItem = { label: 'Treatment pages', to: '/app/content', icon: FileText };
const reviews: NavItem = { label: 'Reviews', to: '/app/reviews', icon: MessageSquareText };
const outbox: NavItem = { label: 'Outbox', to: '/app/outbox', icon: Inbox };
const system: NavItem = { label: 'System', to: '/app/system', icon: MonitorCheck };
const auditLog: NavItem = { label: 'Audit log', to: '/app/audit', icon: ScrollText };
const settings: NavItem = { label: 'Clinic settings', to: '/app/settings', icon: Settings };
const integrations: NavItem = { label: 'Integrations', to: '/app/integrations', icon: Cable };
const myProfile: NavItem = { label: 'My profile', to: '/app/my-profile', icon: BadgeCheck };
const account: NavItem = { label: 'Account', to: '/app/account', icon: CircleUserRound };
const consentForms: NavItem = { label: 'Consent forms', to: '/app/consent-forms', icon: FileSignature };
const screeningRules: NavItem = { label: 'Screening rules', to: '/app/screening-rules', icon: ShieldPlus };
const adverseEvents: NavItem = { label: 'Adverse events', to: '/app/adverse-events', icon: ShieldAlert };
const dataRequests: NavItem = { label: 'Closure requests', to: '/app/data-requests', icon: UserX };
const money: NavItem = { label: 'Money', to: '/app/money', icon: Wallet };
const reports: NavItem = { label: 'Reports', to: '/app/reports', icon: BarChart3 };
const outcomeMeasures: NavItem = { label: 'Outcome measures', to: '/app/outcome-measures', icon: LineChart };
const outcomeReport: NavItem = { label: 'Outcome report', to: '/app/outcome-report', icon: ChartColumn };

function inGroup(group: string, items: NavItem[]): NavItem[] {
  return items.map((item) => ({ ...item, group }));
}

/** What each role sees in the menu of the active clinic. */
export const NAVIGATION: Record<Role | 'none', NavItem[]> = {
  // The owner's menu is long, so it is grouped by what the owner is doing: the day's work, care, the business, running the clinic.
  owner: [
    today, diary, waitlist, clients,
    ...inGroup('Care', [points, protocols, consentForms, screeningRules, outcomeMeasures, outcomeReport, adverseEvents]),
    ...inGroup('Business', [services, bookingSettings, money, reports, reviews, content]),
    ...inGroup('Clinic', [staff, settings, integrations, outbox, dataRequests, auditLog, system]),
    account,
  ],
  practitioner: [today, diary, waitlist, { ...clients, label: 'My clients' }, points, protocols, myProfile, account],
  reception: [today, diary, waitlist, clients, money, outbox, account],
  client: [
    { label: 'My appointments', to: '/app', icon: CalendarDays, end: true },
    { label: 'Consent forms', to: '/app/consents', icon: FileSignature },
    { label: 'Treatment plan', to: '/app/plan', icon: ClipboardList },
    { label: 'Aftercare', to: '/app/aftercare', icon: HeartHandshake },
    { label: 'My progress', to: '/app/progress', icon: LineChart },
    { label: 'Invoices and packages', to: '/app/my-money', icon: ReceiptText },
    { label: 'My details', to: '/app/my-details', icon: ContactRound },
    { label: 'My data', to: '/app/my-data', icon: ShieldCheck },
    account,
  ],
  // Signed in, but not yet part of any clinic.
  none: [
    { label: 'Home', to: '/app', icon: House, end: true },
    { label: 'Register a clinic', to: '/app/register-clinic', icon: Building2 },
    account,
  ],
};

/**
 * The menu of the active clinic: reception sees Reports only when the owner shares them, and
 * a practitioner sees My takings only when the owner lets practitioners see their own.
 */
export function navigationFor(active: Pick<ClinicContext, 'role' | 'seesReports'> & { seesOwnTakings?: boolean } | undefined): NavItem[] {
  const items = NAVIGATION[active?.role ?? 'none'];
  if (active?.role === 'practitioner' && active.seesOwnTakings) {
    const at = items.findIndex((i) => i.to === clients.to) + 1;
    return [...items.slice(0, at), { ...reports, label: 'My takings' }, ...items.slice(at)];
  }
  if (active?.role !== 'reception' || !active.seesReports) return items;
  const at = items.findIndex((i) => i.to === clients.to) + 1;
  return [...items.slice(0, at), reports, ...items.slice(at)];
}

/** Consecutive items under the same heading, in menu order (items without a group form sections without a heading). */
export function menuSections(items: NavItem[]): { heading?: string; items: NavItem[] }[] {
  const sections: { heading?: string; items: NavItem[] }[] = [];
  for (const item of items) {
    const last = sections.at(-1);
    if (last && last.heading === item.group) last.items.push(item);
    else sections.push({ heading: item.group, items: [item] });
  }
  return sections;
}
