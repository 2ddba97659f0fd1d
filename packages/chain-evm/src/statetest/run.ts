/**
 * Runs one post entry of a state test: build the pre-state, execute the
 * transaction, and compare the state root and logs hash with the fixture.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import type { ExecutionTier, Inspector } from '@zvm/core'
import { bytesToBigint, bytesToHex, type Hex } from '@zvm/primitives'
import { JournaledState, MemoryDatabase } from '@zvm/state'
import { executeTransaction } from '../handler.ts'
import { forkFromName } from '../forks.ts'
import { logsHash, stateRoot } from '../trie.ts'
import { fixtureBlock, fixturePreState, fixtureTransaction, FixtureError, type FixturePost, type StateTestFixture } from './fixture.ts'

/** The result of one (test, fork, post index). */
export interface StateTestCaseResult {
  test: string
  fork: string
  index: number
  indexes: FixturePost['indexes']
  pass: boolean
  expectedRoot: Hex
  actualRoot: Hex
  expectedLogs: Hex
  actualLogs: Hex
  /** Whether the transaction was applied, and why not. */
  txError: string | null
  expectException: string | null
  gasUsed: bigint
  /** Return data of the transaction. */
  output: Hex
}

/** State tests' BLOCKHASH convention: keccak256 of the decimal block number. */
export function stateTestBlockHash(n: bigint): bigint {
  return bytesToBigint(keccak_256(new TextEncoder().encode(n.toString())))
}

/**
 * Runs post entry `index` of `fork` in `fixture`.
 *
 * @example
 * ```ts
 * import { runStateTestCase } from '@zvm/chain-evm/statetest'
 * // const result = runStateTestCase('add', fixture, 'Cancun', 0)
 * ```
 */
export function runStateTestCase(name: string, fixture: StateTestFixture, forkName: string, index: number, options: { inspector?: Inspector, tier?: ExecutionTier, compileThreshold?: number } = {}): StateTestCaseResult {
  const fork = forkFromName(forkName)
  if (fork === undefined) throw new FixtureError(`fork ${forkName} is not supported (Shanghai, Cancun, Prague)`)
  const post = fixture.post[forkName][index]
  const db = new MemoryDatabase()
  for (const a of fixturePreState(fixture.pre)) db.setAccount(a.address, a)
  const state = new JournaledState(db)
  const tx = fixtureTransaction(fixture.transaction, post.indexes)
  const result = executeTransaction(state, tx, fixtureBlock(fixture.env), { fork, blockHash: stateTestBlockHash, inspector: options.inspector, tier: options.tier, compileThreshold: options.compileThreshold })
  const accounts = [...db.accounts()].map(({ address, info, storage }) => ({ address, ...info, storage }))
  const actualRoot = bytesToHex(stateRoot(accounts))
  const actualLogs = bytesToHex(logsHash(result.valid ? result.logs : []))
  const expectedRoot = post.hash.toLowerCase() as Hex
  const expectedLogs = post.logs.toLowerCase() as Hex
  const expectException = post.expectException ?? null
  // An expected exception must be matched by a rejected transaction.
  const exceptionOk = expectException === null ? result.valid : !result.valid
  return {
    test: name,
    fork: forkName,
    index,
    indexes: post.indexes,
    pass: actualRoot === expectedRoot && actualLogs === expectedLogs && exceptionOk,
    expectedRoot,
    actualRoot,
    expectedLogs,
    actualLogs,
    txError: result.valid ? null : result.error,
    expectException,
    gasUsed: result.valid ? result.gasUsed : 0n,
    output: result.valid ? bytesToHex(result.output) : '0x',
  }
}
