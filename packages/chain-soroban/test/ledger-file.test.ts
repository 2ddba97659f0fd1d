/** The `--storage` ledger file format: marked, versioned, every field checked; the unmarked earlier shape upgraded. */
import { ZvmError } from '@zvm/primitives'
import { expect, it } from 'vitest'
import { SorobanLedger } from '../src/index.ts'

const HASH = 'a9a99f67095b478a5b5adb5658dea8c94df575555ad8b8e5198410fa7417e1e3'

function problem(json: unknown): string {
  try {
    SorobanLedger.fromJSON(json)
  } catch (e) {
    expect(e).toBeInstanceOf(ZvmError)
    expect((e as ZvmError).code).toBe('SOROBAN_LEDGER_FILE_INVALID')
    return (e as ZvmError).shortMessage
  }
  throw new Error(`accepted ${JSON.stringify(json)}`)
}

it('writes the format marker and reads its own output back', () => {
  const file = new SorobanLedger().toJSON()
  expect(file).toMatchObject({ format: 'zvm-soroban-ledger', version: 1, contracts: [], code: [], data: [] })
  expect(SorobanLedger.parseFile(JSON.parse(JSON.stringify({ ...file, sequence: 7, timestamp: '18446744073709551615' })))).toMatchObject({ sequence: 7, timestamp: '18446744073709551615' })
})

it('refuses JSON that is not a ledger of this format and version', () => {
  expect(problem({ name: 'my-app', version: '1.0.0', dependencies: {} })).toBe('not a valid ZVM Soroban ledger file: no "format": "zvm-soroban-ledger" field (keys: name, version, dependencies)')
  expect(problem({ sequence: 'x' })).toMatch(/no "format"/)
  expect(problem([])).toMatch(/expected a JSON object, got a list/)
  expect(problem(null)).toMatch(/expected a JSON object, got null/)
  expect(problem({ format: 'zvm-soroban-ledger', version: 2, contracts: [], code: [], data: [] })).toMatch(/version 2 is not supported/)
  expect(problem({ format: 'other', version: 1 })).toMatch(/format is "other"/)
  const marked = { format: 'zvm-soroban-ledger', version: 1, contracts: [], code: [], data: [] }
  expect(problem({ ...marked, sequence: 'x' })).toBe('not a valid ZVM Soroban ledger file: sequence must be a ledger number (u32), got "x"')
  expect(problem({ ...marked, sequence: -1 })).toMatch(/sequence must be a ledger number/)
  expect(problem({ ...marked, timestamp: 5 })).toMatch(/timestamp must be a decimal u64/)
  expect(problem({ ...marked, contracts: 5 })).toMatch(/contracts must be a list, got 5/)
  expect(problem({ ...marked, code: undefined })).toMatch(/code must be a list, got nothing/)
  expect(problem({ ...marked, code: [{ hash: HASH, wasm: '%%', liveUntil: 1 }] })).toMatch(/code\[0\]\.wasm must be base64 text/)
  expect(problem({ ...marked, data: [null] })).toMatch(/data\[0\] must be an object/)
  expect(problem({ ...marked, data: [{ contract: 'C', durability: 'forever', key: '', val: '', liveUntil: 1 }] })).toMatch(/data\[0\]\.durability must be "persistent" or "temporary"/)
  expect(problem({ ...marked, contracts: [{ address: 'C', wasmHash: HASH, liveUntil: 1.5, storage: [] }] })).toMatch(/contracts\[0\]\.liveUntil must be a ledger number/)
  expect(problem({ ...marked, contracts: [{ address: 'C', wasmHash: HASH, liveUntil: 1, storage: [{ key: '!!', val: '' }] }] })).toMatch(/contracts\[0\]\.storage\[0\]\.key is not a base64 XDR ScVal/)
})

it('reads the unmarked shape written before version 1 and adds the marker', () => {
  const old = { sequence: 3, timestamp: '0', contracts: [], code: [], data: [] }
  expect(SorobanLedger.parseFile(old)).toEqual({ format: 'zvm-soroban-ledger', version: 1, ...old })
  expect(SorobanLedger.fromJSON({ contracts: [], code: [], data: [] }).contracts.size).toBe(0)
  // One extra field and it is no longer that shape.
  expect(problem({ ...old, name: 'x' })).toMatch(/no "format"/)
})
