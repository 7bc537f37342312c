import type { ModeContext } from './context.js';
import { commandTable } from './commands.js';
import { EXIT, UsageError } from '../exit-codes.js';

type Table = ReturnType<typeof commandTable>;

/** Sub-words a command takes before its flags. */
const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = { config: ['check'], completion: ['bash', 'zsh', 'fish'] };

/** `cockpit completion bash|zsh|fish`: a script for the shell to source, built from the command table itself. */
export async function run(ctx: ModeContext): Promise<number> {
  const shell = ctx.positionals[0];
  const table = commandTable();
  const script = shell === 'bash' ? bash(table) : shell === 'zsh' ? zsh(table) : shell === 'fish' ? fish(table) : undefined;
  if (!script) throw new UsageError(`completion needs a shell: bash, zsh or fish${shell ? ` (got "${shell}")` : ''}\nusage: cockpit completion bash|zsh|fish`);
  ctx.stdout.write(script);
  return EXIT.ok;
}

const flagsOf = (table: Table, name: string): string[] => Object.keys(table[name]?.options ?? {}).map((f) => `--${f}`).concat('--help');
const names = (table: Table): string[] => [...Object.keys(table), 'help'];

function bash(table: Table): string {
  const cases = Object.keys(table)
    .map((name) => `    ${name}) words="${[...(SUBCOMMANDS[name] ?? []), ...flagsOf(table, name)].join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for cockpit: source it, or put it in /etc/bash_completion.d/cockpit
_cockpit() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names(table).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    help) words="${Object.keys(table).join(' ')}" ;;
    *) words="" ;;
  esac
  case "\${COMP_WORDS[COMP_CWORD-1]}" in
    --config|-c|--out|--config-out|--playbook) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -F _cockpit cockpit
`;
}

function zsh(table: Table): string {
  const commands = Object.entries(table).map(([name, c]) => `    '${name}:${c.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`);
  const cases = Object.keys(table)
    .map((name) => `    ${name}) _arguments ${flagsOf(table, name).map((f) => `'${f}[]'`).join(' ')}${SUBCOMMANDS[name] ? ` '1:sub:(${SUBCOMMANDS[name]?.join(' ')})'` : ''} '*:file:_files' ;;`)
    .join('\n');
  return `#compdef cockpit
# zsh completion for cockpit: put it on $fpath as _cockpit, or source it after compinit
_cockpit() {
  local -a commands
  commands=(
${commands.join('\n')}
    'help:the flags of a command, and an example'
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words; (( CURRENT-- ))
  case "$words[1]" in
${cases}
  esac
}
compdef _cockpit cockpit
`;
}

function fish(table: Table): string {
  const lines = ['# fish completion for cockpit: save as ~/.config/fish/completions/cockpit.fish', 'complete -c cockpit -f'];
  const all = names(table).join(' ');
  for (const [name, c] of Object.entries(table)) {
    lines.push(`complete -c cockpit -n "not __fish_seen_subcommand_from ${all}" -a ${name} -d ${quote(c.summary)}`);
    for (const sub of SUBCOMMANDS[name] ?? []) lines.push(`complete -c cockpit -n "__fish_seen_subcommand_from ${name}" -a ${sub}`);
    for (const [flag, o] of Object.entries(c.options)) {
      lines.push(`complete -c cockpit -n "__fish_seen_subcommand_from ${name}" -l ${flag}${o.short ? ` -s ${o.short}` : ''}${o.type === 'string' ? ' -r' : ''}`);
    }
  }
  lines.push(`complete -c cockpit -n "not __fish_seen_subcommand_from ${all}" -a help -d ${quote("a command's flags and an example")}`);
  lines.push('complete -c cockpit -l version -d "print the version"', '');
  return lines.join('\n');
}

const quote = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
