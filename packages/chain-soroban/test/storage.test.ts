import { scValToNative, xdr } from '@stellar/stellar-base'
import { beforeAll, describe, expect, it } from 'vitest'
import { ErrorCode, ErrorType, SorobanHost, SorobanLedger, val } from '../src/index.ts'
import { compileAssemblyScript } from './assemblyscript.ts'

const TEMPORARY = 0
const PERSISTENT = 1
const INSTANCE = 2
const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
let wasm: Uint8Array

beforeAll(async () => {
  wasm = await compileAssemblyScript('counter.as', { COUNTER: val.symbolSmall('COUNTER'), INCREMENT: val.symbolSmall('increment') }, [
    { name: 'increment', inputs: [['kind', 'u32']], output: 'u32' },
    { name: 'get', inputs: [['kind', 'u32']], output: 'u32' },
    { name: 'extendThenTrap', inputs: [['kind', 'u32'], ['threshold', 'u32'], ['extend_to', 'u32']], output: 'u32' },
  ])
}, 60_000)

function counter(host = new SorobanHost()): { host: SorobanHost, id: string } {
  const r = host.deploy(wasm)
  if (r.status !== 'success') throw new Error(r.error?.message)
  return { host, id: r.address }
}
const entry = (host: SorobanHost, durability: 'persistent' | 'temporary') => [...host.ledger.data.values()].find((d) => d.durability === durability)

