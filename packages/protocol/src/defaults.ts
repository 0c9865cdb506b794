/** What a survey is when its config does not say: `resolveConfig` and `publishedSurvey` fill the same. */
import { DRIVER_KEYS, type DriverKey } from './a11.js';

/**
 * One statement for each of the seed's categories, row 7 (Other) as "Something
 * else"; an agency may add "none" (None of the above), which excludes the rest.
 */
export const DEFAULT_DRIVERS: readonly DriverKey[] = DRIVER_KEYS.filter((k) => k !== 'none');

/** Where and how a survey is shown when the page does not say. */
export const PAGE_DEFAULTS = { surveyType: 'post-interaction', channel: 'web', labels: 'statements' } as const;

/** A channel name: a lower-case word (web, kiosk, in-person …). */
export const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;
