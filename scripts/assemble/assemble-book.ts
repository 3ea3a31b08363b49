import type { Element } from 'hast';
import type { BookConfig } from '../config/load-book.js';
import type { CompiledChapter } from '../compile/compile-chapters.js';
import type { Survey } from '../survey/survey-model.js';
import { chapterElement } from './chapter-element.js';
import { contentsModel, type ContentsEntry } from './contents-model.js';
import { coverElement } from './cover-element.js';
import { numberFigures, type FigureEntry } from './number-figures.js';
import { surveyAppendix } from './survey-appendix.js';

/** The book as trees every edition lays out in its own way. */
export interface AssembledBook {
  readonly book: BookConfig;
  readonly cover: Element;
  /** One element per chapter, part opener and appendix, in reading order. */
  readonly sections: ReadonlyArray<{ id: string; kind: string; title: string; short: string; element: Element }>;
  readonly contents: readonly ContentsEntry[];
  readonly figures: readonly FigureEntry[];
}

export function assembleBook(book: BookConfig, chapters: readonly CompiledChapter[], survey: Survey): AssembledBook {
  const chartOrder = chapters.flatMap((c) => c.charts);
  const appendix = surveyAppendix(survey, chartOrder);
  const sections = [
    ...chapters.map((c) => ({ id: c.source.id, kind: c.source.meta.kind, title: c.source.meta.title, short: c.source.meta.short ?? c.source.meta.title, element: chapterElement(c) })),
    { id: appendix.entry.chapter, kind: 'back', title: appendix.entry.title, short: appendix.entry.title, element: appendix.element },
  ];
  const figures = numberFigures(sections.map((s) => s.element));
  return { book, cover: coverElement(book), sections, contents: contentsModel(chapters, [appendix.entry]), figures };
}
