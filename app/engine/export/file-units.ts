/**
 * Physical units written into figure files: an SVG's width and height in millimetres over a
 * viewBox in points, and a PNG's density in its pHYs chunk (pixels per metre), so that a viewer
 * or a typesetter opens the figure at the size it was made for.
 */
import { crc32 } from 'node:zlib';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The chunks of a PNG, in order: type, data and where each starts. */
export function pngChunks(png: Buffer): { type: string; data: Buffer; offset: number }[] {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  const out = [];
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), offset: at });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

/** `png` with its density set to `dpi` (a pHYs chunk in metres after IHDR; any earlier one replaced). */
export function withPngDensity(png: Buffer, dpi: number): Buffer {
  const chunks = pngChunks(png);
  const perMetre = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data.writeUInt8(1, 8);
  const parts: Buffer[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'pHYs') continue;
    parts.push(png.subarray(c.offset, c.offset + 12 + c.data.length));
    if (c.type === 'IHDR') parts.push(chunk('pHYs', data));
  }
  return Buffer.concat(parts);
}

/** The density a PNG declares in dots per inch, or null without a pHYs chunk in metres. */
export function pngDensity(png: Buffer): { x: number; y: number } | null {
  const phys = pngChunks(png).find((c) => c.type === 'pHYs');
  if (!phys || phys.data.readUInt8(8) !== 1) return null;
  return { x: phys.data.readUInt32BE(0) * 0.0254, y: phys.data.readUInt32BE(4) * 0.0254 };
}

/** Round to at most four decimals, without trailing zeros. */
function num(v: number): string {
  return String(Number(v.toFixed(4)));
}

/** An SVG whose root says its size in millimetres, with a viewBox of `w` × `h` points. */
export function svgInMillimetres(svg: string, widthMm: number, heightMm: number, w: number, h: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_tag, attrs: string) => {
    const rest = attrs.replace(/\s(width|height|viewBox)="[^"]*"/g, '');
    return `<svg${rest} width="${num(widthMm)}mm" height="${num(heightMm)}mm" viewBox="0 0 ${num(w)} ${num(h)}">`;
  });
}

const TEXT_RUN = /<text([^>]*)>([^<]*)<\/text>/y;

function splitPosition(attrs: string): { style: string; x: string; y: string } {
  const x = /\sx="([^"]*)"/.exec(attrs)?.[1] ?? '';
  const y = /\sy="([^"]*)"/.exec(attrs)?.[1] ?? '';
  return { style: attrs.replace(/\s[xy]="[^"]*"/g, ''), x, y };
}

const first = (list: string) => list.split(',')[0]!.trim();

/**
 * Text the SVG backend split at its spaces (it writes `Noise`, an empty element, `level` when a
 * line of text sits at a fractional position) joined back into one `<text>` per line, positioned
 * at its first glyph, so a phrase stays one searchable, editable string.
 */
export function joinSvgWords(svg: string): string {
  let out = '';
  let at = 0;
  while (at < svg.length) {
    const open = svg.indexOf('<text', at);
    if (open < 0) break;
    out += svg.slice(at, open);
    const runs: { style: string; x: string; y: string; text: string }[] = [];
    let end = open;
    for (;;) {
      TEXT_RUN.lastIndex = end;
      const m = TEXT_RUN.exec(svg);
      if (!m) break;
      const run = { ...splitPosition(m[1]!), text: m[2]! };
      const prev = runs[runs.length - 1];
      // A run continues the line when it has the same style and is a gap or a word after a gap.
      if (prev && (run.style !== runs[0]!.style || (run.text !== '' && prev.text !== '') || (run.text !== '' && first(run.y) !== first(runs[0]!.y)))) break;
      runs.push(run);
      end = TEXT_RUN.lastIndex;
    }
    if (runs.length <= 1 || runs[runs.length - 1]!.text === '') {
      // Not a split line: copy the element as it is.
      const close = svg.indexOf('</text>', open);
      const stop = close < 0 ? svg.length : close + '</text>'.length;
      out += svg.slice(open, stop);
      at = stop;
      continue;
    }
    const text = runs.map((r) => (r.text === '' ? ' ' : r.text)).join('');
    out += `<text${runs[0]!.style} x="${first(runs[0]!.x)}" y="${first(runs[0]!.y)}">${text}</text>`;
    at = end;
  }
  return out + svg.slice(at);
}
