/** Content-Encoding of request bodies: gzip, deflate and br are decoded; anything else is refused with 415. */
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

export class UnsupportedEncodingError extends Error {
  readonly statusCode = 415;
  readonly code = 'unsupported_encoding';
}

/** The body as fastify should read it: decoded, with the encoded length counted for Content-Length. */
export function decodeBody(header: string | undefined, payload: Readable): Readable {
  const encoding = header?.trim().toLowerCase();
  if (!encoding || encoding === 'identity') return payload;
  const make = DECODERS[encoding];
  if (!make) throw new UnsupportedEncodingError(`Content-Encoding "${encoding.slice(0, 40)}" is not supported; send gzip, deflate, br or none`);
  const decoder = make() as NodeJS.ReadWriteStream & Readable & { receivedEncodedLength?: number };
  let received = 0;
  payload.on('data', (chunk: Buffer) => (decoder.receivedEncodedLength = received += chunk.length));
  payload.on('error', (e) => decoder.destroy(e));
  payload.pipe(decoder);
  return decoder;
}
