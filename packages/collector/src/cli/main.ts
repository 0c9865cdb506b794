/**
 * The cx-collector command line, without side effects of its own: main() parses, dispatches and
 * returns the exit status (0 done, 1 failed while running, 2 bad usage, said in one line before
 * anything was opened). src/cli.ts is the executable that calls it.
 */
import { parseArgs } from 'node:util';
import { ServicesError } from '../domain/services.js';
import { VERSION } from '../http/server.js';
import { close } from './commands/close.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { mediaCommand } from './commands/media.js';
import { keygen } from './commands/keygen.js';
import { migrate } from './commands/migrate.js';
import { packageCommand } from './commands/package.js';
import { purge } from './commands/purge.js';
import { report } from './commands/report.js';
import { serve } from './commands/serve.js';
import { token } from './commands/token.js';
import { commandHelp, fullHelp } from './help.js';
import { processIo, type Io } from './io.js';
import { allOptionNames, COMMAND_NAMES, COMMANDS, optionsOf, parserOptions, type CommandName, type CommandSpec } from './options.js';
import { closest, Settings, UsageError, type Values } from './settings.js';

const RUN: Record<CommandName, (s: Settings, io: Io) => Promise<number>> = {
  serve,
  report,
  close,
  export: exportCommand,
  package: packageCommand,
  import: importCommand,
  paper: mediaCommand('paper'),
  ivr: mediaCommand('ivr'),
  sms: mediaCommand('sms'),
  token,
  keygen,
  migrate,
  purge,
};

/** Turns parseArgs's errors into one line with a suggestion. */
function explainParseError(e: Error, command: CommandName | null): string {
  const code = (e as NodeJS.ErrnoException).code;
  const option = /'(-[^'\s]+)/.exec(e.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const name = option.replace(/^-+/, '').split('=')[0];
    const own = Object.keys(optionsOf(command));
    if (command && allOptionNames().includes(name)) {
      const owners = COMMAND_NAMES.filter((c) => name in optionsOf(c));
      return `--${name} is an option of ${owners.join(', ')}, not of ${command}`;
    }
    const guess = closest(name, command ? own : allOptionNames());
    return `unknown option ${option}${guess ? `; did you mean --${guess}?` : ''} (cx-collector ${command ?? ''}${command ? ' ' : ''}--help lists the options)`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}: options take the form --name value`.trim();
  return e.message;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const fail = (command: CommandName | null, message: string) => {
    io.stderr.write(`cx-collector${command ? ` ${command}` : ''}: ${message}\n`);
    return 2;
  };
  // First pass, every option known: finds the command wherever options stand.
  let first;
  try {
    first = parseArgs({ args: argv, options: parserOptions('any'), allowPositionals: true, strict: false });
  } catch (e) {
    return fail(null, explainParseError(e as Error, null));
  }
  const [word, ...rest] = first.positionals;
  if (first.values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (word === undefined || word === 'help') {
    const about = rest[0];
    if (about !== undefined) {
      if (!(COMMAND_NAMES as string[]).includes(about)) return fail(null, `unknown command "${about}"${closest(about, COMMAND_NAMES) ? `; did you mean "${closest(about, COMMAND_NAMES)}"?` : ''}`);
      io.stdout.write(`${commandHelp(about as CommandName)}\n`);
      return 0;
    }
    io.stdout.write(`${fullHelp()}\n`);
    return word === undefined && !first.values.help ? 2 : 0;
  }
  if (!(COMMAND_NAMES as string[]).includes(word)) {
    const guess = closest(word, COMMAND_NAMES);
    return fail(null, `unknown command "${word}"${guess ? `; did you mean "${guess}"?` : ''} (commands: ${COMMAND_NAMES.join(', ')})`);
  }
  const command = word as CommandName;
  // Second pass, strict, with this command's options only.
  let values: Values;
  try {
    const parsed = parseArgs({ args: argv, options: parserOptions(command), allowPositionals: true, strict: true });
    const operands = (COMMANDS[command] as CommandSpec).operand ? 1 : 0;
    if (parsed.positionals.length > 1 + operands) return fail(command, `unexpected argument "${parsed.positionals[1 + operands]}": options take the form --name value`);
    values = parsed.values as Values;
    if (operands && parsed.positionals[1] !== undefined) values[(COMMANDS[command] as CommandSpec).operand!] = parsed.positionals[1];
  } catch (e) {
    return fail(command, explainParseError(e as Error, command));
  }
  if (values.help) {
    io.stdout.write(`${commandHelp(command)}\n`);
    return 0;
  }
  try {
    const settings = new Settings(command, values, io.env, (line) => io.stderr.write(`cx-collector ${command}: ${line}\n`));
    return await RUN[command](settings, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ServicesError) return fail(command, e.message);
    io.stderr.write(`cx-collector ${command}: ${(e as Error).message}\n`);
    return 1;
  }
}
