/**
 * The command line as an operator meets it: every bad option or setting stops the command with
 * status 2 and one line that says what to fix, before anything is opened; help per command;
 * secrets from files; refused browser origins in the log. Real processes throughout.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { decodeWindowToken } from '@cx-survey/protocol';
import { allOptionNames, COMMAND_NAMES, optionsOf } from '../src/cli/options.js';
import { ADMIN, ORIGIN, record, SECRET, SERVICES_JSON } from './helpers.js';
import { runCli, startCollector } from './process.js';

const dir = mkdtempSync(join(tmpdir(), 'cx-cli-usage-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const services = join(dir, 'services.json');
writeFileSync(services, SERVICES_JSON);
const adminFile = join(dir, 'admin-token');
writeFileSync(adminFile, `${ADMIN}\n`, { mode: 0o600 });
const secretFile = join(dir, 'token-secret');
writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 });
/** A database folder that must still not exist after a refused start: nothing was opened. */
const untouched = join(dir, 'never-created');
const serveArgs = ['serve', '--services', services, '--token-secret-file', secretFile, '--db', join(untouched, 'db.sqlite'), '--port', '0'];

// A command that hangs instead of exiting (as serve with a bad option did) fails here instead of
// hanging the suite. Generous: a loaded machine takes seconds to start each process.
const limit = { timeout: 180_000 };

/** Exit status 2, exactly one line on stderr matching `pattern`, nothing on stdout, no database created. */
async function refused(args: string[], pattern: RegExp, env: Record<string, string> = {}) {
  const r = await runCli(args, env);
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.equal(r.stdout, '');
  assert.ok(!existsSync(untouched), 'the database was opened before the options were checked');
  return lines[0];
}

