/**
 * Contract specs (`contractspecv0`): JSON arguments to ScVals by the
 * function's declared input types, and results back to JSON — our own
 * reader and converters on @stellar/stellar-base's XDR (src/spec/), encoding
 * as @stellar/stellar-sdk's `contract.Spec` does without depending on the SDK.
 */
import { scValToNative, xdr } from '@stellar/stellar-base'
import { ZvmError } from '@zvm/primitives'
import { ContractSpec } from './spec/contract-spec.ts'
import { funcResToNative } from './spec/from-scval.ts'
import { jsonToScVal } from './spec/to-scval.ts'

export { ContractSpec, type UdtEntry } from './spec/contract-spec.ts'

/**
 * The contract spec embedded in a wasm module (its first non-empty
 * `contractspecv0` custom section), or undefined when there is none or it
 * does not decode.
 */
export function readContractSpec(wasm: Uint8Array): ContractSpec | undefined {
  try {
    return ContractSpec.fromWasm(wasm)
  } catch {
    return undefined
  }
}

// SCSYMBOL_LIMIT and the symbol alphabet (Stellar-contract.x, CAP-46-01).
const SYMBOL_MAX_CHARS = 32
const SYMBOL_CHARS = /^[a-zA-Z0-9_]*$/

/** Why `v` cannot be passed to a contract (the first problem found), or undefined. */
function scValProblem(v: xdr.ScVal, where: string): string | undefined {
  switch (v.switch().name) {
    case 'scvSymbol': {
      const sym = Buffer.from(v.sym() as Buffer | string).toString('latin1')
      if (sym.length > SYMBOL_MAX_CHARS) return `${where}symbol '${sym.slice(0, 40)}${sym.length > 40 ? '…' : ''}' has ${sym.length} characters (max ${SYMBOL_MAX_CHARS})`
      if (!SYMBOL_CHARS.test(sym)) return `${where}symbol '${sym}' has characters outside [a-zA-Z0-9_]`
      return undefined
    }
    case 'scvVec':
      for (const [i, e] of (v.vec() ?? []).entries()) {
        const p = scValProblem(e, `${where}element ${i}: `)
        if (p !== undefined) return p
      }
      return undefined
    case 'scvMap':
      for (const [i, e] of (v.map() ?? []).entries()) {
        const p = scValProblem(e.key(), `${where}key ${i}: `) ?? scValProblem(e.val(), `${where}value ${i}: `)
        if (p !== undefined) return p
      }
      return undefined
    default:
      return undefined
  }
}

/**
 * Converts a JSON list of arguments by the spec's input types of `fn`.
 * Throws a `ZvmError` naming the argument (`SOROBAN_ARGUMENT_INVALID`) for a
 * value of the wrong type, a symbol longer than 32 characters or outside
 * [a-zA-Z0-9_], or anything else XDR cannot encode. Strings and bytes have
 * no length limit of their own in XDR; the host's memory budget bounds them.
 *
 * @example
 * ```ts
 * import { argsFromJson, readContractSpec } from '@zvm/chain-soroban'
 * // const args = argsFromJson(readContractSpec(wasm)!, 'hello', ['world'])
 * ```
 */
export function argsFromJson(spec: ContractSpec, fn: string, args: unknown[]): xdr.ScVal[] {
  const inputs = spec.getFunc(fn).inputs()
  if (inputs.length !== args.length) {
    throw new ZvmError('SOROBAN_ARGUMENT_COUNT', `${fn} takes ${inputs.length} arguments (${inputs.map((i) => i.name().toString()).join(', ')}), got ${args.length}`)
  }
  return inputs.map((input, i) => {
    const name = input.name().toString()
    const bad = (problem: string, cause?: unknown): ZvmError => new ZvmError('SOROBAN_ARGUMENT_INVALID', `argument ${name} of ${fn}: ${problem}`, { cause })
    let value: xdr.ScVal
    try {
      value = jsonToScVal(spec, args[i], input.type())
    } catch (cause) {
      throw bad((cause as Error).message, cause)
    }
    const problem = scValProblem(value, '')
    if (problem !== undefined) throw bad(problem)
    // A value XDR would refuse to write (a string that is not one); find out here rather than inside the host.
    try {
      value.toXDR()
    } catch (cause) {
      throw bad(`cannot be encoded as XDR: ${(cause as Error).message}`, cause)
    }
    return value
  })
}

/** JSON-safe form of a native value: bigints as decimal strings, bytes as hex. */
export function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  if (Array.isArray(value)) return value.map(toJson)
  if (value instanceof Map) return [...value].map(([k, v]) => [toJson(k), toJson(v)])
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]))
  return value
}

/** A result as JSON, through the spec's output type when there is one. */
export function resultToJson(spec: ContractSpec | undefined, fn: string, result: xdr.ScVal): unknown {
  if (spec !== undefined) {
    try {
      return toJson(funcResToNative(spec, fn, result))
    } catch { /* fall back to the untyped conversion */ }
  }
  return toJson(scValToNative(result))
}
