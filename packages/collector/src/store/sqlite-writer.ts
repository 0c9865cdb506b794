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
import { configure, insertRow, isDatabaseFault, toTuple, writeStatements, type RowTuple, type WriterReply, type WriterRequest } from './sqlite-shared.js';
import { StoreUnavailableError, type InsertOutcome } from './types.js';

const port = parentPort!;
const { file, busyTimeout, idleCheckpointMs } = workerData as { file: string; busyTimeout?: number; idleCheckpointMs: number };
const db = new Database(file);
configure(db, busyTimeout);
// A modest cache (8 MiB). A b-tree page split renumbers pages through a temporary page number far past
// the end of the file, and the commit after it scans the cache's whole hash table to drop that number
// (pcache1TruncateUnsafe). Random UUID keys split pages often, so a 64 MiB cache cost more CPU per
// commit than it saved in reads. Readers stream and need no big cache either.
db.pragma('cache_size = -8192');
const statements = writeStatements(db);

interface Waiting {
  rows: RowTuple[];
  /** A health probe's heartbeat instead of rows: it commits with the others or fails with them. */
  probe?: number;
  done: (outcomes: InsertOutcome[] | Error) => void;
}

let queue: Waiting[] = [];
let replies: WriterReply['results'] = [];

const write = db.transaction((batch: Waiting[]) =>
  batch.map((w) => {
    if (w.probe !== undefined) statements.probe.run(w.probe);
    return w.rows.map((r) => insertRow(statements, r));
  }),
);

const unavailable = (e: unknown) => new StoreUnavailableError(`SQLite write failed: ${(e as Error).message}`);

/** Commits every row queued since the last commit; runs once the inbox has been read. */
function commit() {
  const batch = queue;
  queue = [];
  let outcomes: Array<InsertOutcome[] | Error>;
  try {
    outcomes = write(batch);
  } catch (e) {
    // A fault of the whole database fails every request alike; otherwise one request's failure must
    // not fail the others grouped with it: retry each alone.
    outcomes = isDatabaseFault(e)
      ? batch.map(() => unavailable(e))
      : batch.map((w) => {
          try {
            return write([w])[0];
          } catch (e) {
            return unavailable(e);
          }
        });
  }
  batch.forEach((w, i) => w.done(outcomes[i]));
  scheduleCheckpoint();
}

let checkpointTimer: NodeJS.Timeout | null = null;

/**
 * Once writes pause, the WAL is checkpointed into the database and truncated to nothing, so it does
 * not sit at its autocheckpoint size (64 MiB) on a small disk. Under steady load the autocheckpoint
 * and journal_size_limit bound it.
 */
function scheduleCheckpoint() {
  if (checkpointTimer) checkpointTimer.refresh();
  else {
    checkpointTimer = setTimeout(() => {
      checkpointTimer = null;
      if (queue.length) return;
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // A reader or another process holds the WAL: the next pause tries again.
      }
    }, idleCheckpointMs);
    checkpointTimer.unref();
  }
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
  } else if ('probe' in m) {
    enqueue({ rows: [], probe: m.probe, done: (o) => reply(o instanceof Error ? { seq: m.seq, error: o.message, unavailable: true } : { seq: m.seq, outcomes: [] }) });
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
