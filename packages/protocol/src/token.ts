/**
 * Signing and verifying the 48-hour window token (Node backends and the
 * collector). Exported as `@cx-survey/protocol/token` so that browser bundles,
 * which only decode, never pull in jose.
 */
import { SignJWT, compactVerify, decodeProtectedHeader, importJWK, importPKCS8, importSPKI, type CryptoKey, type JWK } from 'jose';
import { DEFAULT_GRACE_SECONDS, isSlug } from './limits.js';
import { newRecordId } from './record.js';

export { DEFAULT_GRACE_SECONDS } from './limits.js';
import { WINDOW_MAX_SECONDS, WINDOW_TOKEN_TYPE, type DecodedWindowToken, type WindowTokenClaims } from './token-decode.js';

export { WINDOW_MAX_SECONDS, WINDOW_TOKEN_TYPE, decodeWindowToken, type DecodedWindowToken, type WindowTokenClaims } from './token-decode.js';

/** The only algorithms accepted; each key is pinned to one, so no algorithm confusion. */
export const WINDOW_TOKEN_ALGORITHMS = ['ES256', 'HS256'] as const;
export type WindowTokenAlgorithm = (typeof WINDOW_TOKEN_ALGORITHMS)[number];

/** Clock difference tolerated between the issuer, the respondent's device and the collector. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 5 * 60;
/** HS256 secrets shorter than this are refused (RFC 7518 §3.2: at least the hash size). */
export const MIN_SECRET_BYTES = 32;

type KeyMaterial = CryptoKey | Uint8Array;

// Typed here so this module needs no DOM typings; Node 20 and browsers both have these.
const { TextEncoder, TextDecoder } = globalThis as unknown as {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
};

/** A key that signs: an HS256 shared secret, or an ES256 private key (PKCS#8 PEM or JWK). */
export type SigningKeyInput =
  | { alg: 'HS256'; secret: string | Uint8Array; kid?: string }
  | { alg: 'ES256'; privateKey: string | JWK; kid?: string };

/** A key that verifies: an HS256 shared secret, or an ES256 public key (SPKI PEM or JWK). */
export type VerifyingKeyInput =
  | { alg: 'HS256'; secret: string | Uint8Array; kid?: string }
  | { alg: 'ES256'; publicKey: string | JWK; kid?: string };

interface PreparedKey {
  alg: WindowTokenAlgorithm;
  kid?: string;
  key: KeyMaterial;
}

export type WindowTokenErrorCode =
  | 'token_malformed'
  | 'token_invalid'
  | 'token_wrong_service'
  | 'token_not_yet_valid'
  | 'token_expired'
  | 'token_late'
  | 'token_window_too_long';

export class WindowTokenError extends Error {
  constructor(
    readonly code: WindowTokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WindowTokenError';
  }
}

