import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionResponse } from '../../features/auth/auth.schema.ts';
import { api, setCsrfToken, setSessionProblemListener } from '../lib/api-client.ts';

export type Session = SessionResponse;
export type Role = 'owner' | 'practitioner' | 'reception' | 'client';

/** One clinic the person belongs to, with the role they have there. */
export interface ClinicContext {
  clinicId: string;
  slug: string;
  name: string;
  role: Role;
  /** Their own client record, when the role is client. */
  clientId: string | null;
  mustSetUpTwoFactor: boolean;
  /** May open the practice reports (the owner; reception when the owner allows it). */
  seesReports: boolean;
  /** A practitioner who may see their own takings (when the owner allows it). */
  seesOwnTakings: boolean;
}

interface SessionValue {
  /** Undefined until the first answer arrives. */
  session: Session | undefined;
  /** The first load failed (e.g. no connection); `refresh` tries again. */
  loadError: unknown;
  /** Reloads the session (after sign-in, sign-out, switching clinic) and returns it. */
  refresh: () => Promise<Session>;
  signOut: () => Promise<void>;
  /** The person signed out in this tab (rather than their session running out). */
  signedOut: boolean;
  /** Every clinic the person belongs to: staff places first, then clinics where they are a client. */
  contexts: ClinicContext[];
  /** The clinic the app is showing. */
  active: ClinicContext | undefined;
  switchClinic: (clinicId: string) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Lists the person's clinics; a clinic where they are staff is not listed again as a client one. */
export function clinicContexts(session: Session | undefined): ClinicContext[] {
  if (!session?.user) return [];
  const staff: ClinicContext[] = session.staffOf.map((m) => ({
    clinicId: m.clinicId, slug: m.slug, name: m.name, role: m.role, clientId: null, mustSetUpTwoFactor: m.mustSetUpTwoFactor, seesReports: m.seesReports, seesOwnTakings: m.seesOwnTakings,
  }));
  const staffIds = new Set(staff.map((s) => s.clinicId));
  const client: ClinicContext[] = session.clientOf
    .filter((c) => !staffIds.has(c.clinicId))
    .map((c) => ({ clinicId: c.clinicId, slug: c.slug, name: c.name, role: 'client' as const, clientId: c.clientId, mustSetUpTwoFactor: false, seesReports: false, seesOwnTakings: false }));
  return [...staff, ...client];
}

/** Loads `GET /api/v1/auth/session` once and shares it with the whole app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [signedOut, setSignedOut] = useState(false);

  const refresh = useCallback(async () => {
    try {
      const next = await api.get<Session>('/auth/session');
      setCsrfToken(next.csrfToken);
      setSession(next);
      if (next.user) setSignedOut(false);
      setLoadError(undefined);
      return next;
    } catch (error) {
      setLoadError(error);
      throw error;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => undefined);
    // A request found the session gone or newly restricted: reload it, and the shell follows.
    setSessionProblemListener(() => void refresh().catch(() => undefined));
    return () => setSessionProblemListener(undefined);
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/auth/sign-out');
      setSignedOut(true);
    } finally {
      await refresh().catch(() => undefined);
    }
  }, [refresh]);

  const switchClinic = useCallback(async (clinicId: string) => {
    await api.post('/auth/session/clinic', { clinicId });
    await refresh();
  }, [refresh]);

  const value = useMemo<SessionValue>(() => {
    const contexts = clinicContexts(session);
    const active = contexts.find((c) => c.clinicId === session?.activeClinicId) ?? contexts[0];
    return { session, loadError, refresh, signOut, signedOut, contexts, active, switchClinic };
  }, [session, loadError, refresh, signOut, signedOut, switchClinic]);

  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

export const ROLE_LABEL: Record<Role, string> = {
  owner: 'Owner',
  practitioner: 'Practitioner',
  reception: 'Reception',
  client: 'Client',
};
