/** Compiles contracts/Rewards.sol with the npm `solc` (the real compiler as WebAssembly), in memory. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'

/** Rewards' creation code as hex (no 0x), as ContractCreateFlow takes it. */
export function compileRewards(): string {
  const input = {
    language: 'Solidity',
    sources: { 'Rewards.sol': { content: readFileSync(join(import.meta.dirname, '..', 'contracts', 'Rewards.sol'), 'utf8') } },
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { Rewards: ['evm.bytecode.object'] } } },
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts?: Record<string, Record<string, { evm: { bytecode: { object: string } } }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  return output.contracts!['Rewards.sol'].Rewards.evm.bytecode.object
}
