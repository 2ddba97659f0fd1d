/**
 * Measures the worst-case time per gas of the expensive native opcodes (post-
 * quantum, hashing, Hedera syscalls through a stub host, EXP, MULMOD): each
 * op runs in a loop, and a baseline loop that pops the same arguments instead
 * is subtracted. Prints one JSON line per case: µs per op, gas per op and
 * Mgas/s. Run: `npx tsx --conditions=source packages/core/bench/native-gas.measure.ts [filter]`.
 * docs/native-isa.md records the results and the gas chosen from them.
 */
import { falcon1024, falcon512 } from '@noble/post-quantum/falcon.js'
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js'
import * as slh from '@noble/post-quantum/slh-dsa.js'
import { NATIVE_OPCODES_BY_NAME } from '@zvm/bytecode'
import { Vm, type Host } from '@zvm/core'
import { prog, push, type Part, nativeVm } from '../test/program.ts'

const filter = process.argv[2] ?? ''
const host: Host = { syscall: () => ({ ok: true, value: 1n }) }

/** An argument of -1n is the loop counter (a distinct value every iteration). */
interface Case { name: string; op: string; args: bigint[]; data: Uint8Array; iterations: number; distinct?: boolean }

/** setup: copy calldata to memory 0; then `n` times: push args, op (or pop them), pop the result. */
function loop(c: Case, withOp: boolean): Uint8Array {
  const setup: Part[] = [...push(c.data.length), ...push(0), ...push(0), 'CALLDATACOPY', ...push(c.iterations)]
  const head = prog(...setup).length
  const info = NATIVE_OPCODES_BY_NAME.get(c.op)!
  // `distinct`: the loop counter goes to memory word 0 first, so memoized hashes miss.
  const body: Part[] = [...(c.distinct ? ['DUP1', ...push(0), 'MSTORE'] : []), ...c.args.slice().reverse().flatMap((a, i): Part[] => (a === -1n ? [`DUP${i + 1}`] : push(a)))]
  if (withOp) body.push(c.op, ...Array(info.stackOut).fill('POP'))
  else body.push(...Array(c.args.length).fill('POP'))
  body.push(...push(1), 'SWAP1', 'SUB', 'PUSH4', head, 'JUMP')
  const check: Part[] = ['DUP1', 'ISZERO', 'PUSH4', 0, 'JUMPI']
  const end = head + prog(...check).length + prog(...body).length
  check[3] = end
  return prog(...setup, ...check, ...body, 'POP', 'HALT')
}

function time(code: Uint8Array, data: Uint8Array): { ms: number; gas: number } {
  const vm = nativeVm({ host })
  let best = Infinity
  let gas = 0
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    const r = vm.run({ code, data, gasLimit: 2 ** 52 })
    best = Math.min(best, performance.now() - t)
    if (r.status !== 'success') throw new Error(`${r.error}`)
    gas = r.gasUsed
  }
  return { ms: best, gas }
}

function measure(c: Case): void {
  if (!c.name.includes(filter)) return
  const a = time(loop(c, true), c.data)
  const b = time(loop(c, false), c.data)
  const us = ((a.ms - b.ms) * 1000) / c.iterations
  const gas = (a.gas - b.gas) / c.iterations
  console.log(JSON.stringify({ name: c.name, us: Number(us.toFixed(2)), gas, mgasPerS: Number((gas / us).toFixed(1)), nsPerGas: Number(((us * 1000) / gas).toFixed(1)) }))
}

