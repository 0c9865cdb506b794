/** Response headers, defined once for every route. */
import type { FastifyReply } from 'fastify';

/** Everything the API itself answers: its JSON and CSV are data, never a page to render. */
export const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// Set per route rather than in an onSend hook: a hook on every reply costs measurable ingest throughput.
export function apiHeaders(reply: FastifyReply): void {
  reply.headers(API_HEADERS);
}

/** Static files and the dashboard's script: revalidated, never sniffed. */
export const FILE_HEADERS = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

// The dashboard page may run its own script and talk to its own origin, nothing else: no CDN, no third party.
export const DASHBOARD_PAGE_HEADERS = {
  ...FILE_HEADERS,
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

