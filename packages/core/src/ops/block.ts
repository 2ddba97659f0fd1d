/** Block context: BLOCKHASH, COINBASE … BASEFEE, and the EVM's BLOBHASH / BLOBBASEFEE. */
import { word as w } from '@zvm/primitives'
import type { BlockEnv } from '../host.ts'
import type { Frame } from '../frame.ts'
import type { Operation } from '../table.ts'
import { declareTraits, PLAIN, PURE } from '../traits.ts'

function blockField(read: (b: BlockEnv) => bigint): Operation {
  return (f, pc) => {
    w.fromBigInt(f.stack, f.sp << 3, read(f.ctx.block))
    f.sp++
    return pc + 1
  }
}

export const coinbase = blockField((b) => BigInt(b.coinbase))
export const timestamp = blockField((b) => b.timestamp)
export const number = blockField((b) => b.number)
export const difficulty = blockField((b) => b.difficulty)
export const prevrandao = blockField((b) => b.prevRandao)
export const gaslimit = blockField((b) => b.gasLimit)
export const chainid = blockField((b) => b.chainId)
export const basefee = blockField((b) => b.baseFee)
export const blobbasefee = blockField((b) => b.blobBaseFee)

/** BLOCKHASH (n): the host's hash for the 256 blocks before the current one, else 0. */
export function blockhash(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const n = w.toBigInt(f.stack, a)
  const current = f.ctx.block.number
  const known = n < current && n + 256n >= current
  w.fromBigInt(f.stack, a, known ? f.ctx.host.blockHash(n) : 0n)
  return pc + 1
}

/** BLOBHASH (index) → the transaction's versioned hash at index, else 0 (EIP-4844). */
export function blobhash(f: Frame, pc: number): number {
  const a = (f.sp - 1) << 3
  const i = w.toSmall(f.stack, a)
  const hashes = f.ctx.tx.blobHashes
  w.fromBigInt(f.stack, a, i >= 0 && i < hashes.length ? hashes[i] : 0n)
  return pc + 1
}

for (const op of [coinbase, timestamp, number, difficulty, prevrandao, gaslimit, chainid, basefee, blobbasefee]) declareTraits(op, PURE)
for (const op of [blockhash, blobhash]) declareTraits(op, PLAIN)
