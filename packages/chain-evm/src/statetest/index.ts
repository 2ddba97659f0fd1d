/**
 * The Ethereum GeneralStateTests runner (`@zvm/chain-evm/statetest`): reads
 * fixture files from disk, so it is a subpath of its own and the main entry
 * stays free of `node:fs`.
 */
export { parseStateTestFile, fixtureBlock, fixtureTransaction, fixturePreState, FixtureError, type StateTestFixture, type FixturePost, type FixtureAccount } from './fixture.ts'
export { runStateTestCase, stateTestBlockHash, type StateTestCaseResult } from './run.ts'
export { findFixtureFiles, runFixtureFile, type FileResult } from './files.ts'
export { SLOW_CASES } from './slow.ts'