describe('cx-collector usage errors', () => {
  test('serve: a bad option exits 2 with one line, before the database is opened', limit, async () => {
    await refused([...serveArgs, '--report-tz', 'Mars/Olympus'], /^cx-collector serve: --report-tz: unknown time zone "Mars\/Olympus"/);
    await refused([...serveArgs, '--body-limit', '10'], /--body-limit must be a whole number of bytes, at least 1024, not "10"/);
    await refused([...serveArgs, '--rate-burst', '5'], /--rate-burst must be a whole number of at least 100/);
    await refused([...serveArgs, '--port', '99999'], /--port must be a whole number from 0 to 65535/);
    await refused([...serveArgs, '--log-level', 'verbos'], /--log-level must be fatal, .* not "verbos" \(did you mean "verbose"\?\)|--log-level must be fatal, .*not "verbos"/);
    await refused([...serveArgs, '--static', join(dir, 'no-such-folder')], /--static: .* is not a folder/);
    await refused([...serveArgs, '--dashboard'], /the dashboard and alerts need an admin token/);
    // From the environment, the message names the variable.
    await refused(serveArgs, /^cx-collector serve: CX_BODY_LIMIT must be/, { CX_BODY_LIMIT: 'lots' });
  });

  test('DATABASE_URL that is not a postgres:// URL is named as such, not a DNS error', limit, async () => {
    for (const url of ['mysql://x', 'not a url']) {
      const line = await refused(serveArgs, /DATABASE_URL (must be a PostgreSQL URL|is not a URL).*postgres:\/\//, { DATABASE_URL: url });
      assert.doesNotMatch(line, /ENOTFOUND|getaddrinfo/);
    }
    await refused(['migrate', '--database-url', 'mysql://u:hunter2@x/db', '--db', join(untouched, 'db.sqlite')], /--database-url must be a PostgreSQL URL/);
    const r = await runCli(['migrate', '--database-url', 'mysql://u:hunter2@x/db']);
    assert.doesNotMatch(r.stderr, /hunter2/, 'a password is never echoed');
    await refused([...serveArgs, '--pg-schema', 'drop table'], /--pg-schema must be a PostgreSQL name/, { DATABASE_URL: 'postgres://127.0.0.1/test' });
    // A valid URL whose server is not there: a runtime failure (1) that names the database, not its password.
    const down = await runCli(serveArgs, { DATABASE_URL: 'postgres://cx:hunter2@127.0.0.1:1/cx' });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^cx-collector serve: cannot open PostgreSQL at 127\.0\.0\.1:1: .*ECONNREFUSED/);
    assert.doesNotMatch(down.stderr, /hunter2/);
  });

  test('a services file with several problems reports every one at once', limit, async () => {
    const bad = join(dir, 'bad-services.json');
    writeFileSync(
      bad,
      JSON.stringify({ services: [{ id: 'a b', agency: 'A' }, { id: 'ok', agency: '' }, { id: 'c', agency: 'C', origins: ['https://c.gov/'], colour: 'red' }] }),
    );
    const r = await runCli(['serve', '--services', bad, '--db', join(untouched, 'db.sqlite')]);
    assert.equal(r.code, 2);
    // Four setting problems, and none of the three services says how it is PRA-cleared (#14: all at once).
    assert.match(r.stderr, /has 7 problems/);
    for (const p of [/services\[0\] \(a b\): id/, /services\[1\] \(ok\): agency/, /services\[2\] \(c\): unknown setting "colour"/, /services\[2\] \(c\): origins\[0\]/]) assert.match(r.stderr, p);
    for (const i of [0, 1, 2]) assert.match(r.stderr, new RegExp(`services\\[${i}\\] \\([^)]*\\): pra is required`));
    assert.ok(!existsSync(untouched));
  });

  test('token: the service is checked against the services file; limits read as people write them', limit, async () => {
    const nope = await refused(['token', '--service', 'nope', '--services', services, '--secret-file', secretFile], /unknown service "nope": .* declares "t-thumbs"/);
    assert.doesNotMatch(nope, /eyJ/);
    await refused(['token', '--service', 't-thumb', '--services', services, '--secret-file', secretFile], /did you mean "t-thumbs"\?/);
    const hours = await refused(['token', '--service', 't-thumbs', '--secret-file', secretFile, '--window-hours', '72'], /--window-hours must be a number of hours from one minute \(1\/60\) to 48, not "72"/);
    assert.doesNotMatch(hours, /0\.0166/);
    const ok = await runCli(['token', '--service', 't-thumbs', '--services', services, '--secret-file', secretFile]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(decodeWindowToken(ok.stdout.trim())!.service, 't-thumbs');
    assert.equal(ok.stderr, '');
  });

  test('unknown options and commands: a clear line and a "did you mean"', limit, async () => {
    await refused([...serveArgs, '--bodylimit', '4096'], /^cx-collector serve: unknown option --bodylimit; did you mean --body-limit\?/);
    await refused(['report', '--port', '8080'], /^cx-collector report: --port is an option of serve, not of report$/);
    await refused(['serv'], /^cx-collector: unknown command "serv"; did you mean "serve"\?/);
    await refused([...serveArgs, 'now'], /unexpected argument "now"/);
  });

  test('<command> --help prints that command\'s options only; --help prints all of them', limit, async () => {
    const all = await runCli(['--help']);
    assert.equal(all.code, 0);
    for (const command of COMMAND_NAMES) assert.match(all.stdout, new RegExp(`^  ${command} `, 'm'), command);
    for (const option of allOptionNames()) assert.ok(all.stdout.includes(`--${option}`), `--${option} is not documented`);
    for (const command of COMMAND_NAMES) {
      const one = await runCli([command, '--help']);
      assert.equal(one.code, 0);
      assert.match(one.stdout, new RegExp(`^Usage: cx-collector ${command} `));
      const own = Object.keys(optionsOf(command));
      for (const option of own) assert.ok(one.stdout.includes(`--${option}`), `${command} --help lacks --${option}`);
      for (const option of allOptionNames().filter((o) => !own.includes(o))) assert.ok(!new RegExp(`--${option}\\b`).test(one.stdout), `${command} --help shows --${option}`);
      assert.ok(one.stdout.split('\n').length < all.stdout.split('\n').length / 2);
      assert.equal((await runCli(['help', command])).stdout, one.stdout);
    }
  });
});

describe('cx-collector secrets and logs', () => {
  test('serve reads the admin token and token secrets from files; a secret on the command line is warned about', limit, async () => {
    const db = join(dir, 'secrets.sqlite');
    const server = await startCollector(['--services', services, '--db', db, '--admin-token-file', adminFile, '--token-secret-file', secretFile, '--dev-tokens']);
    try {
      assert.doesNotMatch(server.output(), /warning/);
      const count = await fetch(`${server.url}/v1/count`, { headers: { authorization: `Bearer ${ADMIN}` } });
      assert.equal(count.status, 200, 'the trailing newline of the file is not part of the token');
      const { token } = await (await fetch(`${server.url}/dev/window-token?service=t-token`)).json();
      const res = await fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(record({ service: 't-token', token })) });
      assert.equal(res.status, 201, 'tokens signed with the file\'s secret verify');
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    const empty = join(dir, 'empty-secret');
    writeFileSync(empty, '\n');
    await refused([...serveArgs.filter((a) => a !== secretFile && a !== '--token-secret-file'), '--token-secret-file', empty], /token secret file .* is empty/);
    const warned = await runCli(['token', '--service', 't-thumbs', '--secret', SECRET]);
    assert.equal(warned.code, 0);
    assert.match(warned.stderr, /warning: --secret puts a secret where every local user can read it \(ps\); use --secret-file or CX_TOKEN_SECRET/);
  });

  test('a browser origin refused by CORS is logged with the origin, once per origin per minute', limit, async () => {
    const server = await startCollector(['--services', services, '--db', join(dir, 'cors.sqlite'), '--token-secret-file', secretFile]);
    try {
      const post = (origin: string) =>
        fetch(`${server.url}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(record()) });
      for (let i = 0; i < 3; i++) assert.equal((await post('https://evil.example')).status, 403);
      assert.equal((await fetch(`${server.url}/v1/responses`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).status, 403);
      assert.equal((await post('https://other.example')).status, 403);
      assert.equal((await post(ORIGIN)).status, 201, 'an allowed origin is neither refused nor logged');
      const lines = server.output().split('\n').filter((l) => l.includes('browser origin refused'));
      assert.equal(lines.filter((l) => l.includes('"origin":"https://evil.example"')).length, 1, server.output());
      assert.equal(lines.filter((l) => l.includes('"origin":"https://other.example"')).length, 1);
      assert.equal(lines.length, 2);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }
    assert.ok(readdirSync(dir).length > 0);
  });
});
