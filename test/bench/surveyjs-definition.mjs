// The A-11 Section 280.14 survey as a SurveyJS JSON definition, equivalent to
// what <cx-survey service="bench" agency="Example Agency"> shows by default:
// thumbs Q1, the default drivers with the seed's first statement, Q3 free text.
// Wording comes from @cx-survey/protocol so the two surveys cannot drift apart.
import {
  AGREEMENT_LABELS,
  DEFAULT_Q3_MAX_LENGTH,
  DEFAULT_DRIVERS,
  DRIVERS,
  Q1_WORDING,
  Q2A_WORDING,
  Q2B_WORDING,
  Q2_HINT,
  Q3_WORDING,
  fill,
} from '@cx-survey/protocol';

export const AGENCY = 'Example Agency';

/** The statements each Q2 branch must show, in order: also used to check both pages render them. */
/** The drivers <cx-survey> offers by default (every category; row 7 as "Something else"). */
const OFFERED = DRIVERS.filter((d) => DEFAULT_DRIVERS.includes(d.key));

export function expectedDrivers(branch) {
  return OFFERED.map((d) => fill(d.statements[0][branch], { agency: AGENCY }));
}

export function surveyJsDefinition({ scale = 'thumbs' } = {}) {
  const title = fill(Q1_WORDING, { subject: 'interaction', agency: AGENCY });
  const q1 =
    scale === 'thumbs'
      ? // Two visible choices, Agree first, like the element's thumbs (not SurveyJS's default switch).
        { type: 'boolean', name: 'q1', title, renderAs: 'radio', swapOrder: true, labelTrue: 'Agree', labelFalse: 'Disagree' }
      : { type: 'rating', name: 'q1', title, rateCount: 5, minRateDescription: AGREEMENT_LABELS[0], maxRateDescription: AGREEMENT_LABELS[4] };
  const positiveIf = scale === 'thumbs' ? '{q1} = true' : '{q1} = 5';
  const negativeIf = scale === 'thumbs' ? '{q1} = false' : '{q1} < 5';

  const checklist = (name, wording, visibleIf, branch) => {
    return {
      type: 'checkbox',
      name,
      title: wording,
      description: Q2_HINT,
      visibleIf,
      choices: OFFERED.map((d) => ({ value: d.key, text: fill(d.statements[0][branch], { agency: AGENCY }) })),
    };
  };

  return {
    showQuestionNumbers: 'off',
    questionErrorLocation: 'bottom',
    completeText: 'Submit',
    completedHtml: '<h2>Thank you for your feedback.</h2>',
    pages: [
      {
        name: 'a11',
        elements: [
          q1,
          checklist('q2a', Q2A_WORDING, positiveIf, 'positive'),
          checklist('q2b', Q2B_WORDING, negativeIf, 'negative'),
          { type: 'comment', name: 'q3', title: Q3_WORDING, maxLength: DEFAULT_Q3_MAX_LENGTH, rows: 3 },
        ],
      },
    ],
  };
}
