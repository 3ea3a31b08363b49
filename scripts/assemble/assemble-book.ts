import type { Element } from 'hast';
import type { BookConfig } from '../config/load-book.js';
import type { CompiledChapter } from '../compile/compile-chapters.js';
import type { Survey } from '../survey/survey-model.js';
import { chapterElement } from './chapter-element.js';
import { contentsModel, type ContentsEntry } from './contents-model.js';
import { coverElement } from './cover-element.js';
import { nameCommentaries } from './name-commentaries.js';
import { numberFigures, type FigureEntry } from './number-figures.js';
import { surveyAppendix } from './survey-appendix.js';
import { uniqueBookIds, type IdRenames } from './unique-book-ids.js';

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
  // Before anything reads the ids: the figure list, the contents (headings renamed apart follow).
  const renames = uniqueBookIds(sections);
  const figures = numberFigures(sections.map((s) => s.element));
  nameCommentaries(sections.map((s) => s.element));
  const contents = renamedEntries(contentsModel(chapters, [appendix.entry]), renames);
  return { book, cover: coverElement(book), sections, contents, figures };
}

function renamedEntries(entries: readonly ContentsEntry[], renames: IdRenames): ContentsEntry[] {
  return entries.map((e) => ({ ...e, id: renames.get(e.chapter)?.get(e.id) ?? e.id, children: renamedEntries(e.children, renames) }));
}
