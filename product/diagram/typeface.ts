import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The weights the diagram uses, named as CSS `font-weight` values. */
export type FontWeight = 400 | 600;

const FILES: Record<FontWeight, string> = {
  400: '400Regular/Inter_400Regular.ttf',
  600: '600SemiBold/Inter_600SemiBold.ttf',
};

/** The family name written into the SVG; the bundled files carry this name, so resvg finds them. */
export const FONT_FAMILY = 'Inter';

const packageDir = dirname(require.resolve('@expo-google-fonts/inter/package.json'));

/**
 * The bundled font files (Inter, from the pinned `@expo-google-fonts/inter`), loaded explicitly by the
 * PNG renderer: resvg must not depend on which system fonts a machine has, or the PNG would differ.
 */
export function fontFiles(): string[] {
  return Object.values(FILES).map((file) => join(packageDir, file));
}

/** Advance widths of one font, read from its TrueType `cmap` (format 4) and `hmtx` tables. */
interface GlyphMetrics {
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
}

const metricsByWeight = new Map<FontWeight, GlyphMetrics>();

/** The width in pixels of `text` set in the bundled font at `size` pixels (without kerning). */
export function textWidth(text: string, size: number, weight: FontWeight = 400): number {
  const metrics = metricsOf(weight);
  let units = 0;
  for (const character of text) units += metrics.advance(character.codePointAt(0) ?? 0);
  return (units / metrics.unitsPerEm) * size;
}

/** `text` broken at spaces into lines no wider than `maxWidth` where possible (a longer word keeps its own line). */
export function wrapText(text: string, size: number, weight: FontWeight, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    const joined = last < 0 ? word : `${lines[last]} ${word}`;
    if (last >= 0 && textWidth(joined, size, weight) <= maxWidth) lines[last] = joined;
    else lines.push(word);
  }
  return lines;
}

function metricsOf(weight: FontWeight): GlyphMetrics {
  let metrics = metricsByWeight.get(weight);
  if (!metrics) {
    metrics = readGlyphMetrics(readFileSync(join(packageDir, FILES[weight])));
    metricsByWeight.set(weight, metrics);
  }
  return metrics;
}

function readGlyphMetrics(font: Buffer): GlyphMetrics {
  const tables = tableOffsets(font);
  const unitsPerEm = font.readUInt16BE(tables.head + 18);
  const horizontalMetricCount = font.readUInt16BE(tables.hhea + 34);
  const glyphOf = glyphLookup(font, tables.cmap);
  const advanceOf = (glyph: number) => font.readUInt16BE(tables.hmtx + 4 * Math.min(glyph, horizontalMetricCount - 1));
  return { unitsPerEm, advance: (codePoint) => advanceOf(glyphOf(codePoint)) };
}

function tableOffsets(font: Buffer): Record<'head' | 'hhea' | 'hmtx' | 'cmap', number> {
  const offsets: Record<string, number> = {};
  const tableCount = font.readUInt16BE(4);
  for (let index = 0; index < tableCount; index++) {
    const record = 12 + 16 * index;
    offsets[font.toString('latin1', record, record + 4)] = font.readUInt32BE(record + 8);
  }
  for (const tag of ['head', 'hhea', 'hmtx', 'cmap']) {
    if (offsets[tag] === undefined) throw new Error(`font: the bundled font has no '${tag}' table`);
  }
  return offsets as Record<'head' | 'hhea' | 'hmtx' | 'cmap', number>;
}

/** The glyph index of a code point in the Unicode BMP subtable (platform 3, encoding 1, format 4). */
function glyphLookup(font: Buffer, cmap: number): (codePoint: number) => number {
  const subtableCount = font.readUInt16BE(cmap + 2);
  for (let index = 0; index < subtableCount; index++) {
    const record = cmap + 4 + 8 * index;
    const subtable = cmap + font.readUInt32BE(record + 4);
    const isUnicodeBmp = font.readUInt16BE(record) === 3 && font.readUInt16BE(record + 2) === 1;
    if (isUnicodeBmp && font.readUInt16BE(subtable) === 4) return format4Lookup(font, subtable);
  }
  throw new Error('font: the bundled font has no Unicode BMP character map');
}

function format4Lookup(font: Buffer, subtable: number): (codePoint: number) => number {
  const segments = font.readUInt16BE(subtable + 6) / 2;
  const endCodes = subtable + 14;
  const startCodes = endCodes + 2 * segments + 2;
  const deltas = startCodes + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (codePoint) => {
    for (let segment = 0; segment < segments; segment++) {
      if (codePoint > font.readUInt16BE(endCodes + 2 * segment)) continue;
      const start = font.readUInt16BE(startCodes + 2 * segment);
      if (codePoint < start) return 0;
      const delta = font.readInt16BE(deltas + 2 * segment);
      const rangeOffsetAt = rangeOffsets + 2 * segment;
      const rangeOffset = font.readUInt16BE(rangeOffsetAt);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = font.readUInt16BE(rangeOffsetAt + rangeOffset + 2 * (codePoint - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
