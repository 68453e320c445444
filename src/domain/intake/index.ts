/**
 * Health questionnaires (intake) as data: the form-definition format, the one answers
 * schema for browser and server, the default form, form-post reading and versions'
 * differences. Pure and browser-safe (only zod). See docs/decisions/0006.
 */

export * from './calendar-date.ts';
export * from './conditions.ts';
export * from './form-definition.ts';
export * from './answers.schema.ts';
export * from './default-intake-form.ts';
export * from './diff-answers.ts';
export * from './form-post.ts';
export * from './answer-display.ts';
