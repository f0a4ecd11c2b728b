/**
 * A small Markdown reader for run notes: paragraphs, headings, bullet and numbered lists, fenced
 * code, and inline bold, italic, code and links. It produces a tree that components render as
 * text nodes, so nothing the user typed ever reaches the page as HTML. Links stay text: the label
 * and the address are shown, nothing navigates.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; text: string; url: string };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

/** Inline markup of one block's text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!]/.test(text[i + 1]!)) {
      buffer += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]\n]+)\]\(\s*([^()\s]+)\s*\)/.exec(text.slice(i));
      if (m) {
        flush();
        out.push({ type: 'link', text: m[1]!, url: m[2]! });
        i += m[0].length;
        continue;
      }
    }
    if ((c === '*' || c === '_') && text[i + 1] === c) {
      const delim = c + c;
      const end = text.indexOf(delim, i + 2);
      const leftOk = c === '*' || !isWordChar(text[i - 1]);
      if (leftOk && end > i + 2 && text[i + 2] !== ' ' && text[end - 1] !== ' ' && (c === '*' || !isWordChar(text[end + 2]))) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' || c === '_') {
      // Underscores inside words (final_risk_theory) are not emphasis.
      const leftOk = c === '*' || !isWordChar(text[i - 1]);
      if (leftOk && text[i + 1] !== ' ' && text[i + 1] !== undefined) {
        let end = i + 1;
        for (;;) {
          end = text.indexOf(c, end);
          if (end < 0) break;
          const doubled = text[end + 1] === c;
          const rightOk = text[end - 1] !== ' ' && (c === '*' || !isWordChar(text[end + 1]));
          if (!doubled && rightOk) break;
          end += doubled ? 2 : 1;
        }
        if (end > i + 1) {
          flush();
          out.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
          i = end + 1;
          continue;
        }
      }
    }
    buffer += c;
    i++;
  }
  flush();
  return out;
}

/** Blocks of a Markdown text. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const endParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      endParagraph();
      endList();
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !lines[j]!.trimStart().startsWith(fence[1]!)) body.push(lines[j++]!);
      blocks.push({ type: 'code', text: body.join('\n') });
      i = j;
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      blocks.push({ type: 'heading', level: heading[1]!.length, children: parseInline(heading[2]!) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      endParagraph();
      const ordered = Boolean(numbered);
      const current = list as { ordered: boolean; items: string[] } | null;
      if (current && current.ordered !== ordered) endList();
      if (!list) list = { ordered, items: [] };
      list.items.push((bullet ?? numbered)![1]!);
      continue;
    }
    if (list && /^\s+\S/.test(line)) {
      // An indented line continues the last item.
      const items = (list as { items: string[] }).items;
      items[items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    endList();
    paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return blocks;
}

/** The text of a parsed document without markup (for previews and tooltips). */
export function plainText(blocks: readonly Block[]): string {
  const inline = (list: readonly Inline[]): string =>
    list.map((n) => (n.type === 'text' || n.type === 'code' ? n.text : n.type === 'link' ? `${n.text} (${n.url})` : inline(n.children))).join('');
  return blocks
    .map((b) => (b.type === 'code' ? b.text : b.type === 'list' ? b.items.map(inline).join('; ') : inline(b.children)))
    .join('\n');
}
