/**
 * A loaded KALIX contract: its container, its ABI resolved into typed
 * functions, events, state variables and tables, and the check that the ABI
 * describes the code (selectors are keccak256 of the signatures, and the
 * dispatcher routes exactly the ABI's selectors).
 */
import { decodeZvmc, kalixSelector, validateAbi, ZvmcTarget, type AbiFunction, type ZvmcAbi, type ZvmcContainer } from '@zvm/bytecode'
import type { Hex } from '@zvm/primitives'
import { dispatchedSelectors } from './dispatcher.ts'
import { KalixAbiMismatchError, KalixContainerError, KalixTypeError, KalixUnknownError } from './errors.ts'
import { isDynamic, parseKalixType, type KalixType } from './types.ts'
import { kalixEventTopic } from './messages.ts'

/** The ABI function named `constructor` is the constructor: only `deploy` runs it. */
export const CONSTRUCTOR_NAME = 'constructor'

/** A typed parameter. */
export interface KalixParam { readonly name: string; readonly type: string; readonly kalixType: KalixType }

/** A function of the ABI, with its parsed types. */
export interface KalixFunction {
  readonly name: string
  /** `name(type,…)`, as KALIX hashes it. */
  readonly signature: string
  readonly selector: Hex
  readonly inputs: readonly KalixParam[]
  readonly outputs: readonly KalixParam[]
  readonly mutability: string
  /** Where the dispatcher jumps for this selector (-1 for an interface built from an ABI alone). */
  readonly entry: number
}

/** An event of the ABI; `topic0` is keccak256 of its signature. */
export interface KalixEventSpec {
  readonly name: string
  readonly signature: string
  readonly topic0: Hex
  readonly fields: readonly (KalixParam & { readonly indexed: boolean })[]
}

/** A state variable in its slot. */
export interface KalixStateVariable { readonly name: string; readonly type: string; readonly kalixType: KalixType; readonly slot: number }

/** A table whose entry for `key` lives at TABLEHASH(slot, key). */
export interface KalixTable {
  readonly name: string
  readonly slot: number
  readonly keyType: KalixType
  readonly valueType: KalixType
  readonly keyTypeName: string
  readonly valueTypeName: string
}

function typeAt(type: string, where: string): KalixType {
  try {
    return parseKalixType(type)
  } catch (e) {
    if (e instanceof KalixTypeError) throw new KalixTypeError(type, `${where}: ${e.shortMessage.replace(/^type "[^"]*": /, '')}`)
    throw e
  }
}

function oneWord(type: string, where: string): KalixType {
  const t = typeAt(type, where)
  if (isDynamic(t)) throw new KalixTypeError(type, `${where}: stored values are one word (integers, bool, address)`)
  return t
}

const signatureOf = (name: string, types: readonly string[]): string => `${name}(${types.join(',')})`

/**
 * The KALIX signature of an ABI function: `deposit(u64)`.
 *
 * @example
 * ```ts
 * import { functionSignature } from '@zvm/runtime-kalix'
 * functionSignature({ name: 'deposit', inputs: [{ name: 'amount', type: 'u64' }] }) // 'deposit(u64)'
 * ```
 */
export function functionSignature(fn: Pick<AbiFunction, 'name' | 'inputs'>): string {
  return signatureOf(fn.name, fn.inputs.map((i) => i.type))
}

/**
 * A contract loaded from a ZVMC container. Build one with {@link loadKalixContract}.
 */
export class KalixContract {
  /** The container as stored in the account's code. */
  readonly bytes: Uint8Array
  readonly code: Uint8Array
  readonly abi: ZvmcAbi
  readonly functions: readonly KalixFunction[]
  readonly events: readonly KalixEventSpec[]
  readonly stateVariables: readonly KalixStateVariable[]
  readonly tables: readonly KalixTable[]
  /** The constructor, when the ABI has one. */
  readonly constructorFunction: KalixFunction | undefined
  readonly #bySelector = new Map<Hex, KalixFunction>()
  readonly #byTopic = new Map<Hex, KalixEventSpec>()

