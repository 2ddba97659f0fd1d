/**
 * Native bytecode → instructions and assembly text. The text round-trips:
 * `assembleToBytes(disassembleToText(code))` equals `code` for any bytes
 * (unassigned bytes and a PUSH cut off by the end of code become `.bytes`).
 */
import { bytesToHex, type Hex } from '@zvm/primitives'
import { NATIVE_OPCODE_TABLE } from './opcodes.ts'

/** One decoded instruction. */
export interface Instruction {
  offset: number
  opcode: number
  /** Mnemonic, or undefined for an unassigned byte. */
  name: string | undefined
  /** PUSH immediate as written (may be shorter than the PUSH size at the end of code). */
  immediate?: Hex
}

/**
 * Decodes code into instructions.
 *
 * @example
 * ```ts
 * import { disassemble } from '@zvm/bytecode'
 * disassemble(new Uint8Array([0x11, 0x2a, 0x00])).map((i) => i.name) // ['PUSH1', 'HALT']
 * ```
 */
export function disassemble(code: Uint8Array): Instruction[] {
  const out: Instruction[] = []
  for (let pc = 0; pc < code.length; ) {
    const opcode = code[pc]
    const info = NATIVE_OPCODE_TABLE[opcode]
    const ins: Instruction = { offset: pc, opcode, name: info?.name }
    const size = info?.immediateSize ?? 0
    if (size > 0) ins.immediate = bytesToHex(code.subarray(pc + 1, pc + 1 + size))
    out.push(ins)
    pc += 1 + size
  }
  return out
}

/**
 * Assembly text for `code`, one instruction per line with its offset as a comment.
 *
 * @example
 * ```ts
 * import { disassembleToText } from '@zvm/bytecode'
 * disassembleToText(new Uint8Array([0x11, 0x2a, 0x00]))
 * // 'PUSH1 0x2a    ; 0000\nHALT          ; 0002\n'
 * ```
 */
export function disassembleToText(code: Uint8Array): string {
  let text = ''
  for (const ins of disassemble(code)) {
    const info = NATIVE_OPCODE_TABLE[ins.opcode]
    let body: string
    if (!info) body = `.bytes 0x${ins.opcode.toString(16).padStart(2, '0')}`
    else if (info.immediateSize > 0 && (ins.immediate!.length - 2) / 2 < info.immediateSize) {
      body = `.bytes ${bytesToHex(code.subarray(ins.offset))}`
    } else body = info.immediateSize > 0 ? `${info.name} ${ins.immediate}` : info.name
    text += `${body.padEnd(13)} ; ${ins.offset.toString(16).padStart(4, '0')}\n`
  }
  return text
}
