/**
 * The SQLite write thread. It owns the only writing connection, so the main
 * thread keeps parsing and validating requests while a commit waits for its
 * fsync. Group commit happens here: each insert() arrives as its own message,
 * and when the thread is free it takes every message already waiting into one
 * transaction. It never idles while work is queued (no round trip to the
 * main thread between transactions), and the busier it is, the more
 * responses share one fsync.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configure, insertRow, writeStatements, type WriteReply, type WriteRequest } from './sqlite-shared.js';

const port = parentPort!;
const db = new Database((workerData as { file: string }).file);
configure(db);
// A modest cache (8 MiB). A b-tree page split renumbers pages through a temporary page number far past
// the end of the file, and the commit after it scans the cache's whole hash table to drop that number
// (pcache1TruncateUnsafe). Random UUID keys split pages often, so a 64 MiB cache cost more CPU per
// commit than it saved in reads. Readers stream and need no big cache either.
db.pragma('cache_size = -8192');
const statements = writeStatements(db);

const write = db.transaction((requests: WriteRequest[]) => requests.map((q) => q.rows.map((r) => insertRow(statements, r))));

function commit(requests: WriteRequest[]): WriteReply['results'] {
  try {
    return write(requests).map((outcomes, i) => ({ seq: requests[i].seq, outcomes }));
  } catch {
    // One request's failure must not fail the others grouped with it: retry each alone.
    return requests.map((q) => {
      try {
        return { seq: q.seq, outcomes: write([q])[0] };
      } catch (e) {
        return { seq: q.seq, error: (e as Error).message };
      }
    });
  }
}

port.on('message', (first: WriteRequest | 'close') => {
  const requests: WriteRequest[] = [];
  let closing = false;
  // Everything that arrived while the last transaction committed becomes this one.
  for (let m: WriteRequest | 'close' | undefined = first; m !== undefined; m = receiveMessageOnPort(port)?.message) {
    if (m === 'close') closing = true;
    else requests.push(m);
  }
  if (requests.length) port.postMessage({ results: commit(requests) } satisfies WriteReply);
  if (closing) {
    db.close();
    process.exit(0);
  }
});
