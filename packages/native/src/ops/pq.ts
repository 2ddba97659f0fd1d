/**
 * Post-quantum opcodes on @noble/post-quantum (real verification, no stubs).
 * PQ_VERIFY_* pop (msgOffset, msgLength, sigOffset, sigLength, keyOffset,
 * keyLength), top first, and push 1 for a valid signature, else 0. The
 * parameter set is chosen by key (and for SLH-DSA signature) length:
 * DILITHIUM = ML-DSA-44/65/87, FALCON = Falcon-512/1024, SPHINCS = SLH-DSA
 * SHA2 128/192/256 s/f. Malformed inputs verify as 0, never throw.
 * Gas: the parameter set's PQ_VERIFY_GAS (@zvm/gas, measured; static gas
 * included) once it is recognised, plus PQ_VERIFY_WORD_GAS per word of
 * message, signature and key, plus memory.
 * PQ_KEYGEN pops (seedOffset, outOffset), derives an ML-DSA-65 key pair from
 * the 32-byte seed, writes publicKey ‖ secretKey at outOffset and pushes the
 * number of bytes written (1952 + 4032).
 */
import { NATIVE_OPCODES_BY_NAME } from '@zvm/bytecode'
import { PQ_VERIFY_GAS, PQ_VERIFY_WORD_GAS, type PqParameterSet } from '@zvm/gas'
import { lazyModule, word as w } from '@zvm/primitives'
import { Halt, ops, type Frame, type Operation } from '@zvm/core'

const { chargeWords, expandMemory } = ops.memory

interface Verifier {
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean
}

// Evaluating @noble/post-quantum's modules costs ~200 ms (Falcon alone ~110 ms), more than
// everything else `zvm run` loads; a program that never verifies a signature should not pay
// it (see @zvm/primitives' lazyModule).
type FalconModule = typeof import('@noble/post-quantum/falcon.js')
type MlDsaModule = typeof import('@noble/post-quantum/ml-dsa.js')
type SlhDsaModule = typeof import('@noble/post-quantum/slh-dsa.js')
const falconModule = lazyModule<FalconModule>(import.meta.url, '@noble/post-quantum/falcon.js', () => import('@noble/post-quantum/falcon.js'))
const mlDsaModule = lazyModule<MlDsaModule>(import.meta.url, '@noble/post-quantum/ml-dsa.js', () => import('@noble/post-quantum/ml-dsa.js'))
const slhDsaModule = lazyModule<SlhDsaModule>(import.meta.url, '@noble/post-quantum/slh-dsa.js', () => import('@noble/post-quantum/slh-dsa.js'))
const falcon = (): FalconModule => falconModule.get()
const mlDsa = (): MlDsaModule => mlDsaModule.get()
const slhDsa = (): SlhDsaModule => slhDsaModule.get()

/** Loads @noble/post-quantum with `import()` (see preloadNativeCrypto). */
export async function preloadPostQuantum(): Promise<void> {
  await Promise.all([falconModule.preload(), mlDsaModule.preload(), slhDsaModule.preload()])
}

/**
 * A parameter set: its name (the key of PQ_VERIFY_GAS), its key and signature lengths
 * (FIPS 204/205 and Falcon's; selection by length needs no library), and its verifier,
 * loaded on first access.
 */
export interface PqScheme {
  readonly name: PqParameterSet
  readonly lengths: { readonly publicKey: number; readonly signature?: number }
  readonly verifier: Verifier
}

const scheme = (name: PqParameterSet, publicKey: number, signature: number | undefined, load: () => Verifier): PqScheme => ({
  name,
  lengths: signature === undefined ? { publicKey } : { publicKey, signature },
  get verifier() { return load() },
})

type Selector = (keyLength: number, sigLength: number) => PqScheme | undefined

const byKey = (list: PqScheme[]): Selector => (key) => list.find((s) => s.lengths.publicKey === key)
const byKeyAndSig = (list: PqScheme[]): Selector => (key, sig) =>
  list.find((s) => s.lengths.publicKey === key && s.lengths.signature === sig)

