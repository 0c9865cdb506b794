export { buildCollector, DEFAULT_BODY_LIMIT, DEFAULT_RATE_LIMIT, VERSION, type CollectorOptions } from './server.js';
export { ingest, MAX_BATCH, type IngestContext, type RecordResult } from './ingest.js';
export { loadServices, parseServices, ServicesError, type ServiceDefinition } from './services.js';
export { buildReport, ReportBuilder, type QuarterReport } from './report.js';
export { csvExport, jsonExport, CSV_COLUMNS } from './export.js';
export { federalHolidays, lastBusinessDay, quarterPeriod, fiscalQuarterOf, type QuarterPeriod } from './calendar.js';
export { RateLimiter, type RateLimitOptions } from './ratelimit.js';
export { redactText, type RedactionKind } from './redact.js';
export * from './store/index.js';
