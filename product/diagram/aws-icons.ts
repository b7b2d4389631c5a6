import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const iconsDir = join(dirname(require.resolve('aws-icons/package.json')), 'icons');
const cache = new Map<string, { viewBox: string; body: string }>();

/**
 * An official AWS icon from the `aws-icons` package (`icons/<set>/<Name>.svg`, for example
 * `architecture-service/AWSLambda`), as an SVG element drawn at (x, y) with the given size.
 */
export function awsIcon(name: string, x: number, y: number, size: number): string {
  const icon = loadIcon(name);
  return `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="${icon.viewBox}">${icon.body}</svg>`;
}

function loadIcon(name: string): { viewBox: string; body: string } {
  let icon = cache.get(name);
  if (!icon) {
    icon = parseIcon(name, readIconFile(name));
    cache.set(name, icon);
  }
  return icon;
}

function readIconFile(name: string): string {
  try {
    return readFileSync(join(iconsDir, `${name}.svg`), 'utf8');
  } catch {
    throw new Error(`diagram: the aws-icons package has no icon '${name}' (looked for icons/${name}.svg)`);
  }
}

function parseIcon(name: string, svg: string): { viewBox: string; body: string } {
  const match = /^<svg[^>]*viewBox="([^"]+)"[^>]*>([\s\S]*)<\/svg>\s*$/.exec(svg);
  if (!match) throw new Error(`diagram: icon '${name}' is not a single <svg> element with a viewBox`);
  return { viewBox: match[1], body: match[2].replace(/<title>[\s\S]*?<\/title>/, '') };
}
