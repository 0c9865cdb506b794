/**
 * Every sentence the survey shows, in English, by message id: the A-11 wording
 * from a11.ts and the project's own (buttons, status, kiosk, PRA line). The
 * element renders from here, and each translation is a `Templates`: one text
 * per id, so a missing or misspelt id fails to compile. `{name}` placeholders
 * are filled by `fill()`; a translation keeps the English's names.
 */
import { AGREEMENT_LABELS, Q1_WORDING, Q2A_WORDING, Q2B_WORDING, Q2_HINT, Q3_WORDING, fill, type Branch } from './a11.js';
import type { DRIVERS } from './drivers.js';

const subject = (s: string) => fill(Q1_WORDING, { subject: s });

/** The survey's own texts (everything but the driver statements). */
export const UI_TEXT = {
  // Q1: one whole sentence per subject, since in many languages the article and verb agree with the noun.
  'q1.interaction': subject('interaction'),
  'q1.service': subject('service'),
  'subject.interaction': 'interaction',
  'subject.service': 'service',
  'thumbs.up': AGREEMENT_LABELS[3],
  'thumbs.down': AGREEMENT_LABELS[1],
  'scale.1': AGREEMENT_LABELS[0],
  'scale.2': AGREEMENT_LABELS[1],
  'scale.3': AGREEMENT_LABELS[2],
  'scale.4': AGREEMENT_LABELS[3],
  'scale.5': AGREEMENT_LABELS[4],
  q2a: Q2A_WORDING,
  q2b: Q2B_WORDING,
  'q2.hint': Q2_HINT,
  'q2.appeared': 'A follow-up question appeared below: {question}',
  q3: Q3_WORDING,
  'q3.counter': '{left} characters left',
  'extra.hint': 'Select all that apply.',
  submit: 'Submit',
  dismiss: 'No thanks',
  'pra.line': 'OMB Control No. {number}. Expires {expires}.',
  'pra.link': 'Paperwork Reduction Act statement',
  newWindow: '(opens in a new window)',
  closed: 'This survey has closed. Thank you for your interest.',
  thanks: 'Thank you for your feedback.',
  close: 'Close',
  dismissed: 'The survey is closed.',
  'status.sending': 'Sending your feedback…',
  'status.saved': 'Your feedback is saved on this device and will be sent when you are back online.',
  'status.savedMemory': 'Your feedback will be sent when you are back online, if this page stays open.',
  'status.sent': 'Your feedback was sent.',
  'status.failed': 'Your feedback could not be sent.',
  'kiosk.title': 'Tell us about your visit today.',
  'kiosk.start': 'Start',
  'kiosk.waiting': 'Waiting to be sent: {count}',
  'kiosk.idle.title': 'Do you need more time?',
  'kiosk.idle.text': 'For your privacy, your answers will be cleared in {seconds} seconds.',
  'kiosk.idle.more': 'I need more time',
  language: 'Language',
  'button.label': 'Give feedback',
} as const;

/** The survey's own texts' ids; the driver statements' are `DriverMessageId`s (english.ts). */
export type UiMessageId = keyof typeof UI_TEXT;

type Driver = (typeof DRIVERS)[number];
/** A tuple's indices as strings: "0" | "1" … */
type Indices<T> = Exclude<keyof T, keyof readonly unknown[]> & string;
/** `effectiveness.0.positive`, `effectiveness.short.negative`, … for each statement the seed gives a driver. */
export type DriverMessageId = Driver extends infer D
  ? D extends { key: infer K extends string; statements: infer S }
    ? `${K}.${Indices<S>}.${Branch}` | `${K}.short.${Branch}`
    : never
  : never;

export type MessageId = UiMessageId | DriverMessageId;

/** One language's texts: every message id, nothing else. */
export type Templates = { readonly [Id in MessageId]: string };
