/**
 * ZVMC container encode/decode (spec/native-isa.md): a 16-byte header —
 * magic "ZVMC", version 1, target, flags 0, reserved 0, code length and ABI
 * length as u32 little-endian — then the code, then the ABI (UTF-8 JSON, may
 * be empty). Decoding validates every field and names the bad one.
 */
import { ZvmError } from '@zvm/primitives'
import { AbiError, validateAbi, type ZvmcAbi } from './abi.ts'

/** ZVMC targets. */
export const ZvmcTarget = { ZvmNative: 0, EvmCompat: 1, WasmBridge: 2 } as const
export type ZvmcTarget = (typeof ZvmcTarget)[keyof typeof ZvmcTarget]

/** The only container version. */
export const ZVMC_VERSION = 1
/** Header size in bytes. */
export const ZVMC_HEADER_SIZE = 16
const MAGIC = [0x5a, 0x56, 0x4d, 0x43]

/** Header fields a decode error can name. */
export type ZvmcField = 'header' | 'magic' | 'version' | 'target' | 'flags' | 'reserved' | 'codeLength' | 'abiLength' | 'code' | 'abi' | 'trailing'

/**
 * A malformed container; `field` says which part and `offset` where.
 *
 * @example
 * ```ts
 * import { decodeZvmc, ZvmcDecodeError } from '@zvm/bytecode'
 * try { decodeZvmc(new Uint8Array([1, 2, 3])) }
 * catch (e) { console.log((e as ZvmcDecodeError).field) } // 'header'
 * ```
 */
export class ZvmcDecodeError extends ZvmError {
  override name = 'ZvmcDecodeError'
  readonly field: ZvmcField
  readonly offset: number
  constructor(field: ZvmcField, offset: number, message: string, options?: ErrorOptions) {
    super(`ZVMC_${field.toUpperCase()}`, `invalid ZVMC ${field} at byte ${offset}: ${message}`, options)
    this.field = field
    this.offset = offset
  }
}

/** A decoded container. */
export interface ZvmcContainer {
  version: number
  target: ZvmcTarget
  code: Uint8Array
  /** The parsed ABI, or undefined when the ABI section is empty. */
  abi: ZvmcAbi | undefined
  /** The ABI section as text ('' when empty). */
  abiText: string
}

/** What to put in a container. */
export interface ZvmcInput {
  target?: ZvmcTarget
  code: Uint8Array
  /** An ABI object (validated and serialised) or raw JSON text. */
  abi?: ZvmcAbi | string
}

/**
 * True when `bytes` starts with the ZVMC magic.
 *
 * @example
 * ```ts
 * import { isZvmc } from '@zvm/bytecode'
 * isZvmc(new TextEncoder().encode('ZVMC')) // true
 * ```
 */
export function isZvmc(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MAGIC.every((b, i) => bytes[i] === b)
}

/**
 * Builds a container.
 *
 * @example
 * ```ts
 * import { encodeZvmc, ZvmcTarget } from '@zvm/bytecode'
 * encodeZvmc({ target: ZvmcTarget.ZvmNative, code: new Uint8Array([0x00]) }).length // 17
 * ```
 */
export function encodeZvmc(input: ZvmcInput): Uint8Array {
  const target = input.target ?? ZvmcTarget.ZvmNative
  if (!Object.values(ZvmcTarget).includes(target)) throw new ZvmcDecodeError('target', 5, `unknown target ${target}`)
  let abiText = ''
  if (typeof input.abi === 'string') abiText = input.abi
  else if (input.abi !== undefined) abiText = JSON.stringify(validateAbi(input.abi))
  const abi = new TextEncoder().encode(abiText)
  const out = new Uint8Array(ZVMC_HEADER_SIZE + input.code.length + abi.length)
  const view = new DataView(out.buffer)
  out.set(MAGIC, 0)
  out[4] = ZVMC_VERSION
  out[5] = target
  view.setUint32(8, input.code.length, true)
  view.setUint32(12, abi.length, true)
  out.set(input.code, ZVMC_HEADER_SIZE)
  out.set(abi, ZVMC_HEADER_SIZE + input.code.length)
  return out
}

