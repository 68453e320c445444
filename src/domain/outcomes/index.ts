/**
 * Outcome measures: definitions as data for the form engine, scoring, change from
 * baseline with the minimal important change, and when a measure is asked. Pure and
 * browser-safe (only zod).
 */
export * from './scoring.ts';
export * from './measures.ts';
export * from './progress.ts';
export * from './report.ts';
