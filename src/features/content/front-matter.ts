/**
 * Front matter at the top of a Markdown file: `key: value` lines between two `---` lines.
 * Only flat string values are needed (title, description), so this reads just that subset
 * of YAML rather than pulling in a YAML parser.
 */
export function parseFrontMatter(text: string): { data: Record<string, string>; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { data: {}, body: text };
  const data: Record<string, string> = {};
  for (const line of match[1]!.split(/\r?\n/)) {
    const pair = /^([A-Za-z][\w-]*):\s*(.*?)\s*$/.exec(line);
    if (!pair) continue;
    let value = pair[2]!;
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    data[pair[1]!] = value;
  }
  return { data, body: text.slice(match[0].length) };
}
