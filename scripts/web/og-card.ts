import { s } from 'hastscript';
import type { Element } from 'hast';
import type { BookConfig } from '../config/load-book.js';
import { radarMotif } from '../assemble/cover-element.js';
import type { TextMeasurer } from '../charts/text-metrics.js';
import { wrapText } from '../charts/wrap-text.js';
import { toXhtml } from '../render/xhtml.js';
import type { SitePlan, WebPage } from './site-plan.js';
import { WEB_NAMES } from '../chapters/edition-names.js';
import type { Brand } from '../brand/brand.js';

/** The card's size in CSS pixels; it is drawn at CHART_SCALE (2×): 1200 × 630, the size sharing sites ask for. */
export const OG_WIDTH = 600;
export const OG_HEIGHT = 315;

/** The brand colours and face a card uses, read from styles/tokens.css (the one place the brand is defined). */
export interface CardColours {
  /** The family the card is set in: the brand's sans. */
  readonly font: string;
  readonly ground: string;
  readonly accent: string;
  /** The title's colour on the ground. */
  readonly text: string;
}

export interface OgCard {
  /** Where the image goes in the site: `og/<page id>.png`. */
  readonly path: string;
  readonly label?: string;
  readonly title: string;
  /** The essay's authors. */
  readonly byline?: string;
  /** The image's text alternative (og:image:alt). */
  readonly alt: string;
}

/** The file a page's sharing image is written to. */
export function ogImagePath(page: WebPage): string {
  return `${WEB_NAMES.og}/${page.id}.png`;
}

/** A card for the landing page and one per section page: "read all" and search share the landing's. The essays name their authors. */
export function ogCards(plan: SitePlan, book: BookConfig): OgCard[] {
  const cards: OgCard[] = [{ path: ogImagePath(plan.landing), label: book.publisher, title: book.title, alt: `${book.title}: ${book.subtitle ?? book.description}` }];
  for (const page of plan.sections) {
    const label = page.entry?.label ?? page.part?.label ?? undefined;
    const byline = page.entry?.byline;
    cards.push({
      path: ogImagePath(page), label, title: page.title, byline,
      alt: `${label ? `${label}: ` : ''}${page.title}${byline ? `, by ${byline}` : ''}. ${book.title}, ${book.publisher} ${book.year}.`,
    });
  }
  return cards;
}

const TEXT_LEFT = 36;
const TEXT_WIDTH = 330;

/**
 * The card as SVG: the cover's ground and radar, the page's label and title (wrapped with the
 * brand sans's real advance widths; smaller when it needs more than three lines), and the
 * book and publisher at the foot.
 */
export function ogCardSvg(card: OgCard, book: BookConfig, colours: CardColours, measurer: TextMeasurer): string {
  let size = 34;
  let lines = wrapText(card.title, TEXT_WIDTH, (t) => measurer.width(t, size, 800));
  if (lines.length > 3) {
    size = 26;
    lines = wrapText(card.title, TEXT_WIDTH, (t) => measurer.width(t, size, 800));
  }
  const lineHeight = Math.round(size * 1.15);
  const titleTop = 112;
  const text = (x: number, y: number, value: string, attrs: Record<string, string | number>): Element =>
    s('text', { x, y, 'font-family': colours.font, ...attrs }, value);
  const radar = radarMotif();
  radar.properties = { ...radar.properties, x: '300', y: '-20', width: '420', height: '420' };
  const tree = s('svg', { xmlns: 'http://www.w3.org/2000/svg', width: OG_WIDTH, height: OG_HEIGHT, viewBox: `0 0 ${OG_WIDTH} ${OG_HEIGHT}` }, [
    s('style', `.radar-ring, .radar-axis { fill: none; stroke: rgba(255, 255, 255, 0.28); stroke-width: 1.5; } .radar-sweep { fill: ${colours.accent}; fill-opacity: 0.35; } .radar-blip { fill: ${colours.accent}; }`),
    s('rect', { width: OG_WIDTH, height: OG_HEIGHT, fill: colours.ground }),
    radar,
    s('rect', { x: TEXT_LEFT, y: 40, width: 4, height: 22, fill: colours.accent }),
    text(TEXT_LEFT + 14, 57, (card.label ?? book.title).toUpperCase(), { 'font-size': 14, 'font-weight': 700, fill: colours.accent, 'letter-spacing': 1.5 }),
    ...lines.map((line, i) => text(TEXT_LEFT, titleTop + i * lineHeight, line, { 'font-size': size, 'font-weight': 800, fill: colours.text })),
    ...(card.byline ? [text(TEXT_LEFT, titleTop + (lines.length - 1) * lineHeight + 34, card.byline, { 'font-size': 16, 'font-weight': 600, fill: colours.accent })] : []),
    text(TEXT_LEFT, 280, `${book.title} · ${book.publisher} · ${book.year}`, { 'font-size': 14, 'font-weight': 600, fill: colours.text, 'fill-opacity': 0.75 }),
  ]);
  return toXhtml(tree);
}

/** The cover's colours in tokens.css: the deep blue ground, the yellow accent, paper-white text; the brand's sans. */
export function cardColours(brand: Brand): CardColours {
  const { tokens } = brand;
  return { font: brand.fonts.families.sans, ground: tokens.colour('brand-deep'), accent: tokens.colour('accent'), text: tokens.colour('paper') };
}
