/**
 * The builder's own sentences, in English, by message id: the same scheme as the survey's
 * (protocol messages.ts): each translation is a `BuilderTemplates` with one text per id, loaded
 * lazily, and `{name}` placeholders are filled by the protocol's `fill()`. The rule of each step
 * paraphrases OMB Circular A-11 Section 280.14 in plain language for a CX lead.
 */
export const BUILDER_ENGLISH = {
  title: 'Survey builder',
  intro: 'Set up the A-11 Section 280 customer feedback survey for one service. Each step says the rule that applies; problems show at their field as you type. The preview is the real survey; the outputs at the end go to your web team.',
  problems: '{count} problems to fix before the survey can run',
  noProblems: 'No problems: the collector will accept this service.',
  rule: 'Rule',
  optional: '(optional)',
  remove: 'Remove',

  'step.service': 'Service',
  'rule.service': 'Section 280.14: a High Impact Service Provider (HISP) runs at least one feedback survey for each designated service. The id names the service in every response and report; the agency is the HISP that Q1 names.',
  'f.id': 'Service id',
  'h.id': 'Letters, digits, ".", "_" or "-", e.g. passport-renewal. It cannot change once responses arrive.',
  'f.name': 'Service name',
  'f.agency': 'Agency (HISP) named in Q1',

  'step.q1': 'Q1: trust',
  'rule.q1': 'Required wording: "This [interaction / service] increased my trust in [agency]." Other wording, such as "Having completed FAFSA, I trust FSA to deliver on its responsibility to students", is used only as approved in the PRA process.',
  'f.subject': 'The survey asks about this',
  'subject.interaction': 'interaction (one stand-alone contact)',
  'subject.service': 'service (a whole service journey)',
  'f.q1Wording': 'PRA-approved Q1 wording',
  'h.q1Wording': 'Leave empty for the required wording. May use {agency} and {subject}.',

  'step.scale': 'Answer scale',
  'rule.scale': 'Thumbs up / down is the default. A 5-point agreement scale is reviewed in the PRA process, and OMB agrees with you which ratings (3, 4 or 5 of 5) count as trust: set the lowest one here.',
  'f.scale': 'Scale',
  'scale.thumbs': 'Thumbs up / thumbs down',
  'scale.five-point': '5-point agreement (strongly disagree to strongly agree)',
  'f.positiveCut': 'Lowest rating that counts as trust (agreed with OMB)',

  'step.drivers': 'Q2: what made the difference',
  'rule.drivers': 'Q2 offers one statement per driver. Rows 1-3 (effectiveness, ease, efficiency) are required. Rows 4-6 (transparency, humanity, employee interaction) are required if applicable: say why when one does not apply. Row 7 (something else, none of the above) is optional. Your own "similar" wording is a custom pair that needs PRA approval.',
  'driver.offer': 'Offer {name}',
  'driver.status': 'Row {row}: {status}',
  'driver.statement': 'Statement for {name}',
  'driver.own': 'Our own wording (needs PRA approval)',
  'driver.positive': 'After a positive answer',
  'driver.negative': 'After a negative answer',
  'driver.pra': 'Custom pair: needs PRA approval before use.',
  'driver.reason': 'Why {name} does not apply to this service',
  'rule.labels': 'The seed encourages 1-3-word labels with icons where possible.',
  'f.labels': 'Show drivers as',
  'labels.statements': 'full statements',
  'labels.short': 'short labels with icons',

  'step.q3': 'Q3: anything else',
  'rule.q3': 'Q3 "Anything else you want us to know about your experience?" is required, and may be left out only where the format cannot take free text, such as a phone (IVR) survey.',
  'f.q3': 'Ask Q3 (free text)',
  'f.q3MaxLength': 'Longest answer, in characters',

  'step.questions': 'Additional questions',
  'rule.questions': 'You may add questions after the required ones, such as the purpose of the visit. The whole survey should be at most 15 questions and five minutes, and every question stays optional for the respondent.',
  'questions.count': '{used} of {max} questions used.',
  'questions.add': 'Add a question',
  'question.legend': 'Additional question {n}',
  'f.question.label': 'Question',
  'f.question.type': 'Answer type',
  'type.single': 'one choice',
  'type.multiple': 'several choices',
  'type.text': 'free text',
  'f.question.options': 'Choices, one per line',

  'step.languages': 'Languages',
  'rule.languages': 'Offer the languages your customers use; the survey shows the required wording in each. Agency wording in another language, like any change of wording, needs PRA approval.',
  'f.languages': 'Languages offered',
  'language.legend': 'Agency wording in {language}',
  'f.wording.agency': 'Agency name',
  'f.wording.q1': 'Approved Q1 wording',

  'step.pra': 'Paperwork Reduction Act',
  'rule.pra': 'Every post-transaction survey needs PRA approval under the A-11 Section 280 umbrella clearance. The survey shows the OMB control number and expiry date, and stops collecting after that date. A collection that needs no clearance must say why.',
  'f.praMode': 'Clearance',
  'pra.cleared': 'Cleared under the umbrella clearance',
  'pra.exempt': 'Exempt from the PRA',
  'f.controlNumber': 'OMB control number',
  'h.controlNumber': 'Like 1234-5678.',
  'f.expiration': 'Expiration date',
  'h.expiration': 'YYYY-MM-DD',
  'f.burden': 'Burden statement',
  'f.praExempt': 'Why no PRA clearance is needed',

  'step.access': 'Where responses come from',
  'rule.token': 'A post-interaction survey is for a customer who finished an interaction generally within the last 48 hours. Requiring a window token lets the collector enforce that window: your backend issues one per finished transaction.',
  'f.requireToken': 'Require a 48-hour window token',
  'rule.origins': 'Only web pages at these exact addresses may send responses for this service to the collector.',
  'f.origins': 'Allowed page origins, one per line',
  'h.origins': 'scheme://host[:port], e.g. https://www.example.gov',
  'f.endpoint': 'Collector address',

  'step.presentation': 'Presentation',
  'rule.presentation': 'Keep to a single screen, even on a phone, for ease of response. Kiosk mode serves a shared tablet in an office and wipes answers between visitors; the launcher opens the survey in a dialog from a button.',
  'f.kiosk': 'Kiosk mode',
  'f.location': 'Office or device code',
  'f.launcher': 'Launcher',
  'launcher.none': 'none: the survey in the page',
  'launcher.inline': 'a button in the page',
  'launcher.corner': 'a button in the corner',

  preview: 'Preview',
  'preview.note': 'The real survey from the settings above; nothing is sent.',
  'preview.branch': 'Answer Q1',
  'branch.none': 'unanswered',
  'branch.positive': 'positive (thumbs up / agree)',
  'branch.negative': 'negative (thumbs down / disagree)',
  'preview.language': 'Language',
  'preview.width': 'Width',
  'width.phone': 'phone (320 px)',
  'width.tablet': 'tablet (768 px)',
  'width.desktop': 'desktop',
  'preview.kiosk': 'Kiosk mode',
  'preview.invalid': 'Fix the problems above to see the preview.',
  axe: 'Check accessibility',
  'axe.running': 'Checking accessibility…',
  'axe.none': 'No accessibility violations found (axe-core).',
  'axe.found': '{count} accessibility violations found (axe-core).',
  'axe.failed': 'The accessibility check could not run: {error}',

  outputs: 'For your web team',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  'copy.failed': 'Could not copy: select the text and copy it.',
  download: 'Download services.json',
  'out.embed': 'Embed snippet (CDN)',
  'note.embed': 'Paste where the survey should appear, on the page a customer sees after the transaction. The survey takes its questions from the collector, so the page needs only the service id and the collector address.',
  'out.npm': 'Embed from npm',
  'note.npm': 'For a site built with a bundler: install @cx-survey/elements and import it once.',
  'out.launcher': 'Launcher variant',
  'note.launcher': 'A "Give feedback" button that opens the survey in a dialog.',
  'out.entry': 'Services file entry',
  'note.entry': 'Add this to the "services" list of the collector\'s services file and restart it (cx-collector serve --services services.json). This builder cannot save to the collector: download the file or copy the entry.',
  'out.token': 'Window token (agency backend)',
  'note.token': 'This service requires a window token. When a transaction completes, your backend signs one and puts it in the page (docs/token-integration.md).',
  'out.paper': 'Paper version',
  'note.paper': 'A printable form with the same questions (English). For other languages run: cx-collector paper --services services.json --service {id} --lang es',
  'out.ivr': 'Phone (IVR) script',
  'note.ivr': 'What an automated phone survey reads. Q3 is left out: a phone survey cannot take free text. Other languages: cx-collector ivr --services services.json --service {id} --lang es',
  'out.invalid': 'The outputs appear once every problem above is fixed.',
  'status.restored': 'Draft restored.',
} as const;

export type BuilderMessageId = keyof typeof BUILDER_ENGLISH;
/** One language's builder texts: every id, nothing else. */
export type BuilderTemplates = { readonly [Id in BuilderMessageId]: string };

const loaders: Record<string, () => Promise<{ templates: BuilderTemplates }>> = {
  es: () => import('./locales/es.js'),
};

/** The languages the builder itself speaks. */
export const BUILDER_LOCALES = ['en', ...Object.keys(loaders)];

/** A language's builder texts; English for any language it does not speak. */
export async function loadBuilderTemplates(locale: string): Promise<BuilderTemplates> {
  const load = loaders[locale.split('-')[0]];
  return load ? (await load()).templates : BUILDER_ENGLISH;
}
