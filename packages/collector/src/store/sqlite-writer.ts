/**
 * The SQLite write thread. It owns the only writing connection and, when the
 * owner asks (SqliteStore.host), a module run beside it: the collector hosts
 * its ingest pipeline here, so parsing and validation of single responses stay
 * off the HTTP thread, and their rows need no second hop. This thread knows
 * nothing of what the module does. Plain inserts arrive as rows.
 *
 * Group commit: rows from every message that arrived since the last commit,
 * whether a raw body or an insert() from the store's owner, are written in one
 * transaction. The busier the collector, the more responses share one fsync.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configure, insertRow, toTuple, writeStatements, type RowTuple, type WriterReply, type WriterRequest } from './sqlite-shared.js';
import { StoreUnavailableError, type InsertOutcome } from './types.js';

const port = parentPort!;
const db = new Database((workerData as { file: string }).file);
configure(db);
// A modest cache (8 MiB). A b-tree page split renumbers pages through a temporary page number far past
// the end of the file, and the commit after it scans the cache's whole hash table to drop that number
// (pcache1TruncateUnsafe). Random UUID keys split pages often, so a 64 MiB cache cost more CPU per
// commit than it saved in reads. Readers stream and need no big cache either.
db.pragma('cache_size = -8192');
const statements = writeStatements(db);

interface Waiting {
  rows: RowTuple[];
  done: (outcomes: InsertOutcome[] | Error) => void;
}

let queue: Waiting[] = [];
let replies: WriterReply['results'] = [];

const write = db.transaction((batch: Waiting[]) => batch.map((w) => w.rows.map((r) => insertRow(statements, r))));

/** Commits every row queued since the last commit; runs once the inbox has been read. */
function commit() {
  const batch = queue;
  queue = [];
  let outcomes: Array<InsertOutcome[] | Error>;
  try {
    outcomes = write(batch);
  } catch {
    // One request's failure must not fail the others grouped with it: retry each alone.
    outcomes = batch.map((w) => {
      try {
        return write([w])[0];
      } catch (e) {
        return new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);
      }
    });
  }
  batch.forEach((w, i) => w.done(outcomes[i]));
}

function enqueue(w: Waiting) {
  if (queue.length === 0) setImmediate(commit);
  queue.push(w);
}

function reply(r: WriterReply['results'][number]) {
  if (replies.length === 0) setImmediate(sendReplies);
  replies.push(r);
}

function sendReplies() {
  const results = replies;
  replies = [];
  port.postMessage({ results } satisfies WriterReply);
}

/** The submitter writes through this: its rows join the next group commit. */
const local = {
  insert: (rows: Parameters<typeof toTuple>[0][]) =>
    new Promise<InsertOutcome[]>((resolve, reject) => enqueue({ rows: rows.map(toTuple), done: (o) => (o instanceof Error ? reject(o) : resolve(o)) })),
};

type Hosted = (input: unknown) => Promise<unknown>;
let hosted: Promise<Hosted> | null = null;

function handle(m: WriterRequest) {
  // The owner sends 'close' only once every request it made has its answer.
  if (m === 'close') {
    db.close();
    process.exit(0);
  }
  if ('rows' in m) {
    enqueue({ rows: m.rows, done: (o) => reply(o instanceof Error ? { seq: m.seq, error: o.message, unavailable: true } : { seq: m.seq, outcomes: o }) });
  } else if ('host' in m) {
    // Loaded only when asked: CLI commands that only read or migrate never pay for it.
    // A configuration that fails (a bad key) leaves the previous one in place.
    const next = import(m.host.module).then((mod: { default: (config: unknown, store: typeof local) => Promise<Hosted> }) => mod.default(m.host.config, local));
    next.then(
      () => {
        hosted = next;
        reply({ seq: m.seq, hosted: true });
      },
      (e: Error) => reply({ seq: m.seq, error: e.message, unavailable: false }),
    );
  } else if (!hosted) {
    reply({ seq: m.seq, error: 'the writer hosts no module', unavailable: false });
  } else {
    hosted
      .then((call) => call(m.call))
      .then(
        (answer) => reply({ seq: m.seq, reply: answer }),
        (e: Error) => reply({ seq: m.seq, error: e.message, unavailable: e instanceof StoreUnavailableError }),
      );
  }
}

port.on('message', (first: WriterRequest) => {
  // Read everything already waiting, so it all reaches the same commit.
  for (let m: WriterRequest | undefined = first; m !== undefined; m = receiveMessageOnPort(port)?.message) handle(m);
});
