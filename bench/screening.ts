/**
 * Screening benchmark: `node --import tsx bench/screening.ts`.
 *
 * Times the pure screening engine as the booking path uses it: the default rule set
 * (every rule) against one client's answers with several findings, for one service and
 * appointment date. Prints the median (p50) and p99 time per evaluation in microseconds,
 * over batches, after a warm-up. For comparison it also times building the answers
 * schema for the default form and validating a full set of answers (done when the client
 * saves, not when booking). The budget: screening adds at most 2 ms at p50 to a
 * booking. Tests never assert these figures.
 */

import { answersSchemaFor } from '../src/domain/intake/answers.schema.ts';
import { DEFAULT_INTAKE_FORM } from '../src/domain/intake/default-intake-form.ts';
import { DEFAULT_RULES } from '../src/domain/screening/default-rules.ts';
import { screen } from '../src/domain/screening/screen.ts';

const answers = {
  dateOfBirth: '1980-04-12',
  phone: '07700 900123',
  emergencyName: 'Sam Lee',
  emergencyPhone: '07700 900456',
  conditions: ['migraine'],
  diabetes: true,
  diabetesControlled: 'yes',
  epilepsy: false,
  implants: ['joint'],
  bloodThinners: true,
  medications: [{ name: 'Apixaban', dose: '5 mg twice a day' }],
  supplements: ['fish-oil'],
  pregnancy: 'no',
  bleeding: 'bruise-easily',
  skinInfectionNow: false,
  skinConditions: ['rosacea'],
  skinFlareFace: false,
  keloid: false,
  needleFear: 'a-little',
  fainting: true,
  metalAllergy: false,
  cosmeticProcedures: { botox: '2027-05-20', filler: '2027-01-10' },
  skinConcerns: ['fine-lines', 'dryness'],
};

/** Median and p99 of per-call times in µs, from `batches` batches of `perBatch` calls each. */
function measure(fn: () => unknown, batches = 400, perBatch = 200): { p50: number; p99: number } {
  for (let i = 0; i < 2000; i++) fn(); // warm-up, so the JIT has compiled the hot path
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    perCall.push(Number(process.hrtime.bigint() - t0) / 1000 / perBatch);
  }
  perCall.sort((a, b) => a - b);
  return { p50: perCall[Math.floor(perCall.length / 2)]!, p99: perCall[Math.floor(perCall.length * 0.99)]! };
}

const input = { rules: DEFAULT_RULES.rules, answers, form: DEFAULT_INTAKE_FORM, treatmentCategory: 'facial' as const, appointmentDate: '2027-06-01' };
const result = screen(input);
console.log(`default rules: ${DEFAULT_RULES.rules.length}; findings for the sample client: ${result.findings.length} (${result.findings.map((f) => f.ruleId).join(', ')})`);

const fmt = ({ p50, p99 }: { p50: number; p99: number }) => `p50 ${p50.toFixed(1)} µs, p99 ${p99.toFixed(1)} µs`;
console.log(`screen(), calendar date:        ${fmt(measure(() => screen(input)))}`);
console.log(`screen(), instant in London:    ${fmt(measure(() => screen({ ...input, appointmentDate: '2027-06-01T09:30:00Z', timeZone: 'Europe/London' })))}`);
const context = { categories: ['facial' as const], today: '2027-05-25' };
const schema = answersSchemaFor(DEFAULT_INTAKE_FORM, context);
console.log(`answers schema, parse only:     ${fmt(measure(() => schema.parse(answers), 100, 50))}`);
console.log(`answers schema, build + parse:  ${fmt(measure(() => answersSchemaFor(DEFAULT_INTAKE_FORM, context).parse(answers), 100, 20))}`);
console.log('Budget: screening adds at most 2 ms (2000 µs) at p50 to a booking.');
