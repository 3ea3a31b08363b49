import { h } from 'hastscript';
import type { Element } from 'hast';
import type { Survey } from '../survey/survey-model.js';
import { chartTable } from '../charts/chart-figure.js';
import type { ContentsEntry } from './contents-model.js';
import { SURVEY_APPENDIX_ID } from '../chapters/edition-names.js';

export { SURVEY_APPENDIX_ID };

/** Every chart's data table, in the order the charts appear: the numbers behind the pictures. */
export function surveyAppendix(survey: Survey, chartOrder: readonly string[]): { element: Element; entry: ContentsEntry } {
  const questions = chartOrder.map((id) => survey.questions.get(id)!).filter(Boolean);
  const element = h('article.chapter.kind-back.survey-appendix', { id: SURVEY_APPENDIX_ID, dataChapter: SURVEY_APPENDIX_ID }, [
    h('header.chapter-header', [h('h1.chapter-title', { id: `${SURVEY_APPENDIX_ID}--title` }, 'Survey data')]),
    h('p', `Every share as printed in the report, with the number of the ${questions[0]?.base ?? ''} respondents it stands for where it is a whole number. Questions marked as partial list only the answers the report cites.`),
    ...questions.map((q) => h('section.survey-question', { id: `${SURVEY_APPENDIX_ID}--${q.id}` }, [
      chartTable(q),
      h('p.survey-back', [h('a', { href: `#chart-${q.id}` }, 'Back to the chart')]),
    ])),
  ]);
  const entry: ContentsEntry = { id: `${SURVEY_APPENDIX_ID}--title`, title: 'Survey data', level: 1, chapter: SURVEY_APPENDIX_ID, children: [] };
  return { element, entry };
}
