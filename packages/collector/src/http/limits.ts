/**
 * Bounds on what one client can hold: how long a request may take to arrive, how long an idle
 * connection stays open, how many connections one address may keep. Without them a client sending
 * one byte every ten seconds holds its socket and buffers for ever (150 such clients took the
 * collector from 92 to 366 MiB and made SIGTERM time out).
 */
import type { Server, Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

export interface ConnectionLimits {
  /** The whole request, headers and body, must arrive within this (ms). */
  requestTimeout: number;
  /** The headers must arrive within this (ms). */
  headersTimeout: number;
  /** A keep-alive connection with no request is closed after this (ms); above a load balancer's idle timeout. */
  keepAliveTimeout: number;
  /** A connection with no traffic either way is closed after this (ms), e.g. a client that stopped reading an export. */
  idleTimeout: number;
  /** Connections one address may hold at once; 0 for no cap (behind a load balancer, every client has its address). */
  perAddress: number;
  /** Connections in all. */
  total: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  requestTimeout: 30_000,
  headersTimeout: 10_000,
  keepAliveTimeout: 72_000,
  idleTimeout: 120_000,
  perAddress: 128,
  total: 10_000,
};

/** fastify's options for the timeouts. Node checks them on a timer: every second, or more often for short ones. */
export function timeoutOptions(limits: ConnectionLimits): Pick<FastifyServerOptions, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout'> & {
  http: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number };
} {
  return {
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    connectionTimeout: limits.idleTimeout,
    http: {
      // Node wants headersTimeout ≤ requestTimeout.
      headersTimeout: Math.min(limits.headersTimeout, limits.requestTimeout),
      requestTimeout: limits.requestTimeout,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(Math.min(limits.headersTimeout, limits.requestTimeout) / 4))),
    },
  };
}


const refusal = (status: string, code: string, message: string, extra = '') => {
  const body = JSON.stringify({ error: { code, message } });
  return `HTTP/1.1 ${status}\r\n${extra}Content-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

const REFUSALS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: refusal('408 Request Timeout', 'request_timeout', 'the request did not arrive in time; send it again'),
  HPE_HEADER_OVERFLOW: refusal('431 Request Header Fields Too Large', 'headers_too_large', 'the request headers are too large'),
};
const TOO_MANY = refusal('503 Service Unavailable', 'too_many_connections', 'too many connections from this address; retry later', 'Retry-After: 5\r\n');
const BAD_REQUEST = refusal('400 Bad Request', 'bad_request', 'the request is not valid HTTP');

/** fastify's clientErrorHandler: a request that timed out or broke HTTP is answered in the API's own error format. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (socket.writable) socket.end(REFUSALS[error.code ?? ''] ?? BAD_REQUEST);
  socket.destroySoon();
}

/**
 * Caps connections per address and in all. A connection over the cap is answered 503 with
 * Retry-After (a client keeps its records and retries) and closed, before any of its request is read.
 */
export function capConnections(server: Server, limits: ConnectionLimits, onRefused?: () => void): void {
  server.maxConnections = limits.total;
  if (!limits.perAddress) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const n = (open.get(address) ?? 0) + 1;
    if (n > limits.perAddress) {
      onRefused?.();
      socket.end(TOO_MANY);
      socket.destroySoon();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = open.get(address)! - 1;
      if (left) open.set(address, left);
      else open.delete(address);
    });
  });
}
