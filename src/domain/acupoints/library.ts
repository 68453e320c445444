import type { SourceId } from './sources.ts';

/**
 * The acupoint library: the points clinics use for facial, traditional, knee-pain and
 * sports care, shipped as data. Codes, pinyin and meridians are facts (TARA point
 * tables, WHO 2008 / WHO 1991 codes); locations are our own short paraphrases; uses and
 * cautions each name their source (src/domain/acupoints/sources.ts). Pure data, no I/O.
 */

export const REGIONS = ['face', 'head', 'neck', 'arm', 'hand', 'trunk', 'back', 'leg', 'knee', 'foot'] as const;
export type Region = (typeof REGIONS)[number];
export const REGION_LABELS: Record<Region, string> = {
  face: 'Face', head: 'Head', neck: 'Neck and shoulders', arm: 'Arm', hand: 'Hand', trunk: 'Chest and abdomen',
  back: 'Back', leg: 'Leg', knee: 'Knee', foot: 'Ankle and foot',
};

export const MERIDIANS = [
  'Lung', 'Large Intestine', 'Stomach', 'Spleen', 'Heart', 'Small Intestine', 'Bladder', 'Kidney', 'Pericardium',
  'Triple Energizer', 'Gallbladder', 'Liver', 'Governor Vessel', 'Conception Vessel', 'Extra',
] as const;
export type Meridian = (typeof MERIDIANS)[number];

/** The WHO code prefix of each meridian. */
export const MERIDIAN_PREFIX: Record<Exclude<Meridian, 'Extra'>, string> = {
  Lung: 'LU', 'Large Intestine': 'LI', Stomach: 'ST', Spleen: 'SP', Heart: 'HT', 'Small Intestine': 'SI', Bladder: 'BL',
  Kidney: 'KI', Pericardium: 'PC', 'Triple Energizer': 'TE', Gallbladder: 'GB', Liver: 'LR', 'Governor Vessel': 'GV',
  'Conception Vessel': 'CV',
};

export interface PointUse {
  text: string;
  sources: SourceId[];
}

/**
 * Why a point needs care. `pregnancy`: avoid (or take care) in pregnancy; `orbit`: needling
 * in or by the eye socket; `vessel`: a vessel close by (bruising, bleeding); `nerve`: a
 * nerve close by; `deep`: an organ or the brain stem beneath (depth and angle matter).
 */
export const CAUTION_KINDS = ['pregnancy', 'orbit', 'vessel', 'nerve', 'deep', 'other'] as const;
export type CautionKind = (typeof CAUTION_KINDS)[number];
export interface PointCaution {
  kind: CautionKind;
  text: string;
  sources: SourceId[];
}

export interface LibraryAcupoint {
  /** Stable key: the code when there is one (ST36, EX-HN3), otherwise the pinyin in capitals. */
  id: string;
  /** WHO 2008 code for meridian points, WHO 1991 EX- code for extra points; null when no standard code exists. */
  code: string | null;
  /** Where the code comes from, and anything unsure about it. */
  codeNote: string;
  pinyin: string;
  /** Other names and spellings the point is known by (Cuanzhu, Renzhong, Dubi …), searched too. */
  otherNames: string[];
  english: string;
  meridian: Meridian;
  region: Region;
  /** Where it is, in our own words. */
  location: string;
  /** WHO 2008 gives six "controversial" points a second location. */
  alternativeLocation: string | null;
  uses: PointUse[];
  cautions: PointCaution[];
  /** Sources of the code, pinyin, meridian and English name. */
  nameSources: SourceId[];
  /** Sources of the location. */
  locationSources: SourceId[];
}

interface PointInput {
  pinyin: string;
  english: string;
  region: Region;
  location: string;
  uses?: [string, ...SourceId[]][];
  cautions?: [CautionKind, string, ...SourceId[]][];
  /** Where the English name was seen; practice convention otherwise. */
  englishFrom?: SourceId;
  otherNames?: string[];
  alternativeLocation?: string;
  codeNote?: string;
  meridian?: Meridian;
}

const PREFIX_MERIDIAN = Object.fromEntries(Object.entries(MERIDIAN_PREFIX).map(([m, p]) => [p, m as Meridian]));

