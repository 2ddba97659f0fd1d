/**
 * The shared soroban-sdk fixture contracts (/work/shared/fixtures/soroban-wasm,
 * `../shared/fixtures/soroban-wasm` from the repository root): loading,
 * deployment and ScVal builders for the test suite.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Address, Keypair, xdr } from '@stellar/stellar-base'
import { expect } from 'vitest'
import { SorobanHost, type InvokeResult, type RecordedAuth } from '../src/index.ts'
import { hostImports, watContract } from './build.ts'

export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/soroban-wasm', import.meta.url))
export const HAVE_FIXTURES = existsSync(`${FIXTURES}/README.md`)

const cache = new Map<string, Uint8Array>()
/** A fixture by its README name, e.g. `20/example_err`. */
export function fixture(name: string): Uint8Array {
  let wasm = cache.get(name)
  if (wasm === undefined) {
    wasm = Uint8Array.from(readFileSync(`${FIXTURES}/${name}.wasm`))
    cache.set(name, wasm)
  }
  return wasm
}

let salts = 0
/** A fresh salt (32 bytes) per call. */
export function nextSalt(): Uint8Array {
  const s = new Uint8Array(32)
  new DataView(s.buffer).setUint32(28, ++salts)
  return s
}

/** Deploys a fixture (or module) in recording mode and returns its address; throws on failure. */
export function deploy(host: SorobanHost, wasm: string | Uint8Array, args: xdr.ScVal[] = [], options: { deployer?: string, salt?: Uint8Array } = {}): string {
  const mode = host.auth
  host.auth = { mode: 'record' }
  const r = host.deploy(typeof wasm === 'string' ? fixture(wasm) : wasm, { args, salt: options.salt ?? nextSalt(), deployer: options.deployer })
  host.auth = mode
  if (r.status !== 'success') throw new Error(`deploy failed: ${r.error?.message}`)
  return r.address
}

export const v = {
  void: (): xdr.ScVal => xdr.ScVal.scvVoid(),
  bool: (b: boolean): xdr.ScVal => xdr.ScVal.scvBool(b),
  u32: (n: number): xdr.ScVal => xdr.ScVal.scvU32(n),
  i32: (n: number): xdr.ScVal => xdr.ScVal.scvI32(n),
  u64: (n: bigint): xdr.ScVal => xdr.ScVal.scvU64(new xdr.Uint64(n)),
  sym: (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s),
  str: (s: string): xdr.ScVal => xdr.ScVal.scvString(s),
  bytes: (b: Uint8Array | number[]): xdr.ScVal => xdr.ScVal.scvBytes(Buffer.from(b as Uint8Array)),
  vec: (items: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec(items),
  addr: (a: string): xdr.ScVal => new Address(a).toScVal(),
  /** A map with symbol keys (a contracttype struct), sorted. */
  struct: (fields: Record<string, xdr.ScVal>): xdr.ScVal => xdr.ScVal.scvMap(Object.keys(fields).sort().map((k) => new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol(k), val: fields[k] }))),
  /** A union variant: `[Symbol(name), payload…]`. */
  variant: (name: string, ...payload: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec([xdr.ScVal.scvSymbol(name), ...payload]),
}

export const xdrOf = (x: xdr.ScVal): string => x.toXDR('base64')

/** Asserts the invocation failed with the named error, e.g. `Error(Auth, InvalidAction)`. */
export function expectError(r: InvokeResult | { status: string, error?: { name: string, message: string } }, name: string): void {
  expect(r.status, r.status === 'success' ? 'expected a failure' : r.error?.message).toBe('error')
  expect(r.error?.name, r.error?.message).toBe(name)
}

/** Asserts success and returns the result. */
export function ok(r: InvokeResult): xdr.ScVal {
  expect(r.status, r.error?.message).toBe('success')
  return r.result
}

/** A classic account's signature of an entry's payload: `[{public_key, signature}]`. */
export function classicSignature(host: SorobanHost, kp: Keypair, e: RecordedAuth, index: number): xdr.ScVal {
  const payload = host.authPayload(e, index)
  return v.vec([v.struct({ public_key: v.bytes(kp.rawPublicKey()), signature: v.bytes(kp.sign(Buffer.from(payload))) })])
}

/** Nonces consumed for an address (their ledger entries). */
export function noncesOf(host: SorobanHost, address: string): number {
  return [...host.ledger.data.values()].filter((d) => d.contract === address && d.key.switch().name === 'scvLedgerKeyNonce').length
}

/** `try(contract, fn, args) -> [outcome]`: what `try_call` gives back, wrapped so an Error value is not this call's failure. */
export const tryer = (): Uint8Array => watContract(`(module
  ${hostImports('try_call', 'vec_new', 'vec_push_back')}
  (func (export "try") (param $c i64) (param $f i64) (param $a i64) (result i64)
    (call $vec_push_back (call $vec_new) (call $try_call (local.get $c) (local.get $f) (local.get $a)))))`, { protocol: 20 })

/** `extend(threshold, extend_to)`: extends its own instance and code. */
export const selfExtender = (): Uint8Array => watContract(`(module
  ${hostImports('extend_current_contract_instance_and_code_ttl')}
  (func (export "extend") (param $t i64) (param $e i64) (result i64)
    (call $extend_current_contract_instance_and_code_ttl (local.get $t) (local.get $e))))`, { protocol: 20 })
