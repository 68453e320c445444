/**
 * Who may see what inside one clinic. Pure rules, so they are unit-tested on their own;
 * the guard has already made sure the viewer belongs to the clinic.
 */
export type ClinicRole = 'owner' | 'practitioner' | 'reception' | 'client';

export interface Viewer {
  role: ClinicRole;
  userId: string;
  /** The viewer's own client record in this clinic, if any. */
  clientId: string | null;
  /** Practitioner allowed by the owner to see every client's clinical record. */
  seesAllClients: boolean;
}

export interface ClientRef {
  id: string;
  /** User ids of the practitioners who treat this client. */
  careTeam: readonly string[];
}

/** Contact details (name, e-mail, phone) and bookings: all staff who may need to reach the client, and the client. */
export function canSeeClientContact(viewer: Viewer, client: ClientRef): boolean {
  switch (viewer.role) {
    case 'owner':
    case 'reception':
      return true;
    case 'practitioner':
      return viewer.seesAllClients || client.careTeam.includes(viewer.userId);
    case 'client':
      return viewer.clientId === client.id;
  }
}

/**
 * Clinical content (intake answers, notes, outcomes, photos): the owner, practitioners who
 * treat the client (or whom the owner widened), and the client. Reception never.
 */
export function canSeeClinicalRecord(viewer: Viewer, client: ClientRef): boolean {
  switch (viewer.role) {
    case 'owner':
      return true;
    case 'reception':
      return false;
    case 'practitioner':
      return viewer.seesAllClients || client.careTeam.includes(viewer.userId);
    case 'client':
      return viewer.clientId === client.id;
  }
}

/** Whether a viewer lists every client of the clinic, or only those they treat. */
export function seesWholeClientList(viewer: Viewer): boolean {
  return viewer.role === 'owner' || viewer.role === 'reception' || (viewer.role === 'practitioner' && viewer.seesAllClients);
}