function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.length < MIN_SECRET_BYTES) throw new RangeError(`an HS256 secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return bytes;
}

async function prepareSigningKey(input: SigningKeyInput): Promise<PreparedKey> {
  if (input.alg === 'HS256') return { alg: 'HS256', kid: input.kid, key: secretBytes(input.secret) };
  if (input.alg === 'ES256') {
    const key =
      typeof input.privateKey === 'string' ? await importPKCS8(input.privateKey, 'ES256') : ((await importJWK(input.privateKey, 'ES256')) as CryptoKey);
    return { alg: 'ES256', kid: input.kid, key };
  }
  throw new RangeError(`unsupported algorithm ${(input as { alg: string }).alg}; use ES256 or HS256`);
}

async function prepareVerifyingKey(input: VerifyingKeyInput): Promise<PreparedKey> {
  if (input.alg === 'HS256') return { alg: 'HS256', kid: input.kid, key: secretBytes(input.secret) };
  if (input.alg === 'ES256') {
    const key =
      typeof input.publicKey === 'string' ? await importSPKI(input.publicKey, 'ES256') : ((await importJWK(input.publicKey, 'ES256')) as CryptoKey);
    return { alg: 'ES256', kid: input.kid, key };
  }
  throw new RangeError(`unsupported algorithm ${(input as { alg: string }).alg}; use ES256 or HS256`);
}

export interface IssueWindowTokenOptions {
  key: SigningKeyInput;
  /** The designated service the response will be for (the collector checks it). */
  service: string;
  /** When the transaction completed; default now. */
  transactionAt?: Date;
  /** Length of the survey window from the transaction; default and maximum 48 hours. */
  windowSeconds?: number;
  /** Unique token id; default a random UUID. */
  id?: string;
  issuer?: string;
  /** Issuing time; default now. */
  now?: Date;
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Mints a window token when a transaction completes, on the agency's backend.
 * Hand it to the page that shows the survey (e.g. `<cx-survey token="…">`).
 */
export async function issueWindowToken(options: IssueWindowTokenOptions): Promise<string> {
  const { service, issuer } = options;
  if (!isSlug(service)) throw new RangeError('service must be a service id');
  const now = options.now ?? new Date();
  const txn = seconds(options.transactionAt ?? now);
  const window = options.windowSeconds ?? WINDOW_MAX_SECONDS;
  if (!Number.isInteger(window) || window < 60 || window > WINDOW_MAX_SECONDS)
    throw new RangeError(`windowSeconds must be a whole number from 60 to ${WINDOW_MAX_SECONDS} (48 hours)`);
  if (txn > seconds(now) + DEFAULT_CLOCK_SKEW_SECONDS) throw new RangeError('transactionAt is in the future');
  const key = await prepareSigningKey(options.key);
  const claims: Record<string, unknown> = { svc: service, txn };
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, typ: WINDOW_TOKEN_TYPE, ...(key.kid ? { kid: key.kid } : {}) })
    .setIssuedAt(seconds(now))
    .setExpirationTime(txn + window)
    .setJti(options.id ?? newRecordId());
  if (issuer) jwt.setIssuer(issuer);
  return jwt.sign(key.key);
}

export interface VerifyWindowTokenInput {
  /** Service of the record the token came with. */
  service: string;
  /** When the respondent answered (the record's answeredAt). */
  answeredAt: Date;
  /** Delivery time; default now. */
  now?: Date;
}

export interface WindowTokenVerifierOptions {
  keys: VerifyingKeyInput[];
  /** How long after the window closes a response answered inside it is still accepted. */
  graceSeconds?: number;
  clockSkewSeconds?: number;
}

export interface WindowTokenVerifier {
  verify(token: string, input: VerifyWindowTokenInput): Promise<DecodedWindowToken>;
}

function parseClaims(payload: Uint8Array): WindowTokenClaims {
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new WindowTokenError('token_malformed', 'the token payload is not JSON');
  }
  const c = claims as Record<string, unknown>;
  const int = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!c || typeof c !== 'object' || typeof c.svc !== 'string' || !int(c.txn) || !int(c.iat) || !int(c.exp) || typeof c.jti !== 'string' || !c.jti || c.jti.length > 128)
    throw new WindowTokenError('token_malformed', 'the token lacks one of its claims svc, txn, iat, exp, jti');
  // A control character (NUL above all: PostgreSQL text cannot hold it) makes an id no store can key on.
  if (/\p{Cc}/u.test(c.jti)) throw new WindowTokenError('token_malformed', 'the token id (jti) holds a control character');
  return c as unknown as WindowTokenClaims;
}

/**
 * Prepares keys once and returns a verifier. It checks, in order: the
 * signature (algorithm pinned per key), the claims, the service, that the
 * window is at most 48 hours, that the answer was given inside the window,
 * and that it was delivered no later than the grace period after the window.
 */
export async function createWindowTokenVerifier(options: WindowTokenVerifierOptions): Promise<WindowTokenVerifier> {
  const keys = await Promise.all(options.keys.map(prepareVerifyingKey));
  const grace = options.graceSeconds ?? DEFAULT_GRACE_SECONDS;
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  return {
    async verify(token, input) {
      if (typeof token !== 'string' || token.split('.').length !== 3) throw new WindowTokenError('token_malformed', 'the token is not a compact JWS');
      let header: Record<string, unknown>;
      try {
        header = decodeProtectedHeader(token) as Record<string, unknown>;
      } catch {
        throw new WindowTokenError('token_malformed', 'the token header is not JSON');
      }
      if (header.typ !== WINDOW_TOKEN_TYPE) throw new WindowTokenError('token_invalid', `the token is not of type ${WINDOW_TOKEN_TYPE}`);
      const candidates = keys.filter((k) => k.alg === header.alg && (header.kid === undefined || k.kid === undefined || k.kid === header.kid));
      if (!candidates.length) throw new WindowTokenError('token_invalid', `no key accepts a token signed with ${String(header.alg)}${header.kid ? ` (kid ${String(header.kid)})` : ''}`);
      let payload: Uint8Array | undefined;
      for (const k of candidates) {
        try {
          payload = (await compactVerify(token, k.key, { algorithms: [k.alg] })).payload;
          break;
        } catch {
          // Try the next key: rotation keeps an old and a new key side by side.
        }
      }
      if (!payload) throw new WindowTokenError('token_invalid', 'the token signature does not verify');
      const claims = parseClaims(payload);
      if (claims.svc !== input.service)
        throw new WindowTokenError('token_wrong_service', `the token was issued for service "${claims.svc}", not "${input.service}"`);
      if (claims.exp - claims.txn > WINDOW_MAX_SECONDS || claims.exp < claims.txn)
        throw new WindowTokenError('token_window_too_long', 'the token window is longer than 48 hours');
      const answered = seconds(input.answeredAt);
      const now = seconds(input.now ?? new Date());
      if (answered < claims.txn - skew || claims.iat > now + skew)
        throw new WindowTokenError('token_not_yet_valid', 'the response was answered before the transaction the token is for');
      if (answered > claims.exp + skew)
        throw new WindowTokenError('token_expired', 'the response was answered after the token\'s 48-hour window closed');
      if (now > claims.exp + grace)
        throw new WindowTokenError('token_late', `the response arrived more than ${Math.round(grace / 86400)} days after the token's window closed`);
      return {
        service: claims.svc,
        transactionAt: new Date(claims.txn * 1000),
        expiresAt: new Date(claims.exp * 1000),
        id: claims.jti,
        claims,
      };
    },
  };
}

/** One-off verification; prefer createWindowTokenVerifier where keys are reused. */
export async function verifyWindowToken(
  token: string,
  input: VerifyWindowTokenInput & WindowTokenVerifierOptions,
): Promise<DecodedWindowToken> {
  return (await createWindowTokenVerifier(input)).verify(token, input);
}