/** A point with a standard code; meridian points take their meridian from the code. */
function point(code: string | null, input: PointInput): LibraryAcupoint {
  const extra = code === null || code.startsWith('EX-');
  const meridian = input.meridian ?? (extra ? 'Extra' : PREFIX_MERIDIAN[code.replace(/\d+$/, '')]);
  if (!meridian) throw new Error(`No meridian for ${code}`);
  const codeSource: SourceId = extra ? 'who1991' : 'who2008';
  return {
    id: code ?? input.pinyin.split(' ')[0]!.toUpperCase(),
    code,
    codeNote: input.codeNote ?? (code === null ? 'No standard code.' : extra ? 'Extra point, WHO 1991 nomenclature.' : 'WHO 2008 standard code.'),
    pinyin: input.pinyin,
    otherNames: input.otherNames ?? [],
    english: input.english,
    meridian,
    region: input.region,
    location: input.location,
    alternativeLocation: input.alternativeLocation ?? null,
    uses: (input.uses ?? []).map(([text, ...sources]) => ({ text, sources })),
    cautions: (input.cautions ?? []).map(([kind, text, ...sources]) => ({ kind, text, sources })),
    nameSources: [...new Set<SourceId>(['tara', ...(code ? [codeSource] : []), input.englishFrom ?? 'convention'])],
    locationSources: extra ? ['tara'] : ['who2008', 'tara'],
  };
}

const ORBIT: [CautionKind, string, ...SourceId[]] = ['orbit', 'In the orbit: a high-risk point that needs particular skill and care; many cosmetic protocols leave it out.', 'nzasa'];
const AVOID_IN_PREGNANCY: [CautionKind, string, ...SourceId[]] = ['pregnancy', 'Avoid in pregnancy.', 'aacp'];

