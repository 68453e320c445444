/** Escapes text for HTML so names and other user input are always shown as text. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A paragraph: plain text, or text followed by a link. The HTML part shows the link as
 * short words ("Cancel the booking"); the plain-text part needs the address itself.
 */
export type EmailParagraph = string | { text: string; link: { label: string; url: string } };

export interface EmailContent {
  /** Greeting name; shown as text. */
  greeting?: string;
  paragraphs: EmailParagraph[];
  action?: { label: string; url: string };
  footer?: string;
}

/** Renders a calm, plain e-mail as text and matching simple HTML. */
export function renderEmail(content: EmailContent): { text: string; html: string } {
  const lines = [
    content.greeting ? `Hello ${content.greeting},` : 'Hello,',
    '',
    ...content.paragraphs.flatMap((p) => [typeof p === 'string' ? p : `${p.text} ${p.link.label}: ${p.link.url}`, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    content.footer ?? 'Yintang',
  ];
  const html = `<!doctype html><html lang="en-GB"><body style="font-family:system-ui,sans-serif;color:#1f2a27;line-height:1.6;max-width:560px;margin:0 auto;padding:24px">
<p>${escapeHtml(content.greeting ? `Hello ${content.greeting},` : 'Hello,')}</p>
${content.paragraphs.map((p) => `<p>${typeof p === 'string' ? escapeHtml(p) : `${escapeHtml(p.text)} ${htmlLink(p.link)}`}</p>`).join('\n')}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#2f6f5e;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` : ''}
<p style="font-size:13px;color:#55615d">${escapeHtml(content.footer ?? 'Yintang')}</p>
</body></html>`;
  return { text: lines.join('\n'), html };
}

const htmlLink = (link: { label: string; url: string }) =>
  `<a href="${escapeHtml(link.url)}" style="color:#2f6f5e">${escapeHtml(link.label)}</a>`;
