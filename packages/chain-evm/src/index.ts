export { Fork, forkFromName, forkName, FORK_NAMES } from './forks.ts'
export {
  EVM_GAS_SCHEDULE, EVM_STORAGE_GAS, EVM_STATIC_GAS, transactionGas, GAS_PER_BLOB, PER_EMPTY_ACCOUNT_COST, PER_AUTH_BASE_COST, TOKENS_PER_NONZERO_BYTE,
  type TransactionGas,
} from './gas.ts'
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
export { preloadCurves } from './curves.ts'
export { applyAuthorizations, recoverAuthority, authorizationHash, signAuthorization, type Authorization } from './authorization.ts'
export { recordParentBlockHash, HISTORY_STORAGE_ADDRESS, HISTORY_SERVE_WINDOW } from './history.ts'
