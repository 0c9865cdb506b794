/**
 * The file a data-entry team or a vendor hands the collector for responses gathered off the web
 * (paper, phone, IVR, in person, email, text message): its columns and what each means. Defined
 * once here; `cx-collector import --template` prints it and docs/channels.md describes it.
 */
import { KNOWN_CHANNELS, NO_Q3_CHANNELS } from '../a11.js';

/** Channels an import file may carry (the browser channels arrive through POST /v1/responses). */
export const IMPORT_CHANNELS = KNOWN_CHANNELS.filter((c) => c !== 'web' && c !== 'mobile-app' && c !== 'kiosk');
export type ImportChannel = (typeof IMPORT_CHANNELS)[number];

export interface ImportColumn {
  name: string;
  required: boolean;
  /** One line for the template's comment row and the docs; no commas or quotes, so the row needs no CSV quoting. */
  help: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'external_id', required: true, help: 'your id for this response (the response id box on a paper form or the vendor row id) - re-importing it stores nothing new' },
  { name: 'answered_at', required: false, help: 'when it was answered: YYYY-MM-DD or an ISO 8601 date-time' },
  { name: 'received_at', required: false, help: 'paper only and only when answered_at is unknown: the date the form arrived (the record is flagged)' },
  { name: 'q1', required: false, help: 'Q1: 1 agree / 0 disagree (thumbs) or 1-5 (five-point) - blank if skipped' },
  { name: 'q2a', required: false, help: 'Q2a drivers ticked after a positive Q1: driver keys separated by ; e.g. ease;efficiency' },
  { name: 'q2b', required: false, help: 'Q2b drivers ticked after a negative Q1: driver keys separated by ;' },
  { name: 'q3', required: false, help: 'Q3 free text (not for IVR: it does not ask Q3)' },
  { name: 'locale', required: false, help: 'language the survey was given in (e.g. es)' },
  { name: 'location', required: false, help: 'office or site code: letters and digits and dashes' },
];

export const IMPORT_COLUMN_NAMES = IMPORT_COLUMNS.map((c) => c.name);

/** Separators accepted between driver keys in q2a / q2b. */
export const DRIVER_LIST_SEPARATOR = /[;|,\s]+/;

/** Mailed-back forms: the day one arrived may stand in for the unknown day it was filled in (flagged). */
export const RECEIVED_DATE_CHANNELS: readonly string[] = ['paper', 'mail'];

export const channelAsksQ3 = (channel: string) => !(NO_Q3_CHANNELS as readonly string[]).includes(channel);
