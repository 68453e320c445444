/**
 * Where UK towns and postcode districts are, from data shipped with the app (nothing is
 * fetched at run time). Towns: every UK place of at least 1,000 people from GeoNames
 * (CC BY 4.0), extracted by scripts/build-uk-places.mjs into data/uk-towns.json.
 * Postcode districts: placed at their postcode area's post town (see POSTCODE_AREA_TOWNS),
 * because no openly licensed table of district centroids is reachable from where the app
 * is built; see data/README.md for what that means for precision.
 */

import type { LatLng } from './haversine.ts';
import type { PostcodeParts } from './postcode.ts';
import townRows from './data/uk-towns.json' with { type: 'json' };

/** One row of data/uk-towns.json: name, latitude, longitude, nation (ENG, SCT, WLS, NIR), population. */
export type TownRow = readonly [string, number, number, string, number];

export interface Town {
  name: string;
  point: LatLng;
  nation: string;
  population: number;
}

/** The places, by lower-cased name (see `townKey`); the most populous first under each name. */
export type Gazetteer = ReadonlyMap<string, readonly Town[]>;

/** "St. Albans", "st albans" and "ST-ALBANS" are the same key; so are "Saint Albans" and "St Albans". */
export const townKey = (text: string) =>
  text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/^saint /, 'st ');

/** Builds the lookup from rows (the shipped data, or a few rows in a test). */
export function buildGazetteer(rows: readonly TownRow[]): Gazetteer {
  const map = new Map<string, Town[]>();
  for (const [name, lat, lng, nation, population] of rows) {
    const key = townKey(name);
    const list = map.get(key) ?? [];
    list.push({ name, point: { lat, lng }, nation, population });
    map.set(key, list);
  }
  for (const list of map.values()) list.sort((a, b) => b.population - a.population);
  return map;
}

/** The shipped gazetteer, built once on first use. */
let shipped: Gazetteer | undefined;
export const ukGazetteer = (): Gazetteer => (shipped ??= buildGazetteer(townRows as unknown as TownRow[]));

export const NATION_NAMES: Record<string, string> = { ENG: 'England', SCT: 'Scotland', WLS: 'Wales', NIR: 'Northern Ireland' };

/** A town found by name, and the others sharing the name (Newport in Wales and on the Isle of Wight). */
export interface FoundTown {
  town: Town;
  /** Other places with the same name, smaller ones; the visitor may have meant one of them. */
  others: readonly Town[];
}

/**
 * Finds a town by its name, in any case and punctuation ("st. albans"). When several
 * places share the name, the most populous is taken and the rest are returned so the
 * page can say which one it chose. A trailing nation or county word is not understood:
 * "Newport, Wales" is not found (say "Newport").
 */
export function findTown(gazetteer: Gazetteer, text: string): FoundTown | undefined {
  const list = gazetteer.get(townKey(text));
  if (!list?.length) return undefined;
  return { town: list[0]!, others: list.slice(1) };
}

/**
 * Each postcode area's post town (the town it is named after, per Royal Mail), and that
 * town's nation when the name is shared. London's eight areas (E, EC, N, NW, SE, SW, W,
 * WC) are all placed at central London.
 */
export const POSTCODE_AREA_TOWNS: Readonly<Record<string, string>> = {
  AB: 'Aberdeen', AL: 'St Albans', B: 'Birmingham', BA: 'Bath', BB: 'Blackburn:ENG', BD: 'Bradford', BH: 'Bournemouth',
  BL: 'Bolton', BN: 'Brighton', BR: 'Bromley', BS: 'Bristol', BT: 'Belfast', CA: 'Carlisle', CB: 'Cambridge', CF: 'Cardiff',
  CH: 'Chester', CM: 'Chelmsford', CO: 'Colchester', CR: 'Croydon', CT: 'Canterbury', CV: 'Coventry', CW: 'Crewe',
  DA: 'Dartford', DD: 'Dundee', DE: 'Derby', DG: 'Dumfries', DH: 'Durham', DL: 'Darlington', DN: 'Doncaster',
  DT: 'Dorchester', DY: 'Dudley', E: 'London', EC: 'London', EH: 'Edinburgh', EN: 'Enfield Town', EX: 'Exeter',
  FK: 'Falkirk', FY: 'Blackpool', G: 'Glasgow', GL: 'Gloucester', GU: 'Guildford', HA: 'Harrow', HD: 'Huddersfield',
  HG: 'Harrogate', HP: 'Hemel Hempstead', HR: 'Hereford', HS: 'Stornoway', HU: 'Kingston upon Hull', HX: 'Halifax',
  IG: 'Ilford', IP: 'Ipswich', IV: 'Inverness', KA: 'Kilmarnock', KT: 'Kingston upon Thames', KW: 'Kirkwall',
  KY: 'Kirkcaldy', L: 'Liverpool', LA: 'Lancaster', LD: 'Llandrindod Wells', LE: 'Leicester', LL: 'Llandudno',
  LN: 'Lincoln', LS: 'Leeds', LU: 'Luton', M: 'Manchester', ME: 'Rochester', MK: 'Milton Keynes', ML: 'Motherwell',
  N: 'London', NE: 'Newcastle upon Tyne', NG: 'Nottingham', NN: 'Northampton', NP: 'Newport:WLS', NR: 'Norwich',
  NW: 'London', OL: 'Oldham', OX: 'Oxford', PA: 'Paisley', PE: 'Peterborough', PH: 'Perth', PL: 'Plymouth',
  PO: 'Portsmouth', PR: 'Preston', RG: 'Reading', RH: 'Redhill', RM: 'Romford', S: 'Sheffield', SA: 'Swansea',
  SE: 'London', SG: 'Stevenage', SK: 'Stockport', SL: 'Slough', SM: 'Sutton', SN: 'Swindon', SO: 'Southampton',
  SP: 'Salisbury', SR: 'Sunderland', SS: 'Southend-on-Sea', ST: 'Stoke-on-Trent', SW: 'London', SY: 'Shrewsbury',
  TA: 'Taunton', TD: 'Galashiels', TF: 'Telford', TN: 'Tonbridge', TQ: 'Torquay', TR: 'Truro', TS: 'Middlesbrough',
  TW: 'Twickenham', UB: 'Southall', W: 'London', WA: 'Warrington', WC: 'London', WD: 'Watford', WF: 'Wakefield',
  WN: 'Wigan', WR: 'Worcester', WS: 'Walsall', WV: 'Wolverhampton', YO: 'York', ZE: 'Lerwick',
};

/** The post town a postcode area is named after, located; undefined for an area not in the table (GY, JE, IM). */
export function postcodeAreaTown(gazetteer: Gazetteer, parts: Pick<PostcodeParts, 'area'>): Town | undefined {
  const entry = POSTCODE_AREA_TOWNS[parts.area];
  if (!entry) return undefined;
  const [name, nation] = entry.split(':') as [string, string | undefined];
  const list = gazetteer.get(townKey(name)) ?? [];
  return nation ? list.find((t) => t.nation === nation) : list[0];
}
