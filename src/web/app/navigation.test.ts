import { describe, expect, it } from 'vitest';
import { menuSections, navigationFor } from './navigation.ts';

describe('the staff menu', () => {
  it('groups the owner’s long menu under Care, Business and Clinic, with the day’s work and Account unlabelled', () => {
    const sections = menuSections(navigationFor({ role: 'owner', seesReports: true }));
    expect(sections.map((s) => s.heading)).toEqual([undefined, 'Care', 'Business', 'Clinic', undefined]);
    expect(sections[0]!.items.map((i) => i.label)).toEqual(['Today', 'Diary', 'Waiting list', 'Clients']);
    expect(sections[2]!.items.map((i) => i.label)).toContain('Money');
    expect(sections.at(-1)!.items.map((i) => i.label)).toEqual(['Account']);
  });

  it('keeps a short menu as one list', () => {
    expect(menuSections(navigationFor({ role: 'practitioner', seesReports: false }))).toHaveLength(1);
    const reception = menuSections(navigationFor({ role: 'reception', seesReports: true }));
    expect(reception).toHaveLength(1);
    expect(reception[0]!.items.map((i) => i.label)).toEqual(['Today', 'Diary', 'Waiting list', 'Clients', 'Reports', 'Money', 'Outbox', 'Account']);
  });

  it('shows a practitioner their own takings after their clients when the owner allows it', () => {
    expect(navigationFor({ role: 'practitioner', seesReports: false, seesOwnTakings: true }).map((i) => i.label)).toEqual(['Today', 'Diary', 'Waiting list', 'My clients', 'My takings', 'Points', 'Protocols', 'My profile', 'Account']);
  });
});
