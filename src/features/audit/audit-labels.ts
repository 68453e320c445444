/**
 * Plain-English words for the audit log: what each action means and what each kind of
 * record is. Pure data, shared by the server (JSON and CSV) and the owner's screen.
 * `audit-labels.test.ts` fails when code writes an action that has no words here.
 */

/** Every action the code writes today, in the words an owner would use. */
export const ACTION_LABELS: Readonly<Record<string, string>> = {
  // Reading the log itself.
  'audit.view': 'Looked at the audit log',
  'audit.export': 'Downloaded the audit log',
  // Access refused (h4's access module).
  'access.denied': 'Was refused access',
  // Accounts.
  'user.sign_up': 'Created an account',
  'user.verify_email': 'Confirmed their e-mail address',
  'user.verify_email_failed': 'Entered the wrong password confirming their e-mail address',
  'user.two_factor_failed': 'Entered a wrong two-factor code',
  'user.sign_in': 'Signed in',
  'user.sign_in_failed': 'Failed to sign in',
  'user.two_factor_passed': 'Entered a two-factor code',
  'user.sign_out': 'Signed out',
  'user.password_reset_requested': 'Asked for a password reset link',
  'user.password_reset': 'Reset their password',
  'user.password_change': 'Changed their password',
  'user.two_factor_enabled': 'Turned on two-factor sign-in',
  'user.two_factor_disabled': 'Turned off two-factor sign-in',
  // The clinic and its staff.
  'clinic.register': 'Registered the clinic',
  'clinic.update': 'Changed the clinic’s details',
  'booking_settings.update': 'Changed the booking rules',
  'member.invite': 'Invited someone to the staff',
  'member.invite_resent': 'Sent a staff invitation again',
  'member.invite_withdrawn': 'Withdrew a staff invitation',
  'member.join': 'Joined the staff',
  'member.update': 'Changed a staff member’s role or access',
  'staff.deactivated': 'Deactivated a staff member who left',
  'staff.reactivated': 'Reactivated a staff member',
  'member.profile_update': 'Changed a practitioner’s profile',
  'member.photo_upload': 'Added a practitioner’s photo',
  'member.photo_replace': 'Replaced a practitioner’s photo',
  'member.photo_remove': 'Removed a practitioner’s photo',
  'qualification.add': 'Added a qualification',
  'qualification.remove': 'Removed a qualification',
  'qualification.verify': 'Verified a qualification',
  'qualification.unverify': 'Withdrew a qualification’s verification',
  // Services, rooms and hours.
  'service.create': 'Added a service',
  'service.update': 'Changed a service',
  'room.create': 'Added a room',
  'room.update': 'Changed a room',
  'room.delete': 'Removed a room',
  'hours.set': 'Set a practitioner’s working hours',
  'hours.exception_add': 'Added time off or extra hours',
  'hours.exception_remove': 'Removed time off or extra hours',
  'closure.add': 'Closed the clinic for a day',
  'closure.remove': 'Reopened a closed day',
  // Clients and bookings.
  'client.view': 'Viewed a client’s details',
  'client.view_history': 'Viewed a client’s visit history',
  'client.create': 'Added a client',
  'booking.create': 'Made a booking',
  'booking.series_create': 'Booked a course of sessions',
  'booking.confirm': 'Confirmed a booking',
  'booking.refuse_new_clients_only': 'Was refused a booking (new clients only)',
  'booking.refuse_screening': 'Was refused a booking (health screening)',
  // Screening (health data: identifiers only in the details).
  'screening.rules_changed': 'Changed the screening rules',
  'screening.read': 'Looked at a client’s screening findings',
  'diary.readiness_read': 'Looked at clients’ readiness for their visits (statuses only)',
  'screening.decision_recorded': 'Recorded a screening decision',
  'screening.decisions_read': 'Looked at a client’s screening decisions',
  'booking.cancel': 'Cancelled a booking',
  'booking.move': 'Moved a booking',
  'booking.arrived': 'Marked a client as arrived',
  'booking.no_show': 'Marked a booking as a no-show',
  'booking.completed': 'Marked a booking as completed',
  'booking.status_undo': 'Undid an arrived, no-show or completed mark',
  'block.create': 'Blocked time in the diary',
  'block.remove': 'Removed blocked time',
  'calendar_feed.create': 'Created a calendar address',
  'waitlist.join': 'Added a waiting-list entry',
  'waitlist.leave': 'Removed a waiting-list entry',
  // Health questions (the answers themselves are never in the log).
  'intake.form_created': 'Set up the clinic’s health questions',
  'intake.read': 'Read a client’s health answers',
  'intake.draft_saved': 'Saved health answers in progress',
  'intake.submitted': 'Submitted health answers',
  'intake.paper_received': 'Recorded a paper health form received',
  'intake.locked': 'Locked health answers for a visit',
  // The website.
  'content_page.saved': 'Published a treatment page',
  'content_page.restored': 'Restored an earlier version of a page',
  'content_page.default_restored': 'Restored a page to Yintang’s text',
  'review.created': 'Wrote a review',
  'review.replied': 'Replied to a review',
  'review.reply_changed': 'Changed a reply to a review',
  'review.hidden': 'Hid a review',
  'review.unhidden': 'Showed a hidden review again',
  // Consent, aftercare and the client's own data.
  'consent.signed': 'Signed a consent form',
  'consent.read': 'Read a client’s consent forms',
  'consent.template_changed': 'Changed a consent form’s text',
  'consent.pdf_downloaded': 'Downloaded a signed consent form',
  'aftercare.update': 'Changed a service’s aftercare advice',
  'client.data_exported': 'Downloaded a copy of their data',
  'client.closure_requested': 'Asked to close their account',
  // The clinic's own acupoints.
  'acupoint.create': 'Added a clinic acupoint',
  'acupoint.update': 'Changed a clinic acupoint',
  'acupoint.archive': 'Archived a clinic acupoint',
  // The clinic's protocols (point sets).
  'protocol.create': 'Added a protocol',
  'protocol.update': 'Changed a protocol',
  'protocol.archive': 'Archived a protocol',
  // Outcome measures (questionnaires and scores).
  'outcome.settings_update': 'Changed the outcome measures of a service',
  'outcome.requested': 'Asked a client an outcome questionnaire',
  'outcome.questionnaire_view': 'Opened outcome questionnaires',
  'outcome.answered': 'Answered an outcome questionnaire',
  'outcome.view': 'Read a client’s outcome scores',
};

