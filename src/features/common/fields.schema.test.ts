import { describe, expect, it } from 'vitest';
import { line, multilineText, personName, plainText } from './fields.schema.ts';

describe('free-text field helpers', () => {
  it('plainText trims and keeps ordinary text in any script', () => {
    expect(plainText(50).parse('  Zoë O’Brien 李  ')).toBe('Zoë O’Brien 李');
    expect(personName.parse('שרה כהן')).toBe('שרה כהן');
  });

  it.each(['\u0000', '\u0001', '\u0007', '\n', '\t', '\r', '\u001b', '\u007f', '\u0085', '\u009f'])('plainText refuses control character U+%s inside the text', (c) => {
    const result = plainText(50).safeParse(`a${c}b`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/control characters/);
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'])('names refuse the text-direction character %#', (c) => {
    expect(personName.safeParse(`Ann${c}Lee`).error?.issues[0]?.message).toMatch(/text-direction/);
    expect(line(50).safeParse(`Ann${c}Lee`).success).toBe(false);
  });

  it('multilineText keeps line breaks and tabs but refuses other control characters', () => {
    expect(multilineText(100).parse(' one\n\ttwo\r\nthree ')).toBe('one\n\ttwo\r\nthree');
    expect(multilineText(100).safeParse('one\u0000two').success).toBe(false);
    expect(multilineText(100).safeParse('one\u000btwo').success).toBe(false);
    expect(multilineText(100, { trim: false }).parse('    code')).toBe('    code');
  });

  it('the length limit still applies', () => {
    expect(plainText(3).safeParse('abcd').success).toBe(false);
    expect(multilineText(3).safeParse('abcd').success).toBe(false);
  });
});
