/**
 * What the builder hands to the web team, from a draft: the embed snippets, the services-file
 * entry, the token-integration snippet and the paper and IVR versions. Pure text, no DOM.
 */
import {
  ENGLISH,
  ivrScriptText,
  MEDIA_TRANSLATIONS,
  paperSurveyHtml,
  RESPONSES_PATH,
  resolveConfig,
  surveyScript,
  type SurveyConfig,
  type SurveyConfigInput,
} from '@cx-survey/protocol';
import { cleanEntry, type Draft } from './draft.js';

/** The package version the snippets pin (a page should not change under a survey's PRA clearance). */
export const ELEMENTS_VERSION = '0.1.0';
export const CDN_URL = `https://cdn.jsdelivr.net/npm/@cx-survey/elements@${ELEMENTS_VERSION}/dist/cx-survey.min.js`;

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The collector's ingest URL for the page: endpoint + /v1/responses. */
export function responsesUrl(endpoint: string): string {
  return `${(endpoint || 'https://collector.example.gov').replace(/\/+$/, '')}${RESPONSES_PATH}`;
}

/** The `<cx-survey>` tag: the service and collector (the collector publishes the questions) and the page's own settings. */
export function surveyTag(draft: Draft, indent = ''): string {
  const { entry, page } = draft;
  const attrs = [`service="${attr(entry.id)}"`, `endpoint="${attr(responsesUrl(page.endpoint))}"`];
  if (page.languages.length > 1) attrs.push(`languages="${attr(page.languages.join(' '))}"`);
  if (page.labels === 'short') attrs.push('labels="short"');
  if (page.burden) attrs.push(`pra-burden="${attr(page.burden)}"`);
  if (page.kiosk) attrs.push('kiosk');
  if (page.kiosk && page.location) attrs.push(`location="${attr(page.location)}"`);
  return `${indent}<cx-survey ${attrs.join(' ')}></cx-survey>`;
}

/** The script tag and the survey, for a page that loads the bundle from a CDN (`scriptUrl` for a self-hosted copy). */
export function embedSnippet(draft: Draft, scriptUrl = CDN_URL): string {
  return `<script type="module" src="${attr(scriptUrl)}"></script>\n${draft.page.launcher === 'none' ? surveyTag(draft) : launcherMarkup(draft)}\n`;
}

export function npmSnippet(draft: Draft): string {
  return `npm install @cx-survey/elements@${ELEMENTS_VERSION}\n\n// once, in the page's script:\nimport '@cx-survey/elements';\n\n<!-- in the page: -->\n${draft.page.launcher === 'none' ? surveyTag(draft) : launcherMarkup(draft)}\n`;
}

function launcherMarkup(draft: Draft): string {
  const placement = draft.page.launcher === 'corner' ? ' placement="corner"' : '';
  return `<cx-survey-button${placement}>\n${surveyTag(draft, '  ')}\n</cx-survey-button>`;
}

/** The launcher variant: a button (in the corner unless the draft says "inline") that opens the survey in a dialog. */
export function launcherSnippet(draft: Draft, scriptUrl = CDN_URL): string {
  const d: Draft = { ...draft, page: { ...draft.page, launcher: draft.page.launcher === 'inline' ? 'inline' : 'corner' } };
  return `<script type="module" src="${attr(scriptUrl)}"></script>\n${launcherMarkup(d)}\n`;
}

/** A whole services file holding this one entry. */
export function servicesFile(draft: Draft): string {
  return `${JSON.stringify({ services: [cleanEntry(draft.entry)] }, null, 2)}\n`;
}

export function entryJson(draft: Draft): string {
  return JSON.stringify(cleanEntry(draft.entry), null, 2);
}

/** How the agency's backend issues a window token when a transaction completes (docs/token-integration.md). */
export function tokenSnippet(draft: Draft): string {
  const id = draft.entry.id;
  return `// Agency backend (Node), when the transaction completes:
import { issueWindowToken } from '@cx-survey/protocol/token';

const token = await issueWindowToken({
  service: '${id}',
  transactionAt: new Date(),
  key: { alg: 'ES256', privateKey: process.env.CX_WINDOW_PRIVATE_KEY, kid: '2025-01' },
});
// Put it on the page: <cx-survey service="${attr(id)}" token="…" …>, or a link with ?cx_token=…

// The collector verifies it with the public key:
//   cx-collector keygen --out agency
//   cx-collector serve --services services.json --token-public-key agency.public.pem
`;
}

/** The survey's settings as the element resolves them from the page (the preview's config). */
export function previewInput(draft: Draft, kiosk = draft.page.kiosk): SurveyConfigInput {
  const entry = cleanEntry(draft.entry);
  const input: SurveyConfigInput = {
    service: entry.id,
    agency: entry.agency,
    subject: entry.subject,
    scale: entry.scale,
    drivers: entry.drivers,
    q3: entry.q3,
    labels: draft.page.labels,
    channel: kiosk ? 'kiosk' : 'web',
  };
  for (const k of ['q1Wording', 'positiveCut', 'q3MaxLength', 'questions', 'wording'] as const) if (entry[k] !== undefined) (input as Record<string, unknown>)[k] = entry[k];
  if (entry.pra) input.pra = { ...entry.pra, ...(draft.page.burden ? { burden: draft.page.burden } : {}) };
  return input;
}

function config(draft: Draft, channel: string): SurveyConfig | undefined {
  const r = resolveConfig({ ...previewInput(draft), channel });
  return r.ok ? r.config : undefined;
}

/** The printable paper form in English (the protocol's renderer, as `cx-collector paper` uses). */
export function paperHtml(draft: Draft): string {
  const c = config(draft, 'paper');
  return c ? paperSurveyHtml(surveyScript(c, 'en', ENGLISH, MEDIA_TRANSLATIONS.en, 'paper'), draft.entry.name || draft.entry.id) : '';
}

/** The phone (IVR) script in English (as `cx-collector ivr` prints it). */
export function ivrText(draft: Draft): string {
  const c = config(draft, 'ivr');
  return c ? ivrScriptText(surveyScript(c, 'en', ENGLISH, MEDIA_TRANSLATIONS.en, 'ivr')) : '';
}
