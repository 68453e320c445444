/** Longest recipient and purpose of a record share (the FHIR export's recorded consent). */
export const RECORD_SHARE_LIMITS = { recipient: 200, purpose: 300 } as const;
