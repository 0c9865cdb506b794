import { LitElement, type PropertyDeclarations } from 'lit';
import type { DriverLabels, Scale, Subject, SurveyConfigInput, SurveyType } from '@cx-survey/protocol';
import type { Transport } from '../../delivery/outbox.js';
import { resolveLocale } from '../../internal/locales.js';
import { jsonConverter, type AttributeInput } from './config-input.js';

/**
 * The public, reactive settings of `<cx-survey>`: its attributes and properties,
 * documented one by one, and its styling surface (parts and `--cx-` properties).
 * The element class (survey.ts) adds the behaviour and documents its events.
 *
 * @csspart base - The survey's outer box.
 * @csspart form - The form holding all questions.
 * @csspart question - Each question's fieldset or field; each also has part q1, q2, q3 or extra.
 * @csspart q1 - The Q1 trust question.
 * @csspart q2 - The Q2a or Q2b driver checklist.
 * @csspart q3 - The Q3 free-text question.
 * @csspart extra - Each additional question.
 * @csspart legend - The wording of each question asked in a fieldset (Q1, Q2, choice questions).
 * @csspart label - The wording of each question answered in a text box (Q3, text questions).
 * @csspart hint - The "select all that apply" hint of Q2 and of multiple-choice additional questions.
 * @csspart option - Each answer choice (label with its control).
 * @csspart textarea - The Q3 text box.
 * @csspart counter - The Q3 characters-left counter.
 * @csspart actions - The row of buttons.
 * @csspart submit - The form's Submit button.
 * @csspart dismiss - The dismiss and close buttons.
 * @csspart pra - The Paperwork Reduction Act notice.
 * @csspart thanks - The thank-you panel.
 * @csspart status - The delivery status line.
 * @csspart dismissed - The short "survey closed" confirmation left, focused, after "No thanks" or "Close" (not in kiosk mode).
 * @csspart closed - The "survey has closed" message shown after a window token's window has ended.
 * @csspart start - Kiosk: the start screen.
 * @csspart start-button - Kiosk: the start screen's Start button.
 * @csspart idle-warning - Kiosk: the inactivity warning dialog ("Do you need more time?").
 * @csspart more-time - Kiosk: the warning's "I need more time" button.
 * @csspart languages - The language picker (with the `languages` attribute).
 * @csspart backlog - Kiosk: the count, for staff, of responses waiting to be sent.
 *
 * @cssprop [--cx-font-family='Source Sans Pro Web', 'Helvetica Neue', Helvetica, Roboto, Arial, sans-serif] - Font stack.
 * @cssprop [--cx-font-size=1.0625rem] - Base text size.
 * @cssprop [--cx-color-text=#1b1b1b] - Text colour.
 * @cssprop [--cx-color-muted=#565c65] - Hint, counter and PRA text colour.
 * @cssprop [--cx-color-background=#fff] - Survey, choice and text box background.
 * @cssprop [--cx-color-primary=#005ea2] - Buttons, links and selected choices.
 * @cssprop [--cx-color-primary-dark=#1a4480] - Submit button hover.
 * @cssprop [--cx-color-on-primary=#fff] - Text on the submit button.
 * @cssprop [--cx-color-border=#565c65] - Borders of choices and text boxes.
 * @cssprop [--cx-color-border-light=#dfe1e2] - Border of the survey's outer box.
 * @cssprop [--cx-color-selected=#d9e8f6] - Background of a selected choice.
 * @cssprop [--cx-color-focus=#2491ff] - Focus ring.
 * @cssprop [--cx-color-scheme=light] - Scheme native controls are drawn in: set it to `dark` together with a dark palette.
 * @cssprop [--cx-radius=0.25rem] - Corner radius.
 * @cssprop [--cx-spacing=1rem] - Base spacing unit.
 * @cssprop [--cx-max-width=40rem] - Widest the survey grows.
 */
export class SurveyAttributes extends LitElement {
  /** Lit's reactive properties; attributes are kebab-case as documented on each field below. */
  static override properties: PropertyDeclarations = {
    service: { reflect: true },
    agency: {},
    subject: {},
    q1Wording: { attribute: 'q1-wording' },
    scale: {},
    positiveCut: { attribute: 'positive-cut', type: Number },
    surveyType: { attribute: 'survey-type' },
    channel: {},
    labels: {},
    endpoint: {},
    languages: {},
    noQ3: { attribute: 'no-q3', type: Boolean },
    q3MaxLength: { attribute: 'q3-max-length', type: Number },
    location: {},
    praControlNumber: { attribute: 'pra-control-number' },
    praExpiration: { attribute: 'pra-expiration' },
    praBurden: { attribute: 'pra-burden' },
    praBurdenUrl: { attribute: 'pra-burden-url' },
    config: { attribute: 'config', converter: jsonConverter },
    configSource: { attribute: 'config-source' },
    token: {},
    transport: { attribute: false },
    kiosk: { type: Boolean, reflect: true },
    resetAfter: { attribute: 'reset-after', type: Number },
    idleAfter: { attribute: 'idle-after', type: Number },
    headingLevel: { attribute: 'heading-level', type: Number },
  };

