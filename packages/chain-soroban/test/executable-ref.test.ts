/**
 * Protocol 28 executable references (CAP-85): executable tags, the storage
 * rules of their entries, creating and extending contracts that run code
 * through a reference. Expectations from CAP-85 and rs-soroban-env's own
 * tests of the feature (error codes of the storage rules).
 */
import { Address, scValToNative, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { executableTagKey, SorobanHost, SorobanLedger, type InvokeResult } from '../src/index.ts'
import { hostImports, watContract } from './build.ts'

const s = (x: string): xdr.ScVal => xdr.ScVal.scvString(x)
const a = (x: string): xdr.ScVal => new Address(x).toScVal()
const bytes = (b: Uint8Array): xdr.ScVal => xdr.ScVal.scvBytes(Buffer.from(b))
const errorName = (r: InvokeResult): string | undefined => r.error?.name

/** Owner/manager contract: stores, reads and deletes under executable tags; creates and extends reference contracts. */
const manager = (): Uint8Array => watContract(`(module
  ${hostImports('create_executable_tag', 'put_contract_data', 'get_contract_data', 'has_contract_data', 'del_contract_data',
    'create_external_ref_contract', 'vec_new', 'extend_contract_instance_and_code_ttl', 'update_current_contract_executable_ref')}
  (func $tag (param $s i64) (result i64) (call $create_executable_tag (local.get $s)))
  (func (export "tag") (param $s i64) (result i64) (call $tag (local.get $s)))
  (func (export "put_p") (param $s i64) (param $v i64) (result i64) (call $put_contract_data (call $tag (local.get $s)) (local.get $v) (i64.const 1)))
  (func (export "put_t") (param $s i64) (param $v i64) (result i64) (call $put_contract_data (call $tag (local.get $s)) (local.get $v) (i64.const 0)))
  (func (export "put_i") (param $s i64) (param $v i64) (result i64) (call $put_contract_data (call $tag (local.get $s)) (local.get $v) (i64.const 2)))
  (func (export "get") (param $s i64) (result i64) (call $get_contract_data (call $tag (local.get $s)) (i64.const 1)))
  (func (export "has") (param $s i64) (result i64) (call $has_contract_data (call $tag (local.get $s)) (i64.const 1)))
  (func (export "del") (param $s i64) (result i64) (call $del_contract_data (call $tag (local.get $s)) (i64.const 1)))
  (func (export "create") (param $d i64) (param $o i64) (param $s i64) (param $salt i64) (result i64)
    (call $create_external_ref_contract (local.get $d) (local.get $o) (call $tag (local.get $s)) (local.get $salt) (call $vec_new)))
  (func (export "extend") (param $c i64) (param $t i64) (param $e i64) (result i64)
    (call $extend_contract_instance_and_code_ttl (local.get $c) (local.get $t) (local.get $e)))
  (func (export "switch") (param $o i64) (param $s i64) (result i64)
    (call $update_current_contract_executable_ref (local.get $o) (call $tag (local.get $s)))))`, { protocol: 28 })

/** `v() -> u32`: 1 or 2, two versions of the fleet's code. */
const version = (n: number): Uint8Array => watContract(`(module (func (export "v") (result i64) (i64.const ${(BigInt(n) << 32n) | 4n})))`, { protocol: 20 })

function setup() {
  const host = new SorobanHost()
  const m = host.deploy(manager()).address
  const v1 = host.upload(version(1))
  const v2 = host.upload(version(2))
  const hash = (h: string): xdr.ScVal => bytes(Buffer.from(h, 'hex'))
  return { host, m, v1, v2, hash }
}

describe('executable tags and their entries', () => {
  it('a tag converts to its storage key form and back', () => {
    const { host, m } = setup()
    const r = host.invoke(m, 'tag', [s('exec tag')])
    expect(r.status).toBe('success')
    expect(r.result.toXDR('base64')).toBe(executableTagKey('exec tag').toXDR('base64'))
  })

  it('persistent, a 32-byte hash of uploaded code; never deleted; readable as any entry', () => {
    const { host, m, v1, v2, hash } = setup()
    expect(host.invoke(m, 'put_p', [s('t'), hash(v1)]).status).toBe('success')
    expect(host.invoke(m, 'put_p', [s('t'), hash(v2)]).status).toBe('success')
    expect(scValToNative(host.invoke(m, 'has', [s('t')]).result)).toBe(true)
    expect(Buffer.from(scValToNative(host.invoke(m, 'get', [s('t')]).result) as Buffer).toString('hex')).toBe(v2)
    // Temporary and instance storage, a non-bytes value, a string of the hash, an unknown hash.
    expect(errorName(host.invoke(m, 'put_t', [s('t'), hash(v1)]))).toBe('Error(Storage, InvalidInput)')
    expect(errorName(host.invoke(m, 'put_i', [s('t'), hash(v1)]))).toBe('Error(Storage, InvalidInput)')
    expect(errorName(host.invoke(m, 'put_p', [s('t'), xdr.ScVal.scvU32(5)]))).toBe('Error(Storage, InvalidInput)')
    expect(errorName(host.invoke(m, 'put_p', [s('t'), xdr.ScVal.scvString(Buffer.from(v1, 'hex'))]))).toBe('Error(Storage, InvalidInput)')
    expect(errorName(host.invoke(m, 'put_p', [s('t'), bytes(new Uint8Array(31))]))).toBe('Error(Storage, InvalidInput)')
    expect(errorName(host.invoke(m, 'put_p', [s('t'), bytes(new Uint8Array(32))]))).toBe('Error(Storage, MissingValue)')
    expect(errorName(host.invoke(m, 'del', [s('t')]))).toBe('Error(Storage, InvalidAction)')
    expect(scValToNative(host.invoke(m, 'has', [s('t')]).result)).toBe(true)
  })
})

describe('contracts running code through a reference', () => {
  it('create_external_ref_contract: created from the reference; the owner upgrades the whole fleet at once', () => {
    const { host, m, v1, v2, hash } = setup()
    const salt = (n: number): xdr.ScVal => bytes(new Uint8Array(32).fill(n))
    expect(errorName(host.invoke(m, 'create', [a(m), a(m), s('fleet'), salt(1)]))).toBe('Error(Storage, MissingValue)')
    host.invoke(m, 'put_p', [s('fleet'), hash(v1)])
    const fleet = [1, 2, 3].map((n) => scValToNative(host.invoke(m, 'create', [a(m), a(m), s('fleet'), salt(n)]).result) as string)
    expect(fleet.map((c) => scValToNative(host.invoke(c, 'v').result))).toEqual([1, 1, 1])
    expect(fleet.map((c) => host.ledger.contracts.get(c)?.externalRef?.owner)).toEqual([m, m, m])
    expect(host.invoke(m, 'put_p', [s('fleet'), hash(v2)]).status).toBe('success')
    expect(fleet.map((c) => scValToNative(host.invoke(c, 'v').result))).toEqual([2, 2, 2])
    // The same salt again.
    expect(errorName(host.invoke(m, 'create', [a(m), a(m), s('fleet'), salt(1)]))).toBe('Error(Storage, ExistingValue)')
  })

  it('extending instance and code extends the reference entry and the code it names', () => {
    const { host, m, v1, hash } = setup()
    host.invoke(m, 'put_p', [s('fleet'), hash(v1)])
    const c = scValToNative(host.invoke(m, 'create', [a(m), a(m), s('fleet'), bytes(new Uint8Array(32).fill(9))]).result) as string
    const seq = host.info.sequence
    expect(host.invoke(m, 'extend', [a(c), xdr.ScVal.scvU32(50_000), xdr.ScVal.scvU32(50_000)]).status).toBe('success')
    const ref = [...host.ledger.data.values()].find((d) => d.contract === m && d.key.toXDR('base64') === executableTagKey('fleet').toXDR('base64'))
    expect([host.ledger.contracts.get(c)?.liveUntil, ref?.liveUntil, host.ledger.code.get(v1)?.liveUntil]).toEqual([seq + 50_000, seq + 50_000, seq + 50_000])
  })

  it('a reference executable survives the ledger file', () => {
    const { host, m, v1, hash } = setup()
    host.invoke(m, 'put_p', [s('fleet'), hash(v1)])
    const c = scValToNative(host.invoke(m, 'create', [a(m), a(m), s('fleet'), bytes(new Uint8Array(32).fill(4))]).result) as string
    const file = JSON.parse(JSON.stringify(host.ledger.toJSON()))
    expect(file.contracts.find((x: { address: string }) => x.address === c)).toMatchObject({ executable: 'external-ref', wasmHash: '', externalRef: { owner: m, tag: Buffer.from('fleet').toString('base64') } })
    const copy = new SorobanHost({ ledger: SorobanLedger.fromJSON(file) })
    expect(scValToNative(copy.invoke(c, 'v').result)).toBe(1)
    expect(() => SorobanLedger.fromJSON({ ...file, contracts: [{ ...file.contracts[0], executable: 'external-ref', wasmHash: '' }] })).toThrow(/externalRef/)
  })

  it('the host functions do not exist before protocol 28', () => {
    expect(() => new SorobanHost({ protocol: 27 }).validate(manager())).toThrow()
  })
})
