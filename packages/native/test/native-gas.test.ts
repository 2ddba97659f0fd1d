/**
 * The native ops priced by measurement charge exactly what @zvm/gas and the
 * table in docs/native-isa.md say; malformed PQ inputs push 0 and never throw.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { falcon1024, falcon512 } from '@noble/post-quantum/falcon.js'
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js'
import * as slh from '@noble/post-quantum/slh-dsa.js'
import { OP } from '@zvm/bytecode'
import { NATIVE_OP_GAS, OPCODE_COSTS, PQ_VERIFY_GAS, PQ_VERIFY_WORD_GAS, type PqParameterSet } from '@zvm/gas'
import { bytesToBigint } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { Vm } from '@zvm/core'
import { prog, push, type Part, nativeVm } from './program.ts'

const POP = OPCODE_COSTS[OP.POP]

/** Gas `op` charges on `args` (top first) with `data` copied to memory 0 first (so the op expands nothing). */
function opGas(op: string, args: bigint[], data: Uint8Array): { gas: number; top: bigint } {
  const setup: Part[] = [...push(data.length), ...push(0), ...push(0), 'CALLDATACOPY', ...args.slice().reverse().flatMap((a) => push(a))]
  const withOp = nativeVm().run({ code: prog(...setup, op, ...push(0), 'MSTORE', ...push(32), ...push(0), 'RETURN'), data, gasLimit: 10_000_000 })
  const without = nativeVm().run({ code: prog(...setup, ...args.map((): Part => 'POP'), ...push(0), ...push(0), 'MSTORE', ...push(32), ...push(0), 'RETURN'), data, gasLimit: 10_000_000 })
  expect(withOp.status).toBe('success')
  // The baseline pops the arguments and pushes one word where the op pushes its result.
  return { gas: withOp.gasUsed - without.gasUsed + args.length * POP + OPCODE_COSTS[OP.PUSH1], top: bytesToBigint(withOp.returnData) }
}

const garbage = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff)
const words = (n: number): number => Math.ceil(n / 32)

function verifyGas(op: string, msg: Uint8Array, sig: Uint8Array, key: Uint8Array) {
  const data = new Uint8Array([...msg, ...sig, ...key])
  const m = BigInt(msg.length)
  const s = BigInt(sig.length)
  return opGas(op, [0n, m, m, s, m + s, BigInt(key.length)], data)
}

/** Rows of docs/native-isa.md's table: `| \`OP\` Set | gas | …`. */
function documented(): Map<string, string> {
  const doc = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'native-isa.md'), 'utf8')
  const rows = new Map<string, string>()
  for (const line of doc.split('\n')) {
    const m = /^\| `([A-Z0-9_]+)`([^|]*)\| ([^|]+) \|/.exec(line)
    if (m) rows.set(`${m[1]}${m[2].trimEnd()}`, m[3].trim())
  }
  return rows
}

const SETS: [string, PqParameterSet, { lengths: { publicKey?: number; signature?: number } }, number?][] = [
  ['PQ_VERIFY_DILITHIUM', 'ML-DSA-44', ml_dsa44], ['PQ_VERIFY_DILITHIUM', 'ML-DSA-65', ml_dsa65], ['PQ_VERIFY_DILITHIUM', 'ML-DSA-87', ml_dsa87],
  ['PQ_VERIFY_FALCON', 'Falcon-512', falcon512, 666], ['PQ_VERIFY_FALCON', 'Falcon-1024', falcon1024, 1280],
  ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-128s', slh.slh_dsa_sha2_128s], ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-128f', slh.slh_dsa_sha2_128f],
  ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-192s', slh.slh_dsa_sha2_192s], ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-192f', slh.slh_dsa_sha2_192f],
  ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-256s', slh.slh_dsa_sha2_256s], ['PQ_VERIFY_SPHINCS', 'SLH-DSA-SHA2-256f', slh.slh_dsa_sha2_256f],
]

describe('gas of the post-quantum ops', () => {
  const docs = documented()
  const number = (s: string | undefined) => Number(s?.replace(/,/g, ''))

  for (const [op, set, scheme, sigLength] of SETS) {
    it(`${op} ${set}: a garbage signature of the right length is verified, charged PQ_VERIFY_GAS + per word, and pushes 0`, () => {
      const msg = garbage(32)
      const sig = garbage(sigLength ?? scheme.lengths.signature!)
      const key = garbage(scheme.lengths.publicKey!)
      const r = verifyGas(op, msg, sig, key)
      expect(r.top).toBe(0n)
      // One per-word charge over the three ranges together.
      expect(r.gas).toBe(PQ_VERIFY_GAS[set] + PQ_VERIFY_WORD_GAS * words(msg.length + sig.length + key.length))
      expect(number(docs.get(`${op} ${set}`))).toBe(PQ_VERIFY_GAS[set])
    })
  }

  it('a SPHINCS signature of no known length pushes 0 (no exception, no verification) for static gas + per word', () => {
    const sig = garbage(1000)
    const key = garbage(64)
    const r = verifyGas('PQ_VERIFY_SPHINCS', garbage(32), sig, key)
    expect(r.top).toBe(0n)
    expect(r.gas).toBe(OPCODE_COSTS[OP.PQ_VERIFY_SPHINCS] + PQ_VERIFY_WORD_GAS * words(32 + 1000 + 64))
  })

  it('PQ_KEYGEN costs NATIVE_OP_GAS.PQ_KEYGEN (the documented price)', () => {
    // Memory for the 5,984 output bytes is expanded by the CALLDATACOPY of as many zero bytes first.
    const r = opGas('PQ_KEYGEN', [0n, 32n], new Uint8Array(32 + 5984))
    expect(r.top).toBe(5984n)
    expect(r.gas).toBe(NATIVE_OP_GAS.PQ_KEYGEN)
    expect(number(docs.get('PQ_KEYGEN'))).toBe(NATIVE_OP_GAS.PQ_KEYGEN)
  })

  it('a 30 M-gas message of SLH-DSA-SHA2-256f verifications is bounded by the price: at most 35 verifications', () => {
    const { gas } = verifyGas('PQ_VERIFY_SPHINCS', garbage(32), garbage(49856), garbage(64))
    expect(Math.floor(30_000_000 / gas)).toBeLessThanOrEqual(35)
  })
})
