/**
 * `zvm run`: runs a program natively or as EVM bytecode. The instruction set
 * is imported for the target only (@zvm/native or @zvm/chain-evm), so a
 * native run never loads the EVM precompiles' curves and neither loads Soroban.
 */
import { Vm } from '@zvm/core'
import { toHuman, toRunJson } from './format.ts'
import { CliError, type CliIo } from './io.ts'
import { loadProgram } from './load.ts'
import { forkOption, hexOption, integerOption, numberOption, type ParsedOptions } from './options.ts'

const CALLER = '0x1000000000000000000000000000000000000001'

export async function runCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const program = loadProgram(io, positionals[0], values.hex as string | undefined)
  const targetName = (values.target as string | undefined) ?? (program.target === 1 ? 'evm' : 'native')
  if (targetName !== 'native' && targetName !== 'evm') throw new CliError(`--target must be native or evm, got '${targetName}'`, 2)
  if (program.target === 2) throw new CliError(`${program.source}: WASM containers run with 'zvm soroban', not 'zvm run'`)
  const forkText = values.fork as string | undefined
  // The fork names live in @zvm/chain-evm: loaded for a native run only when --fork is given, to check it.
  const evm = targetName === 'evm' || forkText !== undefined ? await import('@zvm/chain-evm') : undefined
  const fork = evm === undefined ? undefined : evm.forkFromName(forkOption(forkText ?? 'Cancun', Object.keys(evm.FORK_NAMES)))!
  const data = hexOption('calldata', values.calldata) ?? new Uint8Array(0)
  const gasLimit = numberOption('gas', values.gas, Number.MAX_SAFE_INTEGER) ?? 30_000_000
  const value = integerOption('value', values.value, (1n << 256n) - 1n) ?? 0n
  const vm = targetName === 'evm'
    ? new Vm({ table: evm!.evmTable(fork!), host: { blockHash: () => 0n }, precompiles: evm!.precompilesFor(fork!) })
    : new Vm({ table: (await import('@zvm/native')).NATIVE_TABLE })
  if (value > 0n) vm.state.setBalance(CALLER, value)
  const result = vm.run({ code: program.code, data, gasLimit, value, caller: CALLER })
  io.out(values.json ? JSON.stringify(toRunJson(result)) + '\n' : toHuman(result))
  return result.status === 'success' ? 0 : 1
}
