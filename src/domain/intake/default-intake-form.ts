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

import { defineForm } from './form-definition.ts';

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

/** The default intake form, version 1. */
export const DEFAULT_INTAKE_FORM = defineForm({
  id: 'yintang-intake',
  version: 1,
  title: 'Your health questions',
  sections: [
    {
      id: 'aboutYou',
      title: 'About you',
      intro: 'So we can reach you, your doctor or someone close to you if we ever need to.',
      questions: [
        { id: 'dateOfBirth', kind: 'date', label: 'Your date of birth', notInFuture: true, required: true },
        { id: 'phone', kind: 'shortText', label: 'Your mobile number', maxLength: 32, required: true },
        { id: 'gpName', kind: 'shortText', label: 'Your GP’s name', help: 'Your family doctor. Leave blank if you don’t know.', maxLength: 120 },
        { id: 'gpPractice', kind: 'shortText', label: 'Your GP surgery and town', maxLength: 200 },
        { id: 'emergencyName', kind: 'shortText', label: 'Who should we call in an emergency?', maxLength: 120, required: true },
        { id: 'emergencyPhone', kind: 'shortText', label: 'Their phone number', maxLength: 32, required: true },
        { id: 'emergencyRelation', kind: 'shortText', label: 'How do you know them?', help: 'For example partner, parent or friend.', maxLength: 60 },
      ],
    },
    {
      id: 'health',
      title: 'Your health',
      intro: 'Most people can have treatment. These answers help your practitioner plan it safely.',
      questions: [
        {
          id: 'conditions',
          kind: 'multipleChoice',
          label: 'Do you have, or have you had, any of these?',
          help: 'Choose all that apply.',
          required: true,
          options: [
            { value: 'high-blood-pressure', label: 'High blood pressure' },
            { value: 'heart', label: 'A heart condition' },
            { value: 'cancer', label: 'Cancer, now or in the past' },
            { value: 'immune', label: 'A weakened immune system (for example from chemotherapy or a transplant)' },
            { value: 'migraine', label: 'Migraines' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
        { id: 'conditionsDetails', kind: 'longText', label: 'Tell us a little more', help: 'When it started and how it is now.', maxLength: 1000, showWhen: { all: [{ question: 'conditions', answered: true }, { not: { question: 'conditions', includes: 'none' } }] } },
        { id: 'diabetes', kind: 'yesNo', label: 'Do you have diabetes?', required: true },
        { id: 'diabetesControlled', kind: 'singleChoice', label: 'Is it well controlled at the moment?', help: 'For example, your doctor or nurse is happy with your recent results.', options: YES_NO_NOT_SURE, required: true, showWhen: { question: 'diabetes', equals: true } },
        { id: 'epilepsy', kind: 'yesNo', label: 'Do you have epilepsy or seizures?', required: true },
        { id: 'epilepsyControlled', kind: 'singleChoice', label: 'Have you been free of seizures for the last 12 months?', options: YES_NO_NOT_SURE, required: true, showWhen: { question: 'epilepsy', equals: true } },
        {
          id: 'implants',
          kind: 'multipleChoice',
          label: 'Do you have any of these?',
          help: 'Choose all that apply.',
          required: true,
          options: [
            { value: 'pacemaker', label: 'A pacemaker or implanted defibrillator' },
            { value: 'heart-valve', label: 'An artificial heart valve' },
            { value: 'electronic', label: 'Another implanted device, such as a nerve stimulator or cochlear implant' },
            { value: 'joint', label: 'A joint replacement or metal plate' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        },
        { id: 'historyOther', kind: 'longText', label: 'Anything else about your health we should know?', help: 'Operations, injuries or conditions. Leave blank if nothing.', maxLength: 2000 },
      ],
    },
    {
      id: 'medicines',
      title: 'Medicines',
      questions: [
        {
          id: 'bloodThinners',
          kind: 'yesNo',
          label: 'Do you take a medicine that thins your blood?',
          help: 'For example warfarin, apixaban, rivaroxaban, clopidogrel or a daily aspirin from your doctor.',
          required: true,
        },
        {
          id: 'medications',
          kind: 'list',
          label: 'Which medicines do you take?',
          help: 'Include the blood thinner if you take one. Leave empty if none.',
          itemLabel: 'Medicine',
          maxItems: 30,
          fields: [
            { id: 'name', kind: 'shortText', label: 'Name', maxLength: 120, required: true },
            { id: 'dose', kind: 'shortText', label: 'How much and how often', maxLength: 120 },
          ],
        },
        {
          id: 'supplements',
          kind: 'multipleChoice',
          label: 'Do you take any of these supplements?',
          help: 'Some can make bruising more likely.',
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
          kind: 'singleChoice',
          label: 'Are you pregnant, or trying to get pregnant?',
          help: 'Some points are not used in pregnancy, so your practitioner needs to know.',
          required: true,
          options: [
            { value: 'no', label: 'No' },
            { value: 'pregnant', label: 'I am pregnant' },
            { value: 'trying', label: 'I am trying to get pregnant' },
          ],
        },
        { id: 'pregnancyWeeks', kind: 'number', label: 'How many weeks pregnant are you?', help: 'Your best guess is fine.', unit: 'weeks', min: 0, max: 45, required: true, showWhen: { question: 'pregnancy', equals: 'pregnant' } },
      ],
    },
    {
      id: 'bleedingSection',
      title: 'Bleeding and bruising',
      questions: [
        {
          id: 'bleeding',
          kind: 'singleChoice',
          label: 'Do you bleed or bruise easily?',
          required: true,
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
        { id: 'skinInfectionNow', kind: 'yesNo', label: 'Do you have an infection, cold sore, open wound or broken skin right now?', required: true },
        {
          id: 'skinInfectionWhere',
          kind: 'multipleChoice',
          label: 'Where is it?',
          required: true,
          showWhen: { question: 'skinInfectionNow', equals: true },
          options: [
            { value: 'face', label: 'On my face or lips' },
            { value: 'knee', label: 'On or near my knee' },
            { value: 'elsewhere', label: 'Somewhere else' },
          ],
        },
        {
          id: 'skinConditions',
          kind: 'multipleChoice',
          label: 'Do you have any of these skin conditions?',
          required: true,
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
          kind: 'yesNo',
          label: 'Is it flaring up on your face at the moment?',
          required: true,
          appliesTo: ['facial'],
          showWhen: { all: [{ question: 'skinConditions', answered: true }, { not: { question: 'skinConditions', includes: 'none' } }] },
        },
        { id: 'keloid', kind: 'yesNo', label: 'Do your scars tend to grow raised and thick?', help: 'Sometimes called keloid scars.', required: true },
      ],
    },
    {
      id: 'needles',
      title: 'Needles and fainting',
      appliesTo: ['facial', 'traditional', 'knee'],
      intro: 'Lots of people are nervous of needles. Telling us helps us make you comfortable.',
      questions: [
        {
          id: 'needleFear',
          kind: 'singleChoice',
          label: 'How do you feel about needles?',
          required: true,
          options: [
            { value: 'fine', label: 'I’m fine with them' },
            { value: 'a-little', label: 'A little nervous' },
            { value: 'very', label: 'Very anxious' },
          ],
        },
        { id: 'fainting', kind: 'yesNo', label: 'Have you ever fainted or felt faint with an injection, a blood test or acupuncture?', required: true },
      ],
    },
    {
      id: 'allergies',
      title: 'Allergies',
      questions: [
        { id: 'metalAllergy', kind: 'yesNo', label: 'Are you allergic to any metal, such as nickel in jewellery?', required: true },
        { id: 'otherAllergies', kind: 'shortText', label: 'Any other allergies?', help: 'For example latex, plasters or skin creams. Leave blank if none.', maxLength: 200 },
      ],
    },
    {
      id: 'cosmetic',
      title: 'Recent treatments to your face',
      appliesTo: ['facial'],
      intro: 'Some treatments need time to settle before facial acupuncture.',
      questions: [
        {
          id: 'cosmeticProcedures',
          kind: 'eventDates',
          label: 'Have you had any of these in the last 12 months? If so, when?',
          help: 'Add the date of the most recent one. Leave blank the ones you have not had. A rough date is fine.',
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
          kind: 'multipleChoice',
          label: 'What would you most like help with?',
          help: 'Choose all that apply.',
          required: true,
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
        { id: 'facialGoalsText', kind: 'longText', label: 'In your own words, what would you like to change?', maxLength: 1000 },
      ],
    },
    {
      id: 'knee',
      title: 'Your knee',
      appliesTo: ['knee'],
      questions: [
        {
          id: 'kneeSide',
          kind: 'singleChoice',
          label: 'Which knee hurts?',
          required: true,
          options: [
            { value: 'left', label: 'Left' },
            { value: 'right', label: 'Right' },
            { value: 'both', label: 'Both' },
          ],
        },
        {
          id: 'kneeSince',
          kind: 'singleChoice',
          label: 'How long has it hurt?',
          required: true,
          options: [
            { value: 'under-6-weeks', label: 'Less than 6 weeks' },
            { value: '6-weeks-to-3-months', label: '6 weeks to 3 months' },
            { value: '3-to-12-months', label: '3 to 12 months' },
            { value: 'over-a-year', label: 'More than a year' },
          ],
        },
        {
          id: 'kneeStart',
          kind: 'singleChoice',
          label: 'How did it start?',
          required: true,
          options: [
            { value: 'injury', label: 'With an injury or a fall' },
            { value: 'gradually', label: 'Gradually' },
            { value: 'not-sure', label: 'I’m not sure' },
          ],
        },
        { id: 'kneeDiagnosis', kind: 'shortText', label: 'Has a doctor or physiotherapist told you what it is?', help: 'For example osteoarthritis. Leave blank if not.', maxLength: 200 },
        {
          id: 'kneePreviousTreatment',
          kind: 'multipleChoice',
          label: 'What have you tried for it?',
          required: true,
          options: [
            { value: 'painkillers', label: 'Painkillers' },
            { value: 'physiotherapy', label: 'Physiotherapy or exercises' },
            { value: 'injections', label: 'Injections' },
            { value: 'surgery', label: 'Surgery' },
            { value: 'acupuncture', label: 'Acupuncture' },
            { value: 'nothing', label: 'Nothing yet', exclusive: true },
          ],
        },
        { id: 'kneeSurgeryDate', kind: 'date', label: 'When was your knee surgery?', help: 'A rough date is fine.', notInFuture: true, showWhen: { question: 'kneePreviousTreatment', includes: 'surgery' } },
      ],
    },
    {
      id: 'injury',
      title: 'Recent injury',
      appliesTo: ['massage', 'knee'],
      questions: [
        { id: 'recentInjury', kind: 'yesNo', label: 'Have you injured the area to be treated in the last week?', help: 'For example a sprain, a strain or a knock.', required: true },
        { id: 'recentInjuryDate', kind: 'date', label: 'When did it happen?', notInFuture: true, required: true, showWhen: { question: 'recentInjury', equals: true } },
      ],
    },
    {
      id: 'anythingElse',
      title: 'Anything else',
      questions: [{ id: 'anythingElseText', kind: 'longText', label: 'Is there anything else you would like your practitioner to know?', maxLength: 2000 }],
    },
  ],
});