  /** Identifier of the designated service (required): 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit. Recorded with each response. */
  service?: string;
  /** The High Impact Service Provider named in Q1 and in {agency} placeholders (required unless q1-wording leaves {agency} out). */
  agency?: string;
  /** "interaction" (default) or "service": the word used in Q1. */
  subject?: Subject;
  /** Agency's PRA-approved replacement for the Q1 sentence; may contain {agency} and {subject}. */
  q1Wording?: string;
  /** "thumbs" (default) or "five-point". */
  scale?: Scale;
  /** Five-point scale: lowest rating, 2 to 5, that leads to Q2a (default 5, as section 280.14 says). Checked on either scale; used only on the five-point one. */
  positiveCut?: number;
  /** "post-interaction" (default), "post-service-journey" or "relational". */
  surveyType?: SurveyType;
  /** Channel recorded with each response: a lower-case word such as web (default), mobile-app, kiosk, email, sms, phone, in-person. */
  channel?: string;
  /** "statements" (default) or "short": 1-3-word driver labels with icons. */
  labels?: DriverLabels;
  /** Collector URL (required). Each record is queued on this device, then POSTed there in a JSON array without cookies and retried until the collector acknowledges it. A value that is not an http(s) URL or a path is delivered only through `transport`. */
  endpoint?: string;
  /**
   * Languages a respondent may choose from (space-separated tags, e.g. "en es zh-Hant ar"):
   * shows a language picker, as a kiosk needs. Without it the language follows `lang`,
   * the page's <html lang> and the browser.
   */
  languages?: string;
  /** Leave out Q3 free text (e.g. channels that cannot take it). When present it wins over `q3: true` in config; `q3: false` in config also leaves Q3 out. */
  noQ3 = false;
  /** Longest Q3 answer, in characters, 1 to 5000 (default 1000). */
  q3MaxLength?: number;
  /** Office or device location code recorded with each response (kiosks): 1-64 letters, digits, ".", "_" or "-". */
  location?: string;
  /** PRA notice: OMB control number, e.g. 1234-5678. Needs pra-expiration. */
  praControlNumber?: string;
  /** PRA notice: expiration date, YYYY-MM-DD. The survey still collects on that day; from the next day (respondent's local calendar) it is not shown and cx-expire fires. */
  praExpiration?: string;
  /** PRA notice: burden statement text. */
  praBurden?: string;
  /** PRA notice: link to the burden statement, an http(s) URL or a path starting with /. Opens in a new window. */
  praBurdenUrl?: string;
  /**
   * Fuller settings as an object (or JSON in the attribute): drivers, questions, pra, q3, and any
   * of the above under their camelCase names. Attributes that are set win over the same setting
   * here; the pra-* attributes win key by key over `pra`. See docs/configuration.md.
   * @type {SurveyConfigInput}
   */
  config?: SurveyConfigInput;
  /**
   * Where the survey's content comes from. "collector" (default): with an http(s) `endpoint` and a
   * `service`, the element fetches the survey the collector publishes (GET /v1/services/:id) and the
   * page's settings may only narrow it; a contradiction is a cx-error config problem. "page": the
   * page's settings alone (a collector without that route; the collector still checks each record).
   */
  configSource?: 'collector' | 'page';
  /**
   * Signed 48-hour window token from the agency's backend, sent with each record; when unset, the
   * page's `cx_token` URL parameter is used. Not part of `config`. The element only decodes it, to show
   * "This survey has closed." once the window has passed (see cx-closed); the collector verifies it.
   */
  token?: string;
  /**
   * Delivers records through the host's own channel (e.g. a native app bridge) instead of
   * fetch, for this survey's endpoint (and any other survey on the page with the same endpoint).
   * Called as (records, endpoint) and resolves to one { id, outcome: 'delivered' | 'retry' | 'rejected' }
   * per record; throwing means retry them all. Property only, no attribute.
   * @type {Transport}
   */
  transport?: Transport;

  /**
   * Kiosk mode for shared tablets: a start screen, large targets, a return to the start
   * screen after the thank-you and after inactivity (wiping every answer), and a discreet
   * count of responses waiting to be sent. Records channel "kiosk" unless `channel` says otherwise.
   */
  kiosk = false;
  /** Kiosk: seconds the thank-you stays before the start screen returns (default 10). */
  resetAfter = 10;
  /** Kiosk: seconds without a touch, key or typing before a respondent on the questions is asked "Do you need more time?"; answers are wiped and the start screen returns 30 seconds later unless they say so (default 90). */
  idleAfter = 90;

  /** Heading level, 1 to 6, of the thank-you and the kiosk's title, to fit the page's outline (default 2). */
  headingLevel = 2;

  /** The attributes under the config's names, for merging over `config`. */
  /** Languages offered in the picker: those the `languages` attribute lists that the survey speaks. */
  protected pickerLocales(): string[] {
    const listed = (this.languages ?? '').split(/[\s,]+/).filter(Boolean);
    return listed.map((l) => resolveLocale([l])).filter((l, i, all) => all.indexOf(l) === i);
  }

  /** The window token: the attribute, else the page's cx_token URL parameter. */
  protected windowToken(): string | undefined {
    return this.token || new URLSearchParams(location.search).get('cx_token') || undefined;
  }

  protected attributeInput(): AttributeInput {
    const { kiosk, noQ3, service, agency, subject, q1Wording, scale, positiveCut, surveyType, channel, labels, endpoint, q3MaxLength, location } = this;
    const { praControlNumber, praExpiration, praBurden, praBurdenUrl } = this;
    return { kiosk, noQ3, service, agency, subject, q1Wording, scale, positiveCut, surveyType, channel, labels, endpoint, q3MaxLength, location, praControlNumber, praExpiration, praBurden, praBurdenUrl };
  }
}
