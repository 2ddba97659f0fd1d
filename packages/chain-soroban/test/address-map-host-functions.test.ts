/**
 * The muxed-address, address-executable and sparse-map host functions, through
 * a pass-through contract, against stellar-base's own muxed-account encoding
 * (SEP-23) and the env interface's documented behaviour.
 */
import { Account, Address, Asset, Keypair, MuxedAccount, scValToNative, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { SorobanHost, type InvokeResult } from '../src/index.ts'
import { hostImports, watContract } from './build.ts'

const u32 = (n: number): bigint => (BigInt(n) << 32n) | 4n
const WASM = watContract(`(module
  ${hostImports('get_address_from_muxed_address', 'get_id_from_muxed_address', 'get_address_executable', 'strkey_to_muxed_address', 'muxed_address_to_strkey',
    'sparse_map_new_from_linear_memory', 'sparse_map_unpack_to_linear_memory', 'vec_new_from_linear_memory')}
  (memory (export "memory") 1)
  (data (i32.const 0) "abcd")
  ;; key slices (pointer, length): [a, b, c] at 16, [b, a] at 48
  (data (i32.const 16) "\\00\\00\\00\\00\\01\\00\\00\\00\\01\\00\\00\\00\\01\\00\\00\\00\\02\\00\\00\\00\\01\\00\\00\\00")
  (data (i32.const 48) "\\01\\00\\00\\00\\01\\00\\00\\00\\00\\00\\00\\00\\01\\00\\00\\00")
  (func (export "from_muxed") (param i64) (result i64) (call $get_address_from_muxed_address (local.get 0)))
  (func (export "muxed_id") (param i64) (result i64) (call $get_id_from_muxed_address (local.get 0)))
  (func (export "executable") (param i64) (result i64) (call $get_address_executable (local.get 0)))
  (func (export "to_muxed") (param i64) (result i64) (call $strkey_to_muxed_address (local.get 0)))
  (func (export "to_strkey") (param i64) (result i64) (call $muxed_address_to_strkey (local.get 0)))
  (func (export "sparse_new") (param i64 i64 i64) (result i64)
    (i64.store (i32.const 128) (local.get 0)) (i64.store (i32.const 136) (local.get 1)) (i64.store (i32.const 144) (local.get 2))
    (call $sparse_map_new_from_linear_memory (i64.const ${u32(16)}) (i64.const ${u32(128)}) (i64.const ${u32(3)})))
  (func (export "sparse_new_unsorted") (param i64 i64) (result i64)
    (i64.store (i32.const 128) (local.get 0)) (i64.store (i32.const 136) (local.get 1))
    (call $sparse_map_new_from_linear_memory (i64.const ${u32(48)}) (i64.const ${u32(128)}) (i64.const ${u32(2)})))
  (func (export "sparse_unpack") (param i64) (result i64)
    (drop (call $sparse_map_unpack_to_linear_memory (local.get 0) (i64.const ${u32(16)}) (i64.const ${u32(128)}) (i64.const ${u32(3)})))
    (call $vec_new_from_linear_memory (i64.const ${u32(128)}) (i64.const ${u32(3)})))
  (func (export "sparse_unpack_unsorted") (param i64) (result i64)
    (call $sparse_map_unpack_to_linear_memory (local.get 0) (i64.const ${u32(48)}) (i64.const ${u32(128)}) (i64.const ${u32(2)}))))`, { protocol: 28 })

const setup = () => {
  const host = new SorobanHost()
  return { host, id: host.deploy(WASM).address }
}
const ok = (r: InvokeResult): xdr.ScVal => { expect(r.status, r.error?.message).toBe('success'); return r.result }
const fails = (r: InvokeResult, name: string): void => { expect(r.status).toBe('error'); expect(r.error?.name, r.error?.message).toBe(name) }
const G = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 9)).publicKey()
const M = new MuxedAccount(new Account(G, '0'), '18446744073709551615').accountId()
const addr = (a: string): xdr.ScVal => Address.fromString(a).toScVal()
const str = (s: string): xdr.ScVal => xdr.ScVal.scvString(s)
const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s)
const u32v = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
const map = (entries: [string, xdr.ScVal][]): xdr.ScVal => xdr.ScVal.scvMap(entries.map(([k, v]) => new xdr.ScMapEntry({ key: sym(k), val: v })))

