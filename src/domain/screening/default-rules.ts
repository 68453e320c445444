/**
 * The default screening rules every clinic starts with, built from
 * /work/shared/reference/contraindications.md ("the reference"), sections 2a (general
 * acupuncture), 2b (facial acupuncture) and 2c (sports massage). Each rule's `source`
 * quotes whom the reference cites and its tag: [V] checked against the source, [C] a
 * common-practice convention. Sources disagree on most of this, so every rule, level and
 * number here is an editable default, not clinical truth.
 *
 * Where the reference gives no number, the rule says so in its source and uses a
 * conservative value, marked "CONSERVATIVE" in a comment beside it.
 *
 * Levels: the reference's STOP maps to `refer`, its REVIEW to `review`, INFO to `note`,
 * and its waiting periods to `wait`. Body acupuncture means `traditional` and `knee`
 * (knee-pain care is acupuncture around the knee); there is no electro-acupuncture
 * category, so electro-acupuncture cautions are review flags telling the practitioner not
 * to use it.
 *
 * These rules read the question ids of `DEFAULT_INTAKE_FORM`; a test checks every rule
 * against that form with `ruleIssuesAgainstForm`.
 */

import type { RuleSet } from './rule.schema.ts';

const REF = 'Reference: contraindications';

/**
 * The default rule set, version 1. Written in its parsed shape (every default spelled out,
 * keys in the schema's order) so the server does not parse it at every start: a test
 * (default-rules.parsed.test.ts) checks that parsing it succeeds and changes nothing.
 */
