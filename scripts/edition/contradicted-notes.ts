import { DiagnosticList } from '../diagnostics/diagnostic.js';
import { readProjectFile } from '../diagnostics/project-files.js';
import { parseYamlSource } from '../config/yaml-source.js';
import { SURVEY_DIR } from '../survey/load-survey.js';
import type { Survey } from '../survey/survey-model.js';
import { looseText } from './match-text.js';

/**
 * Notes written for the printed edition that the new data contradicts: an aggregate's
 * explanation (or an answer's note) that names an answer with its old share, or says the
 * report "does not print" an answer that the export now counts. A warning at the note.
 */
export async function contradictedNotes(root: string, survey: Survey, wired: ReadonlySet<string>, diagnostics: DiagnosticList): Promise<void> {
  const path = `${SURVEY_DIR}/aggregates.yaml`;
  const text = await readProjectFile(root, path, 'utf8').catch(() => undefined);
  const notes: { text: string; file: string; line: number; column: number; answer?: string }[] = [];
  const source = text === undefined ? undefined : parseYamlSource(text, path, new DiagnosticList());
  if (source && Array.isArray(source.value)) {
    source.value.forEach((entry: { explanation?: unknown }, i) => {
      if (typeof entry?.explanation !== 'string') return;
      notes.push({ text: entry.explanation, file: path, ...source.positionOf([i, 'explanation']) });
    });
  }
  for (const q of survey.questions.values()) {
    if (!wired.has(q.id)) continue;
    for (const a of q.answers) if (a.note) notes.push({ text: a.note, file: q.file, line: a.at.line, column: a.at.column, answer: `${q.id}/${a.id}` });
  }
  for (const note of notes) {
    const loose = ` ${looseText(note.text)} `;
    const saysUnprinted = /\b(does not|doesn't|do not) print|not printed/i.test(note.text);
    for (const q of survey.questions.values()) {
      if (!wired.has(q.id)) continue;
      // A note is about this question when it names one of its printed shares: "the other tools,
      // whose shares the report does not print" is not about every question's answer "Other".
      const aboutQuestion = q.answers.some((a) => a.previous && namesNumber(note.text, a.previous.shareText.slice(0, -1)));
      for (const a of q.answers) {
        // An answer's own note speaks of that answer (a shared note is not three times wrong).
        if (note.answer ? note.answer !== `${q.id}/${a.id}` : !loose.includes(` ${looseText(a.label)} `)) continue;
        const old = a.previous?.shareText.slice(0, -1);
        if (old && old !== a.shareText.slice(0, -1) && namesNumber(note.text, old)) {
          diagnostics.warn(note.file, note.line, note.column, `this note gives ${old} for "${a.label}" (${q.id}), the ${a.previous ? 'previous edition\'s' : 'printed'} share; the ${q.edition ?? 'new'} data gives ${a.shareText}`,
            `write ${a.shareText.slice(0, -1)} where the note means this edition, or say "in ${q.edition ? q.edition - 1 : 'the previous edition'}"`, 'edition-note');
        } else if (saysUnprinted && aboutQuestion && !a.previous) {
          diagnostics.warn(note.file, note.line, note.column, `this note says the report does not print a share, but "${a.label}" (${q.id}) is now counted: ${a.shareText}`,
            `replace the words about the unprinted share with ${a.shareText.slice(0, -1)}`, 'edition-note');
        }
      }
    }
  }
}

/** Whether `text` names the number `value` (54.9, not 154.9 or 54.95). */
function namesNumber(text: string, value: string): boolean {
  return new RegExp(`(^|[^0-9.])${value.replace('.', '\\.')}([^0-9]|$)`).test(text);
}
