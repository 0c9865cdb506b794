import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface Running {
  proc: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `cx-collector serve` as a real process and waits for its "listening" line. */
export async function startCollector(args: string[], env: Record<string, string> = {}, options: { fileSizeLimitKiB?: number } = {}): Promise<Running> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const argv = [CLI, 'serve', '--port', '0', '--host', '127.0.0.1', ...args];
  // A file size limit (RLIMIT_FSIZE) stands in for a full disk: writes past it fail with EFBIG.
  const [command, commandArgs] =
    options.fileSizeLimitKiB === undefined ? [process.execPath, argv] : ['/bin/bash', ['-c', `ulimit -f ${options.fileSizeLimitKiB} && exec "$0" "$@"`, process.execPath, ...argv]];
  const proc = spawn(command, commandArgs, {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /"listening":"(http[^"]+)"/.exec(out);
      if (m) resolve(m[1]);
    };
    proc.stdout!.on('data', check);
    exited.then(({ code }) => reject(new Error(`collector exited (${code}) before listening:\n${out}`)));
  });
  return { proc, url, output: () => out, exited };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    proc.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
