/** Compiles contracts/TokenTreasury.sol with the npm `solc` (the real compiler as WebAssembly), in memory. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'
import type { Abi, Hex } from 'viem'

export interface CompiledContract {
  abi: Abi
  /** Creation code. */
  bytecode: Hex
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
}

let compiled: CompiledContract | undefined

/** TokenTreasury's ABI and creation code (compiled once per process). */
export function compileTokenTreasury(): CompiledContract {
  if (compiled) return compiled
  const file = 'TokenTreasury.sol'
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: readFileSync(join(import.meta.dirname, '..', 'contracts', file), 'utf8') } },
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { TokenTreasury: ['abi', 'evm.bytecode.object'] } },
    },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const contract = output.contracts?.[file]?.TokenTreasury
  if (!contract) throw new Error('solc produced no TokenTreasury')
  compiled = { abi: contract.abi, bytecode: `0x${contract.evm.bytecode.object}` }
  return compiled
}

/** The compiler's version string (e.g. `0.8.30+commit.73712a01.Emscripten.clang`). */
export function solcVersion(): string {
  return solc.version()
}
