export { Fork, forkFromName, forkName, FORK_NAMES } from './forks.ts'
export { EVM_GAS_SCHEDULE, EVM_STORAGE_GAS, transactionGas, GAS_PER_BLOB, type TransactionGas } from './gas.ts'
export { evmTable, evmInstructions } from './table.ts'
export { rlpEncode, rlpDecode, RlpError, type RlpInput, type RlpItem, type RlpRaw } from './rlp.ts'
export { trieRoot, secureTrieRoot, storageRoot, stateRoot, logsHash, EMPTY_TRIE_ROOT, type RootAccount, type RootLog } from './trie.ts'
export { intrinsicGas, TxError, InvalidTransactionError, type EvmTransaction, type AccessListEntry } from './transaction.ts'
export { fakeExponential, blobBaseFee } from './blob.ts'
export {
  executeTransaction, executeMessage, validateTransaction, preExecution, postExecution, type EvmBlock, type TransactionResult, type ExecuteOptions,
  type ValidTransaction, type InvalidTransaction, type PreparedMessage, type IncludedTransaction,
} from './handler.ts'
export { precompilesFor } from './precompiles/index.ts'
export { parseStateTestFile, fixtureBlock, fixtureTransaction, fixturePreState, FixtureError, type StateTestFixture, type FixturePost, type FixtureAccount } from './statetest/fixture.ts'
export { runStateTestCase, stateTestBlockHash, type StateTestCaseResult } from './statetest/run.ts'
export { findFixtureFiles, runFixtureFile, type FileResult } from './statetest/files.ts'
export { SLOW_CASES } from './statetest/slow.ts'
export { applyAuthorizations, recoverAuthority, authorizationHash, signAuthorization, type Authorization } from './authorization.ts'
export { recordParentBlockHash, HISTORY_STORAGE_ADDRESS, HISTORY_SERVE_WINDOW } from './history.ts'
