/**
 * The consultation record: what the client wants (concerns and goals, first taken from
 * their health questions, then edited by the practitioner), the practitioner's assessment
 * (pattern, tongue, pulse, skin) and the plan proposed. Pure helpers only.
 */

export const CONSULTATION_LIMITS = { concerns: 2000, goals: 2000, pattern: 1000, tongue: 500, pulse: 500, skin: 2000 } as const;
export const CONSULTATION_FIELDS = ['concerns', 'goals', 'pattern', 'tongue', 'pulse', 'skin', 'glogau', 'foldLeft', 'foldRight'] as const;
/** The clinician-rated skin observations (see domain/notes/clinician-scales.ts); '' is "not rated". */
export const GLOGAU_TYPES = ['I', 'II', 'III', 'IV'] as const;
export const WSRS_GRADES = ['1', '2', '3', '4', '5'] as const;
export type ConsultationField = (typeof CONSULTATION_FIELDS)[number];

/** The choices of a multiple-choice question, value → label, as the form defines them. */
export type ChoiceLabels = Readonly<Record<string, string>>;

/**
 * Concerns and goals prefilled from the client's health answers: the skin concerns chosen
 * (by their labels, in the client's order), the knee history, and the goals in their own words.
 */
export function prefillFromAnswers(answers: Readonly<Record<string, unknown>> | null, labels: { skinConcerns: ChoiceLabels; kneeSince: ChoiceLabels }): { concerns: string; goals: string } {
  if (!answers) return { concerns: '', goals: '' };
  const concerns: string[] = [];
  const skin = Array.isArray(answers.skinConcerns) ? answers.skinConcerns.filter((v): v is string => typeof v === 'string') : [];
  if (skin.length > 0) concerns.push(`Skin: ${skin.map((v) => labels.skinConcerns[v] ?? v).join(', ')}`);
  if (typeof answers.kneeSide === 'string') {
    const side = answers.kneeSide === 'both' ? 'Both knees' : `${answers.kneeSide === 'left' ? 'Left' : 'Right'} knee`;
    const since = typeof answers.kneeSince === 'string' ? labels.kneeSince[answers.kneeSince] : undefined;
    concerns.push(`${side} painful${since ? ` (${since.toLowerCase()})` : ''}`);
  }
  if (typeof answers.kneeDiagnosis === 'string' && answers.kneeDiagnosis.trim()) concerns.push(`Diagnosis given: ${answers.kneeDiagnosis.trim()}`);
  const goals = typeof answers.facialGoalsText === 'string' ? answers.facialGoalsText.trim() : '';
  return { concerns: concerns.join('\n'), goals };
}
