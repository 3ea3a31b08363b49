import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBrandTokens, TOKENS_PATH } from '../scripts/assets/brand-tokens.js';

/**
 * The brand is defined once, in styles/tokens.css: the code, the chart theme and the other
 * style sheets name its tokens (`var(--brand)`, readBrandTokens) instead of repeating colours.
 */
const REPO = join(import.meta.dirname, '..');
const TOKENS = readFileSync(join(REPO, TOKENS_PATH), 'utf8');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path, ext) : ext.test(e.name) ? [path] : [];
  });
}

/** `#abc` → `#aabbcc`, lower case. */
function longHex(hex: string): string {
  const h = hex.slice(1).toLowerCase();
  return `#${h.length === 3 ? [...h].map((c) => c + c).join('') : h}`;
}

/** The brand's colours: every colour token of the light scheme, white paper aside (white is no brand). */
function brandColours(): Map<string, string> {
  const tokens = parseBrandTokens(TOKENS);
  const names = [...tokens.all].filter(([name, value]) => name !== 'paper' && value.startsWith('#')).map(([name]) => name);
  return new Map(names.map((n) => [tokens.colour(n), n]));
}

describe('the brand lives in styles/tokens.css', () => {
  const colours = brandColours();

  it('reads the tokens with a CSS parser: the light values, not the dark scheme\'s', () => {
    const tokens = parseBrandTokens(TOKENS);
    expect(tokens.colour('brand-deep')).toBe('#0f2a52');
    expect(tokens.rgb('brand-deep')).toEqual([0.059, 0.165, 0.322]);
    expect(tokens.resolve({ bar: { color: 'var(--brand)' }, font: 'Inter' })).toEqual({ bar: { color: '#2b5b9e' }, font: 'Inter' });
    expect(() => tokens.value('no-such-token')).toThrow(/defines no --no-such-token/);
    expect(colours.size).toBeGreaterThanOrEqual(8);
  });

  it('no other source repeats a brand colour', () => {
    const sources = [
      ...filesUnder(join(REPO, 'scripts'), /\.(ts|js|mts)$/),
      ...filesUnder(join(REPO, 'charts'), /\.json$/),
      ...filesUnder(join(REPO, 'styles'), /\.css$/).filter((f) => relative(REPO, f) !== TOKENS_PATH),
    ];
    const repeated: string[] = [];
    for (const file of sources) {
      for (const [i, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        for (const m of line.matchAll(/#(?:[0-9a-f]{6}|[0-9a-f]{3})\b/gi)) {
          const token = colours.get(longHex(m[0]));
          if (token) repeated.push(`${relative(REPO, file)}:${i + 1}: ${m[0]} is --${token}`);
        }
      }
    }
    expect(repeated).toEqual([]);
  });
});
