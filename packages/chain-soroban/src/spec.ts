/**
 * Contract specs (`contractspecv0`) through @stellar/stellar-sdk's
 * `contract.Spec`: JSON arguments to ScVals by the function's declared
 * input types, and results back to JSON.
 */
import { contract, scValToNative, type xdr } from '@stellar/stellar-sdk'
import { ZvmError } from '@zvm/primitives'

export function readContractSpec(wasm: Uint8Array): contract.Spec | undefined {
  try {
    return contract.Spec.fromWasm(Buffer.from(wasm))
  } catch {
    return undefined
  }
}

/** Converts a JSON list of arguments by the spec's input types of `fn`. */
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
    try {
      return spec.nativeToScVal(args[i], input.type())
    } catch (cause) {
      throw new ZvmError('SOROBAN_ARGUMENT_INVALID', `argument ${input.name().toString()} of ${fn}: ${(cause as Error).message}`, { cause })
    }
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
