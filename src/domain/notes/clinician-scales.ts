/**
 * Clinician-rated observations a facial note records: the Glogau photo-ageing type and
 * the Wrinkle Severity Rating Scale (WSRS) of each nasolabial fold, left and right rated
 * separately. Published classifications recorded as the practitioner's observation with
 * their citation (see the outcomes reference, licensing section); no reference photographs
 * are shipped. Pure data: labels, a one-line explanation of each grade, and the citation.
 */

export interface ScaleGrade {
  value: string;
  /** Short label shown in the list: the grade and a one-line explanation. */
  label: string;
}

export interface ClinicianScale {
  id: 'glogau' | 'wsrs';
  name: string;
  citation: string;
  grades: readonly ScaleGrade[];
}

export const GLOGAU: ClinicianScale = {
  id: 'glogau',
  name: 'Glogau photo-ageing type',
  citation: 'Glogau RG. Aesthetic and anatomic analysis of the aging skin. Semin Cutan Med Surg 1996;15:134-8.',
  grades: [
    { value: 'I', label: 'Type I, mild: no wrinkles' },
    { value: 'II', label: 'Type II, moderate: wrinkles when the face moves' },
    { value: 'III', label: 'Type III, advanced: wrinkles at rest' },
    { value: 'IV', label: 'Type IV, severe: only wrinkles' },
  ],
};

export const WSRS: ClinicianScale = {
  id: 'wsrs',
  name: 'Wrinkle Severity Rating Scale (WSRS), nasolabial folds',
  citation: 'Day DJ et al. The Wrinkle Severity Rating Scale: a validation study. Am J Clin Dermatol 2004;5:49-52.',
  grades: [
    { value: '1', label: '1, absent: no visible fold' },
    { value: '2', label: '2, mild: shallow, just visible fold' },
    { value: '3', label: '3, moderate: moderately deep fold' },
    { value: '4', label: '4, severe: very long and deep fold' },
    { value: '5', label: '5, extreme: very deep, long fold, overlapping skin' },
  ],
};

/** The note fields holding a scale, and which scale each one uses. */
export const SCALE_FIELDS: Readonly<Record<string, ClinicianScale>> = {
  glogau: GLOGAU,
  foldLeft: WSRS,
  foldRight: WSRS,
};

/** The label of a recorded grade ("III" → "Type III, advanced: wrinkles at rest"); undefined if not a grade of the scale. */
export const gradeLabel = (scale: ClinicianScale, value: string): string | undefined => scale.grades.find((g) => g.value === value)?.label;

/** The scales used by a set of filled-in fields, each once, for a footnote with their citations. */
export function scalesUsed(fields: Readonly<Record<string, string>>): ClinicianScale[] {
  const used: ClinicianScale[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const scale = SCALE_FIELDS[key];
    if (scale && value !== '' && !used.includes(scale)) used.push(scale);
  }
  return used;
}

/** A short footnote naming each scale used, with its citation. */
export const scalesFootnote = (scales: readonly ClinicianScale[]): string =>
  scales.map((s) => `${s.name}: clinician-rated. ${s.citation}`).join('\n');
