import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as "clean-syntax"');

const answer = z.object({
  id: slug,
  label: z.string().min(1),
  share: z.number({ invalid_type_error: 'the share must be a number (the printed percentage without %)' }),
  source: z.number().int().positive(),
  note: z.string().min(1).nullable().optional(),
}).strict();

/** One survey question as stored in `charts/data/<id>.yaml`. */
export const questionSchema = z.object({
  id: slug,
  section: z.number().int().min(1).max(5),
  title: z.string().min(1),
  instruction: z.string().min(1).nullable().optional(),
  kind: z.enum(['single', 'multi']),
  max: z.number().int().min(2).optional(),
  base: z.number().int().positive(),
  complete: z.boolean(),
  source: z.number().int().positive(),
  note: z.string().min(1).nullable().optional(),
  footnote: z.string().min(1).nullable().optional(),
  answers: z.array(answer).min(1),
}).strict();

export const aggregatesSchema = z.array(z.object({
  text: z.string().min(1),
  file: z.string().min(1),
  explanation: z.string().min(1),
}).strict());

export type QuestionInput = z.infer<typeof questionSchema>;
export type AnswerInput = z.infer<typeof answer>;
export type Aggregate = z.infer<typeof aggregatesSchema>[number];
