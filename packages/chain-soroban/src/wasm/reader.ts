/** A bounds-checked cursor over WASM binary data (LEB128 integers, names, bytes). */
import { InvalidContractModuleError } from '../errors.ts'

export class Reader {
  readonly bytes: Uint8Array
  pos: number
  readonly end: number
  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    this.bytes = bytes
    this.pos = pos
    this.end = end
  }

  get done(): boolean { return this.pos >= this.end }

  fail(message: string): never {
    throw new InvalidContractModuleError('malformed', message, this.pos)
  }

  byte(): number {
    if (this.pos >= this.end) this.fail('unexpected end of module')
    return this.bytes[this.pos++]
  }

  /** Unsigned LEB128 of at most 32 bits. */
  u32(): number {
    let result = 0
    let shift = 0
    for (;;) {
      const b = this.byte()
      if (shift === 28 && b > 0x0f) this.fail('u32 LEB128 out of range')
      result += (b & 0x7f) * 2 ** shift
      if ((b & 0x80) === 0) return result
      shift += 7
    }
  }

  /** Signed LEB128 of at most `bits` bits, skipped (the value is not needed). */
  skipSigned(bits: number): void {
    const maxBytes = Math.ceil(bits / 7)
    for (let i = 0; i < maxBytes; i++) if ((this.byte() & 0x80) === 0) return
    this.fail(`s${bits} LEB128 too long`)
  }

  /** Signed LEB128 of at most 33 bits (block types). */
  s33(): number {
    let result = 0
    let shift = 0
    let b: number
    do {
      b = this.byte()
      result += (b & 0x7f) * 2 ** shift
      shift += 7
      if (shift > 35) this.fail('s33 LEB128 too long')
    } while (b & 0x80)
    if (b & 0x40) result -= 2 ** shift
    return result
  }

  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail(`length ${n} runs past the end`)
    const out = this.bytes.subarray(this.pos, this.pos + n)
    this.pos += n
    return out
  }

  name(): string {
    const raw = this.take(this.u32())
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw)
    } catch {
      return this.fail('name is not UTF-8')
    }
  }
}

/** Unsigned LEB128 encoding. */
export function encodeU32(n: number): number[] {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n = Math.floor(n / 128)
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

/** Signed LEB128 encoding of a safe integer. */
export function encodeSigned(n: number): number[] {
  const out: number[] = []
  for (;;) {
    const b = n & 0x7f
    n = Math.floor(n / 128)
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) { out.push(b); return out }
    out.push(b | 0x80)
  }
}