/** The kinds of record the log names, singular, as an owner would say them. */
export const ENTITY_LABELS: Readonly<Record<string, string>> = {
  audit_log: 'Audit log',
  booking: 'Booking',
  booking_series: 'Course of sessions',
  calendar_feed: 'Calendar address',
  client: 'Client',
  clinic: 'Clinic',
  clinic_acupoint: 'Clinic acupoint',
  clinic_protocol: 'Protocol',
  account_closure_request: 'Request to close an account',
  clinic_closure: 'Closed day',
  consent: 'Signed consent form',
  consent_template: 'Consent form text',
  content_page: 'Website page',
  invitation: 'Invitation',
  membership: 'Staff member',
  practitioner_hours: 'Working hours',
  qualification: 'Qualification',
  review: 'Review',
  room: 'Room',
  schedule_exception: 'Time off or extra hours',
  service: 'Service',
  user: 'Account',
  waitlist_entry: 'Waiting-list entry',
  screening_rules: 'Screening rules',
  screening_decision: 'Screening decision',
  outcome_request: 'Outcome questionnaire',
};

/** The words for an action; an action without words yet shows its code rather than nothing. */
export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

/** The words for a kind of record, or its code when it has none. */
export const entityLabel = (entityType: string) => ENTITY_LABELS[entityType] ?? entityType;