describe('an AssemblyScript counter in each storage type', () => {
  it('the compiled module has no floats and passes validation', () => {
    expect(() => new SorobanHost().validate(wasm)).not.toThrow()
  })

  for (const [name, kind] of [['temporary', TEMPORARY], ['persistent', PERSISTENT], ['instance', INSTANCE]] as const) {
    it(`counts in ${name} storage, emits an event each time`, () => {
      const { host, id } = counter()
      for (let i = 1; i <= 3; i++) {
        const r = host.invoke(id, 'increment', [u32(kind)])
        expect(r.status).toBe('success')
        expect(scValToNative(r.result)).toBe(i)
        expect(r.events.map((e) => [e.topics.map(scValToNative), scValToNative(e.data)])).toEqual([[['increment'], i]])
      }
      // The other storage types are separate.
      for (const other of [TEMPORARY, PERSISTENT, INSTANCE].filter((k) => k !== kind)) {
        expect(scValToNative(host.invoke(id, 'get', [u32(other)]).result)).toBe(0)
      }
      expect(host.invoke(id, 'reset', [u32(kind)]).status).toBe('success')
      expect(scValToNative(host.invoke(id, 'get', [u32(kind)]).result)).toBe(0)
    })
  }

  it('a failed call undoes its TTL extensions (data, instance and code)', () => {
    const { host, id } = counter()
    host.invoke(id, 'increment', [u32(PERSISTENT)])
    const hash = host.ledger.contracts.get(id)!.wasmHash
    const before = [entry(host, 'persistent')?.liveUntil, host.ledger.contracts.get(id)?.liveUntil, host.ledger.code.get(hash)?.liveUntil]
    for (const kind of [PERSISTENT, INSTANCE]) {
      const r = host.invoke(id, 'extendThenTrap', [u32(kind), u32(5000), u32(6000)])
      expect(r.error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.InvalidAction })
      expect([entry(host, 'persistent')?.liveUntil, host.ledger.contracts.get(id)?.liveUntil, host.ledger.code.get(hash)?.liveUntil]).toEqual(before)
    }
    // The same extensions in a call that succeeds stay.
    expect(host.invoke(id, 'extend', [u32(PERSISTENT), u32(5000), u32(6000)]).status).toBe('success')
    expect(host.invoke(id, 'extend', [u32(INSTANCE), u32(5000), u32(6000)]).status).toBe('success')
    expect([entry(host, 'persistent')?.liveUntil, host.ledger.contracts.get(id)?.liveUntil, host.ledger.code.get(hash)?.liveUntil]).toEqual([6001, 6001, 6001])
  })

  it('TTLs: new entries get the minimum TTL; extension applies only below the threshold', () => {
    const { host, id } = counter()
    host.invoke(id, 'increment', [u32(TEMPORARY)])
    host.invoke(id, 'increment', [u32(PERSISTENT)])
    host.invoke(id, 'increment', [u32(INSTANCE)])
    // Temporary: min TTL 16 → live until 16, TTL 15 < 50 → extended to sequence + 100.
    expect(entry(host, 'temporary')?.liveUntil).toBe(101)
    // Persistent: min TTL 4096 → live until 4096; TTL 4095 ≥ 50 → unchanged.
    expect(entry(host, 'persistent')?.liveUntil).toBe(4096)
    expect(host.ledger.contracts.get(id)?.liveUntil).toBe(4096)
    expect(host.invoke(id, 'extend', [u32(PERSISTENT), u32(5000), u32(6000)]).status).toBe('success')
    expect(entry(host, 'persistent')?.liveUntil).toBe(6001)
    expect(host.invoke(id, 'extend', [u32(INSTANCE), u32(5000), u32(7000)]).status).toBe('success')
    expect(host.ledger.contracts.get(id)?.liveUntil).toBe(7001)
    const code = host.ledger.code.get(host.ledger.contracts.get(id)?.wasmHash ?? '')
    expect(code?.liveUntil).toBe(7001)
    // Past the maximum live-until ledger (sequence + max_entry_ttl - 1) a persistent entry is clamped, a temporary one refused.
    expect(host.invoke(id, 'extend', [u32(PERSISTENT), u32(7_000_000), u32(7_000_000)]).status).toBe('success')
    expect(entry(host, 'persistent')?.liveUntil).toBe(1 + 6_312_000 - 1)
    expect(host.invoke(id, 'extend', [u32(TEMPORARY), u32(7_000_000), u32(7_000_000)]).error).toMatchObject({ type: ErrorType.Storage, code: ErrorCode.InvalidAction })
    // threshold above extend_to is invalid input.
    expect(host.invoke(id, 'extend', [u32(PERSISTENT), u32(2), u32(1)]).error).toMatchObject({ type: ErrorType.Storage, code: ErrorCode.InvalidInput })
  })

  it('expired temporary entries vanish; expired persistent entries are archived', () => {
    const { host, id } = counter()
    host.invoke(id, 'increment', [u32(TEMPORARY)])
    host.invoke(id, 'increment', [u32(PERSISTENT)])
    host.info.sequence = 102
    expect(scValToNative(host.invoke(id, 'get', [u32(TEMPORARY)]).result)).toBe(0)
    expect(scValToNative(host.invoke(id, 'get', [u32(PERSISTENT)]).result)).toBe(1)
    host.info.sequence = 4097
    expect(host.invoke(id, 'get', [u32(PERSISTENT)]).error?.type).toBe(ErrorType.Storage)
  })

  it('a failed invocation leaves storage untouched', () => {
    const { host, id } = counter()
    host.invoke(id, 'increment', [u32(PERSISTENT)])
    const before = JSON.stringify(host.ledger.toJSON())
    expect(host.invoke(id, 'increment', [u32(7)]).error?.type).toBe(ErrorType.WasmVm)
    expect(JSON.stringify(host.ledger.toJSON())).toBe(before)
  })

  it('state survives a round trip through the storage file format', () => {
    const { host, id } = counter()
    host.invoke(id, 'increment', [u32(PERSISTENT)])
    host.invoke(id, 'increment', [u32(INSTANCE)])
    const file = JSON.parse(JSON.stringify(host.ledger.toJSON()))
    const again = new SorobanHost({ ledger: SorobanLedger.fromJSON(file) })
    expect(scValToNative(again.invoke(id, 'increment', [u32(PERSISTENT)]).result)).toBe(2)
    expect(scValToNative(again.invoke(id, 'increment', [u32(INSTANCE)]).result)).toBe(2)
    expect(() => SorobanLedger.fromJSON({ contracts: [{ address: 'x', wasmHash: '', liveUntil: 1, storage: [{ key: '!!', val: '' }] }], code: [], data: [] }))
      .toThrow(/not a valid ZVM Soroban ledger/)
  })
})
