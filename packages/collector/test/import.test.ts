import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { spawn } from 'node:child_process';
import { SqliteStore } from '../src/store/index.js';
import { importFile } from '../src/ingest/import/run.js';
import { importedRecordId } from '../src/ingest/import/rows.js';
import { backends, SERVICES_JSON, services } from './helpers.js';
import { CLI, runCli } from './process.js';
import { badImportUploads, FORM_BOUNDARY, formBody, type FormPart } from './bad-inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-import-'));
const servicesFile = join(dir, 'services.json');
writeFileSync(servicesFile, SERVICES_JSON);
after(() => rmSync(dir, { recursive: true, force: true }));

const PAPER = `external_id,answered_at,received_at,q1,q2a,q2b,q3,locale
#a comment row: skipped
P-001,2026-11-02,,1,ease;efficiency,,Clear form,es
P-002,,2026-11-05,0,,effectiveness,,en
P-003,2026-11-03T15:30:00Z,,1,,,,
`;
const IVR = [
  { external_id: 'call-9001', answered_at: '2026-11-02T14:00:00Z', q1: 0, q2b: ['ease', 'efficiency'], locale: 'en' },
  { external_id: 'call-9002', answered_at: '2026-11-02T14:05:00Z', q1: 1, q2a: 'none', locale: 'vi' },
]
  .map((r) => JSON.stringify(r))
  .join('\n');

