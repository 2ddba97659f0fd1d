export { ResponseCode, responseCodeName, type ResponseCodeName } from './response-codes.ts'
export { InvalidEntityIdError, LedgerSnapshotError } from './errors.ts'
export { addressToEntityId, entityIdToAddress, formatEntityId, parseEntityId, type EntityIdParts } from './ids.ts'
export { ecdsaKeyToAlias, type LedgerKey } from './ledger/keys.ts'
export { nextRunningHash, RUNNING_HASH_VERSION, type RunningHashInput } from './ledger/running-hash.ts'
export { HederaLedger } from './ledger/hedera-ledger.ts'
export type { LedgerOptions } from './ledger/store.ts'
export { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, type LedgerSnapshot, type KeyJson } from './ledger/snapshot.ts'
export { MAX_NFT_METADATA_BYTES, type MintOptions, type MintResult, type BurnOptions, type WipeOptions } from './ledger/supply.ts'
export type { CreateAccountOptions, CreateAccountResult, TransferHbarOptions } from './ledger/accounts.ts'
export type { AssociationOptions } from './ledger/associations.ts'
export type { CreateTokenOptions, CreateTokenResult, UpdateTokenOptions, TokenOperationOptions, TokenAccountOptions } from './ledger/tokens.ts'
export type { TransferTokenOptions, TransferNftOptions, ApproveOptions, ApproveNftOptions, ApproveForAllOptions } from './ledger/transfers.ts'
export type { CreateTopicOptions, UpdateTopicOptions, SubmitMessageOptions, SubmitMessageResult } from './ledger/topics.ts'
export {
  TOKEN_KEY_NAMES, type AccountRecord, type ConsensusTime, type NftRecord, type SupplyType, type TokenKeyName, type TokenKeys,
  type TokenRecord, type TokenRelation, type TokenType, type TopicRecord,
} from './ledger/types.ts'
export { createHederaSyscalls, HEDERA_SUB_OP_GAS, type HederaSyscall, type HederaSyscallOptions } from './syscalls.ts'
export { decodeTokenDescriptor, TOKEN_DESCRIPTOR_HEADER_BYTES } from './descriptor.ts'
export { HTS_ABI, ERC20_ABI, ERC721_ABI, EXCHANGE_RATE_ABI, PRNG_ABI } from './system/hts-abi.ts'
export { createHtsPrecompile, HTS_ADDRESS, FEE_COLLECTOR_ADDRESS, type HtsPrecompileOptions } from './system/hts.ts'
export { createExchangeRatePrecompile, EXCHANGE_RATE_ADDRESS } from './system/exchange-rate.ts'
export { createPrngPrecompile, PRNG_ADDRESS } from './system/prng.ts'
export { answerFacadeCall, facadePrecompile } from './system/facade.ts'
export { tokenProxyCode, REDIRECT_FOR_TOKEN_SELECTOR } from './token-proxy.ts'
export {
  DEFAULT_EXCHANGE_RATE, HTS_CREATE_GAS, HTS_GAS_PRICE_UNITS, HTS_MIN_GAS, HTS_PRICES, htsGasForPrice, tinybarsToTinycents, tinycentsToTinybars,
  TINYCENTS_PER_USD, type ExchangeRate,
} from './system/pricing.ts'
export {
  createHederaPrecompiles, executeHederaTransaction, haltResponseCode, HederaPrecompiles, HEDERA_MAX_GAS_PER_TRANSACTION, HEDERA_SYSTEM_ADDRESSES,
  type HederaPrecompilesOptions, type HederaTransactionOptions, type HederaTransactionResult, type HederaIncludedTransaction, type HederaInvalidTransaction,
} from './evm.ts'
