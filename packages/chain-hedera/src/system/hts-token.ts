/**
 * HTS token tuples (spec §2) ↔ the ledger: HederaToken (HT) and its keys
 * (TK, KV) and expiry (EX) into `createToken` options, and a TokenRecord
 * out as TokenInfo (TI) / FungibleTokenInfo (FTI). Custom fees are not
 * modelled, so FF/FR/RF lists are always empty.
 */
import type { Address } from '@zvm/primitives'
import { bytesToHex, hexToBytes, type Hex } from 'viem'
import type { HederaLedger } from '../ledger/hedera-ledger.ts'
import type { LedgerKey } from '../ledger/keys.ts'
import type { CreateTokenOptions } from '../ledger/tokens.ts'
import { TOKEN_KEY_NAMES, type TokenKeys, type TokenRecord } from '../ledger/types.ts'
import { ResponseCode as RC } from '../response-codes.ts'
import { lower, ZERO_ADDRESS } from './common.ts'

/** KV as viem decodes it. */
export interface KeyValueTuple {
  inheritAccountKey: boolean
  contractId: string
  ed25519: Hex
  ECDSA_secp256k1: Hex
  delegatableContractId: string
}

/** HT as viem decodes it. */
export interface HederaTokenTuple {
  name: string
  symbol: string
  treasury: string
  memo: string
  tokenSupplyType: boolean
  maxSupply: bigint
  freezeDefault: boolean
  tokenKeys: readonly { keyType: bigint; key: KeyValueTuple }[]
  expiry: { second: bigint; autoRenewAccount: string; autoRenewPeriod: bigint }
}

/**
 * The key a KV names; the first field set wins in the order inheritAccountKey
 * (the calling contract), contractId, ed25519, ECDSA_secp256k1,
 * delegatableContractId. Undefined when none is set.
 */
export function keyValueToKey(kv: KeyValueTuple, caller: Address): LedgerKey | undefined {
  if (kv.inheritAccountKey) return { kind: 'entity', address: caller }
  if (lower(kv.contractId) !== ZERO_ADDRESS) return { kind: 'entity', address: lower(kv.contractId) }
  if (kv.ed25519 !== '0x') return { kind: 'ed25519', bytes: hexToBytes(kv.ed25519) }
  if (kv.ECDSA_secp256k1 !== '0x') return { kind: 'ecdsa', bytes: hexToBytes(kv.ECDSA_secp256k1) }
  if (lower(kv.delegatableContractId) !== ZERO_ADDRESS) return { kind: 'entity', address: lower(kv.delegatableContractId) }
  return undefined
}

/**
 * `createToken` options from an HT, or the response code of a key list the
 * ledger cannot take: a keyType with bits above 6 or none (50
 * INVALID_TRANSACTION_BODY), a key set twice (50), a KV naming no key (7
 * INVALID_SIGNATURE, as the ledger answers a malformed key).
 */
export function tokenOptionsFromTuple(ht: HederaTokenTuple, caller: Address): { code: number; options?: Omit<CreateTokenOptions, 'type'> } {
  const keys: { -readonly [K in keyof TokenKeys]: TokenKeys[K] } = {}
  for (const { keyType, key } of ht.tokenKeys) {
    if (keyType <= 0n || keyType >= 1n << BigInt(TOKEN_KEY_NAMES.length)) return { code: RC.INVALID_TRANSACTION_BODY }
    const value = keyValueToKey(key, caller)
    if (value === undefined) return { code: RC.INVALID_SIGNATURE }
    for (let bit = 0; bit < TOKEN_KEY_NAMES.length; bit++) {
      if ((keyType >> BigInt(bit)) & 1n) {
        const name = TOKEN_KEY_NAMES[bit]
        if (keys[name] !== undefined) return { code: RC.INVALID_TRANSACTION_BODY }
        keys[name] = value
      }
    }
  }
  const renew = lower(ht.expiry.autoRenewAccount)
  return {
    code: RC.SUCCESS,
    options: {
      name: ht.name, symbol: ht.symbol, treasury: lower(ht.treasury), memo: ht.memo,
      supplyType: ht.tokenSupplyType ? 'finite' : 'infinite', maxSupply: ht.maxSupply,
      freezeDefault: ht.freezeDefault, keys,
      expiry: ht.expiry.second > 0n ? ht.expiry.second : undefined,
      autoRenewAccount: renew === ZERO_ADDRESS ? undefined : renew,
      autoRenewPeriod: ht.expiry.autoRenewPeriod > 0n ? ht.expiry.autoRenewPeriod : undefined,
      caller,
    },
  }
}

function keyToKeyValue(key: LedgerKey): KeyValueTuple {
  return {
    inheritAccountKey: false,
    contractId: key.kind === 'entity' ? key.address : ZERO_ADDRESS,
    ed25519: key.kind === 'ed25519' ? bytesToHex(key.bytes) : '0x',
    ECDSA_secp256k1: key.kind === 'ecdsa' ? bytesToHex(key.bytes) : '0x',
    delegatableContractId: ZERO_ADDRESS,
  }
}

/** The EVM address of an account id (its alias first, else long-zero). */
function addressOf(ledger: HederaLedger, id: string | undefined): Address {
  return id === undefined ? ZERO_ADDRESS : ledger.evmAddressOf(id) ?? ZERO_ADDRESS
}

/** TI of a token: HT, total supply, deleted, default KYC (no KYC key), paused, no fees, ledger id. */
export function tokenInfoTuple(ledger: HederaLedger, token: TokenRecord, ledgerId: string): Record<string, unknown> {
  const tokenKeys = TOKEN_KEY_NAMES.flatMap((name, bit) => {
    const key = token.keys[name]
    return key === undefined ? [] : [{ keyType: 1n << BigInt(bit), key: keyToKeyValue(key) }]
  })
  return {
    token: {
      name: token.name, symbol: token.symbol, treasury: addressOf(ledger, token.treasury), memo: token.memo,
      tokenSupplyType: token.supplyType === 'finite', maxSupply: token.maxSupply, freezeDefault: token.freezeDefault, tokenKeys,
      expiry: { second: token.expiry, autoRenewAccount: addressOf(ledger, token.autoRenewAccount), autoRenewPeriod: token.autoRenewPeriod },
    },
    totalSupply: token.totalSupply, deleted: token.deleted, defaultKycStatus: token.keys.kyc === undefined, pauseStatus: token.paused,
    fixedFees: [], fractionalFees: [], royaltyFees: [], ledgerId,
  }
}