export const DILITHIUM: Selector = byKey([
  scheme('ML-DSA-44', 1312, 2420, () => mlDsa().ml_dsa44),
  scheme('ML-DSA-65', 1952, 3309, () => mlDsa().ml_dsa65),
  scheme('ML-DSA-87', 2592, 4627, () => mlDsa().ml_dsa87),
])
// Falcon signatures are variable-length (compressed), so only the key selects.
export const FALCON: Selector = byKey([
  scheme('Falcon-512', 897, undefined, () => falcon().falcon512),
  scheme('Falcon-1024', 1793, undefined, () => falcon().falcon1024),
])
export const SPHINCS: Selector = byKeyAndSig([
  scheme('SLH-DSA-SHA2-128s', 32, 7856, () => slhDsa().slh_dsa_sha2_128s),
  scheme('SLH-DSA-SHA2-128f', 32, 17088, () => slhDsa().slh_dsa_sha2_128f),
  scheme('SLH-DSA-SHA2-192s', 48, 16224, () => slhDsa().slh_dsa_sha2_192s),
  scheme('SLH-DSA-SHA2-192f', 48, 35664, () => slhDsa().slh_dsa_sha2_192f),
  scheme('SLH-DSA-SHA2-256s', 64, 29792, () => slhDsa().slh_dsa_sha2_256s),
  scheme('SLH-DSA-SHA2-256f', 64, 49856, () => slhDsa().slh_dsa_sha2_256f),
])

function makeVerify(select: Selector, opName: string): Operation {
  const staticGas = NATIVE_OPCODES_BY_NAME.get(opName)!.staticGas
  return (f: Frame, pc: number) => {
    const s = f.stack
    const a = (f.sp - 1) << 3
    const msgLength = w.toSmall(s, a - 8)
    const sigLength = w.toSmall(s, a - 24)
    const keyLength = w.toSmall(s, a - 40)
    const msgOffset = msgLength === 0 ? 0 : w.toSmall(s, a)
    const sigOffset = sigLength === 0 ? 0 : w.toSmall(s, a - 16)
    const keyOffset = keyLength === 0 ? 0 : w.toSmall(s, a - 32)
    f.sp -= 6
    if (msgLength < 0 || sigLength < 0 || keyLength < 0) { f.halt = Halt.OutOfGas; return -1 }
    if (!chargeWords(f, msgLength + sigLength + keyLength, PQ_VERIFY_WORD_GAS)) return -1
    if (!expandMemory(f, msgOffset, msgLength) || !expandMemory(f, sigOffset, sigLength) || !expandMemory(f, keyOffset, keyLength)) return -1
    const scheme = select(keyLength, sigLength)
    let valid = false
    if (scheme) {
      // Verification costs what was measured for this parameter set (the static gas is part of it).
      const cost = PQ_VERIFY_GAS[scheme.name] - staticGas
      if (cost > f.gasLeft) { f.halt = Halt.OutOfGas; return -1 }
      f.gasLeft -= cost
      try {
        valid = scheme.verifier.verify(f.memory.read(sigOffset, sigLength), f.memory.read(msgOffset, msgLength), f.memory.read(keyOffset, keyLength))
      } catch {
        valid = false
      }
    }
    w.setBool(s, f.sp << 3, valid)
    f.sp++
    return pc + 1
  }
}

export const pqVerifyDilithium = makeVerify(DILITHIUM, 'PQ_VERIFY_DILITHIUM')
export const pqVerifyFalcon = makeVerify(FALCON, 'PQ_VERIFY_FALCON')
export const pqVerifySphincs = makeVerify(SPHINCS, 'PQ_VERIFY_SPHINCS')

/** Bytes PQ_KEYGEN writes: ML-DSA-65 public key then secret key. */
export const PQ_KEYGEN_OUTPUT_BYTES = 1952 + 4032

export function pqKeygen(f: Frame, pc: number): number {
  const s = f.stack
  const a = (f.sp - 1) << 3
  const seedOffset = w.toSmall(s, a)
  const outOffset = w.toSmall(s, a - 8)
  f.sp -= 2
  if (!expandMemory(f, seedOffset, 32) || !expandMemory(f, outOffset, PQ_KEYGEN_OUTPUT_BYTES)) return -1
  const { publicKey, secretKey } = mlDsa().ml_dsa65.keygen(f.memory.read(seedOffset, 32))
  f.memory.buffer.set(publicKey, outOffset)
  f.memory.buffer.set(secretKey, outOffset + publicKey.length)
  w.setNumber(s, f.sp << 3, publicKey.length + secretKey.length)
  f.sp++
  return pc + 1
}
