/**
 * Contract specs (`contractspecv0`) through @stellar/stellar-sdk's
 * `contract.Spec`: JSON arguments to ScVals by the function's declared
 * input types, and results back to JSON.
 */
import { contract, scValToNative, xdr } from '@stellar/stellar-sdk'
import { ZvmError } from '@zvm/primitives'

export function readContractSpec(wasm: Uint8Array): contract.Spec | undefined {
  try {
    return contract.Spec.fromWasm(Buffer.from(wasm))
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
export function argsFromJson(spec: contract.Spec, fn: string, args: unknown[]): xdr.ScVal[] {
  let inputs: xdr.ScSpecFunctionInputV0[]
  try {
    inputs = spec.getFunc(fn).inputs()
  } catch {
    throw new ZvmError('SOROBAN_NO_SUCH_FUNCTION', `the contract spec has no function ${fn}`, { details: `functions: ${spec.funcs().map((f) => f.name().toString()).join(', ')}` })
  }
  if (inputs.length !== args.length) {
    throw new ZvmError('SOROBAN_ARGUMENT_COUNT', `${fn} takes ${inputs.length} arguments (${inputs.map((i) => i.name().toString()).join(', ')}), got ${args.length}`)
  }
  return inputs.map((input, i) => {
    const name = input.name().toString()
    const bad = (problem: string, cause?: unknown): ZvmError => new ZvmError('SOROBAN_ARGUMENT_INVALID', `argument ${name} of ${fn}: ${problem}`, { cause })
    let value: xdr.ScVal
    try {
      value = spec.nativeToScVal(args[i], input.type())
    } catch (cause) {
      throw bad((cause as Error).message, cause)
    }
    const problem = scValProblem(value, '')
    if (problem !== undefined) throw bad(problem)
    // The SDK builds values XDR would refuse to write; find out here rather than inside the host.
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
export function resultToJson(spec: contract.Spec | undefined, fn: string, result: xdr.ScVal): unknown {
  if (spec !== undefined) {
    try {
      return toJson(spec.funcResToNative(fn, result))
    } catch { /* fall back to the untyped conversion */ }
  }
  return toJson(scValToNative(result))
}
