import { MERIDIAN_PREFIX, type Region } from './library.ts';

/**
 * Searching points by code, name or region: case and accent insensitive, and codes match
 * however they are written ("ST36", "St 36", "ST-36", "Stomach 36"; "SJ23" for TE23;
 * "Du 20" for GV20). Pure functions for library and clinic points alike.
 */

/** Lower case, no accents or tone marks (Zúsānlǐ → zusanli), single spaces. */
export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’'`]/g, '').replace(/\s+/g, ' ').trim();
}

/** Letters and digits only: "Zu San Li" → "zusanli", "EX-HN 3" → "exhn3". */
const compact = (text: string) => normalise(text).replace(/[^a-z0-9]/g, '');

/** Other ways meridian prefixes are written, and the meridians' English names, mapped to the WHO prefix. */
const PREFIX_ALIASES: Record<string, string> = {
  ...Object.fromEntries(Object.values(MERIDIAN_PREFIX).map((p) => [p.toLowerCase(), p])),
  ...Object.fromEntries(Object.entries(MERIDIAN_PREFIX).map(([name, p]) => [compact(name), p])),
  he: 'HT', ub: 'BL', b: 'BL', k: 'KI', kid: 'KI', p: 'PC', sj: 'TE', tb: 'TE', tw: 'TE', sanjiao: 'TE', triplewarmer: 'TE', tripleburner: 'TE',
  g: 'GB', lv: 'LR', liv: 'LR', du: 'GV', dumai: 'GV', governing: 'GV', governingvessel: 'GV', ren: 'CV', rn: 'CV', renmai: 'CV', conception: 'CV',
  s: 'ST', sp: 'SP', l: 'LU', lu: 'LU', heart: 'HT', ht: 'HT', si: 'SI', li: 'LI', largeintestine: 'LI', smallintestine: 'SI', urinarybladder: 'BL',
};

/**
 * The canonical form of a code for comparing: "St 36", "ST-36", "stomach 36" → "ST36";
 * "SJ23" → "TE23"; "ex hn 3" → "EX-HN3". Anything else: its letters and digits in capitals.
 */
export function codeKey(code: string): string {
  const c = compact(code);
  const meridian = /^([a-z]+)0*(\d{1,3})$/.exec(c);
  if (meridian) {
    const prefix = PREFIX_ALIASES[meridian[1]!];
    if (prefix) return `${prefix}${meridian[2]}`;
  }
  const extra = /^ex(hn|cw|ab|b|ue|le)0*(\d{1,2})$/.exec(c);
  if (extra) return `EX-${extra[1]!.toUpperCase()}${extra[2]}`;
  return c.toUpperCase();
}

/** What search looks at in a point (library and clinic points alike). */
export interface SearchablePoint {
  code: string | null;
  pinyin: string;
  english: string;
  otherNames: readonly string[];
  region: Region;
  meridian: string;
  uses: readonly { text: string }[] | string;
}

export interface PointQuery {
  /** Free text: a code, a name, or a word of its uses. */
  q?: string;
  region?: Region;
}

/** How well a point answers the text; 0: not at all. Codes beat names beat uses. */
export function matchScore(point: SearchablePoint, q: string): number {
  const text = normalise(q);
  if (!text) return 1;
  const key = codeKey(q);
  const codes = [point.code, ...point.otherNames].filter((c): c is string => !!c);
  if (codes.some((c) => codeKey(c) === key)) return 100;
  const flat = compact(q);
  const names = [point.pinyin, point.english, ...point.otherNames];
  if (names.some((n) => compact(n) === flat)) return 90;
  if (flat.length >= 2 && point.code && codeKey(point.code).replace('-', '').toLowerCase().startsWith(flat)) return 70;
  if (names.some((n) => compact(n).startsWith(flat) || normalise(n).split(/[\s-]+/).some((w) => w.startsWith(text)))) return 60;
  if (flat.length >= 3 && names.some((n) => compact(n).includes(flat))) return 40;
  if (text.length >= 3 && normalise(point.meridian) === text) return 30;
  const uses = typeof point.uses === 'string' ? point.uses : point.uses.map((u) => u.text).join(' ');
  if (text.length >= 3 && text.split(' ').every((w) => normalise(uses).includes(w))) return 20;
  return 0;
}

/**
 * The points that answer a query, best first; points that answer equally keep their
 * given order. No text: every point (of the region).
 */
export function searchPoints<T extends SearchablePoint>(points: readonly T[], query: PointQuery): T[] {
  return points
    .map((point, index) => ({ point, index, score: query.region && point.region !== query.region ? 0 : matchScore(point, query.q ?? '') }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((r) => r.point);
}
