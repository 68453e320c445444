/**
 * The default health questionnaire every clinic starts with (data in the format of
 * `form-definition.ts`). Clinics add their own questions with `extendForm`; they do not
 * edit these, because the default screening rules read these question ids.
 *
 * Written for a phone held in one hand: short questions, choices over typing, a follow-up
 * only when the answer before it calls for one, and help in plain words saying why we ask.
 * Question ids are stable: never rename one or reuse it for a different meaning; add a
 * new question and a new form version instead.
 */

import type { FormDefinition } from './form-definition.ts';

const YES_NO_NOT_SURE = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not-sure', label: 'I’m not sure' },
];

/** Procedures whose dates set an earliest facial treatment date (see the default rules). */
export const COSMETIC_PROCEDURES = [
  { value: 'botox', label: 'Botulinum toxin injections (such as Botox)' },
  { value: 'filler', label: 'Dermal fillers' },
  { value: 'peel', label: 'Chemical peel' },
  { value: 'laser', label: 'Laser treatment or laser resurfacing' },
  { value: 'microneedling', label: 'Microneedling or microdermabrasion' },
  { value: 'facelift', label: 'Face-lift or other facial surgery' },
];

/**
 * The default intake form, version 1. Written in its parsed shape (every default spelled
 * out, keys in the schema's order) so the server does not parse it at every start: a test
 * (default-intake-form.parsed.test.ts) checks that `defineForm` accepts it and changes
 * nothing, key order included (saving a clinic's form compares forms by their JSON).
 */
