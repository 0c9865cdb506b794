import type { ConfigProblem } from './config.js';

/** Endpoints the browser itself can POST to: an http(s) URL or a path. Any other name needs a host transport. */
export const isHttpEndpoint = (endpoint: string): boolean => /^(https?:\/\/|\/|\.)/.test(endpoint);

/** The element's rule for `endpoint`: required, and sendable by fetch unless the host gives a transport. */
export function endpointProblem(endpoint: string | undefined, hasTransport: boolean): ConfigProblem | undefined {
  if (!endpoint) return { path: 'endpoint', message: 'endpoint is required: the collector URL responses are sent to' };
  if (!hasTransport && !isHttpEndpoint(endpoint))
    return { path: 'endpoint', message: 'endpoint must be an http(s) URL or a path starting with / or . (or set a transport)' };
  return undefined;
}
