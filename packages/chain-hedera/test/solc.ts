/** Compiles the Solidity test contracts with the npm `solc` (the real compiler, as WebAssembly). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'
import type { Abi } from 'viem'

export interface Compiled { bytecode: Uint8Array; abi: Abi }

let cache: Record<string, Compiled> | undefined

/** Every contract in test/contracts, by name. */
export function compileContracts(): Record<string, Compiled> {
  if (cache) return cache
  const dir = join(import.meta.dirname, 'contracts')
  const sources = Object.fromEntries(['HtsUser.sol', 'NftUser.sol', 'Probe.sol'].map((f) => [f, { content: readFileSync(join(dir, f), 'utf8') }]))
  const input = {
    language: 'Solidity',
    sources,
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  cache = {}
  for (const file of Object.values(output.contracts)) {
    for (const [name, c] of Object.entries(file)) cache[name] = { abi: c.abi, bytecode: Uint8Array.from(Buffer.from(c.evm.bytecode.object, 'hex')) }
  }
  return cache
}
