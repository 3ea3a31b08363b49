import { z } from 'zod';
import { LIMITS } from '../config/limits.js';

export const chapterKinds = ['front', 'part', 'essay', 'intro', 'report', 'back'] as const;

const author = z.object({
  name: z.string().min(1),
  role: z.string().min(1),
  affiliation: z.string().min(1),
}).strict();

/** Text of at most `max` characters, said so when it is longer (each is printed on an opener, in the contents and running heads). */
const bounded = (max: number, what: string) => z.string().min(1).max(max, `${what} is longer than ${max} characters: shorten it (the full wording can go in the text)`);

/** The front matter of one chapter file. */
export const frontMatterSchema = z.object({
  title: bounded(LIMITS.chapterTitle, 'the title'),
  short: bounded(LIMITS.chapterShort, 'the short title (the running head)').optional(),
  kind: z.enum(chapterKinds),
  part: z.union([z.literal(1), z.literal(2)]).optional(),
  label: bounded(LIMITS.chapterSubtitle, 'the label').optional(),
  subtitle: bounded(LIMITS.chapterSubtitle, 'the subtitle').optional(),
  authors: z.array(author).default([]),
}).strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type ChapterKind = (typeof chapterKinds)[number];
export type Author = z.infer<typeof author>;
