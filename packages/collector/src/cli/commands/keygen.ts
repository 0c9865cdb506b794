/** cx-collector keygen: an ES256 key pair for window tokens. */
import { writeFileSync } from 'node:fs';
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { Io } from '../io.js';
import type { Settings } from '../settings.js';

export async function keygen(s: Settings, io: Io): Promise<number> {
  const out = s.text('out');
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const privatePem = await exportPKCS8(privateKey);
  const publicPem = await exportSPKI(publicKey);
  if (out === undefined) {
    io.stdout.write(`${privatePem}\n${publicPem}`);
    return 0;
  }
  writeFileSync(`${out}.private.pem`, privatePem, { mode: 0o600 });
  writeFileSync(`${out}.public.pem`, publicPem);
  writeFileSync(`${out}.public.jwk.json`, `${JSON.stringify({ ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }, null, 2)}\n`);
  io.stdout.write(`wrote ${out}.private.pem (keep secret, agency backend), ${out}.public.pem and ${out}.public.jwk.json (collector)\n`);
  return 0;
}
