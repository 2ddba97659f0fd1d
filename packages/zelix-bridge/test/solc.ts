/** Compiles test/contracts/Rewards.sol (the hedera-node example's HTS contract) with the npm `solc`, in memory, once. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'
import type { Abi, Hex } from 'viem'

let compiled: { abi: Abi; bytecode: Hex } | undefined

export function compileRewards(): { abi: Abi; bytecode: Hex } {
  if (compiled) return compiled
  const input = {
    language: 'Solidity',
    sources: { 'Rewards.sol': { content: readFileSync(join(import.meta.dirname, 'contracts', 'Rewards.sol'), 'utf8') } },
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { Rewards: ['abi', 'evm.bytecode.object'] } } },
  }
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>>
  }
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const c = out.contracts['Rewards.sol'].Rewards
  compiled = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  return compiled
}

let counter: { abi: Abi; bytecode: Hex } | undefined

/** A plain storage-and-event contract (no HTS): what a local EVM estimate can simulate in full. */
export function compileCounter(): { abi: Abi; bytecode: Hex } {
  if (counter) return counter
  const content = `pragma solidity ^0.8.27;
contract Counter {
  uint256 public count;
  mapping(address => uint256) public byUser;
  event Counted(address indexed by, uint256 count);
  function add(uint256 n) external { require(n > 0, "zero"); count += n; byUser[msg.sender] += n; emit Counted(msg.sender, count); }
}`
  const input = { language: 'Solidity', sources: { 'Counter.sol': { content } }, settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { Counter: ['abi', 'evm.bytecode.object'] } } } }
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as { contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>> }
  const c = out.contracts['Counter.sol'].Counter
  counter = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }
  return counter
}
