import type { Element } from 'hast';
import type { AssembledBook } from '../../assemble/assemble-book.js';

type Section = AssembledBook['sections'][number];

/**
 * One print unit: a part of the book printed as a document of its own (print-unit.ts) and
 * cached under a key of its content and first page. The book is printed in these units and
 * assembled from their PDFs (merge/), so an edit reprints the unit it is in, and the units
 * after it only when their first page moved.
 */
export interface PrintUnit {
  /** `front` (the cover and front matter), `contents`, or the section's id. */
  readonly id: string;
  /** Its sections (running heads, page-block roots); none for the contents. */
  readonly sections: readonly Section[];
  /** Opens on a right-hand page: a blank page goes first when it would start on a left one. */
  readonly recto: boolean;
  /** Inside `<main>` in the print document (the body's sections; the front matter is not). */
  readonly inMain: boolean;
}

/**
 * The book in print units, in page order: the cover with the front matter, the contents, then
 * each part opener, chapter and appendix. A section that follows a part opener opens on a
 * right-hand page, as the part openers and the essays and report sections do.
 */
export function bookUnits(assembled: AssembledBook): PrintUnit[] {
  const front = assembled.sections.filter((s) => s.kind === 'front');
  const body = assembled.sections.filter((s) => s.kind !== 'front');
  return [
    { id: 'front', sections: front, recto: false, inMain: false },
    { id: 'contents', sections: [], recto: false, inMain: false },
    ...body.map((s, i) => ({ id: s.id, sections: [s], recto: opensRecto(s.element) || body[i - 1]?.kind === 'part', inMain: true })),
  ];
}

function opensRecto(element: Element): boolean {
  return element.properties.dataRecto !== undefined || (element.properties.className as string[] | undefined)?.includes('part-opener') === true;
}