  /** `container` undefined: an interface from the ABI alone (no code, so no dispatcher check). */
  constructor(bytes: Uint8Array, container: ZvmcContainer | undefined, abi: ZvmcAbi) {
    this.bytes = bytes
    this.code = container?.code ?? new Uint8Array(0)
    this.abi = abi
    const routes = container === undefined ? undefined : dispatchedSelectors(container.code)
    this.functions = abi.functions.map((f, i) => {
      const where = `function ${f.name}`
      const inputs = f.inputs.map((p, j) => ({ name: p.name, type: p.type, kalixType: typeAt(p.type, `${where} input ${j}`) }))
      const outputs = f.outputs.map((p, j) => ({ name: p.name ?? '', type: p.type, kalixType: typeAt(p.type, `${where} output ${j}`) }))
      const signature = functionSignature(f)
      const expected = kalixSelector(signature)
      if (f.selector !== expected) throw new KalixAbiMismatchError(`functions[${i}] ${signature} has selector ${f.selector}, but keccak256("${signature}") starts ${expected}`, f.selector)
      if (this.#bySelector.has(expected)) throw new KalixAbiMismatchError(`functions[${i}] ${signature} repeats selector ${expected}`, expected)
      const entry = routes === undefined ? -1 : routes.get(expected)
      if (entry === undefined) throw new KalixAbiMismatchError(`the code does not dispatch ${signature} (${expected}): no PUSH4 ${expected} EQ PUSH4 <entry> JUMPI`, expected)
      const fn: KalixFunction = { name: f.name, signature, selector: expected, inputs, outputs, mutability: f.mutability, entry }
      this.#bySelector.set(expected, fn)
      return fn
    })
    for (const selector of routes?.keys() ?? []) {
      if (!this.#bySelector.has(selector)) throw new KalixAbiMismatchError(`the code dispatches selector ${selector}, which the ABI does not declare`, selector)
    }
    this.constructorFunction = this.functions.find((f) => f.name === CONSTRUCTOR_NAME)
    this.events = abi.events.map((e) => {
      const fields = e.fields.map((f, j) => ({ ...f, kalixType: typeAt(f.type, `event ${e.name} field ${j}`) }))
      const signature = signatureOf(e.name, fields.map((f) => f.type))
      const topic0 = kalixEventTopic(signature)
      if (fields.filter((f) => f.indexed).length > 3) throw new KalixAbiMismatchError(`event ${signature} has more than 3 indexed fields (LOG4 carries topic0 and 3 more)`)
      const spec: KalixEventSpec = { name: e.name, signature, topic0, fields }
      if (!this.#byTopic.has(topic0)) this.#byTopic.set(topic0, spec)
      return spec
    })
    this.stateVariables = abi.state_variables.map((v) => ({ ...v, kalixType: oneWord(v.type, `state variable ${v.name}`) }))
    this.tables = abi.tables.map((t) => ({
      name: t.name, slot: t.slot, keyTypeName: t.key_type, valueTypeName: t.value_type,
      keyType: typeAt(t.key_type, `table ${t.name} key`), valueType: oneWord(t.value_type, `table ${t.name} value`),
    }))
  }

  /**
   * The function called `nameOrSignature` (`transfer` or `transfer(address,u64)`).
   * Throws {@link KalixUnknownError} when there is none, or when a bare name is overloaded.
   */
  fn(nameOrSignature: string): KalixFunction {
    const bySignature = nameOrSignature.includes('(')
    // `transfer(address, u256)` names the same function as `transfer(address,u256)`.
    const key = bySignature ? nameOrSignature.replace(/\s+/g, '') : nameOrSignature
    const found = this.functions.filter((f) => (bySignature ? f.signature === key : f.name === key))
    if (found.length === 1) return found[0]
    const known = this.functions.map((f) => f.signature).join(', ') || 'none'
    if (found.length === 0) throw new KalixUnknownError('function', nameOrSignature, `${this.abi.contract} has ${known}`)
    throw new KalixUnknownError('function', nameOrSignature, `overloaded; give one of ${found.map((f) => f.signature).join(', ')}`)
  }

  /** The function with `selector` (0x and 8 hex digits); throws {@link KalixUnknownError}. */
  fnBySelector(selector: string): KalixFunction {
    const f = this.#bySelector.get(selector.toLowerCase() as Hex)
    if (f === undefined) throw new KalixUnknownError('selector', selector, `${this.abi.contract} has ${[...this.#bySelector.keys()].join(', ') || 'no functions'}`)
    return f
  }

  /** The event whose topic0 is `topic`, if the ABI has one. */
  eventByTopic(topic: Hex): KalixEventSpec | undefined {
    return this.#byTopic.get(topic)
  }

  /** The state variable `name`; throws {@link KalixUnknownError}. */
  stateVariable(name: string): KalixStateVariable {
    const v = this.stateVariables.find((s) => s.name === name)
    if (v === undefined) throw new KalixUnknownError('state variable', name, `${this.abi.contract} has ${this.stateVariables.map((s) => s.name).join(', ') || 'none'}`)
    return v
  }

  /** The table `name`; throws {@link KalixUnknownError}. */
  table(name: string): KalixTable {
    const t = this.tables.find((s) => s.name === name)
    if (t === undefined) throw new KalixUnknownError('table', name, `${this.abi.contract} has ${this.tables.map((s) => s.name).join(', ') || 'none'}`)
    return t
  }
}

/**
 * Loads and checks a KALIX contract from ZVMC bytes: the container must be
 * valid (`ZvmcDecodeError` names the field), native (target 0) and carry an
 * ABI whose types, selectors and dispatcher agree with the code
 * ({@link KalixTypeError}, {@link KalixAbiMismatchError}).
 *
 * @example
 * ```ts
 * import { assembleZvmc, kalixSelector } from '@zvm/bytecode'
 * import { loadKalixContract } from '@zvm/runtime-kalix'
 * const abi = { contract: 'C', functions: [{ name: 'f', selector: kalixSelector('f()'), inputs: [], outputs: [], mutability: 'view' }] }
 * const bytes = assembleZvmc(`PUSH 0\nCALLDATALOAD\nPUSH 224\nSHR\nDUP1\nPUSH4 ${kalixSelector('f()')}\nEQ\nPUSH @f\nJUMPI\nHALT\nf: HALT`, { abi })
 * loadKalixContract(bytes).fn('f').signature // 'f()'
 * ```
 */
export function loadKalixContract(bytes: Uint8Array): KalixContract {
  const container = decodeZvmc(bytes)
  if (container.target !== ZvmcTarget.ZvmNative) throw new KalixContainerError(`a KALIX contract targets zvm_native (0); this container targets ${container.target === 1 ? 'evm_compat (1)' : 'wasm_bridge (2)'}`)
  if (container.abi === undefined) throw new KalixContainerError('the container has no ABI: a KALIX contract carries its ABI JSON')
  return new KalixContract(bytes, container, container.abi)
}

/**
 * The interface of a KALIX contract from its ABI alone (validated, selectors
 * checked against the signatures): enough to encode calls and decode
 * results and events for a contract already deployed, without its
 * container. Its `code` and `bytes` are empty; it cannot be deployed.
 *
 * @example
 * ```ts
 * import { kalixSelector } from '@zvm/bytecode'
 * import { kalixInterface } from '@zvm/runtime-kalix'
 * const abi = { contract: 'C', functions: [{ name: 'f', selector: kalixSelector('f()'), inputs: [], outputs: [], mutability: 'view' }] }
 * kalixInterface(abi).fn('f').selector // the first 4 bytes of keccak256("f()")
 * ```
 */
export function kalixInterface(abi: ZvmcAbi): KalixContract {
  return new KalixContract(new Uint8Array(0), undefined, validateAbi(abi))
}
