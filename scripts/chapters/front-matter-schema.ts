import { z } from 'zod';

export const chapterKinds = ['front', 'part', 'essay', 'intro', 'report', 'back'] as const;

const author = z.object({
  name: z.string().min(1),
  role: z.string().min(1),
  affiliation: z.string().min(1),
}).strict();

/** The front matter of one chapter file. */
export const frontMatterSchema = z.object({
  title: z.string().min(1),
  short: z.string().min(1).optional(),
  kind: z.enum(chapterKinds),
  part: z.union([z.literal(1), z.literal(2)]).optional(),
  label: z.string().min(1).optional(),
  subtitle: z.string().min(1).optional(),
  authors: z.array(author).default([]),
}).strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type ChapterKind = (typeof chapterKinds)[number];
export type Author = z.infer<typeof author>;
