/**
 * The native syscall host: `createHederaSyscalls(ledger)` is a
 * `Host['syscall']` answering the Hedera opcodes E0–EC over a HederaLedger
 * (operands and encodings: docs/native-isa.md). The acting party is the
 * executing account (`context.address`): it must satisfy the keys an
 * operation needs, and E0 moves tokens from `from` when `from` is that
 * account or has granted it an allowance. A state-changing op answers 1 on
 * SUCCESS (22); any other response code answers `ok: false`, which pushes 0,
 * and is reported to `onResponse`. The native table's static gas already
 * holds spec §7's sub-op gas (10050 for E0 = 50 + 10000), so by default the
 * host adds none; `chargeSubOpGas: true` adds it for a table whose static
 * gas is the base cost only.
 */
import type { SyscallContext, SyscallResult } from '@zvm/core'
import { OP } from '@zvm/bytecode'
import { bigintToAddress, type Address } from '@zvm/primitives'
import { decodeTokenDescriptor } from './descriptor.ts'
import { entityIdToAddress, parseEntityId } from './ids.ts'
import type { HederaLedger } from './ledger/hedera-ledger.ts'
import { MAX_NFT_BATCH } from './ledger/supply.ts'
import { ResponseCode as RC, responseCodeName } from './response-codes.ts'

/** Spec §7 sub-op gas per opcode (HCS_SUBMIT's 100 per byte is charged by the op itself). */
export const HEDERA_SUB_OP_GAS: Readonly<Record<number, number>> = Object.freeze({
  [OP.HTS_TRANSFER]: 10_000, [OP.HTS_MINT]: 50_000, [OP.HTS_BURN]: 50_000, [OP.HTS_ASSOCIATE]: 20_000,
  [OP.HTS_DISSOCIATE]: 20_000, [OP.HTS_APPROVE]: 5_000, [OP.HTS_CREATE]: 100_000, [OP.HCS_SUBMIT]: 5_000,
  [OP.HCS_CREATE_TOPIC]: 50_000, [OP.HCS_UPDATE_TOPIC]: 25_000, [OP.HCS_DELETE_TOPIC]: 12_500,
  [OP.HEDERA_ACCOUNT_ID]: 0, [OP.HEDERA_TIMESTAMP]: 0,
})

/** Options of {@link createHederaSyscalls}. */
export interface HederaSyscallOptions {
  /** Charge spec §7's sub-op gas as `gasUsed` (default false: the native table's static gas includes it). */
  chargeSubOpGas?: boolean
  /** Called with every state-changing syscall's response code. */
  onResponse?: (opcode: number, code: number) => void
}

/** The syscall hook's type (`Host['syscall']`). */
export type HederaSyscall = (opcode: number, args: readonly bigint[], context: SyscallContext) => SyscallResult

const MAX_INT64 = (1n << 63n) - 1n
const NANOS = 1_000_000_000n

/**
 * The Hedera syscall hook over `ledger`.
 *
 * @example
 * ```ts
 * import { JournaledState } from '@zvm/state'
 * import { HederaLedger, createHederaSyscalls } from '@zvm/chain-hedera'
 * const syscall = createHederaSyscalls(new HederaLedger(new JournaledState()))
 * const host = { blockHash: () => 0n, syscall } // a Host for new Vm({ table: NATIVE_TABLE, host })
 * ```
 */