export const DEFAULT_INTAKE_FORM: FormDefinition = {
  id: 'yintang-intake',
  version: 1,
  title: 'Your health questions',
  sections: [
    {
      id: 'aboutYou',
      title: 'About you',
      intro: 'So we can reach you, your doctor or someone close to you if we ever need to.',
      questions: [
        { id: 'dateOfBirth', label: 'Your date of birth', required: true, kind: 'date', notInFuture: true },
        { id: 'phone', label: 'Your mobile number', required: true, kind: 'shortText', maxLength: 32 },
        { id: 'gpName', label: 'Your GP’s name', help: 'Your family doctor. Leave blank if you don’t know.', required: false, kind: 'shortText', maxLength: 120 },
        { id: 'gpPractice', label: 'Your GP surgery and town', required: false, kind: 'shortText', maxLength: 200 },
        { id: 'emergencyName', label: 'Who should we call in an emergency?', required: true, kind: 'shortText', maxLength: 120 },
        { id: 'emergencyPhone', label: 'Their phone number', required: true, kind: 'shortText', maxLength: 32 },
        { id: 'emergencyRelation', label: 'How do you know them?', help: 'For example partner, parent or friend.', required: false, kind: 'shortText', maxLength: 60 },
      ],
    },
    {
      id: 'health',
      title: 'Your health',
      intro: 'Most people can have treatment. These answers help your practitioner plan it safely.',
      questions: [
        {
          id: 'conditions',
          label: 'Do you have, or have you had, any of these?',
          help: 'Choose all that apply.',
          required: true,
          kind: 'multipleChoice',
          options: [
            { value: 'high-blood-pressure', label: 'High blood pressure' },
            { value: 'heart', label: 'A heart condition' },
            { value: 'cancer', label: 'Cancer, now or in the past' },
            { value: 'immune', label: 'A weakened immune system (for example from chemotherapy or a transplant)' },
            { value: 'migraine', label: 'Migraines' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
        {
          id: 'conditionsDetails',
          label: 'Tell us a little more',
          help: 'When it started and how it is now.',
          required: false,
          showWhen: { all: [{ question: 'conditions', answered: true }, { not: { question: 'conditions', includes: 'none' } }] },
          kind: 'longText',
          maxLength: 1000,
        },
        { id: 'diabetes', label: 'Do you have diabetes?', required: true, kind: 'yesNo' },
        {
          id: 'diabetesControlled',
          label: 'Is it well controlled at the moment?',
          help: 'For example, your doctor or nurse is happy with your recent results.',
          required: true,
          showWhen: { question: 'diabetes', equals: true },
          kind: 'singleChoice',
          options: YES_NO_NOT_SURE,
        },
        { id: 'epilepsy', label: 'Do you have epilepsy or seizures?', required: true, kind: 'yesNo' },
        {
          id: 'epilepsyControlled',
          label: 'Have you been free of seizures for the last 12 months?',
          required: true,
          showWhen: { question: 'epilepsy', equals: true },
          kind: 'singleChoice',
          options: YES_NO_NOT_SURE,
        },
        {
          id: 'implants',
          label: 'Do you have any of these?',
          help: 'Choose all that apply.',
          required: true,
          kind: 'multipleChoice',
          options: [
            { value: 'pacemaker', label: 'A pacemaker or implanted defibrillator' },
            { value: 'heart-valve', label: 'An artificial heart valve' },
            { value: 'electronic', label: 'Another implanted device, such as a nerve stimulator or cochlear implant' },
            { value: 'joint', label: 'A joint replacement or metal plate' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
        {
          id: 'historyOther',
          label: 'Anything else about your health we should know?',
          help: 'Operations, injuries or conditions. Leave blank if nothing.',
          required: false,
          kind: 'longText',
          maxLength: 2000,
        },
      ],
    },
    {
      id: 'medicines',
      title: 'Medicines',
      questions: [
        {
          id: 'bloodThinners',
          label: 'Do you take a medicine that thins your blood?',
          help: 'For example warfarin, apixaban, rivaroxaban, clopidogrel or a daily aspirin from your doctor.',
          required: true,
          kind: 'yesNo',
        },
        {
          id: 'medications',
          label: 'Which medicines do you take?',
          help: 'Include the blood thinner if you take one. Leave empty if none.',
          required: false,
          kind: 'list',
          itemLabel: 'Medicine',
          fields: [
            { id: 'name', label: 'Name', required: true, kind: 'shortText', maxLength: 120 },
            { id: 'dose', label: 'How much and how often', required: false, kind: 'shortText', maxLength: 120 },
          ],
          maxItems: 30,
        },
        {
          id: 'supplements',
          label: 'Do you take any of these supplements?',
          help: 'Some can make bruising more likely.',
          required: false,
          kind: 'multipleChoice',
          options: [
            { value: 'fish-oil', label: 'Fish oil' },
            { value: 'vitamin-e', label: 'Vitamin E' },
            { value: 'ginkgo', label: 'Ginkgo' },
            { value: 'aspirin', label: 'Aspirin you buy yourself' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
      ],
    },
    {
      id: 'pregnancySection',
      title: 'Pregnancy',
      questions: [
        {
          id: 'pregnancy',
          label: 'Are you pregnant, or trying to get pregnant?',
          help: 'Some points are not used in pregnancy, so your practitioner needs to know.',
          required: true,
          kind: 'singleChoice',
          options: [{ value: 'no', label: 'No' }, { value: 'pregnant', label: 'I am pregnant' }, { value: 'trying', label: 'I am trying to get pregnant' }],
        },
        {
          id: 'pregnancyWeeks',
          label: 'How many weeks pregnant are you?',
          help: 'Your best guess is fine.',
          required: true,
          showWhen: { question: 'pregnancy', equals: 'pregnant' },
          kind: 'number',
          unit: 'weeks',
          min: 0,
          max: 45,
          integer: true,
        },
      ],
    },
    {
      id: 'bleedingSection',
      title: 'Bleeding and bruising',
      questions: [
        {
          id: 'bleeding',
          label: 'Do you bleed or bruise easily?',
          required: true,
          kind: 'singleChoice',
          options: [
            { value: 'no', label: 'No' },
            { value: 'bruise-easily', label: 'I bruise easily' },
            { value: 'disorder', label: 'I have haemophilia or another bleeding disorder' },
            { value: 'not-sure', label: 'I’m not sure' },
          ],
        },
      ],
    },
    {
      id: 'skin',
      title: 'Your skin',
      questions: [
        { id: 'skinInfectionNow', label: 'Do you have an infection, cold sore, open wound or broken skin right now?', required: true, kind: 'yesNo' },
        {
          id: 'skinInfectionWhere',
          label: 'Where is it?',
          required: true,
          showWhen: { question: 'skinInfectionNow', equals: true },
          kind: 'multipleChoice',
          options: [{ value: 'face', label: 'On my face or lips' }, { value: 'knee', label: 'On or near my knee' }, { value: 'elsewhere', label: 'Somewhere else' }],
        },
        {
          id: 'skinConditions',
          label: 'Do you have any of these skin conditions?',
          required: true,
          kind: 'multipleChoice',
          options: [
            { value: 'eczema', label: 'Eczema' },
            { value: 'psoriasis', label: 'Psoriasis' },
            { value: 'acne', label: 'Acne' },
            { value: 'rosacea', label: 'Rosacea' },
            { value: 'hives', label: 'Hives or a rash' },
            { value: 'skin-cancer', label: 'Skin cancer, now or in the past' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
        {
          id: 'skinFlareFace',
          label: 'Is it flaring up on your face at the moment?',
          required: true,
          showWhen: { all: [{ question: 'skinConditions', answered: true }, { not: { question: 'skinConditions', includes: 'none' } }] },
          appliesTo: ['facial'],
          kind: 'yesNo',
        },
        { id: 'keloid', label: 'Do your scars tend to grow raised and thick?', help: 'Sometimes called keloid scars.', required: true, kind: 'yesNo' },
      ],
    },
    {
      id: 'needles',
      title: 'Needles and fainting',
      intro: 'Lots of people are nervous of needles. Telling us helps us make you comfortable.',
      appliesTo: ['facial', 'traditional', 'knee'],
      questions: [
        {
          id: 'needleFear',
          label: 'How do you feel about needles?',
          required: true,
          kind: 'singleChoice',
          options: [{ value: 'fine', label: 'I’m fine with them' }, { value: 'a-little', label: 'A little nervous' }, { value: 'very', label: 'Very anxious' }],
        },
        { id: 'fainting', label: 'Have you ever fainted or felt faint with an injection, a blood test or acupuncture?', required: true, kind: 'yesNo' },
      ],
    },
    {
      id: 'allergies',
      title: 'Allergies',
      questions: [
        { id: 'metalAllergy', label: 'Are you allergic to any metal, such as nickel in jewellery?', required: true, kind: 'yesNo' },
        {
          id: 'otherAllergies',
          label: 'Any other allergies?',
          help: 'For example latex, plasters or skin creams. Leave blank if none.',
          required: false,
          kind: 'shortText',
          maxLength: 200,
        },
      ],
    },
    {
      id: 'cosmetic',
      title: 'Recent treatments to your face',
      intro: 'Some treatments need time to settle before facial acupuncture.',
      appliesTo: ['facial'],
      questions: [
        {
          id: 'cosmeticProcedures',
          label: 'Have you had any of these in the last 12 months? If so, when?',
          help: 'Add the date of the most recent one. Leave blank the ones you have not had. A rough date is fine.',
          required: false,
          kind: 'eventDates',
          events: COSMETIC_PROCEDURES,
          notInFuture: true,
        },
      ],
    },
    {
      id: 'facialGoals',
      title: 'Your skin and your goals',
      appliesTo: ['facial'],
      questions: [
        {
          id: 'skinConcerns',
          label: 'What would you most like help with?',
          help: 'Choose all that apply.',
          required: true,
          kind: 'multipleChoice',
          options: [
            { value: 'fine-lines', label: 'Fine lines' },
            { value: 'dryness', label: 'Dry skin' },
            { value: 'tone', label: 'Uneven skin tone' },
            { value: 'puffiness', label: 'Puffiness' },
            { value: 'jaw-tension', label: 'Jaw or face tension' },
            { value: 'dullness', label: 'Tired-looking skin' },
            { value: 'other', label: 'Something else' },
          ],
        },
        { id: 'facialGoalsText', label: 'In your own words, what would you like to change?', required: false, kind: 'longText', maxLength: 1000 },
      ],
    },
    {
      id: 'knee',
      title: 'Your knee',
      appliesTo: ['knee'],
      questions: [
        {
          id: 'kneeSide',
          label: 'Which knee hurts?',
          required: true,
          kind: 'singleChoice',
          options: [{ value: 'left', label: 'Left' }, { value: 'right', label: 'Right' }, { value: 'both', label: 'Both' }],
        },
        {
          id: 'kneeSince',
          label: 'How long has it hurt?',
          required: true,
          kind: 'singleChoice',
          options: [
            { value: 'under-6-weeks', label: 'Less than 6 weeks' },
            { value: '6-weeks-to-3-months', label: '6 weeks to 3 months' },
            { value: '3-to-12-months', label: '3 to 12 months' },
            { value: 'over-a-year', label: 'More than a year' },
          ],
        },
        {
          id: 'kneeStart',
          label: 'How did it start?',
          required: true,
          kind: 'singleChoice',
          options: [{ value: 'injury', label: 'With an injury or a fall' }, { value: 'gradually', label: 'Gradually' }, { value: 'not-sure', label: 'I’m not sure' }],
        },
        {
          id: 'kneeDiagnosis',
          label: 'Has a doctor or physiotherapist told you what it is?',
          help: 'For example osteoarthritis. Leave blank if not.',
          required: false,
          kind: 'shortText',
          maxLength: 200,
        },
        {
          id: 'kneePreviousTreatment',
          label: 'What have you tried for it?',
          required: true,
          kind: 'multipleChoice',
          options: [
            { value: 'painkillers', label: 'Painkillers' },
            { value: 'physiotherapy', label: 'Physiotherapy or exercises' },
            { value: 'injections', label: 'Injections' },
            { value: 'surgery', label: 'Surgery' },
            { value: 'acupuncture', label: 'Acupuncture' },
            { value: 'nothing', label: 'Nothing yet', exclusive: true },
          ],
        },
        {
          id: 'kneeSurgeryDate',
          label: 'When was your knee surgery?',
          help: 'A rough date is fine.',
          required: false,
          showWhen: { question: 'kneePreviousTreatment', includes: 'surgery' },
          kind: 'date',
          notInFuture: true,
        },
      ],
    },
    {
      id: 'injury',
      title: 'Recent injury',
      appliesTo: ['massage', 'knee'],
      questions: [
        {
          id: 'recentInjury',
          label: 'Have you injured the area to be treated in the last week?',
          help: 'For example a sprain, a strain or a knock.',
          required: true,
          kind: 'yesNo',
        },
        { id: 'recentInjuryDate', label: 'When did it happen?', required: true, showWhen: { question: 'recentInjury', equals: true }, kind: 'date', notInFuture: true },
      ],
    },
    {
      id: 'anythingElse',
      title: 'Anything else',
      questions: [{ id: 'anythingElseText', label: 'Is there anything else you would like your practitioner to know?', required: false, kind: 'longText', maxLength: 2000 }],
    },
  ],
};
