/**
 * The SQLite write thread. It owns the only writing connection, so the
 * main thread keeps parsing and validating requests while a commit waits
 * for its fsync; the main thread sends the next group as soon as this one
 * answers (pipelined group commit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { SQLITE_INSERT, SQLITE_LOOKUP, configure, type WriteReply, type WriteRequest } from './sqlite-shared.js';
import type { InsertOutcome, StoredRow } from './types.js';

const db = new Database((workerData as { file: string }).file);
configure(db);
// The writer keeps the hot index pages in memory (64 MiB); readers stream and need no big cache.
db.pragma('cache_size = -65536');
const insert = db.prepare(SQLITE_INSERT);
const lookup = db.prepare(SQLITE_LOOKUP);

function insertOne(r: StoredRow): InsertOutcome {
  const info = insert.run(r.id, r.service, r.answeredAt, r.receivedAt, r.channel, r.surveyType, r.contentHash, r.tokenId, r.record, r.redactions);
  if (info.changes === 1) return 'stored';
  // The insert hit a unique constraint: the id's row (if any) tells which.
  const existing = lookup.get(r.id) as { hash: string } | undefined;
  if (existing) return existing.hash === r.contentHash ? 'duplicate' : 'id_conflict';
  return 'token_reused';
}

const write = db.transaction((groups: StoredRow[][]) => groups.map((rows) => rows.map(insertOne)));

parentPort!.on('message', (message: WriteRequest | 'close') => {
  if (message === 'close') {
    db.close();
    process.exit(0);
  }
  let reply: WriteReply;
  try {
    reply = { seq: message.seq, results: write(message.groups).map((outcomes) => ({ outcomes })) };
  } catch {
    // One request's failure must not fail the others grouped with it: retry each alone.
    reply = {
      seq: message.seq,
      results: message.groups.map((rows) => {
        try {
          return { outcomes: write([rows])[0] };
        } catch (e) {
          return { error: (e as Error).message };
        }
      }),
    };
  }
  parentPort!.postMessage(reply);
});