describe('cx-collector import (real CLI process, SQLite)', () => {
  const db = join(dir, 'cli.sqlite');
  const paper = join(dir, 'paper.csv');
  const ivr = join(dir, 'ivr.jsonl');
  writeFileSync(paper, PAPER);
  writeFileSync(ivr, IVR);
  const base = ['--services', servicesFile, '--db', db];

  test('a paper file and an IVR file imported twice store each response once', async () => {
    for (const round of [1, 2]) {
      const p = await runCli(['import', ...base, '--service', 't-thumbs', '--channel', 'paper', paper]);
      assert.equal(p.code, 0, p.stderr + p.stdout);
      const ps = JSON.parse(p.stdout.trim().split('\n').at(-1)!).import;
      assert.deepEqual([ps.rows, ps.stored, ps.duplicate, ps.rejected, ps.dateReceived], round === 1 ? [3, 3, 0, 0, 1] : [3, 0, 3, 0, 1]);
      const i = await runCli(['import', ...base, '--service', 't-thumbs', '--channel', 'ivr', ivr]);
      assert.equal(i.code, 0, i.stderr + i.stdout);
      const is = JSON.parse(i.stdout.trim().split('\n').at(-1)!).import;
      assert.deepEqual([is.stored, is.duplicate], round === 1 ? [2, 0] : [0, 2]);
    }
    const store = new SqliteStore(db);
    try {
      assert.equal(await store.count({ service: 't-thumbs' }), 5);
      assert.equal(await store.count({ channel: 'paper' }), 3);
      assert.equal(await store.count({ channel: 'ivr' }), 2);
      const received = JSON.parse((await store.get(importedRecordId('t-thumbs', 'paper', 'P-002')))!.record);
      assert.equal(received.dateSource, 'received');
      assert.equal(received.answeredAt, '2026-11-05T00:00:00.000Z');
      assert.equal(received.pagePath, undefined);
      const call = JSON.parse((await store.get(importedRecordId('t-thumbs', 'ivr', 'call-9001')))!.record);
      assert.deepEqual([call.channel, call.branch, call.q2, call.q3], ['ivr', 'negative', ['ease', 'efficiency'], null]);
    } finally {
      await store.close();
    }
  });

  test('the quarterly report counts imported rows by channel, with the received-date ones flagged', async () => {
    const r = await runCli(['report', ...base, '--fy', '2027', '--quarter', '1', '--service', 't-thumbs']);
    assert.equal(r.code, 0, r.stderr);
    const [report] = JSON.parse(r.stdout).reports;
    assert.deepEqual(Object.fromEntries(Object.entries(report.byChannel).map(([k, v]) => [k, (v as { responses: number }).responses])), { ivr: 2, paper: 3 });
    assert.equal(report.responses, 5);
    assert.equal(report.trust.percent, 60);
    assert.equal(report.receivedDateResponses, 1);
  });

  test("a bad row's error names its row and column; without --partial nothing is stored, with it the good rows are", async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'external_id,answered_at,q1,q2a,q2b,q3\nB-1,2026-11-02,1,ease,,\nB-2,2026-11-02,1,,ease,\nB-3,2026-13-45,1,,,\nB-4,2026-11-02,1,none;ease,,\nB-5,2026-11-02,7,,,\n,2026-11-02,1,,,\nB-7,2026-11-02,0,,efficiency,\n',
    );
    const db2 = join(dir, 'bad.sqlite');
    const args = ['import', '--services', servicesFile, '--db', db2, '--service', 't-thumbs', '--channel', 'phone', bad];
    const all = await runCli(args);
    assert.equal(all.code, 1);
    assert.match(all.stdout, /^row 3, column q2b: Q1 1 leads to Q2a, not Q2b$/m);
    assert.match(all.stdout, /^row 4, column answered_at: "2026-13-45" is not a date/m);
    assert.match(all.stdout, /^row 5, column q2a: "none of the above" cannot be combined/m);
    assert.match(all.stdout, /^row 6, column q1: must be 1 \(agree\) or 0/m);
    assert.match(all.stdout, /^row 7, column external_id: is required/m);
    assert.match(all.stderr, /5 of 7 rows refused; nothing stored/);
    const s1 = new SqliteStore(db2);
    assert.equal(await s1.count(), 0);
    await s1.close();

    const ivrQ3 = await runCli(['import', '--services', servicesFile, '--db', db2, '--service', 't-thumbs', '--channel', 'ivr', '--dry-run', bad.replace('bad.csv', 'paper.csv')]);
    assert.match(ivrQ3.stdout, /^row 3, column q3: the ivr survey does not ask Q3/m);

    const partial = await runCli([...args.slice(0, -1), '--partial', bad]);
    assert.equal(partial.code, 1);
    const summary = JSON.parse(partial.stdout.trim().split('\n').at(-1)!).import;
    assert.deepEqual([summary.stored, summary.rejected], [2, 5]);
    const s2 = new SqliteStore(db2);
    assert.equal(await s2.count(), 2);
    await s2.close();
  });

  test('--template prints the header and a comment row, and the template imports as an empty file', async () => {
    const t = await runCli(['import', '--template', '--channel', 'paper']);
    assert.equal(t.code, 0);
    const [header, comment] = t.stdout.split('\r\n');
    assert.equal(header, 'external_id,answered_at,received_at,q1,q2a,q2b,q3,locale,location');
    assert.match(comment, /^#/);
    assert.equal(comment.split(',').length, header.split(',').length, 'one note per column');
    const file = join(dir, 'template.csv');
    writeFileSync(file, t.stdout + 'T-1,2026-11-02,,1,ease,,,,\n');
    const r = await runCli(['import', '--services', servicesFile, '--db', join(dir, 't.sqlite'), '--service', 't-thumbs', '--channel', 'paper', file]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /"stored":1/);
    const wrong = await runCli(['import', '--template', '--channel', 'web']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /not an import channel/);
  });

  test('1,000,000 rows are stored in bounded memory (peak RSS measured in the importing process); one bad last row stops them all', { timeout: 45 * 60_000 }, async () => {
    const big = join(dir, 'million.csv');
    const out = createWriteStream(big);
    out.write('external_id,answered_at,q1,q2a,q2b\n');
    for (let i = 0; i < 1_000_000; i++) {
      const line = i % 2 ? `m-${i},2026-11-02T12:00:00Z,1,ease;efficiency,\n` : `m-${i},2026-11-03,0,,transparency\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const spoiled = join(dir, 'million-and-one.csv');
    copyFileSync(big, spoiled);
    appendFileSync(spoiled, 'm-last,2026-11-03,1,,ease\n');
    const db3 = join(dir, 'million.sqlite');
    // The child reports its own peak resident set size as it exits.
    const probe = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb '+process.resourceUsage().maxRSS+'\\n'))`;
    const importing = async (file: string) => {
      const started = Date.now();
      const proc = spawn(process.execPath, ['--import', probe, CLI, 'import', '--services', servicesFile, '--db', db3, '--service', 't-thumbs', '--channel', 'sms', file], {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      proc.stdout.on('data', (d) => (stdout += d));
      proc.stderr.on('data', (d) => (stderr += d));
      const [code] = await once(proc, 'exit');
      const peakMb = Number(/maxrss-kb (\d+)/.exec(stderr)![1]) / 1024;
      // The file is ~40 MB; its million records held at once would take well over 1 GB. Measured: 216-230 MB
      // (Node, SQLite's page cache and one 2,000-row batch in flight).
      assert.ok(peakMb < 320, `peak RSS ${peakMb.toFixed(0)} MB`);
      console.log(`# imported ${file}: ${((Date.now() - started) / 1000).toFixed(0)} s, peak RSS ${peakMb.toFixed(0)} MB`);
      return { code, stdout, stderr, summary: JSON.parse(stdout.trim().split('\n').at(-1)!).import };
    };
    const count = async () => {
      const s = new SqliteStore(db3);
      try {
        return await s.count();
      } finally {
        await s.close();
      }
    };

    // The whole file is checked before anything is written: the last row decides.
    const refused = await importing(spoiled);
    assert.equal(refused.code, 1, refused.stderr + refused.stdout.slice(-2000));
    assert.match(refused.stdout, /^row 1000002, column q2b: Q1 1 leads to Q2a, not Q2b$/m);
    assert.deepEqual([refused.summary.rows, refused.summary.stored, refused.summary.rejected, refused.summary.written], [1_000_001, 0, 1, false]);
    assert.equal(await count(), 0);

    const first = await importing(big);
    assert.equal(first.code, 0, first.stderr + first.stdout.slice(-2000));
    assert.deepEqual([first.summary.rows, first.summary.stored, first.summary.duplicate], [1_000_000, 1_000_000, 0]);
    assert.equal(await count(), 1_000_000);
    // Re-importing stores nothing new: shown on the paper and IVR files above; at this size it would add minutes.
  });
});

for (const backend of backends()) {
  describe(`importFile on ${backend.name}`, () => {
    after(() => backend.cleanup());
    test('re-importing stores nothing new; a changed row with the same external id is refused, not overwritten', async () => {
      const store = await backend.open();
      try {
        const service = services().get('t-five')!;
        const csv = (q1: number) => `external_id,answered_at,q1,q2a,q2b\nF-1,2026-11-02,${q1},,ease\nF-2,2026-11-02,5,employee,\n`;
        const run = (text: string) => importFile({ service, channel: 'in-person', format: 'csv', open: () => Readable.from([text]), store });
        assert.deepEqual((await run(csv(2))).stored, 2);
        const again = await run(csv(2));
        assert.deepEqual([again.stored, again.duplicate], [0, 2]);
        const rows: string[] = [];
        const changed = await importFile({ service, channel: 'in-person', format: 'csv', open: () => Readable.from([csv(3)]), store, partial: true, onRow: (r) => rows.push(`${r.row} ${r.column} ${r.reason}`) });
        assert.equal(changed.rejected, 1);
        assert.match(rows[0], /^2 external_id a different response with this id is already stored/);
        assert.equal(await store.count({ channel: 'in-person' }), 2);
      } finally {
        await store.close();
      }
    });
  });
}

describe('POST /v1/imports (admin)', () => {
  test('a CSV body or a JSON body imports once, needs the admin token, and refuses bad input with a 4xx naming row and column', async () => {
    const { collector, admin } = await import('./helpers.js');
    const store = new SqliteStore(join(dir, 'http.sqlite'));
    const app = await collector(store);
    try {
      const csv = (headers: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/v1/imports?service=t-thumbs&channel=paper', headers: { 'content-type': 'text/csv', ...headers }, payload: PAPER });
      assert.equal((await csv({})).statusCode, 401);
      const first = await csv(admin);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().import.stored, 3);
      const again = await app.inject({ method: 'POST', url: '/v1/imports', headers: admin, payload: { service: 't-thumbs', channel: 'paper', format: 'csv', data: PAPER } });
      assert.deepEqual([again.statusCode, again.json().import.stored, again.json().import.duplicate], [200, 0, 3]);
      const jsonl = await app.inject({ method: 'POST', url: '/v1/imports?service=t-thumbs&channel=ivr', headers: { ...admin, 'content-type': 'application/x-ndjson' }, payload: IVR });
      assert.equal(jsonl.json().import.stored, 2);
      const bad = await app.inject({ method: 'POST', url: '/v1/imports', headers: admin, payload: { service: 't-thumbs', channel: 'sms', data: 'external_id,answered_at,q1,q2b\nS-1,2026-11-02,1,ease\n' } });
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().rows[0], { row: 2, outcome: 'rejected', column: 'q2b', reason: 'Q1 1 leads to Q2a, not Q2b' });
      for (const payload of [{ service: 'nope', channel: 'sms', data: 'x' }, { service: 't-thumbs', channel: 'web', data: 'x' }, { service: 't-thumbs', channel: 'sms', data: '' }]) {
        const r = await app.inject({ method: 'POST', url: '/v1/imports', headers: admin, payload });
        assert.equal(r.statusCode, 400, r.body);
        assert.ok(r.json().error.field);
      }
      const broken = await app.inject({ method: 'POST', url: '/v1/imports', headers: admin, payload: { service: 't-thumbs', channel: 'sms', data: 'external_id,q1\n"unterminated,1\n' } });
      assert.equal(broken.statusCode, 400, broken.body);
      assert.equal(await store.count(), 5);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('POST /v1/imports as an upload form (multipart/form-data)', () => {
  test('a file field with service and channel fields imports once; the format follows the file name or type', async () => {
    const { collector, admin } = await import('./helpers.js');
    const store = new SqliteStore(join(dir, 'form.sqlite'));
    const app = await collector(store);
    try {
      const upload = (parts: FormPart[], headers: Record<string, string> = admin) =>
        app.inject({ method: 'POST', url: '/v1/imports', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${FORM_BOUNDARY}` }, payload: formBody(parts) });
      const paper = [
        { name: 'service', value: 't-thumbs' },
        { name: 'channel', value: 'paper' },
        // Windows browsers label a .csv as Excel's.
        { name: 'file', value: PAPER, filename: 'paper.csv', type: 'application/vnd.ms-excel' },
      ];
      assert.equal((await upload(paper, {})).statusCode, 401);
      const first = await upload(paper);
      assert.equal(first.statusCode, 200, first.body);
      assert.deepEqual([first.json().import.stored, first.json().import.channel], [3, 'paper']);
      const again = await upload(paper);
      assert.deepEqual([again.json().import.stored, again.json().import.duplicate], [0, 3]);
      // The file part may come before the fields; JSON Lines by its name.
      const ivr = await upload([{ name: 'file', value: IVR, filename: 'calls.jsonl', type: 'application/octet-stream' }, { name: 'service', value: 't-thumbs' }, { name: 'channel', value: 'ivr' }, { name: 'dryRun', value: 'true' }]);
      assert.equal(ivr.statusCode, 200, ivr.body);
      assert.deepEqual([ivr.json().import.dryRun, ivr.json().rows.map((r: { outcome: string }) => r.outcome)], [true, ['valid', 'valid']]);
      const bad = await upload([...paper.slice(0, 2), { name: 'file', value: 'external_id,answered_at,q1,q2b\nS-1,2026-11-02,1,ease\n', filename: 'bad.csv', type: 'text/csv' }]);
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(bad.json().rows[0], { row: 2, outcome: 'rejected', column: 'q2b', reason: 'Q1 1 leads to Q2a, not Q2b' });
      assert.equal(await store.count(), 3);
    } finally {
      await app.close();
      await store.close();
    }
  });

  test('bad uploads get a 4xx naming what is wrong, and store nothing', async () => {
    const { collector, admin } = await import('./helpers.js');
    const store = new SqliteStore(join(dir, 'form-bad.sqlite'));
    const app = await collector(store);
    try {
      for (const bad of badImportUploads(app.initialConfig.bodyLimit!)) {
        const r = await app.inject({ method: 'POST', url: '/v1/imports', headers: { ...admin, ...bad.headers }, payload: bad.raw });
        assert.equal(r.statusCode, bad.status, `${bad.name}: ${r.body}`);
        const { error } = r.json();
        assert.equal(error.code, bad.code, bad.name);
        assert.equal(error.field, bad.field, bad.name);
        assert.ok(error.message.length > 10, bad.name);
      }
      assert.equal(await store.count(), 0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

describe('cx-collector import --from touchpoints-a11-v2', () => {
  // Written by fixtures/touchpoints/a11_v2.rb, a Ruby reproduction of Touchpoints' Form#to_a11_v2_csv,
  // for a thumbs form that offers effectiveness, ease, efficiency, transparency and other (humanity
  // and employee print "null"), six submissions in FY 2025 Q2 (January to March 2025).
  const tp = (name: string) => fileURLToPath(new URL(`./fixtures/touchpoints/${name}`, import.meta.url));
  const fixture = tp('a11-v2.csv');
  const db = join(dir, 'touchpoints.sqlite');
  const where = ['--services', tp('services.json'), '--db', db];
  const quarter = ['--fy', '2025', '--quarter', '2', '--service', 'tp-example'];
  const args = ['import', ...where, '--service', 'tp-example', '--from', 'touchpoints-a11-v2', '--answered-at', '2025-03-31'];

  test("Touchpoints' own export (Ruby Form#to_a11_v2_csv) round-trips into the report with the trust figure Touchpoints shows, once however often it is imported", async () => {
    for (const round of [1, 2]) {
      const r = await runCli([...args, fixture]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      const s = JSON.parse(r.stdout.trim().split('\n').at(-1)!).import;
      assert.deepEqual([s.rows, s.stored, s.duplicate, s.rejected], round === 1 ? [6, 6, 0, 0] : [6, 0, 6, 0]);
    }
    const reported = await runCli(['report', ...where, ...quarter]);
    assert.equal(reported.code, 0, reported.stderr);
    const report = JSON.parse(reported.stdout).reports[0];
    // By hand from a11-v2.csv: question_1 is 1, 0, (blank), 1, 0, 1. Six responses, five answered Q1,
    // three of them "1" (thumbs up, "increased my trust"): 3 / 5 = 60 %. Touchpoints shows the same in
    // its submission file (a11-submissions.csv, answer_01): likert_scale_1 3 of response_volume 5.
    assert.deepEqual([report.responses, report.q1Answered, report.trust.percent], [6, 5, 60]);
    const [, answer01] = readFileSync(tp('a11-submissions.csv'), 'utf8').split('\n');
    const cells = answer01.split(',');
    assert.equal(Math.round((100 * Number(cells[3])) / Number(cells[8])), report.trust.percent, 'likert_scale_1 / response_volume');
    assert.equal(report.byChannel.web.responses, 6);
    // Positive branch: effectiveness+ease, (none), other; negative: efficiency+transparency, other.
    assert.deepEqual([report.q2.positive.drivers.ease.count, report.q2.positive.drivers.other.count], [1, 1]);
    assert.deepEqual([report.q2.negative.drivers.transparency.count, report.q2.negative.drivers.other.count], [1, 1]);
    // The quarter's OMB package, built from the imported rows, holds Touchpoints' own submission file byte for byte.
    const out = join(dir, 'tp-package');
    const pkg = await runCli(['package', ...where, ...quarter, '--out', out]);
    assert.equal(pkg.code, 0, pkg.stderr);
    assert.equal(readFileSync(join(out, 'tp-example', 'touchpoints-a11-submissions.csv'), 'utf8'), readFileSync(tp('a11-submissions.csv'), 'utf8'));
    const store = new SqliteStore(db);
    try {
      const quoted = JSON.parse((await store.get(importedRecordId('tp-example', 'web', 'touchpoints:0b5a4c1e-1d2e-4f30-8a41-000000000002')))!.record);
      assert.deepEqual([quoted.q1, quoted.branch, quoted.q2, quoted.q3], [0, 'negative', ['efficiency', 'transparency'], 'Waited "too long", then left.']);
      assert.deepEqual(quoted.offered, ['effectiveness', 'ease', 'efficiency', 'transparency', 'other']);
      const lines = JSON.parse((await store.get(importedRecordId('tp-example', 'web', 'touchpoints:0b5a4c1e-1d2e-4f30-8a41-000000000003')))!.record);
      assert.deepEqual([lines.q1, lines.branch, lines.q3], [null, null, 'Two lines,\nof text']);
    } finally {
      await store.close();
    }
  });

  test('a bad Touchpoints cell is named by row and column; --answered-at is required', async () => {
    const bad = join(dir, 'tp-bad.csv');
    const [header, ...rows] = readFileSync(fixture, 'utf8').split('\n');
    writeFileSync(bad, [header, rows[0].replace('001,1,1,1,0,', '001,1,1,1,yes,'), rows[1].replace('002,0,0,', '002,0,1,')].join('\n'));
    const r = await runCli([...args, bad]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^row 2, column positive_efficiency: must be 1 \(ticked\), 0 \(offered, not ticked\) or null/m);
    assert.match(r.stdout, /^row 3, column positive_effectiveness: ticked, but question_1 0 leads to the negative branch/m);
    const noDate = await runCli(args.filter((a) => a !== '--answered-at' && a !== '2025-03-31').concat(fixture));
    assert.equal(noDate.code, 2);
    assert.match(noDate.stderr, /needs --answered-at/);
  });
});
