/** Help text, generated from the options table. */
import { VERSION } from '../http/server.js';
import { COMMANDS, COMMAND_NAMES, GENERAL_OPTIONS, type CommandName, type CommandSpec, type OptionSpec } from './options.js';

const WIDTH = 100;
const LEFT = 28;

/** Wraps text to the help's width, continuation lines indented to the description column. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \n\t]+/)) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function optionLine(name: string, o: OptionSpec): string {
  const flag = `  ${o.short ? `-${o.short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;
  // A no-break space keeps "[env NAME]" on one line; wrap() splits on ordinary spaces only.
  const env = o.env ? ` [env\u00a0${o.env}]` : '';
  const help = wrap(`${o.help}${env}`, LEFT).replaceAll('\u00a0', ' ');
  return flag.length < LEFT ? `${flag.padEnd(LEFT)}${help}` : `${flag}\n${' '.repeat(LEFT)}${help}`;
}

function groups(spec: CommandSpec): string {
  return spec.groups.map(([title, options]) => `${title}\n${Object.entries(options).map(([n, o]) => optionLine(n, o)).join('\n')}`).join('\n\n');
}

/** One command's help: what `cx-collector <command> --help` prints. */
export function commandHelp(command: CommandName): string {
  const spec = COMMANDS[command] as CommandSpec;
  const general = Object.entries(GENERAL_OPTIONS).map(([n, o]) => optionLine(n, o)).join('\n');
  return `Usage: cx-collector ${command} [options]\n\n${spec.summary}\n\n${groups(spec)}\n\nGeneral\n${general}\n\nSee docs/collector-operations.md.`;
}

/** The whole help: commands, then every command's options. */
export function fullHelp(): string {
  const commands = COMMAND_NAMES.map((c) => `  ${c.padEnd(10)}${(COMMANDS[c] as CommandSpec).summary}`).join('\n');
  const general = Object.entries(GENERAL_OPTIONS).map(([n, o]) => optionLine(n, o)).join('\n');
  const each = COMMAND_NAMES.map((c) => `── ${c} ──\n\n${groups(COMMANDS[c] as CommandSpec)}`).join('\n\n');
  return `cx-collector ${VERSION} — receives, verifies, stores and reports OMB A-11 Section 280 survey responses.

Usage: cx-collector <command> [options]
       cx-collector <command> --help      that command's options only

Commands
${commands}
  help      Show this text (help <command>: that command's).

${general}

${each}

Secrets (admin token, token secrets, database passwords) belong in files or the environment, never on
the command line, where every local user can read them (ps). Docs: docs/collector-operations.md,
docs/dashboard.md, docs/reports.md, docs/token-integration.md.`;
}
