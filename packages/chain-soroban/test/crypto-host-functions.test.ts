/**
 * BLS12-381, BN254, checked 256-bit arithmetic and the PRNG through a
 * pass-through contract, against independent references: the curves'
 * published generators, EIP-196/197 and EIP-2537 vectors, RFC 9380's
 * hash-to-curve vector, RFC 8439's ChaCha20 keystream, and soroban-sdk's own
 * PRNG tests (outputs of the real host for a given seed).
 */
import { scValToNative, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { SorobanHost, type InvokeResult } from '../src/index.ts'
import { ChaChaRng } from '../src/host/functions/prng.ts'
import { hostImports, watContract } from './build.ts'

const FNS = [
  'bls12_381_g1_add', 'bls12_381_g1_mul', 'bls12_381_g1_msm', 'bls12_381_check_g1_is_in_subgroup', 'bls12_381_g1_is_on_curve',
  'bls12_381_hash_to_g1', 'bls12_381_map_fp_to_g1', 'bls12_381_g2_add', 'bls12_381_g2_mul', 'bls12_381_multi_pairing_check',
  'bls12_381_fr_add', 'bls12_381_fr_sub', 'bls12_381_fr_mul', 'bls12_381_fr_pow', 'bls12_381_fr_inv',
  'bn254_g1_add', 'bn254_g1_mul', 'bn254_g1_msm', 'bn254_multi_pairing_check', 'bn254_g1_is_on_curve', 'bn254_fr_inv',
  'u256_checked_add', 'u256_checked_sub', 'u256_checked_mul', 'u256_checked_pow', 'i256_checked_add', 'i256_checked_pow',
] as const

/** A contract exporting each host function under its own name, passing its Vals straight through. */
function passThrough(): Uint8Array {
  const arity = (name: string): number => ({ bls12_381_fr_inv: 1, bn254_fr_inv: 1, bls12_381_check_g1_is_in_subgroup: 1, bls12_381_g1_is_on_curve: 1, bls12_381_map_fp_to_g1: 1, bn254_g1_is_on_curve: 1 } as Record<string, number>)[name] ?? 2
  const funcs = FNS.map((n) => {
    const params = Array.from({ length: arity(n) }, () => 'i64').join(' ')
    const args = Array.from({ length: arity(n) }, (_, i) => `(local.get ${i})`).join(' ')
    return `(func (export "${n}") (param ${params}) (result i64) (call $${n} ${args}))`
  })
  return watContract(`(module
    ${hostImports(...FNS, 'prng_reseed', 'prng_bytes_new', 'prng_u64_in_inclusive_range', 'prng_vec_shuffle', 'obj_from_u64')}
    ${funcs.join('\n')}
    (func (export "reseed") (param i64) (result i64) (call $prng_reseed (local.get 0)))
    (func (export "bytes") (param i64) (result i64) (call $prng_bytes_new (local.get 0)))
    (func (export "range") (param i64 i64) (result i64)
      (call $obj_from_u64 (call $prng_u64_in_inclusive_range (i64.shr_u (local.get 0) (i64.const 32)) (i64.shr_u (local.get 1) (i64.const 32)))))
    (func (export "seeded_range") (param i64 i64 i64) (result i64)
      (drop (call $prng_reseed (local.get 0)))
      (call $obj_from_u64 (call $prng_u64_in_inclusive_range (i64.shr_u (local.get 1) (i64.const 32)) (i64.shr_u (local.get 2) (i64.const 32)))))
    (func (export "shuffle") (param i64) (result i64) (call $prng_vec_shuffle (local.get 0))))`, { protocol: 26 })
}

const WASM = passThrough()
function setup(options: ConstructorParameters<typeof SorobanHost>[0] = {}): { host: SorobanHost, id: string } {
  // Protocol 26: the is_on_curve, BN254 MSM and checked-arithmetic functions.
  const host = new SorobanHost({ cpuLimit: 400_000_000, info: { protocolVersion: 26 }, ...options })
  return { host, id: host.deploy(WASM).address }
}
const hex = (s: string): xdr.ScVal => xdr.ScVal.scvBytes(Buffer.from(s.replace(/\s+/g, ''), 'hex'))
const u256 = (v: bigint): xdr.ScVal => xdr.ScVal.scvU256(new xdr.UInt256Parts({
  hiHi: new xdr.Uint64(v >> 192n), hiLo: new xdr.Uint64((v >> 128n) & 0xffff_ffff_ffff_ffffn), loHi: new xdr.Uint64((v >> 64n) & 0xffff_ffff_ffff_ffffn), loLo: new xdr.Uint64(v & 0xffff_ffff_ffff_ffffn),
}))
const i256 = (v: bigint): xdr.ScVal => xdr.ScVal.scvI256(new xdr.Int256Parts({
  hiHi: new xdr.Int64(BigInt.asIntN(64, v >> 192n)), hiLo: new xdr.Uint64((v >> 128n) & 0xffff_ffff_ffff_ffffn), loHi: new xdr.Uint64((v >> 64n) & 0xffff_ffff_ffff_ffffn), loLo: new xdr.Uint64(v & 0xffff_ffff_ffff_ffffn),
}))
const vec = (...v: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec(v)
const out = (r: InvokeResult): unknown => {
  if (r.status !== 'success') throw new Error(r.error?.message)
  const v = scValToNative(r.result)
  return Buffer.isBuffer(v) ? v.toString('hex') : v
}
const err = (r: InvokeResult): string | undefined => r.error?.name
const be = (v: bigint, n: number): string => v.toString(16).padStart(2 * n, '0')

// BLS12-381 G1 generator (ZCash serialization spec / IETF pairing-friendly-curves draft).
const BLS_G1 = '17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb' +
  '08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1'
// G2 generator, x = (c0, c1), y = (c0, c1); the host encodes c1 first.
const G2X0 = '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8'
const G2X1 = '13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e'
const G2Y0 = '0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801'
const G2Y1 = '0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be'
const BLS_G2 = G2X1 + G2X0 + G2Y1 + G2Y0
const BLS_P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaabn
const BLS_R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n

describe('BLS12-381', () => {
  const { host, id } = setup()
  const call = (fn: string, ...args: xdr.ScVal[]): InvokeResult => host.invoke(id, fn, args)
  const neg = (g1: string): string => g1.slice(0, 96) + be(BLS_P - BigInt(`0x${g1.slice(96)}`), 48)

  it('G + G = 2·G, G + 0 = G, G + (−G) = infinity (0x40…)', () => {
    const two = out(call('bls12_381_g1_mul', hex(BLS_G1), u256(2n)))
    expect(out(call('bls12_381_g1_add', hex(BLS_G1), hex(BLS_G1)))).toBe(two)
    const inf = `40${'00'.repeat(95)}`
    expect(out(call('bls12_381_g1_add', hex(BLS_G1), hex(inf)))).toBe(BLS_G1)
    expect(out(call('bls12_381_g1_add', hex(BLS_G1), hex(neg(BLS_G1))))).toBe(inf)
    // r·G is the identity; scalars are reduced mod r.
    expect(out(call('bls12_381_g1_mul', hex(BLS_G1), u256(BLS_R)))).toBe(inf)
    expect(out(call('bls12_381_g1_mul', hex(BLS_G1), u256(BLS_R + 2n)))).toBe(two)
    expect(out(call('bls12_381_g1_msm', vec(hex(BLS_G1), hex(BLS_G1)), vec(u256(1n), u256(1n))))).toBe(two)
  })

  it('EIP-2537 G1 multiplication vector (coordinates without their 16-byte padding)', () => {
    const p = '0b3a1dfe2d1b62538ed49648cb2a8a1d66bdc4f7a492eee59942ab810a306876a7d49e5ac4c6bb1613866c158ded993e' +
      '1300956110f47ca8e2aacb30c948dfd046bf33f69bf54007d76373c5a66019454da45e3cf14ce2b9d53a50c9b4366aa3'
    const expected = '1227b7021e9d3dc8bcbf5b346fc503f7f8576965769c5e22bb70056eef03c84b8c80290ae9ce20345770290c55549bce' +
      '188ddbbfb4ad2d34a8d3dc0ec92b70b63caa73ad7dea0cc9740bac2309b4bb11107912bd086379746e9a9bcd26d4db58'
    expect(out(call('bls12_381_g1_mul', hex(p), u256(0xac23d04ee3acc757aae6795532ce4c9f34534e506a4d843a26b052a040c79659n)))).toBe(expected)
  })

  it('RFC 9380 hash_to_curve vector (BLS12381G1_XMD:SHA-256_SSWU_RO_, msg "")', () => {
    const dst = Buffer.from('QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_')
    expect(out(call('bls12_381_hash_to_g1', xdr.ScVal.scvBytes(Buffer.alloc(0)), xdr.ScVal.scvBytes(dst)))).toBe(
      '052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1' +
      '08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265')
    expect(err(call('bls12_381_hash_to_g1', xdr.ScVal.scvBytes(Buffer.alloc(1)), xdr.ScVal.scvBytes(Buffer.alloc(0))))).toBe('Error(Crypto, InvalidInput)')
    expect(err(call('bls12_381_hash_to_g1', xdr.ScVal.scvBytes(Buffer.alloc(1)), xdr.ScVal.scvBytes(Buffer.alloc(256))))).toBe('Error(Crypto, InvalidInput)')
    const mapped = out(call('bls12_381_map_fp_to_g1', hex(be(12345n, 48)))) as string
    expect(out(call('bls12_381_check_g1_is_in_subgroup', hex(mapped)))).toBe(true)
  })

  it('pairing: e(G1, G2)·e(−G1, G2) = 1, e(G1, G2)² ≠ 1', () => {
    expect(out(call('bls12_381_multi_pairing_check', vec(hex(BLS_G1), hex(neg(BLS_G1))), vec(hex(BLS_G2), hex(BLS_G2))))).toBe(true)
    expect(out(call('bls12_381_multi_pairing_check', vec(hex(BLS_G1), hex(BLS_G1)), vec(hex(BLS_G2), hex(BLS_G2))))).toBe(false)
    expect(err(call('bls12_381_multi_pairing_check', vec(), vec()))).toBe('Error(Crypto, InvalidInput)')
    expect(err(call('bls12_381_multi_pairing_check', vec(hex(BLS_G1)), vec(hex(BLS_G2), hex(BLS_G2))))).toBe('Error(Crypto, InvalidInput)')
    expect(out(call('bls12_381_g2_add', hex(BLS_G2), hex(`40${'00'.repeat(191)}`)))).toBe(BLS_G2)
  })

  it('encoding errors: length, compression/sort flags, a non-zero infinity, x ≥ p, a point off the curve', () => {
    const bad = [
      BLS_G1.slice(2), `80${BLS_G1.slice(2)}`, `a0${BLS_G1.slice(2)}`, `40${'00'.repeat(94)}01`,
      be(BLS_P, 48) + BLS_G1.slice(96), BLS_G1.slice(0, 190) + ((parseInt(BLS_G1.slice(190), 16) ^ 1).toString(16).padStart(2, '0')),
    ]
    for (const b of bad) expect(err(call('bls12_381_g1_add', hex(b), hex(BLS_G1))), b).toBe('Error(Crypto, InvalidInput)')
    expect(out(call('bls12_381_g1_is_on_curve', hex(bad[5])))).toBe(false)
    expect(out(call('bls12_381_g1_is_on_curve', hex(BLS_G1)))).toBe(true)
    expect(err(call('bls12_381_g1_is_on_curve', hex(bad[1])))).toBe('Error(Crypto, InvalidInput)')
  })

  it('a point on the curve outside the subgroup: add accepts it, mul and the subgroup check do not', () => {
    // x = 0 is not on y² = x³ + 4 with a subgroup point… find the first x whose point is on the curve but torsion-ful.
    let found: string | undefined
    for (let x = 1n; found === undefined && x < 50n; x++) {
      const rhs = (x ** 3n + 4n) % BLS_P
      // p ≡ 3 (mod 4): a square root is rhs^((p+1)/4) when one exists.
      let y = 1n; let b = rhs; let e = (BLS_P + 1n) / 4n
      while (e > 0n) { if (e & 1n) y = (y * b) % BLS_P; b = (b * b) % BLS_P; e >>= 1n }
      if ((y * y) % BLS_P !== rhs) continue
      const enc = be(x, 48) + be(y, 48)
      if (out(call('bls12_381_check_g1_is_in_subgroup', hex(enc))) === false) found = enc
    }
    expect(found).toBeDefined()
    expect(call('bls12_381_g1_add', hex(found as string), hex(BLS_G1)).status).toBe('success')
    expect(err(call('bls12_381_g1_mul', hex(found as string), u256(3n)))).toBe('Error(Crypto, InvalidInput)')
  })

  it('Fr arithmetic modulo r', () => {
    expect(out(call('bls12_381_fr_add', u256(BLS_R - 1n), u256(2n)))).toBe(1n)
    expect(out(call('bls12_381_fr_sub', u256(1n), u256(2n)))).toBe(BLS_R - 1n)
    expect(out(call('bls12_381_fr_mul', u256(BLS_R - 1n), u256(BLS_R - 1n)))).toBe(1n)
    expect(out(call('bls12_381_fr_pow', u256(2n), xdr.ScVal.scvU64(new xdr.Uint64(10n))))).toBe(1024n)
    const inv = out(call('bls12_381_fr_inv', u256(3n))) as bigint
    expect((inv * 3n) % BLS_R).toBe(1n)
    expect(err(call('bls12_381_fr_inv', u256(BLS_R)))).toBe('Error(Crypto, InvalidInput)')
  })
})

// BN254 (alt_bn128): G1 = (1, 2); G2 from EIP-197 (decimal, (imaginary, real) as EIP-197 lists them).
const BN_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n
const BN_G1 = be(1n, 32) + be(2n, 32)
const BN_G2 = [
  11559732032986387107991004021392285783925812861821192530917403151452391805634n, 10857046999023057135944570762232829481370756359578518086990519993285655852781n,
  4082367875863433681332203403145435568316851327593401208105741076214120093531n, 8495653923123431417604973247489272438418190587263600148770280649306958101930n,
].map((v) => be(v, 32)).join('')

describe('BN254', () => {
  const { host, id } = setup()
  const call = (fn: string, ...args: xdr.ScVal[]): InvokeResult => host.invoke(id, fn, args)
  const TWO_G = '030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4'

  it('EIP-196: (1, 2) + (1, 2) and 2·(1, 2); the identity is 64 zero bytes', () => {
    expect(out(call('bn254_g1_add', hex(BN_G1), hex(BN_G1)))).toBe(TWO_G)
    expect(out(call('bn254_g1_mul', hex(BN_G1), u256(2n)))).toBe(TWO_G)
    expect(out(call('bn254_g1_add', hex(BN_G1), hex('00'.repeat(64))))).toBe(BN_G1)
    expect(out(call('bn254_g1_add', hex(BN_G1), hex(be(1n, 32) + be(BN_P - 2n, 32))))).toBe('00'.repeat(64))
    expect(out(call('bn254_g1_msm', vec(hex(BN_G1), hex(TWO_G)), vec(u256(2n), u256(0n))))).toBe(TWO_G)
  })

  it('EIP-197 pairing: e(P, Q)·e(−P, Q) = 1', () => {
    const negG1 = be(1n, 32) + be(BN_P - 2n, 32)
    expect(out(call('bn254_multi_pairing_check', vec(hex(BN_G1), hex(negG1)), vec(hex(BN_G2), hex(BN_G2))))).toBe(true)
    expect(out(call('bn254_multi_pairing_check', vec(hex(BN_G1)), vec(hex(BN_G2))))).toBe(false)
  })

  it('errors: flag bits, coordinates ≥ p, off-curve points, empty pairing', () => {
    expect(err(call('bn254_g1_add', hex(`80${BN_G1.slice(2)}`), hex(BN_G1)))).toBe('Error(Crypto, InvalidInput)')
    expect(err(call('bn254_g1_add', hex(be(1n, 32) + be(BN_P + 2n, 32)), hex(BN_G1)))).toBe('Error(Crypto, InvalidInput)')
    expect(err(call('bn254_g1_add', hex(be(1n, 32) + be(3n, 32)), hex(BN_G1)))).toBe('Error(Crypto, InvalidInput)')
    expect(out(call('bn254_g1_is_on_curve', hex(be(1n, 32) + be(3n, 32))))).toBe(false)
    expect(err(call('bn254_multi_pairing_check', vec(), vec()))).toBe('Error(Crypto, InvalidInput)')
    expect(err(call('bn254_fr_inv', u256(0n)))).toBe('Error(Crypto, InvalidInput)')
  })
})

describe('checked 256-bit arithmetic (protocol 26)', () => {
  const { host, id } = setup()
  const call = (fn: string, ...args: xdr.ScVal[]): InvokeResult => host.invoke(id, fn, args)
  const MAX = (1n << 256n) - 1n
  it('returns the value, or void on overflow', () => {
    expect(out(call('u256_checked_add', u256(MAX - 1n), u256(1n)))).toBe(MAX)
    expect(out(call('u256_checked_add', u256(MAX), u256(1n)))).toBe(null)
    expect(out(call('u256_checked_sub', u256(0n), u256(1n)))).toBe(null)
    expect(out(call('u256_checked_mul', u256(1n << 128n), u256(1n << 128n)))).toBe(null)
    expect(out(call('u256_checked_pow', u256(2n), xdr.ScVal.scvU32(255)))).toBe(1n << 255n)
    expect(out(call('u256_checked_pow', u256(2n), xdr.ScVal.scvU32(256)))).toBe(null)
    expect(out(call('i256_checked_pow', i256(-2n), xdr.ScVal.scvU32(255)))).toBe(-(1n << 255n))
    expect(out(call('i256_checked_add', i256((1n << 255n) - 1n), i256(1n)))).toBe(null)
  })
})

describe('PRNG', () => {
  it('ChaCha20 keystream as RFC 8439 §2.3.2 / rand_chacha: zero key, zero nonce', () => {
    const rng = new ChaChaRng(new Uint8Array(32))
    expect(Array.from({ length: 4 }, () => rng.nextU32().toString(16))).toEqual(['ade0b876', '903df1a0', 'e56a5d40', '28bd8653'])
  })

  it('matches soroban-sdk tests run on the real host (base seed [0; 32])', () => {
    const { host, id } = setup()
    const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
    // test_prng_reseed: first frame → 6; a frame that reseeds; the next frame → 8.
    expect(out(host.invoke(id, 'range', [u32(0), u32(9)]))).toBe(6n)
    expect(host.invoke(id, 'reseed', [hex(`${'00'.repeat(31)}01`)]).status).toBe('success')
    expect(out(host.invoke(id, 'range', [u32(0), u32(9)]))).toBe(8n)
    // test_prng_vec_shuffle: [1, 2, 3] → [2, 3, 1] in the first frame.
    const { host: h2, id: id2 } = setup()
    expect(out(h2.invoke(id2, 'shuffle', [vec(u32(1), u32(2), u32(3))]))).toEqual([2, 3, 1])
    // test_prng_seed: reseeding with 0x00…01 then sampling [0, 9] in the same frame → 5, whatever the base seed.
    const { host: h3, id: id3 } = setup({ prngSeed: new Uint8Array(32).fill(2) })
    expect(out(h3.invoke(id3, 'seeded_range', [hex(`${'00'.repeat(31)}01`), u32(0), u32(9)]))).toBe(5n)
  })

  it('deterministic per seed, ranges inclusive and in bounds, bad input typed', () => {
    const run = (seed: number): unknown[] => {
      const { host, id } = setup({ prngSeed: new Uint8Array(32).fill(seed) })
      return [out(host.invoke(id, 'bytes', [xdr.ScVal.scvU32(40)])), out(host.invoke(id, 'range', [xdr.ScVal.scvU32(5), xdr.ScVal.scvU32(7)]))]
    }
    expect(run(3)).toEqual(run(3))
    expect(run(3)).not.toEqual(run(4))
    const { host, id } = setup()
    const seen = new Set<bigint>()
    for (let i = 0; i < 60; i++) seen.add(out(host.invoke(id, 'range', [xdr.ScVal.scvU32(5), xdr.ScVal.scvU32(7)])) as bigint)
    expect([...seen].sort()).toEqual([5n, 6n, 7n])
    expect(out(host.invoke(id, 'range', [xdr.ScVal.scvU32(4), xdr.ScVal.scvU32(4)]))).toBe(4n)
    expect(err(host.invoke(id, 'range', [xdr.ScVal.scvU32(5), xdr.ScVal.scvU32(4)]))).toBe('Error(Value, InvalidInput)')
    expect(err(host.invoke(id, 'reseed', [hex('00')]))).toBe('Error(Value, UnexpectedSize)')
    expect(err(host.invoke(id, 'bytes', [xdr.ScVal.scvU32(0xffff_ffff)]))).toBe('Error(Budget, ExceededLimit)')
    const shuffled = out(host.invoke(id, 'shuffle', [vec(...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => xdr.ScVal.scvU32(n)))])) as number[]
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(() => new SorobanHost({ prngSeed: new Uint8Array(31) })).toThrow(/32 bytes/)
  })
})
