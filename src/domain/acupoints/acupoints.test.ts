import { describe, expect, it } from 'vitest';
import { ACUPOINTS, acupointById, hasPregnancyCaution, REGIONS } from './library.ts';
import { SOURCES } from './sources.ts';
import { codeKey, matchScore, normalise, searchPoints } from './search.ts';

const ids = (q: Parameters<typeof searchPoints>[1]) => searchPoints(ACUPOINTS, q).map((p) => p.id);

describe('the acupoint library', () => {
  it('holds the points facial, traditional, knee-pain and sports care rely on, each once', () => {
    expect(ACUPOINTS.length).toBeGreaterThanOrEqual(75);
    expect(new Set(ACUPOINTS.map((p) => p.id)).size).toBe(ACUPOINTS.length);
    for (const id of ['ST3', 'LI20', 'GB14', 'EX-HN3', 'EX-HN5', 'ST6', 'ST7', 'SI18', 'BL2', 'TE23', 'ST2', 'GV26', 'CV24', 'ST36', 'SP6', 'LI4', 'LR3', 'KI3', 'SP9', 'SP10', 'ST34', 'ST35', 'EX-LE5', 'GB34', 'GB21']) {
      expect(acupointById(id), id).toBeDefined();
    }
  });

  it('gives every point a name, meridian, region, location, use and a known source for each fact', () => {
    for (const p of ACUPOINTS) {
      expect(p.pinyin && p.english && p.location, p.id).toBeTruthy();
      expect(REGIONS).toContain(p.region);
      expect(p.uses.length, p.id).toBeGreaterThan(0);
      const cited = [...p.nameSources, ...p.locationSources, ...p.uses.flatMap((u) => u.sources), ...p.cautions.flatMap((c) => c.sources)];
      for (const s of cited) expect(SOURCES[s], `${p.id} cites ${s}`).toBeDefined();
      for (const fact of [...p.uses, ...p.cautions]) expect(fact.sources.length, p.id).toBeGreaterThan(0);
    }
  });

  it('takes the meridian from the code and keeps codes in the WHO shape', () => {
    expect(acupointById('ST36')).toMatchObject({ meridian: 'Stomach', pinyin: 'Zusanli', english: 'Leg Three Miles', region: 'leg' });
    expect(acupointById('TE23')).toMatchObject({ meridian: 'Triple Energizer', pinyin: 'Sizhukong' });
    expect(acupointById('EX-HN3')).toMatchObject({ meridian: 'Extra', pinyin: 'Yintang', region: 'face' });
    expect(acupointById('JIACHENGJIANG')).toMatchObject({ code: null, meridian: 'Extra' });
    for (const p of ACUPOINTS) if (p.code) expect(p.code).toMatch(/^([A-Z]{2}\d{1,2}|EX-(HN|LE|UE|B|CW)\d{1,2})$/);
  });

  it('marks the points to avoid in pregnancy, with the AACP guidance as source', () => {
    for (const id of ['LI4', 'SP6', 'BL60', 'BL67', 'BL31', 'BL32', 'BL33', 'BL34']) {
      const p = acupointById(id)!;
      expect(hasPregnancyCaution(p), id).toBe(true);
      expect(p.cautions.find((c) => c.kind === 'pregnancy')!.sources).toContain('aacp');
    }
    expect(hasPregnancyCaution(acupointById('GB21')!)).toBe(true);
    expect(hasPregnancyCaution(acupointById('GB14')!)).toBe(false);
    // The orbit points are high risk (NZASA).
    for (const id of ['BL1', 'ST1', 'EX-HN7']) expect(acupointById(id)!.cautions.map((c) => c.kind)).toContain('orbit');
  });

  it('stores the second WHO location of the controversial points', () => {
    for (const id of ['LI19', 'LI20', 'GV26', 'GB30']) expect(acupointById(id)!.alternativeLocation, id).toBeTruthy();
    expect(acupointById('ST36')!.alternativeLocation).toBeNull();
  });
});

