import { z } from 'zod';

const person = z.object({
  name: z.string().min(1),
  role: z.string().min(1).optional(),
  affiliation: z.string().min(1).optional(),
}).strict();

/** The schema of `manuscript/book.yaml`: everything about the book as a whole. */
export const bookSchema = z.object({
  title: z.string().min(1),
  subtitle: z.string().min(1).optional(),
  publisher: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  authors: z.array(person).min(1),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'a BCP 47 language tag such as "en" or "en-GB"'),
  identifier: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
  description: z.string().min(1),
  subjects: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
  /** Where the web edition is hosted, if it is: canonical URLs, the sitemap and sharing images become absolute. */
  site: z.string().regex(/^https?:\/\/[^?#]*\/$/, 'an http(s) address ending in "/", without query or fragment, such as "https://example.org/radar/"').optional(),
  output: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a file base name in lower case, digits and hyphens'),
  /** The printer's PDF (--press): the printer's own CMYK profile (a path in the project) and, if registered, its printing condition's name. */
  press: z.object({
    profile: z.string().min(1).regex(/^[^/\\]/, 'a path inside the project, relative to its root, such as "profiles/printer.icc"').optional(),
    condition: z.string().min(1).optional(),
  }).strict().optional(),
  chapters: z.array(z.string().regex(/^\d{2,3}-[a-z0-9-]+\.md$/, 'a chapter file name NN-slug.md')).min(1),
}).strict();

export type BookConfigInput = z.infer<typeof bookSchema>;
export type Person = z.infer<typeof person>;
