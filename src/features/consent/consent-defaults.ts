import type { ServiceKind } from '../../domain/treatments/treatments.ts';

/**
 * The consent texts and aftercare advice every clinic starts with, written for Yintang in
 * plain UK English. A clinic edits its own copies; these are version 1 of each consent
 * form and the advice a service has until the owner writes its own.
 */

/** Treatments that need a signed consent before the first one; a consultation does not. */
export const CONSENT_KINDS = ['facial', 'traditional', 'massage', 'knee'] as const satisfies readonly ServiceKind[];
export type ConsentKind = (typeof CONSENT_KINDS)[number];
export const isConsentKind = (kind: string): kind is ConsentKind => (CONSENT_KINDS as readonly string[]).includes(kind);

/**
 * Every consent form: one per kind of treatment, and the separate consent to progress
 * photos, which a client gives (or not) on its own and may withdraw at any time.
 */
export const PHOTO_CONSENT = 'photos' as const;
export const CONSENT_FORMS = [...CONSENT_KINDS, PHOTO_CONSENT] as const;
export type ConsentForm = (typeof CONSENT_FORMS)[number];
export const isConsentForm = (kind: string): kind is ConsentForm => (CONSENT_FORMS as readonly string[]).includes(kind);

export const KIND_LABELS: Record<ServiceKind, string> = {
  consultation: 'Consultation',
  facial: 'Facial acupuncture',
  traditional: 'Acupuncture',
  massage: 'Sports massage',
  knee: 'Knee care',
};

/** The name of each consent form in lists. */
export const FORM_LABELS: Record<ConsentForm, string> = {
  facial: KIND_LABELS.facial, traditional: KIND_LABELS.traditional, massage: KIND_LABELS.massage, knee: KIND_LABELS.knee,
  photos: 'Progress photos',
};

const NEEDLES_COMMON = `## What happens

Your practitioner inserts very fine, single-use, sterile needles at chosen points and
leaves them in place for about 20 to 40 minutes. They are removed and counted before you
leave. You can ask to stop at any time, and we will stop.

## Possible effects

Acupuncture by a qualified practitioner is generally safe, and serious problems are rare.
Some people notice:

- **bruising** (a small bruise where a needle went in), which fades in a few days;
- a little soreness or a pinprick of bleeding at a point;
- feeling tired, relaxed or light-headed for a short while afterwards;
- rarely, **fainting** (more likely if you are hungry, tired or anxious about needles).

## What we need from you

- You have answered the clinic's health questions truthfully and will tell us about any
  change (new medicines, pregnancy, a new diagnosis) before each visit.
- You will tell your practitioner straight away if you feel unwell during a session.
- You understand that acupuncture does not replace advice from your GP, and that results
  vary from person to person: we cannot promise any particular result.`;

/**
 * Joins the soft-wrapped lines of a paragraph or list item, so the texts read well in the
 * owner's editor (the source here is wrapped for reading; Markdown renders both the same).
 */
function unwrap(markdown: string): string {
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    const previous = out[out.length - 1];
    const continues = line.trim() !== '' && !/^\s*(#|[-*+]\s|\d+[.)]\s)/.test(line) && previous !== undefined && previous.trim() !== '' && !previous.startsWith('#');
    if (continues) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line);
  }
  return out.join('\n');
}

