/** Shapes the configuration checks accept (config.ts, questions.ts, service-entry.ts): defined once. */

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Non-blank text of at most `max` characters. */
export const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
