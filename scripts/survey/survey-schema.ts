import { z } from 'zod';
import { LIMITS } from '../config/limits.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a kebab-case id such as "clean-syntax"');

const answer = z.object({
  id: slug,
  label: z.string().min(1),
  /** Absent when the share is computed from survey responses. */
  share: z.number({ invalid_type_error: 'the share must be a number (the printed percentage without %)' }).optional(),
  source: z.number().int().positive().optional(),
  /** What the export writes for this answer (default: the label); a list when it varies. */
  match: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  note: z.string().min(1).nullable().optional(),
}).strict();

/** One survey question as stored in `charts/data/<id>.yaml`. */
export const questionSchema = z.object({
  id: slug,
  section: z.number().int().min(1).max(5),
  title: z.string().min(1),
  instruction: z.string().min(1).nullable().optional(),
  kind: z.enum(['single', 'multi']),
  /** An ordered scale (years, projects, hours, versions): answers listed in their natural order, kept everywhere. */
  ordered: z.boolean().default(false),
  max: z.number().int().min(2).optional(),
  /** Respondents the shares are of; computed when the question has `responses`. */
  base: z.number().int().positive().optional(),
  /** Who the base counts: everyone shown the question, or only those who answered it. */
  base_of: z.enum(['shown', 'answered']).optional(),
  complete: z.boolean(),
  source: z.number().int().positive().optional(),
  /** Where the answers are in the survey export (charts/data/survey.yaml names the file). */
  responses: z.object({
    column: z.string().min(1),
    /** `exclude`: a blank is no answer, the base is who answered; `count`: blanks stay in the base (everyone shown the question). */
    blanks: z.enum(['exclude', 'count']).default('exclude'),
    /** Shares are rounded half up to this many decimals. */
    decimals: z.number().int().min(0).max(3).default(1),
  }).strict().optional(),
  /** The previous edition's shares, by answer id, as that edition printed them. */
  previous: z.object({
    edition: z.number().int().min(1900).max(2200),
    shares: z.record(z.number().min(0).max(100)),
  }).strict().optional(),
  note: z.string().min(1).nullable().optional(),
  footnote: z.string().min(1).nullable().optional(),
  answers: z.array(answer).min(1).superRefine((answers, ctx) => {
    // At the first answer past the limit: each is a bar of the chart and a row of the appendix.
    if (answers.length > LIMITS.answers) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [LIMITS.answers], message: `the question has ${answers.length} answers, more than ${LIMITS.answers}: a chart cannot show them (group the rare ones as "Other")` });
    }
  }),
}).strict();

/** `charts/data/survey.yaml`: this edition's year and, for a survey with raw responses, its export. */
export const surveySchema = z.object({
  edition: z.number().int().min(1900).max(2200),
  export: z.object({
    /** Relative to the project root; must stay inside it. */
    file: z.string().min(1),
    /**
     * `one-column-per-question`: a cell per question, several answers joined by `separator`
     * (Google Forms); `one-column-per-option`: a multiple-choice option per column named
     * `Question[option]` or `Question [option]` (LimeSurvey); `two-header-rows`: the
     * question on the first header row, the option (or "Response") on the second (SurveyMonkey).
     */
    shape: z.enum(['one-column-per-question', 'one-column-per-option', 'two-header-rows']),
    separator: z.string().min(1).default(';'),
  }).strict().optional(),
}).strict();

export const aggregatesSchema = z.array(z.object({
  text: z.string().min(1),
  file: z.string().min(1),
  explanation: z.string().min(1),
}).strict());

export type QuestionInput = z.infer<typeof questionSchema>;
export type AnswerInput = z.infer<typeof answer>;
export type SurveyInput = z.infer<typeof surveySchema>;
export type Aggregate = z.infer<typeof aggregatesSchema>[number];
