import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, shortDevice, visibleDetails } from './audit-format.ts';

describe('csvCell', () => {
  it('quotes cells with commas, quotes or line breaks, doubling the quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, Jo')).toBe('"Smith, Jo"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('turns anything a spreadsheet would run as a formula into text', () => {
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 'b,c', null])).toBe('a,"b,c",\r\n');
  });
});

describe('shortDevice', () => {
  it('names the browser and system as people say them', () => {
    expect(shortDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari 17 on iPhone');
    expect(shortDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36')).toBe('Chrome 126 on Android');
    expect(shortDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0')).toBe('Edge 126 on Windows');
    expect(shortDevice('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15')).toBe('Safari 17 on Mac');
  });

  it('keeps the start of anything else, and nothing when there was none', () => {
    expect(shortDevice('curl/8.5.0')).toBe('curl/8.5.0');
    expect(shortDevice('x'.repeat(50))).toBe(`${'x'.repeat(40)}…`);
    expect(shortDevice(null)).toBeNull();
  });
});

describe('visibleDetails', () => {
  it('keeps whitelisted identifiers, codes and flags only', () => {
    expect(visibleDetails({
      reason: 'not-member', fields: ['name', 'phone'], late: true, sessions: 6, serviceId: '6f1c2f7e-0000-4000-8000-000000000001',
      from: '2027-03-01T09:00:00.000Z', rating: 5, sourceBytes: 12345,
    })).toEqual({ reason: 'not-member', fields: ['name', 'phone'], late: true, sessions: 6, serviceId: '6f1c2f7e-0000-4000-8000-000000000001', from: '2027-03-01T09:00:00.000Z' });
  });

  it('drops free text and nested objects even under a whitelisted key', () => {
    expect(visibleDetails({ reason: 'Mentions her pregnancy', kind: { note: 'x' }, fields: ['a', 'has diabetes'], note: 'secret' })).toEqual({});
    expect(visibleDetails(null)).toEqual({});
  });
});