/**
 * Decodes and validates a container; throws {@link ZvmcDecodeError}.
 *
 * @example
 * ```ts
 * import { decodeZvmc, encodeZvmc } from '@zvm/bytecode'
 * decodeZvmc(encodeZvmc({ code: new Uint8Array([0x00]) })).code // Uint8Array [0]
 * ```
 */
export function decodeZvmc(bytes: Uint8Array): ZvmcContainer {
  if (!(bytes instanceof Uint8Array)) throw new ZvmcDecodeError('header', 0, 'expected bytes')
  if (bytes.length < ZVMC_HEADER_SIZE) throw new ZvmcDecodeError('header', bytes.length, `truncated: ${bytes.length} of ${ZVMC_HEADER_SIZE} header bytes`)
  if (!isZvmc(bytes)) throw new ZvmcDecodeError('magic', 0, `expected "ZVMC" (5a564d43), got ${[...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join('')}`)
  if (bytes[4] !== ZVMC_VERSION) throw new ZvmcDecodeError('version', 4, `unsupported version ${bytes[4]} (expected ${ZVMC_VERSION})`)
  const target = bytes[5]
  if (target > 2) throw new ZvmcDecodeError('target', 5, `unknown target ${target} (0 zvm_native, 1 evm_compat, 2 wasm_bridge)`)
  if (bytes[6] !== 0) throw new ZvmcDecodeError('flags', 6, `unknown flags 0x${bytes[6].toString(16)} (must be 0)`)
  if (bytes[7] !== 0) throw new ZvmcDecodeError('reserved', 7, `reserved byte is ${bytes[7]} (must be 0)`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const codeLength = view.getUint32(8, true)
  const abiLength = view.getUint32(12, true)
  const codeEnd = ZVMC_HEADER_SIZE + codeLength
  if (codeEnd > bytes.length) throw new ZvmcDecodeError('codeLength', 8, `code length ${codeLength} runs past the end (${bytes.length - ZVMC_HEADER_SIZE} bytes follow the header)`)
  const abiEnd = codeEnd + abiLength
  if (abiEnd > bytes.length) throw new ZvmcDecodeError('abiLength', 12, `ABI length ${abiLength} runs past the end (${bytes.length - codeEnd} bytes follow the code)`)
  if (abiEnd < bytes.length) throw new ZvmcDecodeError('trailing', abiEnd, `${bytes.length - abiEnd} unexpected bytes after the ABI`)
  let abiText = ''
  let abi: ZvmcAbi | undefined
  if (abiLength > 0) {
    try {
      abiText = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(codeEnd, abiEnd))
    } catch (cause) {
      throw new ZvmcDecodeError('abi', codeEnd, 'ABI is not valid UTF-8', { cause })
    }
    let json: unknown
    try {
      json = JSON.parse(abiText)
    } catch (cause) {
      throw new ZvmcDecodeError('abi', codeEnd, `ABI is not JSON: ${(cause as Error).message}`, { cause })
    }
    try {
      abi = validateAbi(json)
    } catch (cause) {
      if (cause instanceof AbiError) throw new ZvmcDecodeError('abi', codeEnd, cause.shortMessage, { cause })
      throw cause
    }
  }
  return { version: ZVMC_VERSION, target: target as ZvmcTarget, code: bytes.slice(ZVMC_HEADER_SIZE, codeEnd), abi, abiText }
}

/**
 * Like {@link decodeZvmc} but returns the error instead of throwing.
 *
 * @example
 * ```ts
 * import { tryDecodeZvmc } from '@zvm/bytecode'
 * tryDecodeZvmc(new Uint8Array(0)).ok // false
 * ```
 */
export function tryDecodeZvmc(bytes: Uint8Array): { ok: true; value: ZvmcContainer } | { ok: false; error: ZvmcDecodeError } {
  try {
    return { ok: true, value: decodeZvmc(bytes) }
  } catch (e) {
    if (e instanceof ZvmcDecodeError) return { ok: false, error: e }
    throw e
  }
}