const random = (n: number, seed: number): Uint8Array => {
  const out = new Uint8Array(n)
  let x = seed
  for (let i = 0; i < n; i++) out[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24
  return out
}

/** A PQ_VERIFY case: message ‖ signature ‖ key in memory. */
function verify(name: string, op: string, msg: Uint8Array, sig: Uint8Array, pk: Uint8Array, iterations: number): Case {
  const data = new Uint8Array([...msg, ...sig, ...pk])
  return { name, op, data, iterations, args: [0n, BigInt(msg.length), BigInt(msg.length), BigInt(sig.length), BigInt(msg.length + sig.length), BigInt(pk.length)] }
}

const msg = random(32, 1)
const bigMsg = random(64 * 1024, 2)
type Scheme = { keygen(seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array }; sign(m: Uint8Array, sk: Uint8Array): Uint8Array; lengths: { seed?: number; signature?: number } }
const schemes: [string, string, Scheme, number][] = [
  ['ml_dsa44', 'PQ_VERIFY_DILITHIUM', ml_dsa44, 50], ['ml_dsa65', 'PQ_VERIFY_DILITHIUM', ml_dsa65, 50], ['ml_dsa87', 'PQ_VERIFY_DILITHIUM', ml_dsa87, 50],
  ['falcon512', 'PQ_VERIFY_FALCON', falcon512 as unknown as Scheme, 50], ['falcon1024', 'PQ_VERIFY_FALCON', falcon1024 as unknown as Scheme, 30],
  ...(['128f', '128s', '192f', '192s', '256f', '256s'] as const).map((p): [string, string, Scheme, number] =>
    [`slh_sha2_${p}`, 'PQ_VERIFY_SPHINCS', slh[`slh_dsa_sha2_${p}`] as unknown as Scheme, p.endsWith('f') ? 5 : 20]),
]
for (const [name, op, scheme, n] of schemes) {
  if (!name.includes(filter) && !op.includes(filter)) continue
  const keys = scheme.keygen(random(scheme.lengths.seed ?? 32, 3))
  const sig = scheme.sign(msg, keys.secretKey)
  measure(verify(`${op} ${name} valid`, op, msg, sig, keys.publicKey, n))
  measure(verify(`${op} ${name} garbage`, op, msg, random(sig.length, 4), keys.publicKey, n))
  measure(verify(`${op} ${name} valid 64KB msg`, op, bigMsg, scheme.sign(bigMsg, keys.secretKey), keys.publicKey, n))
}
measure(verify('PQ_VERIFY_SPHINCS wrong length', 'PQ_VERIFY_SPHINCS', msg, random(1000, 5), random(64, 6), 2000))
measure({ name: 'PQ_KEYGEN', op: 'PQ_KEYGEN', data: random(32, 7), iterations: 50, args: [0n, 64n] })
for (const op of ['KECCAK256', 'SHA256', 'RIPEMD160', 'BLAKE2B']) {
  measure({ name: `${op} 32B distinct`, op, data: random(32, 8), iterations: 20_000, args: [0n, 32n], distinct: true })
  measure({ name: `${op} 136B distinct`, op, data: random(136, 8), iterations: 20_000, args: [0n, 136n], distinct: true })
  measure({ name: `${op} 64KB`, op, data: random(65536, 8), iterations: 50, args: [0n, 65536n] })
}
measure({ name: 'TABLEHASH distinct', op: 'TABLEHASH', data: new Uint8Array(0), iterations: 20_000, args: [-1n, 7n] })
measure({ name: 'EXP 32-byte exponent', op: 'EXP', data: new Uint8Array(0), iterations: 20_000, args: [(1n << 255n) - 19n, (1n << 256n) - 1n] })
measure({ name: 'MULMOD full words', op: 'MULMOD', data: new Uint8Array(0), iterations: 20_000, args: [(1n << 255n) - 19n, (1n << 254n) + 7n, (1n << 253n) + 3n] })
for (const name of ['HEDERA_ACCOUNT_ID', 'HEDERA_TIMESTAMP', 'HTS_TRANSFER', 'HTS_APPROVE', 'HCS_CREATE_TOPIC']) {
  const info = NATIVE_OPCODES_BY_NAME.get(name)!
  measure({ name: `${name} (stub host)`, op: name, data: new Uint8Array(0), iterations: 20_000, args: Array(info.stackIn).fill((1n << 160n) - 1n) })
}
measure({ name: 'HCS_SUBMIT 1KB (stub host)', op: 'HCS_SUBMIT', data: random(1024, 9), iterations: 5000, args: [1n, 0n, 1024n] })
