/**
 * ZVM assembly → native bytecode.
 *
 * One statement per line; comments start with `;`, `#` or `//`.
 *   label:                 a jump target (may precede an instruction on the same line)
 *   .const NAME = value    a named constant
 *   .bytes 0x…             raw bytes
 *   PUSH value             the smallest PUSH1/2/4/8/16/32 that fits
 *   PUSH4 value            an explicit size (value must fit)
 *   PUSH label / @label    always PUSH4 (KALIX's `PUSH4 <offset> JUMP`), so layout never shifts
 *   ADD, halt, …           any mnemonic, case-insensitive
 * Values: decimal, 0x hex, a constant, or a label. Errors name line and column.
 */
import { bigintToBytes, ZvmError } from '@zvm/primitives'
import { encodeZvmc, ZvmcTarget } from './container.ts'
import type { ZvmcAbi } from './abi.ts'
import { NATIVE_OPCODES_BY_NAME, OpcodeFlag, pushOpcodeForSize } from './opcodes.ts'

/**
 * An assembly error at a 1-based line and column.
 *
 * @example
 * ```ts
 * import { assembleToBytes, AssemblyError } from '@zvm/bytecode'
 * try { assembleToBytes('PUSH1 1\nFROB') } catch (e) { console.log((e as AssemblyError).line) } // 2
 * ```
 */
export class AssemblyError extends ZvmError {
  override name = 'AssemblyError'
  readonly line: number
  readonly column: number
  constructor(line: number, column: number, message: string) {
    super('ASM_ERROR', `line ${line}, column ${column}: ${message}`)
    this.line = line
    this.column = column
  }
}

/** The result of assembling. */
export interface AssembledProgram {
  code: Uint8Array
  /** Label → byte offset. */
  labels: Map<string, number>
}

type Operand = { kind: 'number'; value: bigint } | { kind: 'name'; name: string }

interface Statement {
  line: number
  column: number
  /** The opcode byte, or -1 for `.bytes`. */
  opcode: number
  mnemonic: string
  operand?: Operand
  operandColumn: number
  raw?: Uint8Array
  /** Immediate size, fixed in the layout pass. */
  size: number
}

const IDENT = /^[A-Za-z_.$][\w.$]*$/
const MAX_WORD = (1n << 256n) - 1n

function parseNumber(text: string): bigint | undefined {
  if (/^0x[0-9a-fA-F]+$/.test(text) || /^\d+$/.test(text)) return BigInt(text)
  return undefined
}

function byteSize(v: bigint): number {
  return v === 0n ? 1 : Math.ceil(v.toString(16).length / 2)
}

function stripComment(line: string): string {
  let end = line.length
  for (const marker of [';', '#', '//']) {
    const i = line.indexOf(marker)
    if (i >= 0 && i < end) end = i
  }
  return line.slice(0, end)
}

/**
 * Assembles source text.
 *
 * @example
 * ```ts
 * import { assemble } from '@zvm/bytecode'
 * const { code, labels } = assemble('start:\n  PUSH 42\n  PUSH start\n  JUMP')
 * labels.get('start') // 0
 * code.length         // 8: PUSH1 42, PUSH4 0, JUMP
 * ```
 */