const RAW_CONSENT_TEXTS: Record<ConsentForm, { title: string; body: string }> = {
  facial: {
    title: 'Consent to facial acupuncture',
    body: `Facial acupuncture places very fine needles in the face and neck, and usually a few in the
body, to support the skin and your general wellbeing. Many people notice brighter,
calmer-looking skin over a course of sessions; studies are small, and results vary.

${NEEDLES_COMMON}

## Specific to the face

- Small bruises on the face are more visible than elsewhere. Please avoid booking a session
  in the week before an important event.
- If you have had **botulinum toxin (Botox), fillers, a peel, laser or microneedling**
  recently, tell us the date: we may need to wait before treating the face.
- We do not offer facial acupuncture during pregnancy without a conversation first.

## Your agreement

I have read this information, had the chance to ask questions, and agree to receive
facial acupuncture at this clinic. I know I can withdraw my consent at any time.
`,
  },
  traditional: {
    title: 'Consent to acupuncture',
    body: `Acupuncture places very fine needles at points on the body, chosen after your
practitioner has talked with you about your health and what you would like help with.

${NEEDLES_COMMON}

## Your agreement

I have read this information, had the chance to ask questions, and agree to receive
acupuncture at this clinic. I know I can withdraw my consent at any time.
`,
  },
  massage: {
    title: 'Consent to sports massage',
    body: `Sports massage works firmly on muscles and soft tissue to ease tightness and help
recovery. Your therapist will agree the areas to be treated with you first.

## Possible effects

- Muscles may feel tender for a day or two, much like after exercise.
- Occasionally a small bruise appears where pressure was deep.
- Tell your therapist at once if the pressure is too much: we will adjust it.

## What we need from you

- You have told us about any injury, recent surgery, blood-thinning medicine, skin
  condition or pregnancy.
- Sports massage does not replace advice from your GP or physiotherapist.

## Your agreement

I have read this information and agree to receive sports massage at this clinic. I know I
can ask to stop, and withdraw my consent, at any time.
`,
  },
  knee: {
    title: 'Consent to knee care',
    body: `Knee care combines acupuncture around the knee with advice and, where helpful, gentle
soft-tissue work and exercises to do at home. Your practitioner will explain the plan for
your knee before starting.

${NEEDLES_COMMON}

## Specific to the knee

- If your knee becomes hot, very swollen or you cannot put weight on it, stop the
  exercises and call the clinic or NHS 111.
- Knee care complements, and does not replace, care from your GP, physiotherapist or
  surgeon.

## Your agreement

I have read this information, had the chance to ask questions, and agree to receive knee
care at this clinic. I know I can withdraw my consent at any time.
`,
  },
  photos: {
    title: 'Consent to progress photos',
    body: `Photos taken at the start of a course and at later sessions help you and your practitioner
see changes that are easy to miss from week to week. Giving this consent is your choice:
your treatment is the same without it.

## What we do with the photos

- Only you and the practitioners who treat you (and the clinic owner) can see them. They
  are never put on the website, in reviews or in advertising.
- We remove the hidden details a camera stores in a photo, including where it was taken.
- Each time a photo is looked at or added, the clinic's records note who and when.

## Your choice, at any time

You can withdraw this consent at any time, on your progress page or by telling the clinic.
When you do, all your progress photos are deleted straight away and no new ones are taken.

## Your agreement

I agree that the clinic may take and keep progress photos of me, as described above, until
I withdraw this consent.
`,
  },
};

export const DEFAULT_CONSENT_TEXTS = Object.fromEntries(
  Object.entries(RAW_CONSENT_TEXTS).map(([kind, t]) => [kind, { title: t.title, body: unwrap(t.body) }]),
) as Record<ConsentForm, { title: string; body: string }>;

const RAW_AFTERCARE: Partial<Record<ServiceKind, string>> = {
  facial: `## After your facial acupuncture

- **Make-up**: please leave your face free of make-up for at least 3 to 4 hours, so the
  tiny needle points can close.
- **Skin care**: use only gentle cleanser and moisturiser today; avoid exfoliants, retinoids,
  saunas and strong sun for 24 hours.
- **Drink water** and rest if you can; feeling relaxed or a little sleepy is normal.

## If you notice a small bruise

A small bruise where a needle went in is the most common effect. It is harmless and
usually fades within 3 to 7 days. A cold compress in the first few hours helps; arnica
gel may help too. Concealer is fine from the next day.

## When to call us

Call the clinic if a bruise is large or painful, if you see redness or swelling that
spreads, or if you feel unwell. If you have difficulty breathing or chest pain, call 999.
`,
  traditional: `## After your acupuncture

- Rest if you can, drink water and avoid alcohol and very strenuous exercise for the rest
  of the day.
- Feeling relaxed, tired or a little light-headed is normal and passes within hours.
- A small bruise or tender spot at a needle point is harmless and fades in a few days.

## When to call us

Call the clinic if a needle point becomes red, hot or swollen, or if you feel unwell in a
way that worries you. In an emergency, call 999.
`,
  massage: `## After your sports massage

- Drink water and keep gently moving; a warm bath can ease tenderness.
- Muscles may feel sore for 24 to 48 hours, like after a workout. This is normal.
- Avoid a hard training session for the rest of today.

## When to call us

Call the clinic if pain gets worse rather than better after two days, or if you notice
swelling or numbness.
`,
  knee: `## After your knee care

- Keep moving gently; do the exercises your practitioner showed you, within comfort.
- Ice for 10 minutes can ease soreness; avoid long runs or kneeling for the rest of today.
- A small bruise or tenderness at a needle point is harmless and fades in a few days.

## When to call us

Call the clinic if your knee becomes hot, very swollen, or you cannot put weight on it.
Out of hours, call NHS 111.
`,
};

/** Aftercare advice a service of each kind has until the owner writes its own. A consultation has none. */
export const DEFAULT_AFTERCARE: Partial<Record<ServiceKind, string>> = Object.fromEntries(
  Object.entries(RAW_AFTERCARE).map(([kind, text]) => [kind, unwrap(text!)]),
);
