/**
 * Compiles contracts/Workloads.sol with solc and prints its runtime and
 * creation bytecode as JSON `{ runtime, creation }` (run by cases.ts in a
 * child process).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'

const source = readFileSync(join(import.meta.dirname, '..', 'contracts', 'Workloads.sol'), 'utf8')
const output = JSON.parse(solc.compile(JSON.stringify({
  language: 'Solidity',
  sources: { 'Workloads.sol': { content: source } },
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { Workloads: ['evm.bytecode.object', 'evm.deployedBytecode.object'] } } },
}))) as { errors?: { severity: string; formattedMessage: string }[]; contracts: Record<string, Record<string, { evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>> }
const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
if (errors.length) {
  process.stderr.write(errors.map((e) => e.formattedMessage).join('\n'))
  process.exit(1)
}
const evm = output.contracts['Workloads.sol'].Workloads.evm
process.stdout.write(`${JSON.stringify({ runtime: `0x${evm.deployedBytecode.object}`, creation: `0x${evm.bytecode.object}` })}\n`)