export function assemble(source: string): AssembledProgram {
  const constants = new Map<string, bigint>()
  const labels = new Map<string, number>()
  const statements: Statement[] = []
  const lines = source.split(/\r?\n/)

  lines.forEach((rawLine, index) => {
    const line = index + 1
    let text = stripComment(rawLine)
    let offset = 0
    const col = () => offset + (text.length - text.trimStart().length) + 1
    // Labels at the start of the line.
    for (;;) {
      const m = /^\s*([A-Za-z_.$][\w.$]*)\s*:/.exec(text)
      if (!m || m[1].startsWith('.')) break
      const name = m[1]
      if (labels.has(name) || constants.has(name)) throw new AssemblyError(line, col(), `duplicate name '${name}'`)
      labels.set(name, -1)
      statements.push({ line, column: col(), opcode: -2, mnemonic: `${name}:`, operandColumn: 0, size: 0 })
      offset += m[0].length
      text = text.slice(m[0].length)
    }
    const trimmed = text.trim()
    if (trimmed === '') return
    const column = col()
    const [head, ...rest] = trimmed.split(/\s+/)
    const operandText = rest.join(' ')
    const operandColumn = operandText ? column + trimmed.indexOf(operandText, head.length) : column + head.length
    const lower = head.toLowerCase()
    if (lower === '.const') {
      const m = /^([A-Za-z_$][\w$]*)\s*=\s*(\S+)$/.exec(operandText)
      if (!m) throw new AssemblyError(line, operandColumn, `expected '.const NAME = value'`)
      const value = parseNumber(m[2])
      if (value === undefined) throw new AssemblyError(line, operandColumn, `bad number '${m[2]}'`)
      if (value > MAX_WORD) throw new AssemblyError(line, operandColumn, `constant ${m[1]} is wider than 256 bits`)
      if (constants.has(m[1]) || labels.has(m[1])) throw new AssemblyError(line, column, `duplicate name '${m[1]}'`)
      constants.set(m[1], value)
      return
    }
    if (lower === '.bytes') {
      if (!/^0x([0-9a-fA-F]{2})*$/.test(operandText)) throw new AssemblyError(line, operandColumn, `expected '.bytes 0x' and an even number of hex digits`)
      const hex = operandText.slice(2)
      const raw = new Uint8Array(hex.length / 2).map((_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16))
      statements.push({ line, column, opcode: -1, mnemonic: '.bytes', raw, operandColumn, size: raw.length })
      return
    }
    const upper = head.toUpperCase()
    if (upper === 'PUSH') {
      if (!operandText) throw new AssemblyError(line, operandColumn, 'PUSH needs a value')
      statements.push({ line, column, opcode: 0, mnemonic: 'PUSH', operand: toOperand(operandText, line, operandColumn), operandColumn, size: 0 })
      return
    }
    const info = NATIVE_OPCODES_BY_NAME.get(upper)
    if (!info) throw new AssemblyError(line, column, `unknown mnemonic '${head}'`)
    if (info.flags & OpcodeFlag.Push) {
      if (!operandText) throw new AssemblyError(line, operandColumn, `${upper} needs a value`)
      statements.push({ line, column, opcode: info.code, mnemonic: upper, operand: toOperand(operandText, line, operandColumn), operandColumn, size: info.immediateSize })
      return
    }
    if (operandText) throw new AssemblyError(line, operandColumn, `${upper} takes no operand`)
    statements.push({ line, column, opcode: info.code, mnemonic: upper, operandColumn, size: 0 })
  })

  // Layout: sizes are known without label values (labels are always PUSH4).
  let pc = 0
  for (const s of statements) {
    if (s.opcode === -2) {
      labels.set(s.mnemonic.slice(0, -1), pc)
      continue
    }
    if (s.opcode === -1) { pc += s.size; continue }
    if (s.mnemonic === 'PUSH') {
      const op = s.operand!
      if (op.kind === 'name' && !constants.has(op.name)) s.size = 4
      else {
        const value = op.kind === 'number' ? op.value : constants.get(op.name)!
        s.size = [1, 2, 4, 8, 16, 32].find((n) => n >= byteSize(value))!
      }
      s.opcode = pushOpcodeForSize(s.size)!.code
    }
    pc += 1 + s.size
  }

  const code = new Uint8Array(pc)
  let at = 0
  for (const s of statements) {
    if (s.opcode === -2) continue
    if (s.opcode === -1) { code.set(s.raw!, at); at += s.size; continue }
    code[at++] = s.opcode
    if (s.size === 0) continue
    const op = s.operand!
    let value: bigint
    if (op.kind === 'number') value = op.value
    else if (constants.has(op.name)) value = constants.get(op.name)!
    else if (labels.has(op.name)) value = BigInt(labels.get(op.name)!)
    else throw new AssemblyError(s.line, s.operandColumn, `undefined label or constant '${op.name}'`)
    if (byteSize(value) > s.size) throw new AssemblyError(s.line, s.operandColumn, `value 0x${value.toString(16)} does not fit in ${s.mnemonic}`)
    code.set(bigintToBytes(value, s.size), at)
    at += s.size
  }
  return { code, labels }
}

function toOperand(text: string, line: number, column: number): Operand {
  const value = parseNumber(text)
  if (value !== undefined) {
    if (value > MAX_WORD) throw new AssemblyError(line, column, `value is wider than 256 bits`)
    return { kind: 'number', value }
  }
  const name = text.startsWith('@') ? text.slice(1) : text
  if (!IDENT.test(name)) throw new AssemblyError(line, column, `bad number or name '${text}'`)
  return { kind: 'name', name }
}

/**
 * Assembles source text to code bytes.
 *
 * @example
 * ```ts
 * import { assembleToBytes } from '@zvm/bytecode'
 * assembleToBytes('PUSH1 42\nPUSH1 8\nADD\nHALT') // 0x112a11083000
 * ```
 */
export function assembleToBytes(source: string): Uint8Array {
  return assemble(source).code
}

/**
 * Assembles source text into a ZVMC container (native target).
 *
 * @example
 * ```ts
 * import { assembleZvmc, decodeZvmc } from '@zvm/bytecode'
 * decodeZvmc(assembleZvmc('HALT')).code // Uint8Array [0]
 * ```
 */
export function assembleZvmc(source: string, options: { abi?: ZvmcAbi | string } = {}): Uint8Array {
  return encodeZvmc({ target: ZvmcTarget.ZvmNative, code: assembleToBytes(source), abi: options.abi })
}
