/**
 * `zvm`: run, assemble and disassemble ZVM programs, run Ethereum state
 * tests, invoke Soroban contracts, deploy and call KALIX contracts
 * (commands.ts has the usage of each).
 *
 * Each command's module is imported when the command runs, after its options
 * are parsed: `--help`, `--version` and usage errors load no engine, `run`
 * loads only its target's instruction set, only `soroban` loads the
 * Soroban stack (@stellar/stellar-base), and only `kalix` the KALIX
 * runtime. Bad input exits non-zero with one line naming the problem.
 */
import { readFileSync } from 'node:fs'
import {
  ASM, DISASM, helpText, KALIX_CALL, KALIX_DEPLOY, KALIX_USAGE, RUN, SOROBAN_INVOKE, SOROBAN_USAGE, SOROBAN_VALIDATE, STATETEST, USAGE, type CommandSpec,
} from './commands.ts'
import { CliError, processIo, type CliIo } from './io.ts'
import { parseOptions, type ParsedOptions } from './options.ts'

type Handler = (io: CliIo, options: ParsedOptions) => number | Promise<number>

/** Each command with the import that brings in its code (and its chain). */
const COMMANDS: Record<string, { spec: CommandSpec, load: () => Promise<Handler> }> = {
  run: { spec: RUN, load: async () => (await import('./run.ts')).runCommand },
  asm: { spec: ASM, load: async () => (await import('./asm.ts')).asmCommand },
  disasm: { spec: DISASM, load: async () => (await import('./asm.ts')).disasmCommand },
  statetest: { spec: STATETEST, load: async () => (await import('./statetest/command.ts')).statetestCommand },
  'soroban invoke': { spec: SOROBAN_INVOKE, load: async () => (await import('./soroban.ts')).invokeCommand },
  'soroban validate': { spec: SOROBAN_VALIDATE, load: async () => (await import('./soroban.ts')).validateCommand },
  'kalix deploy': { spec: KALIX_DEPLOY, load: async () => (await import('./kalix.ts')).deployCommand },
  'kalix call': { spec: KALIX_CALL, load: async () => (await import('./kalix.ts')).callCommand },
}

/** Commands with subcommands, and their usage. */
const GROUPS: Record<string, { usage: string; names: string }> = {
  soroban: { usage: SOROBAN_USAGE, names: 'invoke, validate' },
  kalix: { usage: KALIX_USAGE, names: 'deploy, call' },
}

const isHelp = (arg: string | undefined): boolean => arg === '-h' || arg === '--help' || arg === 'help'

/** The CLI package's version (package.json is one level above both src/ and dist/). */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version
}

async function dispatch(io: CliIo, argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || isHelp(command)) {
    // `zvm help run` is `zvm run --help`.
    if (command === 'help' && rest.length > 0) return dispatch(io, [...rest, '--help'])
    io.out(USAGE)
    return command === undefined ? 2 : 0
  }
  if (command === '--version' || command === '-v') {
    io.out(`zvm ${cliVersion()}\n`)
    return 0
  }
  if (command.startsWith('-')) throw new CliError(`unknown option '${command}' (see 'zvm --help')`, 2)
  const group = Object.hasOwn(GROUPS, command) ? GROUPS[command] : undefined
  if (group !== undefined) {
    const [sub, ...subRest] = rest
    if (sub === undefined || isHelp(sub)) {
      io.out(group.usage)
      return sub === undefined ? 2 : 0
    }
    if (sub.startsWith('-')) throw new CliError(`unknown option '${sub}' for '${command}' (see 'zvm ${command} --help')`, 2)
    if (COMMANDS[`${command} ${sub}`] === undefined) throw new CliError(`unknown ${command} command '${sub}' (${group.names}; see 'zvm ${command} --help')`, 2)
    return runCommand(io, `${command} ${sub}`, subRest)
  }
  if (COMMANDS[command] === undefined) throw new CliError(`unknown command '${command}' (see 'zvm --help')`, 2)
  return runCommand(io, command, rest)
}

/** Parses the options of command `name`, then imports and runs it (or prints its help). */
async function runCommand(io: CliIo, name: string, rest: string[]): Promise<number> {
  const { spec, load } = COMMANDS[name]
  const options = parseOptions(name, rest, spec.options)
  if (options.help) {
    io.out(helpText(spec))
    return 0
  }
  return (await load())(io, options)
}

/**
 * Runs the command line; resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['run', '--hex', '0x112a11083000', '--json'])
 * ```
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    return await dispatch(io, argv)
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`zvm: ${e.message}\n`)
      return e.exitCode
    }
    io.err(`zvm: internal error: ${(e as Error).message}\n`)
    return 70
  }
}
