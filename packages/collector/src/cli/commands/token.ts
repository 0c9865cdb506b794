/** cx-collector token: a window token, as an agency backend mints one when a transaction completes. */
import { issueWindowToken, type SigningKeyInput } from '@cx-survey/protocol/token';
import { loadServices } from '../../domain/services.js';
import type { Io } from '../io.js';
import { UsageError, type Settings } from '../settings.js';

export async function token(s: Settings, io: Io): Promise<number> {
  const service = s.text('service');
  if (service === undefined) throw new UsageError('token needs --service <id>');
  // Only a services file given on purpose is checked: a token for a service the collector does not declare is refused there.
  const file = s.text('services');
  if (file !== undefined) s.service(loadServices(file), service, file);
  const kid = s.text('kid');
  const privateKey = s.text('private-key');
  const secretFile = s.text('secret-file');
  const secret = secretFile !== undefined ? s.secretFile(secretFile, 'secret file') : s.text('secret');
  let key: SigningKeyInput;
  if (privateKey !== undefined) key = { alg: 'ES256', privateKey: s.readFile(privateKey, 'private key'), kid };
  else if (secret !== undefined) key = { alg: 'HS256', secret, kid };
  else throw new UsageError('token needs --secret-file (HS256; or CX_TOKEN_SECRET) or --private-key (ES256)');
  let transactionAt: Date | undefined;
  const at = s.text('transaction-at');
  if (at !== undefined) {
    transactionAt = new Date(at);
    if (Number.isNaN(transactionAt.getTime())) throw new UsageError(`--transaction-at must be an ISO 8601 date-time such as 2025-03-01T14:30:00Z, not "${at}"`);
  }
  const hours = s.number('window-hours', 48, { min: 1 / 60, max: 48, range: 'a number of hours from one minute (1/60) to 48' });
  try {
    io.stdout.write(`${await issueWindowToken({ key, service, transactionAt, windowSeconds: Math.round(hours * 3600), issuer: s.text('issuer') })}\n`);
  } catch (e) {
    if (e instanceof RangeError || (e as Error).name === 'TypeError') throw new UsageError((e as Error).message);
    throw e;
  }
  return 0;
}
