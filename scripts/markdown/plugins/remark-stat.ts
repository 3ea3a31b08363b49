import type { Root } from 'mdast';
import type { TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Survey } from '../../survey/survey-model.js';

export interface RemarkStatOptions {
  readonly survey: Survey;
}

/** `:stat[question/answer]` prints that answer's share from the data, exactly as printed. */
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
      node.data = {
        hName: 'span',
        hProperties: { className: ['stat'], dataStat: key, title: `${question!.title} (n = ${question!.base})` },
        hChildren: [{ type: 'text', value: answer.shareText }],
      };
    });
  };
}