describe('point codes', () => {
  it('reads a code however it is written', () => {
    for (const written of ['ST36', 'st36', 'St 36', 'ST-36', 'ST 036', 'Stomach 36', ' s36 ']) expect(codeKey(written), written).toBe('ST36');
    expect(codeKey('SJ23')).toBe('TE23');
    expect(codeKey('TB 23')).toBe('TE23');
    expect(codeKey('Du 20')).toBe('GV20');
    expect(codeKey('Ren-24')).toBe('CV24');
    expect(codeKey('LV3')).toBe('LR3');
    expect(codeKey('ex hn 3')).toBe('EX-HN3');
    expect(codeKey('EX-LE05')).toBe('EX-LE5');
    expect(codeKey('Ear Shenmen')).toBe('EARSHENMEN');
  });
});

describe('searching the library', () => {
  it('finds a point by its code in any spelling, first', () => {
    for (const q of ['ST36', 'St 36', 'st-36', 'Stomach 36']) expect(ids({ q })[0], q).toBe('ST36');
    expect(ids({ q: 'SJ23' })[0]).toBe('TE23');
    expect(ids({ q: 'EX-HN3' })).toEqual(['EX-HN3']);
  });

  it('finds a point by pinyin or English name, ignoring case, spaces and accents', () => {
    expect(ids({ q: 'yintang' })).toEqual(['EX-HN3']);
    expect(ids({ q: 'YINTANG' })).toEqual(['EX-HN3']);
    expect(ids({ q: 'Zu San Li' })[0]).toBe('ST36');
    expect(ids({ q: 'Zúsānlǐ' })[0]).toBe('ST36');
    expect(ids({ q: 'leg three miles' })[0]).toBe('ST36');
    expect(ids({ q: 'Renzhong' })).toEqual(['GV26']);
    expect(ids({ q: 'cuanzhu' })).toEqual(['BL2']);
    expect(ids({ q: 'Taiyang' })).toEqual(['EX-HN5']);
    expect(ids({ q: 'Xiyan' })[0]).toBe('EX-LE5');
    expect(ids({ q: 'welcome fragrance' })).toEqual(['LI20', 'EX-HN8']);
  });

  it('finds points by what they are used for, after names', () => {
    const crows = ids({ q: 'crow’s feet' });
    expect(crows).toEqual(expect.arrayContaining(['TE23', 'EX-HN5', 'GB1']));
    expect(ids({ q: 'nasolabial' })).toEqual(expect.arrayContaining(['LI20', 'ST3']));
  });

  it('filters by region, with or without text', () => {
    const face = searchPoints(ACUPOINTS, { region: 'face' });
    expect(face.length).toBeGreaterThan(20);
    expect(face.every((p) => p.region === 'face')).toBe(true);
    expect(ids({ q: 'ST36', region: 'face' })).toEqual([]);
    expect(ids({ q: 'knee pain', region: 'knee' })).toEqual(expect.arrayContaining(['ST35', 'EX-LE4', 'SP10', 'GB34', 'ST34', 'SP9']));
    expect(ids({ q: 'knee pain', region: 'knee' })).not.toContain('HT3');
  });

  it('answers nothing for text nothing matches, and everything for no text', () => {
    expect(ids({ q: 'zzzz' })).toEqual([]);
    expect(ids({ q: 'ST99' })).toEqual([]);
    expect(ids({})).toHaveLength(ACUPOINTS.length);
    expect(ids({ q: '   ' })).toHaveLength(ACUPOINTS.length);
  });

  it('normalises text for comparing', () => {
    expect(normalise('  Calf’s   NOSE ')).toBe('calfs nose');
    expect(matchScore(acupointById('ST35')!, 'dubi')).toBeGreaterThan(matchScore(acupointById('ST35')!, 'knee'));
  });
});
