/**
 * Contraindication screening: rules as data, the pure engine, the default rules from the
 * reference and the anonymous "Is it right for me?" check. See docs/decisions/0006.
 */

export * from './rule.schema.ts';
export * from './screen.ts';
export * from './default-rules.ts';
export * from './suitability.ts';
