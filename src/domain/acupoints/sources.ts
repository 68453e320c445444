/**
 * Where the facts of the point library come from (see the reference notes the library was
 * built from). Every name, location, use and caution of a library point names one of these.
 * Locations are our own short paraphrases, never quotations of copyrighted text.
 */
export interface AcupointSource {
  id: SourceId;
  /** A short label for a list ("NZASA Code of Safe Practice"). */
  label: string;
  /** Where to read it; null for practice convention, which has no single source. */
  url: string | null;
  /** What it is and how far it was checked. */
  note: string;
}

export const SOURCE_IDS = [
  'tara', 'who2008', 'who1991', 'seirin', 'drwang', 'trials2021', 'worsley', 'myacupoint',
  'convention', 'nzasa', 'aacp', 'acupuntura', 'scitepress2022', 'ecam2021',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const SOURCES: Record<SourceId, AcupointSource> = {
  tara: {
    id: 'tara', label: 'TARA ontology point tables (codes, pinyin, meridians)',
    url: 'https://github.com/smtifahim/TARA-Ontology-Repository',
    note: 'Codes, pinyin and meridians used as facts; the location text itself is not copied. Checked.',
  },
  who2008: {
    id: 'who2008', label: 'WHO Standard Acupuncture Point Locations in the Western Pacific Region (2008)',
    url: null,
    note: 'The 361 meridian points and their standard codes; locations here are our own paraphrase. Six points (LI19, LI20, PC8, PC9, GB30, GV26) have an alternative WHO location.',
  },
  who1991: {
    id: 'who1991', label: 'WHO Standard International Acupuncture Nomenclature (1991)',
    url: null,
    note: 'Source of the EX- codes of the extra points (EX-HN3 Yintang and others). Some EX codes are unverified.',
  },
  seirin: {
    id: 'seirin', label: 'Seirin PyonEx: wrinkles protocol',
    url: 'https://global.seirin.jp/pyonex/clinical-application/w_wrinkles.html',
    note: 'Facial wrinkle protocol and English point names. Checked.',
  },
  drwang: {
    id: 'drwang', label: "Dr Wang's clinic (UK): acupuncture and skin health",
    url: 'http://drwangs.co.uk/acupunctureandskinhealth.html',
    note: 'Wrinkle protocol: major points and assist points.',
  },
  trials2021: {
    id: 'trials2021', label: 'Trials (2021): facial-muscle trial protocol',
    url: 'https://trialsjournal.biomedcentral.com/articles/10.1186/s13063-021-05696-6/tables/1',
    note: 'Thread embedding after facial palsy: GB20, LI4, LR3, GB12, ST7, SI18, LI20, BL2, TE23, ST4.',
  },
  worsley: {
    id: 'worsley', label: 'Worsley-style entry and exit face points',
    url: 'https://yongniantaichiusa.com/cosmetic-acupuncture',
    note: 'BL1, GB1, ST1, SI19, LI20, TE22.',
  },
  myacupoint: {
    id: 'myacupoint', label: 'myacupoint articles (SI18, TE23)',
    url: 'https://www.myacupoint.com/si-zhu-kong-a-holistic-solution-for-signs-of-aging-around-the-eyes/',
    note: 'SI18 for puffiness, redness and complexion; TE23 for crow’s feet and a drooping upper lid.',
  },
  convention: {
    id: 'convention', label: 'Practice convention',
    url: null,
    note: 'Common practice with no single source: an editable default, not clinical truth.',
  },
  nzasa: {
    id: 'nzasa', label: 'NZASA Code of Safe Practice for acupuncturists',
    url: 'http://www.readbag.com/nzasa-files-nzasa-codes-of-safe-practice-for-acupuncturists',
    note: 'Vulnerable points needing skill and care: the orbit and neck points over great vessels, baroreceptors, spinal cord and brain stem. Checked.',
  },
  aacp: {
    id: 'aacp', label: 'AACP Guidelines for Safe Practice (2012), acupuncture in pregnancy',
    url: 'https://documents.pub/document/aacp-guidelines-for-safe-practice-for-aacp-guidelines-for-safe-practice-acupuncture.html',
    note: 'Avoid LI4, SP6, BL60, BL67 and the sacral foramen points BL31–BL34 in pregnancy. Checked.',
  },
  acupuntura: {
    id: 'acupuntura', label: 'acupuntura.com (pregnancy points)',
    url: null,
    note: 'Lists ST36 as a pregnancy point for electroacupuncture. Not checked.',
  },
  scitepress2022: {
    id: 'scitepress2022', label: 'Yu & Te Kian Keong (2022): points in 569 knee-osteoarthritis trials',
    url: 'https://www.scitepress.org/PublishedPapers/2022/112336/pdf/index.html',
    note: 'Most used knee points: ST35, EX-LE4, SP10, GB34, ST34, ST36, SP9, EX-LE2. Checked.',
  },
  ecam2021: {
    id: 'ecam2021', label: 'Evid Based Complement Alternat Med 2021:4827123 (distal vs proximal knee points)',
    url: 'https://preview.hindawi.com/journals/ecam/2021/4827123/tab1',
    note: 'Proximal group GB34, SP9, EX-LE2; distal group LI11, HT3, TE10. Checked.',
  },
};