export const ACUPOINTS: readonly LibraryAcupoint[] = [
  // Face and head: the points of facial (cosmetic) protocols.
  point('GB14', {
    pinyin: 'Yangbai', english: 'Yang White', englishFrom: 'seirin', region: 'face',
    location: 'On the forehead, 1 cun above the eyebrow, directly above the pupil.',
    uses: [['Horizontal forehead lines; brow lift', 'seirin']],
  }),
  point('EX-HN3', {
    pinyin: 'Yintang', english: 'Hall of Impression', englishFrom: 'seirin', region: 'face',
    location: 'On the midline, midway between the inner ends of the eyebrows.',
    codeNote: 'Extra point, WHO 1991 nomenclature. Some sources list it as GV29 (unverified).', otherNames: ['GV29'],
    uses: [['Frown ("11") lines; calming', 'seirin']],
  }),
  point('BL2', {
    pinyin: 'Zanzhu', otherNames: ['Cuanzhu'], english: 'Gathered Bamboo', englishFrom: 'seirin', region: 'face',
    location: 'In the hollow at the inner end of the eyebrow (the frontal notch).',
    uses: [['Frown lines, heavy brow, eye puffiness', 'seirin', 'drwang', 'trials2021']],
    cautions: [['vessel', 'Supratrochlear vessels close by: bruises easily.', 'convention']],
  }),
  point('EX-HN4', {
    pinyin: 'Yuyao', english: 'Fish Waist', region: 'face',
    location: 'At the middle of the eyebrow, directly above the pupil.',
    uses: [['Brow droop, upper-lid hooding', 'convention']],
  }),
  point('TE23', {
    pinyin: 'Sizhukong', english: 'Silk Bamboo Hollow', englishFrom: 'myacupoint', region: 'face', otherNames: ['SJ23', 'TB23'],
    location: 'In the hollow at the outer end of the eyebrow.',
    uses: [['Crow’s feet, outer brow droop, drooping upper lid', 'drwang', 'trials2021', 'myacupoint']],
  }),
  point('EX-HN5', {
    pinyin: 'Taiyang', english: 'Supreme Yang', region: 'face',
    location: 'In the temple hollow, about one finger-breadth behind the midpoint between the end of the eyebrow and the outer corner of the eye.',
    uses: [['Crow’s feet, hollow temples', 'drwang']],
    cautions: [['vessel', 'Superficial temporal vessels close by: bruises easily.', 'convention']],
  }),
  point('GB1', {
    pinyin: 'Tongziliao', english: 'Pupil Bone-hole', region: 'face',
    location: 'In the hollow 0.5 cun outside the outer corner of the eye.',
    uses: [['Crow’s feet', 'worsley', 'convention']],
  }),
  point('BL1', {
    pinyin: 'Jingming', english: 'Bright Eyes', region: 'face',
    location: 'Just above and inside the inner corner of the eye, against the inner wall of the orbit.',
    uses: [['Eye area, dark circles', 'worsley']],
    cautions: [ORBIT],
  }),
  point('ST1', {
    pinyin: 'Chengqi', english: 'Container of Tears', region: 'face',
    location: 'Directly below the pupil, between the eyeball and the lower rim of the orbit.',
    uses: [['Eye bags, under-eye lines', 'worsley', 'convention']],
    cautions: [ORBIT],
  }),
  point('EX-HN7', {
    pinyin: 'Qiuhou', english: 'Behind the Ball', region: 'face',
    location: 'On the lower rim of the orbit, where its outer quarter meets its inner three quarters.',
    uses: [['Under-eye area', 'convention']],
    cautions: [ORBIT],
  }),
  point('ST2', {
    pinyin: 'Sibai', english: 'Four Whites', region: 'face',
    location: 'In the infra-orbital foramen, below the pupil.',
    uses: [['Eye bags, dark circles, puffiness', 'convention']],
    cautions: [['nerve', 'Infra-orbital nerve and vessels in the foramen: needle shallowly.', 'convention']],
  }),
  point('SI18', {
    pinyin: 'Quanliao', english: 'Cheek Bone Hole', englishFrom: 'myacupoint', region: 'face',
    location: 'Below the cheekbone, directly below the outer corner of the eye.',
    uses: [['Cheek lift; facial puffiness and redness; complexion', 'trials2021', 'myacupoint']],
  }),
  point('ST3', {
    pinyin: 'Juliao', english: 'Great Bone Hole', region: 'face',
    location: 'Directly below the pupil, level with the lower edge of the side of the nose.',
    uses: [['Nasolabial fold, sagging mid-face', 'convention']],
  }),
  point('LI20', {
    pinyin: 'Yingxiang', english: 'Welcome Fragrance', region: 'face',
    location: 'In the nasolabial groove, level with the middle of the outer edge of the nostril.',
    alternativeLocation: 'WHO 2008 also gives a location level with the lower edge of the nostril wing.',
    uses: [['Nasolabial folds', 'trials2021', 'worsley']],
    cautions: [['vessel', 'Facial and angular vessels close by: bruises easily.', 'convention']],
  }),
  point('EX-HN8', {
    pinyin: 'Shangyingxiang', otherNames: ['Bitong'], english: 'Upper Welcome Fragrance', region: 'face',
    location: 'At the upper end of the nasolabial groove, beside the nose.',
    uses: [['Upper nasolabial fold', 'convention']],
  }),
  point('LI19', {
    pinyin: 'Kouheliao', english: 'Mouth Grain Bone-hole', region: 'face',
    location: 'On the upper lip, below the outer edge of the nostril, level with the middle of the philtrum.',
    alternativeLocation: 'WHO 2008 lists LI19 as a point with a second, alternative location.',
    uses: [['Upper-lip ("smoker’s") lines', 'convention']],
  }),
  point('GV26', {
    pinyin: 'Shuigou', otherNames: ['Renzhong'], english: 'Water Trough', region: 'face',
    location: 'In the middle of the philtrum, between the nose and the upper lip.',
    alternativeLocation: 'WHO 2008 lists GV26 as a point with a second, alternative location.',
    uses: [['Upper-lip lines', 'convention']],
    cautions: [['other', 'A painful point: tell the client before needling.', 'convention']],
  }),
  point('ST4', {
    pinyin: 'Dicang', english: 'Earth Granary', region: 'face',
    location: 'About 0.4 cun outside the corner of the mouth.',
    uses: [['Marionette lines, downturned corners of the mouth', 'trials2021']],
  }),
  point('CV24', {
    pinyin: 'Chengjiang', english: 'Container of Fluids', region: 'face',
    location: 'In the centre of the crease between the lower lip and the chin.',
    uses: [['Chin crease, lower-lip lines', 'convention']],
  }),
  point(null, {
    pinyin: 'Jiachengjiang', english: 'Beside Container of Fluids', region: 'face',
    codeNote: 'No WHO code; some US texts call it M-HN-18 (unverified).', otherNames: ['M-HN-18'],
    location: '1 cun to either side of CV24, on the chin.',
    uses: [['Marionette lines, jowls', 'convention']],
  }),
  point('ST5', {
    pinyin: 'Daying', english: 'Great Welcome', region: 'face',
    location: 'In front of the angle of the jaw, at the front edge of the masseter, over the facial artery.',
    uses: [['Jawline definition, jowls', 'convention']],
    cautions: [['vessel', 'Facial artery directly beneath: avoid the artery.', 'convention']],
  }),
  point('ST6', {
    pinyin: 'Jiache', english: 'Jaw Chariot', region: 'face',
    location: 'One finger-breadth above and in front of the angle of the jaw, on the masseter bulge when the teeth are clenched.',
    uses: [['Jowls, jawline, masseter tension and jaw (TMJ) pain', 'drwang']],
  }),
  point('ST7', {
    pinyin: 'Xiaguan', english: 'Below the Joint', region: 'face',
    location: 'In the hollow below the zygomatic arch, in front of the ear (the mandibular notch); the hollow closes when the mouth opens.',
    uses: [['Cheek tone, jaw tension', 'trials2021']],
  }),
  point(null, {
    pinyin: 'Qianzheng', english: 'Pulling Aright', region: 'face',
    location: '0.5 to 1 cun in front of the earlobe, on the cheek.',
    uses: [['Sagging cheeks', 'convention']],
  }),
  point('SI19', {
    pinyin: 'Tinggong', english: 'Palace of Hearing', region: 'face',
    location: 'In the hollow in front of the tragus, found with the mouth slightly open.',
    uses: [['Entry and exit point of the face', 'worsley']],
  }),
  point('TE22', {
    pinyin: 'Erheliao', english: 'Ear Harmony Bone-hole', region: 'face', otherNames: ['SJ22', 'TB22'],
    location: 'On the temple, behind the hairline, in front of the root of the ear.',
    uses: [['Entry and exit point of the face', 'worsley']],
    cautions: [['vessel', 'Superficial temporal artery close by.', 'convention']],
  }),
  point('TE17', {
    pinyin: 'Yifeng', english: 'Wind Screen', region: 'head', otherNames: ['SJ17', 'TB17'],
    location: 'Behind the earlobe, in the hollow in front of the tip of the mastoid.',
    uses: [['Facial tone, jaw', 'drwang']],
    cautions: [['nerve', 'Where the facial nerve leaves the skull: needle gently.', 'convention']],
  }),
  point('GV24', {
    pinyin: 'Shenting', english: 'Spirit Court', region: 'head',
    location: 'On the midline, 0.5 cun inside the front hairline.',
    uses: [['Forehead; calming', 'convention']],
  }),
  point('GV23', {
    pinyin: 'Shangxing', english: 'Upper Star', region: 'head',
    location: 'On the midline, 1 cun inside the front hairline.',
    uses: [['Forehead', 'convention']],
  }),
  point('ST8', {
    pinyin: 'Touwei', english: 'Head Corner', region: 'head',
    location: 'At the corner of the forehead, 0.5 cun inside the hairline and 4.5 cun from the midline.',
    uses: [['Forehead lines, lift', 'convention']],
  }),
  point('GV20', {
    pinyin: 'Baihui', english: 'Hundred Meetings', region: 'head',
    location: 'At the top of the head, on the midline, 5 cun inside the front hairline.',
    uses: [['Constitutional "lifting" point in many facial protocols', 'convention']],
  }),
  point('GB20', {
    pinyin: 'Fengchi', english: 'Wind Pool', region: 'neck',
    location: 'Below the base of the skull, in the hollow between the upper ends of the sternocleidomastoid and trapezius.',
    uses: [['Neck tension, headache', 'trials2021']],
    cautions: [['deep', 'Near the medulla and the vertebral artery: never deep, mind the angle.', 'nzasa']],
  }),
  point('ST9', {
    pinyin: 'Renying', english: 'Man’s Welcome', region: 'neck',
    location: 'Level with the top of the thyroid cartilage, at the front edge of the sternocleidomastoid, over the carotid artery.',
    uses: [['Neck lines', 'convention']],
    cautions: [['vessel', 'Over the carotid artery and baroreceptors: a high-risk point.', 'nzasa']],
  }),
  point('CV23', {
    pinyin: 'Lianquan', english: 'Corner Spring', region: 'neck',
    location: 'On the front midline of the neck, just above the hyoid bone.',
    uses: [['Double chin, neck', 'convention']],
  }),

  // Body points combined with facial work and used in traditional (constitutional) treatment.
  point('LI4', {
    pinyin: 'Hegu', english: 'Joining Valley', region: 'hand',
    location: 'On the back of the hand, beside the middle of the second metacarpal bone, on the thumb side.',
    uses: [['"Command point of the face"', 'drwang', 'trials2021'], ['"Four Gates" with LR3', 'trials2021']],
    cautions: [AVOID_IN_PREGNANCY],
  }),
  point('LI11', {
    pinyin: 'Quchi', english: 'Pool at the Crook', region: 'arm',
    location: 'At the outer end of the elbow crease, with the elbow bent.',
    uses: [['Skin heat, acne', 'drwang', 'convention'], ['Distal point for knee pain', 'ecam2021']],
  }),
  point('ST36', {
    pinyin: 'Zusanli', otherNames: ['Zu San Li'], english: 'Leg Three Miles', englishFrom: 'seirin', region: 'leg',
    location: 'On the front of the lower leg, 3 cun below ST35, one finger-breadth outside the shin (on tibialis anterior).',
    uses: [['Qi and blood; complexion', 'seirin', 'drwang'], ['Knee pain (among the most used points in knee trials)', 'scitepress2022']],
    cautions: [['pregnancy', 'Some sources list it as a point to avoid with electroacupuncture in pregnancy.', 'acupuntura']],
  }),
  point('SP6', {
    pinyin: 'Sanyinjiao', english: 'Three Yin Intersection', englishFrom: 'seirin', region: 'leg',
    location: 'On the inside of the lower leg, 3 cun above the tip of the inner ankle bone, just behind the tibia.',
    uses: [['Blood and yin; skin moisture', 'seirin'], ['Knee pain', 'scitepress2022']],
    cautions: [AVOID_IN_PREGNANCY],
  }),
  point('LR3', {
    pinyin: 'Taichong', english: 'Great Rushing', region: 'foot', otherNames: ['LV3', 'LIV3'],
    location: 'On the top of the foot, in the hollow in front of where the first and second metatarsal bones meet.',
    uses: [['Stress; "Four Gates" with LI4', 'trials2021']],
    cautions: [['vessel', 'Dorsalis pedis artery close by.', 'convention']],
  }),
  point('KI3', {
    pinyin: 'Taixi', english: 'Great Stream', region: 'foot',
    location: 'Behind the inner ankle, in the hollow between the tip of the ankle bone and the Achilles tendon.',
    uses: [['Kidney yin; dark circles and eye bags in TCM terms', 'convention']],
  }),
  point('KI6', {
    pinyin: 'Zhaohai', english: 'Shining Sea', region: 'foot',
    location: '1 cun below the tip of the inner ankle bone.',
    uses: [['Yin and moisture; paired with LU7', 'convention']],
  }),
  point('LU7', {
    pinyin: 'Lieque', english: 'Broken Sequence', region: 'arm',
    location: 'On the thumb side of the forearm, 1.5 cun above the wrist crease.',
    uses: [['Paired with KI6', 'convention']],
  }),
  point('PC6', {
    pinyin: 'Neiguan', english: 'Inner Pass', region: 'arm', otherNames: ['P6'],
    location: 'On the inside of the forearm, 2 cun above the wrist crease, between the two central tendons.',
    uses: [['Nausea, anxiety; for needle-shy or faint-prone clients', 'convention']],
    cautions: [['nerve', 'Median nerve beneath: stop if the client feels an electric sensation.', 'convention']],
  }),
  point('HT7', {
    pinyin: 'Shenmen', english: 'Spirit Gate', region: 'arm',
    location: 'At the little-finger end of the wrist crease, on the thumb side of the flexor carpi ulnaris tendon.',
    uses: [['Calming, sleep', 'convention']],
  }),
  point('CV12', {
    pinyin: 'Zhongwan', english: 'Middle Cavity', region: 'trunk',
    location: 'On the front midline, 4 cun above the navel.',
    uses: [['Digestion, complexion', 'drwang']],
  }),
  point('CV4', {
    pinyin: 'Guanyuan', english: 'Gate of Origin', region: 'trunk',
    location: 'On the front midline, 3 cun below the navel.',
    uses: [['Constitutional treatment', 'drwang']],
    cautions: [['pregnancy', 'Lower abdomen: take care in pregnancy.', 'convention']],
  }),
  point('CV6', {
    pinyin: 'Qihai', english: 'Sea of Qi', region: 'trunk',
    location: 'On the front midline, 1.5 cun below the navel.',
    uses: [['Constitutional treatment', 'convention']],
    cautions: [['pregnancy', 'Lower abdomen: take care in pregnancy.', 'convention']],
  }),
  point('ST25', {
    pinyin: 'Tianshu', english: 'Heavenly Pivot', region: 'trunk',
    location: '2 cun to either side of the navel.',
    uses: [['Acne with constipation', 'convention']],
  }),
  point('ST40', {
    pinyin: 'Fenglong', english: 'Abundant Bulge', region: 'leg',
    location: 'On the outside of the lower leg, 8 cun above the tip of the outer ankle bone, at the outer edge of tibialis anterior.',
    uses: [['Damp and phlegm; "puffiness"', 'convention']],
  }),
  point('ST44', {
    pinyin: 'Neiting', english: 'Inner Courtyard', region: 'foot',
    location: 'On the top of the foot, at the web between the second and third toes.',
    uses: [['Stomach-heat acne', 'convention']],
  }),
  point('SP7', {
    pinyin: 'Lougu', english: 'Leaking Valley', region: 'leg',
    location: 'On the inside of the lower leg, 6 cun above the tip of the inner ankle bone, just behind the tibia.',
    uses: [['Assist point in a wrinkle protocol', 'drwang']],
  }),
  point('BL18', {
    pinyin: 'Ganshu', english: 'Liver Shu', region: 'back',
    location: '1.5 cun to either side of the lower border of the 9th thoracic vertebra.',
    uses: [['Back-shu point in a wrinkle protocol', 'seirin']],
    cautions: [['deep', 'Over the lung: needling deep risks a pneumothorax.', 'convention']],
  }),
  point('BL20', {
    pinyin: 'Pishu', english: 'Spleen Shu', region: 'back',
    location: '1.5 cun to either side of the lower border of the 11th thoracic vertebra.',
    uses: [['Back-shu point in a wrinkle protocol', 'seirin']],
    cautions: [['deep', 'Over the lung: needling deep risks a pneumothorax.', 'convention']],
  }),
  point('BL21', {
    pinyin: 'Weishu', english: 'Stomach Shu', region: 'back',
    location: '1.5 cun to either side of the lower border of the 12th thoracic vertebra.',
    uses: [['Assist point in a wrinkle protocol', 'drwang']],
    cautions: [['deep', 'Near the lung and kidney: needle obliquely, not deep.', 'convention']],
  }),
  point('BL23', {
    pinyin: 'Shenshu', english: 'Kidney Shu', region: 'back',
    location: '1.5 cun to either side of the lower border of the spinous process of the 2nd lumbar vertebra.',
    uses: [['Back-shu point in a wrinkle protocol', 'seirin'], ['Lower back pain', 'convention']],
  }),
  point('BL60', {
    pinyin: 'Kunlun', english: 'Kunlun Mountains', region: 'foot',
    location: 'Behind the outer ankle, in the hollow between the tip of the ankle bone and the Achilles tendon.',
    uses: [['Ankle and lower back pain', 'convention']],
    cautions: [AVOID_IN_PREGNANCY],
  }),
  point('BL67', {
    pinyin: 'Zhiyin', english: 'Reaching Yin', region: 'foot',
    location: 'On the little toe, just beside the outer corner of the nail.',
    uses: [['Traditionally used for the position of the baby (by specialists only)', 'convention']],
    cautions: [AVOID_IN_PREGNANCY],
  }),
  ...([['BL31', 'Shangliao', 'Upper Bone-hole', 'first'], ['BL32', 'Ciliao', 'Second Bone-hole', 'second'], ['BL33', 'Zhongliao', 'Middle Bone-hole', 'third'], ['BL34', 'Xialiao', 'Lower Bone-hole', 'fourth']] as const)
    .map(([code, pinyin, english, nth]) => point(code, {
      pinyin, english, region: 'back', otherNames: ['Baliao'],
      location: `In the ${nth} sacral foramen.`,
      uses: [['Lower back and pelvic pain', 'convention']],
      cautions: [['pregnancy', 'Sacral foramen point: avoid in pregnancy.', 'aacp']],
    })),

  // Knee-pain points (the most used in knee-osteoarthritis trials, and their neighbours).
  point('ST35', {
    pinyin: 'Dubi', english: 'Calf’s Nose', region: 'knee', otherNames: ['Lateral Xiyan', 'Waixiyan'],
    location: 'With the knee bent, in the hollow on the outer side of the patellar ligament.',
    uses: [['Knee pain: the most used point in knee trials', 'scitepress2022']],
  }),
  point('EX-LE4', {
    pinyin: 'Neixiyan', english: 'Inner Eye of the Knee', region: 'knee', otherNames: ['Medial Xiyan'],
    location: 'With the knee bent, in the hollow on the inner side of the patellar ligament.',
    uses: [['Knee pain', 'scitepress2022']],
  }),
  point('EX-LE5', {
    pinyin: 'Xiyan', english: 'Eyes of the Knee', region: 'knee',
    location: 'The pair of hollows either side of the patellar ligament, with the knee bent: EX-LE4 inside and ST35 outside.',
    uses: [['Knee pain; needled as a pair', 'tara', 'scitepress2022']],
  }),
  point('EX-LE2', {
    pinyin: 'Heding', english: 'Crane’s Summit', region: 'knee',
    location: 'In the hollow at the middle of the upper border of the kneecap.',
    uses: [['Knee pain (proximal point)', 'ecam2021', 'scitepress2022']],
  }),
  point('EX-LE3', {
    pinyin: 'Baichongwo', english: 'Hundred Insect Burrow', region: 'knee',
    codeNote: 'Extra point; its EX- code is unverified.',
    location: '1 cun above SP10, on the inner thigh above the knee.',
    uses: [['Itchy skin conditions', 'convention']],
  }),
  point('SP10', {
    pinyin: 'Xuehai', english: 'Sea of Blood', englishFrom: 'seirin', region: 'knee',
    location: '2 cun above the upper inner corner of the kneecap, on the bulge of vastus medialis.',
    uses: [['Skin conditions, acne, pigmentation', 'seirin'], ['Knee pain', 'scitepress2022']],
  }),
  point('SP9', {
    pinyin: 'Yinlingquan', english: 'Yin Mound Spring', region: 'knee',
    location: 'Below the inner condyle of the tibia, in the hollow at the inner edge of the shin bone.',
    uses: [['Knee pain (proximal point)', 'ecam2021', 'scitepress2022'], ['Damp, swelling', 'convention']],
  }),
  point('GB34', {
    pinyin: 'Yanglingquan', english: 'Yang Mound Spring', region: 'knee',
    location: 'On the outside of the lower leg, in the hollow in front of and below the head of the fibula.',
    uses: [['Knee pain (proximal point)', 'ecam2021', 'scitepress2022'], ['Tendons and muscle tension', 'convention']],
    cautions: [['nerve', 'Common peroneal nerve close by.', 'convention']],
  }),
  point('ST34', {
    pinyin: 'Liangqiu', english: 'Ridge Mound', region: 'knee',
    location: '2 cun above the upper outer corner of the kneecap, between vastus lateralis and the rectus femoris tendon.',
    uses: [['Knee pain', 'scitepress2022']],
  }),
  point('GB33', {
    pinyin: 'Xiyangguan', english: 'Knee Yang Gate', region: 'knee',
    location: 'On the outside of the knee, above the outer femoral epicondyle, between the biceps femoris tendon and the iliotibial band.',
    uses: [['Knee pain', 'scitepress2022']],
  }),
  point('LR8', {
    pinyin: 'Ququan', english: 'Spring at the Crook', region: 'knee', otherNames: ['LV8', 'LIV8'],
    location: 'At the inner end of the crease behind the knee, in front of the semitendinosus and semimembranosus tendons.',
    uses: [['Knee pain', 'convention']],
  }),
  point('KI10', {
    pinyin: 'Yingu', english: 'Yin Valley', region: 'knee',
    location: 'In the crease behind the knee, on the outer side of the semitendinosus tendon.',
    uses: [['Knee pain', 'convention']],
  }),
  point('BL40', {
    pinyin: 'Weizhong', english: 'Bend Middle', region: 'knee',
    location: 'At the middle of the crease behind the knee.',
    uses: [['Knee and lower back pain', 'convention']],
    cautions: [['vessel', 'Popliteal artery beneath: needle shallowly.', 'convention']],
  }),
  point('HT3', {
    pinyin: 'Shaohai', english: 'Lesser Sea', region: 'arm',
    location: 'With the elbow bent, at the inner end of the elbow crease, in front of the inner epicondyle.',
    uses: [['Distal point for knee pain', 'ecam2021']],
  }),
  point('TE10', {
    pinyin: 'Tianjing', english: 'Heavenly Well', region: 'arm', otherNames: ['SJ10', 'TB10'],
    location: 'On the back of the upper arm, in the hollow 1 cun above the tip of the elbow (olecranon).',
    uses: [['Distal point for knee pain', 'ecam2021']],
  }),

  // Sports care: points of the neck, shoulder, hip and calf.
  point('GB21', {
    pinyin: 'Jianjing', english: 'Shoulder Well', region: 'neck',
    location: 'On the top of the shoulder, midway between the 7th cervical vertebra and the tip of the acromion.',
    uses: [['Neck and shoulder tension', 'convention']],
    cautions: [
      ['pregnancy', 'Traditionally avoided in pregnancy.', 'convention'],
      ['deep', 'Over the top of the lung: needling deep risks a pneumothorax.', 'convention'],
    ],
  }),
  point('LI15', {
    pinyin: 'Jianyu', english: 'Shoulder Bone', region: 'arm',
    location: 'In the front hollow below the acromion, seen when the arm is raised to the side.',
    uses: [['Shoulder pain and stiffness', 'convention']],
  }),
  point('SI11', {
    pinyin: 'Tianzong', english: 'Heavenly Gathering', region: 'back',
    location: 'In the middle of the shoulder blade, in the hollow below its spine (the infraspinous fossa).',
    uses: [['Shoulder-blade pain', 'convention']],
  }),
  point('GB30', {
    pinyin: 'Huantiao', english: 'Jumping Circle', region: 'back',
    location: 'On the buttock, one third of the way from the greater trochanter to the sacral hiatus.',
    alternativeLocation: 'WHO 2008 lists GB30 as a point with a second, alternative location.',
    uses: [['Hip and buttock pain, sciatica', 'convention']],
    cautions: [['nerve', 'Sciatic nerve beneath: stop if the client feels an electric sensation.', 'convention']],
  }),
  point('BL57', {
    pinyin: 'Chengshan', english: 'Mountain Support', region: 'leg',
    location: 'On the back of the calf, in the hollow where the two bellies of gastrocnemius meet the tendon.',
    uses: [['Calf cramps and tight calves', 'convention']],
  }),
];

/** The library point with this id, if there is one. */
export const acupointById = (id: string): LibraryAcupoint | undefined => ACUPOINTS.find((p) => p.id === id);

/** Does a point carry a pregnancy caution? */
export const hasPregnancyCaution = (p: { cautions: readonly { kind: CautionKind }[] }) => p.cautions.some((c) => c.kind === 'pregnancy');
