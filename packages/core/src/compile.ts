/**
 * Compiles a hot basic block to a JavaScript function. The function calls
 * the table's operation for each instruction with its pc as a constant, so
 * every call site has one target (V8 inlines the small ones) and dispatch
 * through the op table disappears. Only operations that can halt are
 * followed by a check. Static gas and stack bounds were checked for the
 * whole block by the caller, exactly as the block interpreter does.
 * Generated source contains only identifiers and integers.
 */
import type { CompiledBlock } from './blocks.ts'
import type { InstructionTable, Operation } from './table.ts'

export function compileBlock(table: InstructionTable, code: Uint8Array, start: number, length: number): CompiledBlock {
  const params = new Map<Operation, string>()
  const lines: string[] = []
  let pc = start
  for (let i = 0; i < length; i++) {
    const op = code[pc]
    const fn = table.ops[op]
    let name = params.get(fn)
    if (name === undefined) {
      name = `o${params.size}`
      params.set(fn, name)
    }
    if (i === length - 1) lines.push(`return ${name}(f, ${pc})`)
    else if (table.neverHalts[op]) lines.push(`${name}(f, ${pc})`)
    else lines.push(`if (${name}(f, ${pc}) < 0) return -1`)
    pc += 1 + table.immediateSize[op]
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is built from integers and fixed names only
  const factory = new Function(...params.values(), `return function block${start}(f) {\n  ${lines.join('\n  ')}\n}`) as (...ops: Operation[]) => CompiledBlock
  return factory(...params.keys())
}
