import { describe, expect, it } from 'vitest';
import { emptyCalendar, finishCalendar, foldLine, mailboxAddress, unfold } from './icalendar.ts';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');

describe('foldLine (RFC 5545 §3.1)', () => {
  it('folds by octets, never splitting a multi-byte character, and unfolds to the original', () => {
    const line = 'SUMMARY:Facial acupuncture with Zoë Ångström-Ødegaard 🌿 at Jade & Willow Clinic, Bath — consultation';
    expect(line.length).toBeLessThan(octets(line));
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(octets(l)).toBeLessThanOrEqual(75);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
    expect(unfold(folded)).toBe(line);
    // No replacement characters: each part is whole UTF-8.
    for (const l of lines) expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
  });

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(74) + 'ë').split('\r\n')).toEqual(['X'.repeat(74), ' ë']);
  });
});

describe('finishCalendar', () => {
  it('gives an empty calendar a component (§3.6) and keeps the events of a full one', () => {
    const empty = emptyCalendar('Diary', 'Jade; diary');
    expect(empty).toContain('PRODID:-//Yintang//Diary//EN\r\n');
    expect(empty).toContain('BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD');
    expect(empty).toContain('X-WR-CALNAME:Jade\\; diary');
    expect(empty.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const full = finishCalendar('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    expect(full).not.toContain('VTIMEZONE');
  });

  it('refolds what the ics package folded by characters', () => {
    const byCharacters = 'BEGIN:VCALENDAR\r\nSUMMARY:' + 'ë'.repeat(66) + '\r\n ' + 'ë'.repeat(10) + '\r\nEND:VCALENDAR\r\n';
    for (const l of finishCalendar(byCharacters).split('\r\n')) expect(octets(l)).toBeLessThanOrEqual(75);
    expect(unfold(finishCalendar(byCharacters))).toContain('SUMMARY:' + 'ë'.repeat(76));
  });
});

it('mailboxAddress reads the address of a From header', () => {
  expect(mailboxAddress('Yintang <no-reply@yintang.local>')).toBe('no-reply@yintang.local');
  expect(mailboxAddress('desk@clinic.example')).toBe('desk@clinic.example');
});
