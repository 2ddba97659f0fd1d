/**
 * 0x02 SHA256 (60 + 12/word), 0x03 RIPEMD160 (600 + 120/word, digest
 * left-padded to 32 bytes) and 0x04 IDENTITY (15 + 3/word), on @noble/hashes.
 */
import { ripemd160 as ripemd } from '@noble/hashes/legacy.js'
import { sha256 as sha } from '@noble/hashes/sha2.js'
import type { PurePrecompile } from '@zvm/core'
import { charged, linearGas } from './common.ts'

export const sha256: PurePrecompile = (input, gasLimit) => charged(linearGas(60, 12, input.length), gasLimit, () => sha(input))

export const ripemd160: PurePrecompile = (input, gasLimit) =>
  charged(linearGas(600, 120, input.length), gasLimit, () => {
    const out = new Uint8Array(32)
    out.set(ripemd(input), 12)
    return out
  })

export const identity: PurePrecompile = (input, gasLimit) => charged(linearGas(15, 3, input.length), gasLimit, () => input.slice())
