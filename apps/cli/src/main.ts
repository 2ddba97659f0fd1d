/**
 * `zvm`: run, assemble and disassemble ZVM programs.
 *
 *   zvm run <file.zvmc|file.zasm> | --hex <code> [--target native|evm] [--calldata 0x..] [--gas N] [--value N] [--json]
 *   zvm statetest <file-or-dir…> [--fork Cancun] [--json] [--trace] [--workers N]
 *   zvm asm <in.zasm> -o <out.zvmc>
 *   zvm disasm <file.zvmc|file.zasm|--hex code>
 *   zvm soroban invoke <file.wasm> --fn <name> [--arg-json '<JSON list>'] [--storage <file.json>] [--json]
 *
 * Bad input exits non-zero with one line naming the problem.
 */
import { assembleZvmc, disassembleToText } from '@zvm/bytecode'
import { Vm } from '@zvm/core'
import { NATIVE_TABLE } from '@zvm/native'
import { evmTable, forkFromName, precompilesFor } from '@zvm/chain-evm'
import { availableParallelism } from 'node:os'
import { statetest } from './statetest/command.ts'
import type { EngineOptions } from './statetest/pool.ts'
import { ZvmError } from '@zvm/primitives'
import { toHuman, toRunJson } from './format.ts'
import { CliError, processIo, type CliIo } from './io.ts'
import { fileErrorText, loadProgram, readText } from './load.ts'
import { hexOption, integerOption, numberOption, parseOptions as parse } from './options.ts'
import { sorobanCommand } from './soroban.ts'

const USAGE = `usage:
  zvm run <file.zvmc|file.zasm> | --hex <code> [--target native|evm] [--fork Cancun] [--calldata <hex>] [--gas <n>] [--value <n>] [--json]
  zvm statetest <file-or-dir…> [--fork Cancun] [--json] [--trace] [--workers <n>] [--no-skip] [--tier compiled|eager|blocks|interpreter]
  zvm asm <in.zasm> -o <out.zvmc>
  zvm disasm <file.zvmc|file.zasm> | --hex <code>
  zvm soroban invoke <file.wasm> --fn <name> [--arg-json '<JSON list>'] [--storage <file.json>] [--json]
                     [--cpu-limit <n>] [--mem-limit <bytes>] [--ledger-sequence <n>] [--ledger-timestamp <n>]
  zvm soroban validate <file.wasm>
`

function runCommand(io: CliIo, args: string[]): number {
  const { values, positionals } = parse(args, {
    hex: { type: 'string' }, calldata: { type: 'string' }, gas: { type: 'string' }, value: { type: 'string' }, json: { type: 'boolean' },
    target: { type: 'string' }, fork: { type: 'string' },
  })
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const program = loadProgram(io, positionals[0], values.hex as string | undefined)
  const targetName = (values.target as string | undefined) ?? (program.target === 1 ? 'evm' : 'native')
  if (targetName !== 'native' && targetName !== 'evm') throw new CliError(`--target must be native or evm, got '${targetName}'`, 2)
  if (program.target === 2) throw new CliError(`${program.source}: WASM containers run with 'zvm soroban', not 'zvm run'`)
  const fork = forkFromName((values.fork as string | undefined) ?? 'Cancun')
  if (fork === undefined) throw new CliError(`unknown --fork '${values.fork}' (Shanghai, Cancun, Prague)`, 2)
  const data = hexOption('calldata', values.calldata) ?? new Uint8Array(0)
  const gasLimit = numberOption('gas', values.gas, Number.MAX_SAFE_INTEGER) ?? 30_000_000
  const value = integerOption('value', values.value, (1n << 256n) - 1n) ?? 0n
  const precompiles = precompilesFor(fork)
  const vm = targetName === 'evm'
    ? new Vm({ table: evmTable(fork), host: { blockHash: () => 0n }, precompiles })
    : new Vm({ table: NATIVE_TABLE })
  const caller = '0x1000000000000000000000000000000000000001'
  if (value > 0n) vm.state.setBalance(caller, value)
  const result = vm.run({ code: program.code, data, gasLimit, value, caller })
  io.out(values.json ? JSON.stringify(toRunJson(result)) + '\n' : toHuman(result))
  return result.status === 'success' ? 0 : 1
}

function asmCommand(io: CliIo, args: string[]): number {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' } })
  if (positionals.length !== 1) throw new CliError('asm takes one input file', 2)
  if (!values.output) throw new CliError('asm needs -o <out.zvmc>', 2)
  const source = positionals[0]
  let container: Uint8Array
  try {
    container = assembleZvmc(readText(io, source))
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(`${source}: ${e.shortMessage}`)
    throw e
  }
  try {
    io.writeFile(values.output as string, container)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new CliError(`cannot write ${values.output}: ${code === 'ENOENT' ? 'its directory does not exist' : fileErrorText(e)}`)
  }
  io.out(`wrote ${values.output} (${container.length} bytes)\n`)
  return 0
}

function disasmCommand(io: CliIo, args: string[]): number {
  const { values, positionals } = parse(args, { hex: { type: 'string' } })
  const program = loadProgram(io, positionals[0], values.hex as string | undefined)
  io.out(disassembleToText(program.code))
  return 0
}

async function statetestCommand(io: CliIo, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    fork: { type: 'string' }, json: { type: 'boolean' }, trace: { type: 'boolean' }, workers: { type: 'string' }, 'no-skip': { type: 'boolean' },
    tier: { type: 'string' },
  })
  const tierName = (values.tier as string | undefined) ?? 'compiled'
  const engines: Record<string, EngineOptions> = {
    interpreter: { tier: 'interpreter' }, blocks: { tier: 'blocks' }, compiled: { tier: 'compiled' }, eager: { tier: 'compiled', compileThreshold: 1 },
  }
  const engine = engines[tierName]
  if (engine === undefined) throw new CliError(`unknown --tier '${tierName}' (interpreter, blocks, compiled, eager)`, 2)
  const fork = (values.fork as string | undefined) ?? 'Cancun'
  if (forkFromName(fork) === undefined) throw new CliError(`unknown --fork '${fork}' (Shanghai, Cancun, Prague)`, 2)
  const workers = numberOption('workers', values.workers, 64) ?? availableParallelism()
  return statetest(io, {
    paths: positionals, fork, json: values.json === true, trace: values.trace === true, workers,
    progress: io.isTerminal === true && values.trace !== true,
    skipSlow: values['no-skip'] !== true,
    engine,
  })
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'run': return runCommand(io, rest)
      case 'statetest': return await statetestCommand(io, rest)
      case 'asm': return asmCommand(io, rest)
      case 'disasm': return disasmCommand(io, rest)
      case 'soroban': return await sorobanCommand(io, rest)
      case undefined: case '-h': case '--help': case 'help':
        io.out(USAGE)
        return command === undefined ? 2 : 0
      default:
        throw new CliError(`unknown command '${command}'\n${USAGE}`, 2)
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`zvm: ${e.message}\n`)
      return e.exitCode
    }
    io.err(`zvm: internal error: ${(e as Error).message}\n`)
    return 70
  }
}
