import { describe, expect, it } from 'vitest';
import { EPUB_FILES, EPUB_NAMES, RESERVED_NAMES, SURVEY_APPENDIX_ID, WEB_NAMES, reservedFor } from '../../scripts/chapters/edition-names.js';
import { chapterIdProblem } from '../../scripts/chapters/load-chapters.js';
import { planSite, allPages } from '../../scripts/web/site-plan.js';
import type { AssembledBook } from '../../scripts/assemble/assemble-book.js';

describe('the names the editions reserve', () => {
  it('hold every web and ePub name and the survey appendix, each said what it is', () => {
    for (const name of [...Object.values(WEB_NAMES), ...Object.values(EPUB_NAMES), SURVEY_APPENDIX_ID]) expect(RESERVED_NAMES.get(name)).toMatch(/^the /);
    expect(RESERVED_NAMES.get('toc')).toBe("the ePub's contents (nav and NCX)");
    expect(RESERVED_NAMES.get('index')).toBe('the web landing page and its sharing card');
  });

  it('are what the site plan writes its own pages as', () => {
    const assembled = { book: { title: 'T' }, sections: [], contents: [] } as unknown as AssembledBook;
    const own = allPages(planSite(assembled)).map((p) => p.path.split('/')[0]!.replace(/\.html$/, ''));
    expect(own.filter((n) => !RESERVED_NAMES.has(n))).toEqual([]);
    expect(Object.values(EPUB_FILES).map((f) => f.replace(/\..*$/, '')).filter((n) => !RESERVED_NAMES.has(n))).toEqual([]);
  });

  it('are refused as chapter ids, without case', () => {
    expect(reservedFor('All')).toBe('the web "Read all" page');
    expect(chapterIdProblem('search')?.message).toBe('the chapter id "search" is a name the editions use for the web search page');
    expect(chapterIdProblem('survey-data')?.hint).toContain('the editions reserve all, assets, charts, content, cover, data, downloads, fonts, index, og, search, sitemap, style, survey-data, toc');
    expect(chapterIdProblem('a--b')?.message).toBe('the chapter id "a--b" holds "--"');
    expect(chapterIdProblem('-a')?.message).toBe('the chapter id "-a" starts or ends with a hyphen');
    expect(chapterIdProblem('python-now')).toBeUndefined();
    expect(chapterIdProblem('all-about-it')).toBeUndefined();
  });
});
