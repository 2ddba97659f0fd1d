/**
 * The KALIX ABI carried in a ZVMC container (spec/native-isa.md): a JSON
 * object `{contract, functions, events, state_variables, tables}`.
 * `contract` and `functions` are required; missing `events`,
 * `state_variables` and `tables` read as empty. Function `outputs` are
 * `{name?, type}` objects.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, type Hex, ZvmError } from '@zvm/primitives'

export interface AbiParam { name: string; type: string }
export interface AbiOutput { name?: string; type: string }
export interface AbiFunction { name: string; selector: Hex; inputs: AbiParam[]; outputs: AbiOutput[]; mutability: string }
export interface AbiEventField { name: string; type: string; indexed: boolean }
export interface AbiEvent { name: string; fields: AbiEventField[] }
export interface AbiStateVariable { name: string; type: string; slot: number }
export interface AbiTable { name: string; slot: number; key_type: string; value_type: string }

/** The ABI of a KALIX contract. */
export interface ZvmcAbi {
  contract: string
  functions: AbiFunction[]
  events: AbiEvent[]
  state_variables: AbiStateVariable[]
  tables: AbiTable[]
}

/**
 * The ABI JSON does not have the documented shape; `path` names the field.
 *
 * @example
 * ```ts
 * import { validateAbi, AbiError } from '@zvm/bytecode'
 * try { validateAbi({ contract: 'C', functions: [{ name: 'f' }] }) }
 * catch (e) { console.log((e as AbiError).path) } // 'functions[0].selector'
 * ```
 */
export class AbiError extends ZvmError {
  override name = 'AbiError'
  readonly path: string
  constructor(path: string, message: string) {
    super('ZVMC_ABI_INVALID', `ABI ${path}: ${message}`)
    this.path = path
  }
}

type Json = unknown

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(o: Record<string, Json>, key: string, path: string): string {
  const v = o[key]
  if (typeof v !== 'string') throw new AbiError(`${path}.${key}`.replace(/^\./, ''), `expected a string, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`)
  return v
}

function slot(o: Record<string, Json>, key: string, path: string): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new AbiError(`${path}.${key}`, `expected a non-negative integer, got ${JSON.stringify(v)}`)
  return v
}

function list<T>(o: Record<string, Json>, key: string, path: string, required: boolean, item: (v: Json, p: string) => T): T[] {
  const v = o[key]
  const p = path ? `${path}.${key}` : key
  if (v === undefined && !required) return []
  if (!Array.isArray(v)) throw new AbiError(p, `expected an array, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`)
  return v.map((x, i) => item(x, `${p}[${i}]`))
}

function object(v: Json, path: string): Record<string, Json> {
  if (!isObject(v)) throw new AbiError(path, `expected an object, got ${JSON.stringify(v)}`)
  return v
}

const param = (v: Json, p: string): AbiParam => {
  const o = object(v, p)
  return { name: str(o, 'name', p), type: str(o, 'type', p) }
}

const output = (v: Json, p: string): AbiOutput => {
  const o = object(v, p)
  const type = str(o, 'type', p)
  if (o.name !== undefined && typeof o.name !== 'string') throw new AbiError(`${p}.name`, 'expected a string')
  return o.name === undefined ? { type } : { name: o.name as string, type }
}

/**
 * Checks that `value` (parsed JSON) has the documented ABI shape and returns it typed.
 *
 * @example
 * ```ts
 * import { validateAbi } from '@zvm/bytecode'
 * validateAbi({ contract: 'Counter', functions: [] }).events // []
 * ```
 */
export function validateAbi(value: Json): ZvmcAbi {
  const root = object(value, '(root)')
  return {
    contract: str(root, 'contract', ''),
    functions: list(root, 'functions', '', true, (v, p) => {
      const o = object(v, p)
      const selector = str(o, 'selector', p)
      if (!/^0x[0-9a-fA-F]{8}$/.test(selector)) throw new AbiError(`${p}.selector`, `expected 0x and 8 hex digits, got ${JSON.stringify(selector)}`)
      return {
        name: str(o, 'name', p),
        selector: selector.toLowerCase() as Hex,
        inputs: list(o, 'inputs', p, true, param),
        outputs: list(o, 'outputs', p, true, output),
        mutability: str(o, 'mutability', p),
      }
    }),
    events: list(root, 'events', '', false, (v, p) => {
      const o = object(v, p)
      return {
        name: str(o, 'name', p),
        fields: list(o, 'fields', p, true, (f, fp) => {
          const fo = object(f, fp)
          if (typeof fo.indexed !== 'boolean') throw new AbiError(`${fp}.indexed`, `expected true or false, got ${JSON.stringify(fo.indexed)}`)
          return { name: str(fo, 'name', fp), type: str(fo, 'type', fp), indexed: fo.indexed }
        }),
      }
    }),
    state_variables: list(root, 'state_variables', '', false, (v, p) => {
      const o = object(v, p)
      return { name: str(o, 'name', p), type: str(o, 'type', p), slot: slot(o, 'slot', p) }
    }),
    tables: list(root, 'tables', '', false, (v, p) => {
      const o = object(v, p)
      return { name: str(o, 'name', p), slot: slot(o, 'slot', p), key_type: str(o, 'key_type', p), value_type: str(o, 'value_type', p) }
    }),
  }
}

/**
 * A KALIX function selector: the first 4 bytes of keccak256 of the signature
 * as KALIX writes it.
 *
 * @example
 * ```ts
 * import { kalixSelector } from '@zvm/bytecode'
 * kalixSelector('deposit(u64)') // '0x…' (8 hex digits)
 * ```
 */
export function kalixSelector(signature: string): Hex {
  return bytesToHex(keccak_256(new TextEncoder().encode(signature)).subarray(0, 4))
}
