/**
 * `zvm run`: runs a program natively, as EVM bytecode, or as EVM bytecode
 * with Hedera's system contracts. The instruction set is imported for the
 * target only (@zvm/native, @zvm/chain-evm, or @zvm/chain-hedera through
 * hedera.ts), so a native run never loads the EVM precompiles' curves, only
 * `--target hedera` loads Hedera, and none loads Soroban.
 */
import { Vm } from '@zvm/core'
import { toHuman, toRunJson } from './format.ts'
import { CliError, type CliIo } from './io.ts'
import { loadProgram, readFile, type LoadedProgram } from './load.ts'
import { forkOption, hexOption, integerOption, numberOption, type ParsedOptions } from './options.ts'

const CALLER = '0x1000000000000000000000000000000000000001'

export async function runCommand(io: CliIo, { values, positionals }: ParsedOptions): Promise<number> {
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const requested = values.target as string | undefined
  if (requested !== undefined && requested !== 'native' && requested !== 'evm' && requested !== 'hedera') throw new CliError(`--target must be native, evm or hedera, got '${requested}'`, 2)
  if (values.state !== undefined && requested !== 'hedera') throw new CliError('--state needs --target hedera', 2)
  if (requested === 'hedera') {
    if (values.fork !== undefined) throw new CliError('--target hedera runs Cancun; --fork does not apply', 2)
    const program = loadEvmProgram(io, positionals[0], values.hex as string | undefined)
    const { runHedera } = await import('./hedera.ts')
    return runHedera(io, {
      code: program.code, data: hexOption('calldata', values.calldata) ?? new Uint8Array(0),
      gasLimit: numberOption('gas', values.gas, Number.MAX_SAFE_INTEGER), value: integerOption('value', values.value, (1n << 256n) - 1n) ?? 0n,
      statePath: values.state as string | undefined, json: values.json === true,
    })
  }
  const program = loadProgram(io, positionals[0], values.hex as string | undefined)
  const targetName = requested ?? (program.target === 1 ? 'evm' : 'native')
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

/**
 * EVM bytecode for `--target hedera`: `0x…` given as the argument or with
 * --hex, a file of hex text (solc's .bin), or an EVM ZVMC container.
 */
function loadEvmProgram(io: CliIo, arg: string | undefined, hex: string | undefined): LoadedProgram {
  if (arg !== undefined && /^0x[0-9a-fA-F]*$/.test(arg)) {
    if (hex !== undefined) throw new CliError('give either bytecode or --hex, not both', 2)
    return { code: hexOption('bytecode', arg)!, target: 1, source: 'argument' }
  }
  if (arg !== undefined && hex === undefined) {
    const text = Buffer.from(readFile(io, arg)).toString('latin1').trim()
    if (/^(0x)?([0-9a-fA-F]{2})*$/.test(text)) return { code: Uint8Array.from(Buffer.from(text.replace(/^0x/, ''), 'hex')), target: 1, source: arg }
  }
  const program = loadProgram(io, arg, hex)
  if (program.source !== '--hex' && program.target !== 1) throw new CliError(`${program.source}: --target hedera runs EVM bytecode (hex text or an EVM container)`)
  return program
}
