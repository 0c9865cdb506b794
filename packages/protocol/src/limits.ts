/**
 * Limits and patterns of the wire format that both the element and the collector enforce. Defined
 * once here: a second copy would drift, and a device would then send what the collector refuses.
 */

/** Records one POST may carry; the element splits its queue into batches of at most this many. */
export const MAX_BATCH = 100;

/** Default time a response answered inside its window may still be delivered (an offline kiosk). */
export const DEFAULT_GRACE_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_GRACE_MS = DEFAULT_GRACE_SECONDS * 1000;

/** Service ids, locations and other short names: a letter or digit, then letters, digits, ".", "_" or "-"; 64 at most. */
export const SLUG_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
export const SLUG = new RegExp(SLUG_PATTERN);
export const isSlug = (value: unknown): value is string => typeof value === 'string' && SLUG.test(value);

/** The collector's ingest path; the element's default endpoint. */
export const RESPONSES_PATH = '/v1/responses';
/** Longest endpoint URL a config may name. */
export const MAX_ENDPOINT_LENGTH = 2000;
/** Where a service's public survey config is served: `${SERVICES_PATH}/${id}`. */
export const SERVICES_PATH = '/v1/services';

/** Q3's default and largest length, and a text question's largest answer. */
export const DEFAULT_Q3_MAX_LENGTH = 1000;
export const MAX_Q3_LENGTH = 5000;
export const MAX_TEXT_ANSWER_LENGTH = 1000;
