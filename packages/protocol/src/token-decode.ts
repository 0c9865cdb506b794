/**
 * The 48-hour window token, as the browser sees it: decoded, never verified
 * (verifying needs the key, which stays on the agency's backend and the
 * collector). Dependency-free so the element bundle stays small; signing and
 * verifying live in `@cx-survey/protocol/token`.
 */

/** JOSE `typ` header of a window token, so no other JWT of the agency's is mistaken for one. */
export const WINDOW_TOKEN_TYPE = 'cx-window+jwt';
/** Section 280.14: post-interaction means "generally within the last 48 hours". */
export const WINDOW_MAX_SECONDS = 48 * 60 * 60;

/**
 * Claims of a window token. Times are JWT NumericDates (seconds since the epoch).
 * `svc` is the designated service id, `txn` when the transaction completed,
 * `exp` the end of the survey window (at most 48 hours after `txn`), `jti` a
 * unique id: the collector accepts one response per token.
 */
export interface WindowTokenClaims {
  svc: string;
  txn: number;
  iat: number;
  exp: number;
  jti: string;
  iss?: string;
}

export interface DecodedWindowToken {
  service: string;
  transactionAt: Date;
  expiresAt: Date;
  id: string;
  claims: WindowTokenClaims;
}

interface Codec {
  atob(text: string): string;
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}

function base64UrlJson(part: string): unknown {
  // Typed here so this module needs neither DOM nor Node typings.
  const g = globalThis as unknown as Codec;
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4);
  const binary = g.atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return JSON.parse(new g.TextDecoder().decode(bytes));
}

const isNumericDate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * Reads a window token's claims without checking its signature, or returns
 * null when it is not a well-formed window token. For display and scheduling
 * only (e.g. "this survey link expires at …"): trust nothing it says.
 */
export function decodeWindowToken(token: string): DecodedWindowToken | null {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)) || !parts[0] || !parts[1]) return null;
  try {
    const header = base64UrlJson(parts[0]) as Record<string, unknown>;
    const claims = base64UrlJson(parts[1]) as Record<string, unknown>;
    if (!header || header.typ !== WINDOW_TOKEN_TYPE || !claims || typeof claims !== 'object') return null;
    const { svc, txn, iat, exp, jti } = claims;
    if (typeof svc !== 'string' || typeof jti !== 'string' || !isNumericDate(txn) || !isNumericDate(iat) || !isNumericDate(exp)) return null;
    return {
      service: svc,
      transactionAt: new Date(txn * 1000),
      expiresAt: new Date(exp * 1000),
      id: jti,
      claims: claims as unknown as WindowTokenClaims,
    };
  } catch {
    return null;
  }
}
