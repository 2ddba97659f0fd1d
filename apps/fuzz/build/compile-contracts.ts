/**
 * Compiles the solc contracts the repository's tests already use
 * (packages/chain-evm/test/contracts, apps/bench/contracts) and writes their
 * creation and runtime bytecode and function selectors to
 * fixtures/solc-contracts.json, so a fuzz run mutates real compiler output
 * without paying solc's seconds of start-up. Run: `pnpm --filter @zvm/fuzz compile-contracts`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { keccak_256 } from '@noble/hashes/sha3.js'
import solc from 'solc'

const ROOT = join(import.meta.dirname, '..', '..', '..')
const FILES = [
  join(ROOT, 'packages', 'chain-evm', 'test', 'contracts', 'Token.sol'),
  join(ROOT, 'packages', 'chain-evm', 'test', 'contracts', 'Patterns.sol'),
  join(ROOT, 'apps', 'bench', 'contracts', 'Workloads.sol'),
]
type Abi = { type: string; name?: string; inputs?: { type: string }[] }[]
const sources = Object.fromEntries(FILES.map((f) => [f.slice(ROOT.length + 1), { content: readFileSync(f, 'utf8') }]))
const output = JSON.parse(solc.compile(JSON.stringify({
  language: 'Solidity', sources,
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
}))) as {
  errors?: { severity: string; formattedMessage: string }[]
  contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>
}
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
const selector = (sig: string): string => Buffer.from(keccak_256(new TextEncoder().encode(sig)).subarray(0, 4)).toString('hex')
const out: Record<string, { source: string; creation: string; runtime: string; selectors: string[] }> = {}
for (const [source, contracts] of Object.entries(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (c.evm.deployedBytecode.object.length === 0) continue // interfaces and abstract contracts
    const selectors = c.abi.filter((f) => f.type === 'function').map((f) => selector(`${f.name}(${(f.inputs ?? []).map((i) => i.type).join(',')})`))
    out[name] = { source, creation: c.evm.bytecode.object, runtime: c.evm.deployedBytecode.object, selectors }
  }
}
writeFileSync(join(import.meta.dirname, '..', 'fixtures', 'solc-contracts.json'), `${JSON.stringify(out, null, 1)}\n`)
process.stdout.write(`${Object.keys(out).length} contracts: ${Object.keys(out).join(', ')}\n`)