export function createHederaSyscalls(ledger: HederaLedger, options: HederaSyscallOptions = {}): HederaSyscall {
  const charge = options.chargeSubOpGas === true
  const onResponse = options.onResponse
  const address = (w: bigint): Address => bigintToAddress(w)
  /** An amount word as int64; larger words are invalid amounts (-1). */
  const int64 = (w: bigint): bigint => (w > MAX_INT64 ? -1n : w)

  function answer(opcode: number, code: number, value = 1n): SyscallResult {
    onResponse?.(opcode, code)
    const gasUsed = charge ? HEDERA_SUB_OP_GAS[opcode] : 0
    return code === RC.SUCCESS ? { ok: true, value, gasUsed } : { ok: false, reason: responseCodeName(code), gasUsed }
  }

  return (opcode, args, context) => {
    const caller = context.address
    switch (opcode) {
      case OP.HTS_TRANSFER: {
        const [token, from, to, amount] = args
        const t = ledger.getToken(address(token))
        const common = { token: address(token), from: address(from), to: address(to), caller }
        // For a non-fungible token the amount word is the serial number.
        const code = t?.type === 'nonFungible'
          ? ledger.transferNft({ ...common, serial: int64(amount) })
          : ledger.transferToken({ ...common, amount: int64(amount) })
        return answer(opcode, code)
      }
      case OP.HTS_MINT: {
        const [token, amount] = args
        const t = ledger.getToken(address(token))
        // For a non-fungible token: `amount` NFTs with empty metadata; the ledger refuses more than 10 (228),
        // so a larger count is passed as 11 entries, never allocated in full.
        const n = int64(amount)
        const count = n < 1n ? 0 : n > BigInt(MAX_NFT_BATCH) ? MAX_NFT_BATCH + 1 : Number(n)
        const options = t?.type === 'nonFungible'
          ? { token: address(token), metadata: Array.from({ length: count }, () => new Uint8Array(0)), caller }
          : { token: address(token), amount: n, caller }
        return answer(opcode, ledger.mint(options).code)
      }
      case OP.HTS_BURN: {
        const [token, amount] = args
        const t = ledger.getToken(address(token))
        // For a non-fungible token the amount word is the serial number to burn.
        const options = t?.type === 'nonFungible' ? { token: address(token), serials: [int64(amount)], caller } : { token: address(token), amount: int64(amount), caller }
        return answer(opcode, ledger.burn(options).code)
      }
      case OP.HTS_ASSOCIATE:
      case OP.HTS_DISSOCIATE: {
        const [account, token] = args
        const o = { account: address(account), token: address(token), caller }
        return answer(opcode, opcode === OP.HTS_ASSOCIATE ? ledger.associate(o) : ledger.dissociate(o))
      }
      case OP.HTS_APPROVE: {
        const [token, spender, amount] = args
        const t = ledger.getToken(address(token))
        const code = t?.type === 'nonFungible'
          ? ledger.approveNft({ token: address(token), owner: caller, spender: spender === 0n ? undefined : address(spender), serial: int64(amount), caller })
          : ledger.approve({ token: address(token), owner: caller, spender: address(spender), amount: int64(amount), caller })
        return answer(opcode, code)
      }
      case OP.HTS_CREATE: {
        const [offset, length] = args
        const bytes = length === 0n ? new Uint8Array(0) : context.memory.read(Number(offset), Number(length))
        const descriptor = decodeTokenDescriptor(bytes, caller)
        if (!descriptor) return answer(opcode, RC.INVALID_TRANSACTION_BODY)
        const r = ledger.createToken({ ...descriptor, caller })
        return answer(opcode, r.code, r.tokenId === undefined ? 0n : BigInt(entityIdToAddress(r.tokenId)))
      }
      case OP.HCS_SUBMIT: {
        const [topic, offset, length] = args
        const message = length === 0n ? new Uint8Array(0) : context.memory.read(Number(offset), Number(length))
        return answer(opcode, ledger.submitMessage({ topic: address(topic), message, caller }).code)
      }
      case OP.HCS_CREATE_TOPIC: {
        // The executing account becomes the admin key; anyone may submit.
        const r = ledger.createTopic({ adminKey: { kind: 'entity', address: caller }, caller })
        return answer(opcode, r.code, r.topicId === undefined ? 0n : BigInt(entityIdToAddress(r.topicId)))
      }
      case OP.HCS_UPDATE_TOPIC: {
        const [topic, offset, length] = args
        const bytes = length === 0n ? new Uint8Array(0) : context.memory.read(Number(offset), Number(length))
        let memo: string
        try { memo = new TextDecoder('utf-8', { fatal: true }).decode(bytes) } catch { return answer(opcode, RC.INVALID_TRANSACTION_BODY) }
        return answer(opcode, ledger.updateTopic({ topic: address(topic), memo, caller }))
      }
      case OP.HCS_DELETE_TOPIC:
        return answer(opcode, ledger.deleteTopic({ topic: address(args[0]), caller }))
      case OP.HEDERA_ACCOUNT_ID: {
        // shard.realm.num packed as its long-zero address: shard << 128 | realm << 64 | num.
        const id = ledger.resolveId(caller)
        if (id === undefined || !ledger.getAccount(id)) return { ok: false, reason: 'the executing account is not a Hedera account' }
        const p = parseEntityId(id)
        return { ok: true, value: (p.shard << 128n) | (p.realm << 64n) | p.num }
      }
      case OP.HEDERA_TIMESTAMP: {
        // Consensus time in nanoseconds since the Unix epoch.
        const t = ledger.consensusTime
        return { ok: true, value: t.seconds * NANOS + BigInt(t.nanos) }
      }
      default:
        return { ok: false, reason: `opcode 0x${opcode.toString(16)} is not a Hedera syscall` }
    }
  }
}