describe('muxed addresses (protocol 23 and 26 host functions)', () => {
  it('splits a muxed address into its account and its 64-bit id', () => {
    const { host, id } = setup()
    expect(M.startsWith('M')).toBe(true)
    expect(Address.fromScVal(ok(host.invoke(id, 'from_muxed', [addr(M)]))).toString()).toBe(G)
    expect(scValToNative(ok(host.invoke(id, 'muxed_id', [addr(M)])))).toBe(18446744073709551615n)
    // an AddressObject is not a MuxedAddressObject
    fails(host.invoke(id, 'muxed_id', [addr(G)]), 'Error(Value, UnexpectedType)')
  })
  it('converts strkeys to addresses and muxed addresses and back', () => {
    const { host, id } = setup()
    expect(ok(host.invoke(id, 'to_muxed', [str(M)])).toXDR('hex')).toBe(addr(M).toXDR('hex'))
    expect(ok(host.invoke(id, 'to_muxed', [xdr.ScVal.scvBytes(Buffer.from(G))])).toXDR('hex')).toBe(addr(G).toXDR('hex'))
    expect(ok(host.invoke(id, 'to_muxed', [str(id)])).toXDR('hex')).toBe(addr(id).toXDR('hex'))
    fails(host.invoke(id, 'to_muxed', [str(Keypair.random().secret())]), 'Error(Value, InvalidInput)')
    fails(host.invoke(id, 'to_muxed', [u32v(1)]), 'Error(Value, UnexpectedType)')
    expect(scValToNative(ok(host.invoke(id, 'to_strkey', [addr(M)])))).toBe(M)
    expect(scValToNative(ok(host.invoke(id, 'to_strkey', [addr(id)])))).toBe(id)
    fails(host.invoke(id, 'to_strkey', [u32v(1)]), 'Error(Value, UnexpectedType)')
  })
})

describe('get_address_executable', () => {
  it('is Wasm(hash), StellarAsset, Account, or Void for an address with no entry', () => {
    const { host, id } = setup()
    const exec = (a: string): unknown => scValToNative(ok(host.invoke(id, 'executable', [addr(a)])))
    const [name, hash] = exec(id) as [string, Buffer]
    expect(name).toBe('Wasm')
    expect(hash.toString('hex')).toBe(host.ledger.contracts.get(id)!.wasmHash)
    host.setAccount(G, { balance: 10n })
    const sac = host.deployAssetContract(Asset.native())
    expect(exec(sac.address)).toEqual(['StellarAsset'])
    expect(exec(G)).toEqual(['Account'])
    expect(exec(Keypair.fromRawEd25519Seed(Buffer.alloc(32, 10)).publicKey())).toBeNull()
    expect(exec(Address.contract(Buffer.alloc(32, 1)).toString())).toBeNull()
  })
})

describe('sparse maps from and to linear memory (protocol 28)', () => {
  it('leaves Void values out of a new map', () => {
    const { host, id } = setup()
    expect(ok(host.invoke(id, 'sparse_new', [u32v(1), xdr.ScVal.scvVoid(), u32v(3)])).toXDR('hex')).toBe(map([['a', u32v(1)], ['c', u32v(3)]]).toXDR('hex'))
    expect(ok(host.invoke(id, 'sparse_new', [xdr.ScVal.scvVoid(), xdr.ScVal.scvVoid(), xdr.ScVal.scvVoid()])).toXDR('hex')).toBe(map([]).toXDR('hex'))
  })
  it('unpacks a key missing from the map as Void and ignores keys not asked for', () => {
    const { host, id } = setup()
    const out = ok(host.invoke(id, 'sparse_unpack', [map([['b', u32v(2)], ['d', u32v(4)]])]))
    expect(out.toXDR('hex')).toBe(xdr.ScVal.scvVec([xdr.ScVal.scvVoid(), u32v(2), xdr.ScVal.scvVoid()]).toXDR('hex'))
    const full = ok(host.invoke(id, 'sparse_unpack', [map([['a', u32v(1)], ['b', u32v(2)], ['c', u32v(3)]])]))
    expect(full.toXDR('hex')).toBe(xdr.ScVal.scvVec([u32v(1), u32v(2), u32v(3)]).toXDR('hex'))
  })
  it('refuses keys out of order both ways', () => {
    const { host, id } = setup()
    fails(host.invoke(id, 'sparse_new_unsorted', [u32v(1), u32v(2)]), 'Error(Object, InvalidInput)')
    fails(host.invoke(id, 'sparse_unpack_unsorted', [map([['a', u32v(1)]])]), 'Error(Object, InvalidInput)')
  })
  it('is not available to a protocol 27 ledger', () => {
    const host = new SorobanHost({ protocol: 27 })
    expect(() => host.deploy(WASM)).toThrow()
  })
})