export const DEFAULT_RULES: RuleSet = {
  version: 1,
  rules: [
    // ── Pregnancy ───────────────────────────────────────────────────────────────────
    {
      id: 'pregnancy-facial',
      title: 'Pregnancy (facial acupuncture)',
      level: 'refer',
      appliesTo: ['facial'],
      when: { question: 'pregnancy', equals: 'pregnant' },
      clientMessage: 'Because you are pregnant, please call us before booking facial acupuncture, so we can talk about what is right for you now.',
      practitionerMessage: 'Pregnant ({answer:pregnancyWeeks}). Facial acupuncture lists treat pregnancy as a contraindication.',
      source: `${REF} 2b: pregnancy is listed as a facial-rejuvenation contraindication by pointofhealingacupuncture.com and aletriscenter.com; UK clinics list pregnancy (acupuncture.jocurle.com; acupuncturetorbay.uk) [V].`,
      enabled: true,
    },
    {
      // CONSERVATIVE: the reference does not separate trimesters. Its table suggests REVIEW
      // for pregnancy, while the McMaster course it cites lists pregnancy as a
      // contraindication to needling; we take the stricter view for the first trimester
      // (up to 13 weeks, the usual obstetric boundary) and when the weeks are not given.
      id: 'pregnancy-first-trimester',
      title: 'Pregnancy, first 13 weeks (acupuncture)',
      level: 'refer',
      appliesTo: ['traditional', 'knee'],
      when: {
        all: [
          { question: 'pregnancy', equals: 'pregnant' },
          { any: [{ question: 'pregnancyWeeks', lessThan: 13 }, { question: 'pregnancyWeeks', answered: false }] },
        ],
      },
      clientMessage: 'Because you are in the early weeks of pregnancy, please call us before booking, so we can talk about when treatment is right for you.',
      practitionerMessage: 'Pregnant, {answer:pregnancyWeeks} (first trimester or weeks not given). Decide whether to treat; avoid LI4, SP6, BL60, BL67, BL31–34 and abdominal points.',
      source: `${REF} 2 and 2a: the McMaster course lists pregnancy as a contraindication to needling (acupuncture.mcmaster.ca) [V]; the table suggests REVIEW with point-level blocks (NHS via dailymail; Sierpina 2005; AACP) [V]. The reference does not split by trimester: refer up to 13 weeks is a conservative default [C].`,
      enabled: true,
    },
    {
      id: 'pregnancy-acupuncture',
      title: 'Pregnancy from 13 weeks (acupuncture)',
      level: 'review',
      appliesTo: ['traditional', 'knee'],
      when: { all: [{ question: 'pregnancy', equals: 'pregnant' }, { question: 'pregnancyWeeks', atLeast: 13 }] },
      clientMessage: 'Thank you for telling us you are pregnant. Your practitioner will choose points that are suitable in pregnancy.',
      practitionerMessage: 'Pregnant, {answer:pregnancyWeeks}. Avoid LI4, SP6, BL60, BL67, BL31–34 and abdominal points; record consent.',
      source: `${REF} 2a, Pregnancy: REVIEW with point-level blocks (LI4, SP6, BL60, BL67, BL31–34; abdominal points). "Generally safe … certain points can't be used" (NHS via dailymail); Sierpina 2005: avoid uterotonic points; AACP avoid-list [V].`,
      enabled: true,
    },
    {
      // CONSERVATIVE: the reference reviews "high-risk pregnancy" for massage; the form
      // does not ask about risk, so every pregnancy is reviewed.
      id: 'pregnancy-massage',
      title: 'Pregnancy (sports massage)',
      level: 'review',
      appliesTo: ['massage'],
      when: { question: 'pregnancy', equals: 'pregnant' },
      clientMessage: 'Thank you for telling us you are pregnant. Your therapist will check with you before the massage that it suits you now.',
      practitionerMessage: 'Pregnant, {answer:pregnancyWeeks}. Ask whether the pregnancy is high-risk before massage.',
      source: `${REF} 2c: review high-risk pregnancy (spencermassage.com/risks-of-massage) [V]. The form does not ask about risk, so all pregnancies are reviewed [C].`,
      enabled: true,
    },
    {
      id: 'trying-to-conceive',
      title: 'Trying to conceive',
      level: 'note',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'pregnancy', equals: 'trying' },
      clientMessage: 'Thank you for telling us you are trying to get pregnant. Please let your practitioner know if that changes.',
      practitionerMessage: 'Trying to conceive: consider early pregnancy when choosing points (LI4, SP6, BL60, BL67, BL31–34, abdominal).',
      source: `${REF} 2a, Pregnancy: point-level blocks (NHS via dailymail; Sierpina 2005; AACP) [V]. Applying them when trying to conceive is a convention [C].`,
      enabled: true,
    },

    // ── Bleeding ────────────────────────────────────────────────────────────────────
    {
      id: 'bleeding-disorder',
      title: 'Haemophilia or another bleeding disorder',
      level: 'refer',
      appliesTo: ['facial', 'traditional', 'knee', 'massage'],
      when: { question: 'bleeding', equals: 'disorder' },
      clientMessage: 'Because you told us about a bleeding disorder, please call us before booking. We may ask you to check with your GP or specialist first.',
      practitionerMessage: 'Bleeding disorder declared. Do not treat without specialist or GP clearance.',
      source: `${REF} 2a, Haemophilia / severe bleeding disorder: STOP (or specialist clearance). "Hemophiliacs and others with severe bleeding disorders should be excluded" (Sierpina 2005); NHS: talk to your GP first [V]. 2c: haemophilia needs GP consent for massage (rebalancesportsmassageltd.co.uk) [V].`,
      enabled: true,
    },
    {
      id: 'bruising-tendency',
      title: 'Bruises easily',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'bleeding', oneOf: ['bruise-easily', 'not-sure'] },
      clientMessage: 'You told us you may bruise easily. Your practitioner will talk with you about bruising (a small bruise where a needle went in) before treatment.',
      practitionerMessage: 'Bruising tendency ({answer:bleeding}). Discuss bruising risk; consider fewer facial points.',
      source: `${REF} 2b, Bleeding/bruising tendency: "Easily bruised including patients on blood thinning medication" (acupuncturetorbay.uk) [V]. "Not sure" is reviewed too [C].`,
      enabled: true,
    },
    {
      id: 'blood-thinners',
      title: 'Blood-thinning medicine',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee', 'massage'],
      when: { question: 'bloodThinners', equals: true },
      clientMessage: 'You told us you take a medicine that thins your blood. That is usually fine; your practitioner will go through it with you before treatment.',
      practitionerMessage: 'On blood thinners ({answer:medications}). Haematoma risk: review case by case; consider GP advice.',
      source: `${REF} 2a, Anticoagulants/antiplatelets: REVIEW. NHS: talk to your GP; Rapson 2008: not a realistic contraindication in their experience; case by case (Sierpina 2005); relative, risk of haematoma (acupuntura.com) [V]. 2b: acupuncturetorbay.uk [V]. 2c: review anticoagulants for massage (spencermassage.com) [V].`,
      enabled: true,
    },
    {
      id: 'bruising-supplements',
      title: 'Supplements that may increase bruising',
      level: 'note',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { any: [{ question: 'supplements', includes: 'fish-oil' }, { question: 'supplements', includes: 'vitamin-e' }, { question: 'supplements', includes: 'ginkgo' }, { question: 'supplements', includes: 'aspirin' }] },
      clientMessage: 'Some supplements can make bruising more likely. Your practitioner may suggest pausing them before facial treatment.',
      practitionerMessage: 'Takes {answer:supplements}. UK facial clinics advise avoiding vitamin E over 800 mg and non-prescribed aspirin for 2 weeks before treatment.',
      source: `${REF} 2a, Bruise-promoting supplements: INFO (aletriscenter.com FRA FAQ); avoid vitamin E >800 mg and non-prescribed aspirin for 2 weeks before treatment (acupuncturetorbay.uk) [V].`,
      enabled: true,
    },

    // ── Recent cosmetic procedures (facial) ──────────────────────────────────────────
    {
      id: 'wait-botox',
      title: 'Recent botulinum toxin',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'botox', days: 28 },
      clientMessage: 'Because you told us you had botulinum toxin (such as Botox) on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Botulinum toxin {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b, Botox: windows seen ≥2 weeks (necolebitchie.com), 4 months in the area (acupuncturetorbay.uk), 90 days (pointofhealingacupuncture.com), 6 months (aletriscenter.com) [V]. The reference's suggested default: 4 weeks, configurable.`,
      enabled: true,
    },
    {
      id: 'wait-filler',
      title: 'Recent dermal filler',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'filler', days: 90 },
      clientMessage: 'Because you told us you had dermal fillers on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Dermal filler {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b, Dermal fillers: 90 days (pointofhealingacupuncture.com) [V]; aesthetic aftercare says ~2 weeks (ashleyaestheticsb.com; visobello.com) [V]. The longer, 90 days, is the default.`,
      enabled: true,
    },
    {
      id: 'wait-laser',
      title: 'Recent laser treatment',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'laser', days: 30 },
      clientMessage: 'Because you told us you had laser treatment on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Laser {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b, Laser resurfacing: 3 weeks (livewelltcm.com; aletriscenter.com) or 30 days (pointofhealingacupuncture.com) [V]. The longer, 30 days, is the default.`,
      enabled: true,
    },
    {
      // CONSERVATIVE: the reference names chemical peels but gives no window for them;
      // the longest window in the same row (30 days) is used.
      id: 'wait-peel',
      title: 'Recent chemical peel',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'peel', days: 30 },
      clientMessage: 'Because you told us you had a chemical peel on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Chemical peel {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b, Laser resurfacing / chemical peel / microdermabrasion: no number given for peels. Conservative default of 30 days, the longest window in that row (pointofhealingacupuncture.com) [C].`,
      enabled: true,
    },
    {
      // CONSERVATIVE: microneedling is not in the reference; microdermabrasion, the
      // nearest procedure it lists, has 1 week (livewelltcm) or 30 days (pointofhealing).
      id: 'wait-microneedling',
      title: 'Recent microneedling or microdermabrasion',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'microneedling', days: 30 },
      clientMessage: 'Because you told us you had microneedling or microdermabrasion on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Microneedling/microdermabrasion {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b: microdermabrasion 1 week (livewelltcm.com) or 30 days (pointofhealingacupuncture.com) [V]. Microneedling itself has no figure in the reference: conservative default of 30 days [C].`,
      enabled: true,
    },
    {
      // CONSERVATIVE: "6 months" expressed as 183 days (the longer half-year).
      id: 'wait-facelift',
      title: 'Recent face-lift or facial surgery',
      level: 'wait',
      appliesTo: ['facial'],
      wait: { question: 'cosmeticProcedures', event: 'facelift', days: 183 },
      clientMessage: 'Because you told us you had facial surgery on {eventDate}, the earliest facial acupuncture we can offer is {earliestDate}. A consultation is fine now.',
      practitionerMessage: 'Face-lift/facial surgery {eventDate}: no facial needling before {earliestDate} ({days} days).',
      source: `${REF} 2b, Face-lift surgery: wait 6 months (pointofhealingacupuncture.com) [V]; 183 days [C].`,
      enabled: true,
    },

    // ── Implants ────────────────────────────────────────────────────────────────────
    {
      id: 'pacemaker',
      title: 'Pacemaker or implanted electrical device',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { any: [{ question: 'implants', includes: 'pacemaker' }, { question: 'implants', includes: 'electronic' }] },
      clientMessage: 'You told us you have an implanted device. Your practitioner will plan treatment around it and will not use electrical stimulation.',
      practitionerMessage: 'Implanted electrical device ({answer:implants}). No electro-acupuncture; manual needling allowed.',
      source: `${REF} 2a, Pacemaker / ICD / implanted electrical device with electroacupuncture: STOP for EA, manual needling allowed. Sierpina & Frenkel 2005; acupuntura.com (ABSOLUTE for EA); Rapson 2008 [V].`,
      enabled: true,
    },
    {
      id: 'heart-valve',
      title: 'Artificial heart valve',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'implants', includes: 'heart-valve' },
      clientMessage: 'You told us you have an artificial heart valve. Your practitioner will go through this with you before treatment.',
      practitionerMessage: 'Mechanical heart valve: endocarditis risk; review before needling.',
      source: `${REF} 2a, Mechanical heart valve / endocarditis risk: REVIEW (acupuncture.mcmaster.ca; acupunctureinmedicine.info) [V].`,
      enabled: true,
    },

    // ── Epilepsy ────────────────────────────────────────────────────────────────────
    {
      id: 'epilepsy-facial',
      title: 'Epilepsy (facial acupuncture)',
      level: 'refer',
      appliesTo: ['facial'],
      when: { question: 'epilepsy', equals: true },
      clientMessage: 'Because you told us about epilepsy or seizures, please call us before booking facial acupuncture, so we can talk about what is right for you.',
      practitionerMessage: 'Epilepsy/seizures (seizure-free 12 months: {answer:epilepsyControlled}). Listed as a facial acupuncture contraindication.',
      source: `${REF} 2b: epilepsy/seizures listed as facial-rejuvenation contraindications by pointofhealingacupuncture.com and aletriscenter.com; UK clinics list epilepsy (acupuncture.jocurle.com; acupuncturetorbay.uk) [V].`,
      enabled: true,
    },
    {
      id: 'epilepsy-uncontrolled',
      title: 'Seizures in the last 12 months (acupuncture)',
      level: 'refer',
      appliesTo: ['traditional', 'knee'],
      when: { all: [{ question: 'epilepsy', equals: true }, { question: 'epilepsyControlled', oneOf: ['no', 'not-sure'] }] },
      clientMessage: 'Because you told us about recent seizures, please call us before booking, so we can talk about what is right for you.',
      practitionerMessage: 'Epilepsy not seizure-free for 12 months ({answer:epilepsyControlled}). Unstable seizures: refer; never electro-acupuncture.',
      source: `${REF} 2a: unstable syncope or seizure: STOP → refer (acupunctureinmedicine.info) [V]; uncontrolled epilepsy + EA: ABSOLUTE (acupuntura.com) [V]. "Seizure-free for 12 months" as the test of control is a convention [C].`,
      enabled: true,
    },
    {
      id: 'epilepsy',
      title: 'Epilepsy, seizure-free (acupuncture)',
      level: 'review',
      appliesTo: ['traditional', 'knee'],
      when: { all: [{ question: 'epilepsy', equals: true }, { question: 'epilepsyControlled', equals: 'yes' }] },
      clientMessage: 'You told us you have epilepsy. Your practitioner will go through this with you before treatment.',
      practitionerMessage: 'Epilepsy, seizure-free 12 months. Review; no electro-acupuncture.',
      source: `${REF} 2a, Epilepsy: REVIEW; uncontrolled epilepsy + EA = STOP (acupuntura.com) [V].`,
      enabled: true,
    },

    // ── Diabetes ────────────────────────────────────────────────────────────────────
    {
      id: 'diabetes-uncontrolled-facial',
      title: 'Diabetes not well controlled (facial acupuncture)',
      level: 'refer',
      appliesTo: ['facial'],
      when: { all: [{ question: 'diabetes', equals: true }, { question: 'diabetesControlled', oneOf: ['no', 'not-sure'] }] },
      clientMessage: 'Because you told us your diabetes may not be well controlled at the moment, please call us before booking facial acupuncture.',
      practitionerMessage: 'Diabetes, control: {answer:diabetesControlled}. Uncontrolled diabetes is listed as a facial contraindication.',
      source: `${REF} 2b: diabetes (uncontrolled) listed as a facial-rejuvenation contraindication by pointofhealingacupuncture.com and aletriscenter.com [V]. "Not sure" treated as not controlled [C].`,
      enabled: true,
    },
    {
      id: 'diabetes',
      title: 'Diabetes',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee', 'massage'],
      when: { question: 'diabetes', equals: true },
      clientMessage: 'You told us you have diabetes. Your practitioner will go through this with you before treatment.',
      practitionerMessage: 'Diabetes (well controlled: {answer:diabetesControlled}). Poor healing/neuropathy: needle limbs with extra care.',
      source: `${REF} 2a, Diabetes / poor healing / neuropathy: REVIEW, "insert needles into your limbs only with extreme caution" (stason.org) [V]. 2c: review diabetes for massage (rebalancesportsmassageltd.co.uk) [V].`,
      enabled: true,
    },

    // ── Skin ────────────────────────────────────────────────────────────────────────
    {
      id: 'skin-infection-face',
      title: 'Infection or broken skin on the face',
      level: 'refer',
      appliesTo: ['facial'],
      when: { all: [{ question: 'skinInfectionNow', equals: true }, { question: 'skinInfectionWhere', includes: 'face' }] },
      clientMessage: 'Because you told us about an infection, cold sore or broken skin on your face, please call us: we will find a date once it has healed.',
      practitionerMessage: 'Active infection/cold sore/broken skin on the face: do not needle the area; defer until resolved.',
      source: `${REF} 2a, Active infection or broken/infected skin at the site: STOP for that site (Rapson 2008; McMaster; NHS) [V]. 2b: active cold sore, defer until resolved (livewelltcm.com; aletriscenter.com) [V].`,
      enabled: true,
    },
    {
      id: 'skin-infection-knee',
      title: 'Infection or broken skin at the knee',
      level: 'refer',
      appliesTo: ['knee'],
      when: { all: [{ question: 'skinInfectionNow', equals: true }, { question: 'skinInfectionWhere', includes: 'knee' }] },
      clientMessage: 'Because you told us about an infection or broken skin near your knee, please call us: we will find a date once it has healed.',
      practitionerMessage: 'Active infection/broken skin at the knee: do not needle the area; defer until resolved.',
      source: `${REF} 2a, Active infection, or broken/infected skin at the site: STOP for that site (Rapson 2008; McMaster; NHS) [V].`,
      enabled: true,
    },
    {
      id: 'skin-infection-avoid-area',
      title: 'Infection or broken skin (avoid the area)',
      level: 'review',
      appliesTo: ['traditional', 'massage'],
      when: { question: 'skinInfectionNow', equals: true },
      clientMessage: 'You told us about an infection or broken skin. Your practitioner will avoid that area.',
      practitionerMessage: 'Active infection/broken skin ({answer:skinInfectionWhere}): avoid the area; defer if it is where you would treat.',
      source: `${REF} 2a: "Local skin infection or breakdown dictates that points in the area … not be used" (Rapson 2008; McMaster; NHS) [V]. 2c: no massage over skin infection or open wounds (rebalancesportsmassageltd.co.uk; nrssportstherapy.co.uk) [V].`,
      enabled: true,
    },
    {
      id: 'skin-infection-note',
      title: 'Infection or broken skin (where)',
      level: 'note',
      appliesTo: ['facial', 'knee'],
      when: { question: 'skinInfectionNow', equals: true },
      clientMessage: 'You told us about an infection or broken skin. Your practitioner will avoid that area.',
      practitionerMessage: 'Active infection/broken skin ({answer:skinInfectionWhere}): avoid the area.',
      source: `${REF} 2a: "Local skin infection or breakdown dictates that points in the area … not be used" (Rapson 2008) [V].`,
      enabled: true,
    },
    {
      id: 'skin-flare-face',
      title: 'Skin condition flaring on the face',
      level: 'review',
      appliesTo: ['facial'],
      when: { question: 'skinFlareFace', equals: true },
      clientMessage: 'You told us a skin condition is flaring on your face. Your practitioner will check your skin and avoid any affected area.',
      practitionerMessage: 'Facial flare of {answer:skinConditions}: avoid affected areas; consider deferring.',
      source: `${REF} 2b, Facial skin disease flare (eczema, hives, rash), active acne cysts at site: avoid the area (pointofhealingacupuncture.com "skin diseases") [V].`,
      enabled: true,
    },
    {
      id: 'skin-cancer-facial',
      title: 'Skin cancer (facial acupuncture)',
      level: 'review',
      appliesTo: ['facial'],
      when: { question: 'skinConditions', includes: 'skin-cancer' },
      clientMessage: 'You told us about skin cancer. Your practitioner will go through this with you before treatment.',
      practitionerMessage: 'Skin cancer, now or past: listed as a facial contraindication by several clinics; review and consider GP advice.',
      source: `${REF} 2b: cancer/skin cancer listed as facial-rejuvenation contraindications (pointofhealingacupuncture.com; aletriscenter.com); UK clinics list skin cancer (acupuncture.jocurle.com; acupuncturetorbay.uk) [V]. Review rather than refer, since "now or in the past" is asked [C].`,
      enabled: true,
    },
    {
      id: 'keloid',
      title: 'Keloid or raised scarring',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'keloid', equals: true },
      clientMessage: 'You told us your scars can grow raised. Your practitioner will talk this through with you before treatment.',
      practitionerMessage: 'Keloid/hypertrophic scarring tendency.',
      source: `${REF} 2b, Keloid / hypertrophic scarring tendency: "No source found this session [C]. Recommend a REVIEW flag."`,
      enabled: true,
    },

    // ── Needles, fainting, allergy, age ─────────────────────────────────────────────
    {
      id: 'needle-fear',
      title: 'Nervous of needles',
      level: 'note',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'needleFear', oneOf: ['a-little', 'very'] },
      clientMessage: 'Lots of people are nervous of needles. Your practitioner will go at your pace and you can stop at any time.',
      practitionerMessage: 'Needle anxiety: {answer:needleFear}.',
      source: `${REF} 2a, Needle phobia: INFO / REVIEW; some patients cannot tolerate acupuncture "because of a needle phobia" (Sierpina 2005) [V].`,
      enabled: true,
    },
    {
      id: 'fainting',
      title: 'Has fainted with needles',
      level: 'note',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'fainting', equals: true },
      clientMessage: 'Please have something to eat beforehand. Your practitioner will treat you lying down.',
      practitionerMessage: 'History of fainting/vasovagal: treat lying down; client to eat beforehand.',
      source: `${REF} 2a, History of fainting / vasovagal: INFO, treat lying down, client to eat beforehand. NHS lists "feeling dizzy or faint"; advice to eat before treatment (acupuncture.jocurle.com) [V].`,
      enabled: true,
    },
    {
      // The brief for this work suggested a note; the reference classes metal allergy as REVIEW.
      id: 'metal-allergy',
      title: 'Metal allergy',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'metalAllergy', equals: true },
      clientMessage: 'You told us you are allergic to a metal. Your practitioner will talk with you about the needles before treatment.',
      practitionerMessage: 'Metal (e.g. nickel) allergy: check needle alloy; case by case.',
      source: `${REF} 2a, Metal allergy (nickel): REVIEW. "Not usually advised if you have a metal allergy" (NHS via dailymail); case by case (Sierpina 2005) [V].`,
      enabled: true,
    },
    {
      id: 'under-18',
      title: 'Under 18',
      level: 'review',
      appliesTo: ['facial', 'traditional', 'knee'],
      when: { question: 'dateOfBirth', ageUnder: 18 },
      clientMessage: 'Because you are under 18, the clinic will check with you before treatment.',
      practitionerMessage: 'Under 18 on the appointment date. Check the clinic’s licence conditions and consent.',
      source: `${REF} 2a, Under 18: REVIEW; a special treatments licence "may not permit you to perform acupuncture on under 18-year olds unless you are a qualified medical professional" (sectorsdonut.co.uk) [V].`,
      enabled: true,
    },

    // ── Sports massage ──────────────────────────────────────────────────────────────
    {
      // CONSERVATIVE: the reference gives 48 h (48–72 h); the upper end, 3 days, is used.
      id: 'wait-acute-injury-massage',
      title: 'Recent injury (sports massage)',
      level: 'wait',
      appliesTo: ['massage'],
      wait: { question: 'recentInjuryDate', days: 3 },
      clientMessage: 'Because you told us you were injured on {eventDate}, the earliest sports massage we can offer is {earliestDate}, once the first few days have passed.',
      practitionerMessage: 'Acute injury {eventDate}: no massage to the area before {earliestDate}.',
      source: `${REF} 2c: do not treat within 48 h (48–72 h) of an acute injury (rebalancesportsmassageltd.co.uk; nrssportstherapy.co.uk) [V]. 3 days is the upper end [C].`,
      enabled: true,
    },
  ],
};
