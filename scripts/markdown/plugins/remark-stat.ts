import type { Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Survey } from '../../survey/survey-model.js';

export interface RemarkStatOptions {
  readonly survey: Survey;
}

/**
 * `:stat[question/answer]` prints that answer's share from the data, exactly as printed;
 * `:stat[question/answer]{change}` prints its change since the previous edition, in
 * percentage points. The tooltip names the question, its base and the editions compared.
 */
export default function remarkStat(options: RemarkStatOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node: TextDirective) => {
      if (node.name !== 'stat') return;
      const key = toString(node).trim();
      const [questionId, answerId] = key.split('/');
      const question = questionId ? options.survey.questions.get(questionId) : undefined;
      const answer = question?.answers.find((a) => a.id === answerId);
      if (!answer) {
        const known = question ? `answers of ${question.id}: ${question.answers.map((a) => a.id).join(', ')}` : 'write :stat[question-id/answer-id] with ids from charts/data/';
        const m = file.message(`:stat[${key}] names no answer in the survey data`, { place: node.position, ruleId: 'stat', source: 'ptr' });
        m.fatal = true;
        m.note = known;
        return;
      }
      const attributes = Object.keys(node.attributes ?? {});
      const change = attributes.includes('change');
      const unknown = attributes.filter((a) => a !== 'change');
      if (unknown.length > 0 || (change && !answer.previous)) {
        const m = file.message(unknown.length > 0
          ? `:stat[${key}] has an unknown attribute ${unknown.map((a) => `"${a}"`).join(', ')}`
          : `:stat[${key}]{change} needs the previous edition's share of this answer`, { place: node.position, ruleId: 'stat', source: 'ptr' });
        m.fatal = true;
        m.note = unknown.length > 0 ? 'write :stat[question/answer] for the share, :stat[question/answer]{change} for the change since the previous edition'
          : `add it under \`previous: {edition, shares}\` in charts/data/${question!.id}.yaml`;
        return;
      }
      const n = `n = ${question!.base}`;
      node.data = {
        hName: 'span',
        hProperties: change
          ? { className: ['stat', 'stat-change'], dataStat: key, title: `${question!.title} (${n}): ${answer.shareText} in ${question!.edition}, ${answer.previous!.shareText} in ${question!.previous!.edition}` }
          : { className: ['stat'], dataStat: key, title: `${question!.title} (${n})` },
        hChildren: [{ type: 'text', value: change ? answer.previous!.changeText : answer.shareText }],
      };
    });
  };
}
