/**
 * Parses a contract module and checks it against the Soroban host's rules:
 * WebAssembly 1.0 with i32/i64 only (no floats, SIMD, reference types, bulk
 * memory or multi-value), imports only of known host functions with their
 * exact signatures, and a `contractenvmetav0` protocol this host supports.
 * Full type checking is left to the engine's compiler; this pass refuses
 * everything the engine would accept but Soroban does not.
 */
import { InvalidContractModuleError, type ModuleRejection } from '../errors.ts'
import type { HostFunctionSpec } from '../env/types.ts'
import { analyzeBody } from './body.ts'
import { ModuleLimits, type ModuleLimitRule } from './limits.ts'
import { OP_END, rejectedOpcode, rejectedValueType } from './opcodes.ts'
import { Reader } from './reader.ts'

export interface FunctionType { params: number[], results: number[] }
export interface Section { id: number, start: number, end: number, headerStart: number }
export interface FunctionBody {
  start: number, end: number, bodyStart: number, typeIndex: number
  /** Declared locals (params excluded) and the most operand-stack values live at once. */
  locals: number, maxHeight: number
}
/**
 * What Soroban's instantiation cost depends on (its ContractCodeCostInputs):
 * counts of each module part, data bytes and initial memory pages.
 */
export interface ModuleCostInputs {
  instructions: number, functions: number, globals: number, tableEntries: number, types: number
  dataSegments: number, elemSegments: number, imports: number, exports: number, dataSegmentBytes: number, memoryPages: number
}
export interface ParsedModule {
  bytes: Uint8Array
  sections: Section[]
  types: FunctionType[]
  imports: { module: string, name: string, spec: HostFunctionSpec }[]
  bodies: FunctionBody[]
  globalCount: number
  exports: Map<string, { kind: number, index: number }>
  custom: Map<string, Uint8Array[]>
  memory: { min: number, max: number | undefined } | undefined
  costInputs: ModuleCostInputs
}

export interface ValidationOptions {
  /** Host functions by `module.export`, already filtered to the ledger protocol. */
  hostFunctions: ReadonlyMap<string, HostFunctionSpec>
  maxBytes: number
}

function reject(reason: ModuleRejection, message: string, offset?: number): never {
  throw new InvalidContractModuleError(reason, message, offset)
}

/** Refuses `count` over the limit named `rule`. */
function limit(rule: ModuleLimitRule, what: string, count: number, max: number, offset: number): void {
  if (count > max) throw new InvalidContractModuleError('too-large', `${count} ${what}, the limit is ${max}`, offset, rule)
}

function valueType(r: Reader): number {
  const at = r.pos
  const t = r.byte()
  const bad = rejectedValueType(t)
  if (bad !== undefined) reject(bad, `value type 0x${t.toString(16)} is not allowed`, at)
  return t
}

function limits(r: Reader): { min: number, max: number | undefined } {
  const flag = r.byte()
  if (flag > 1) reject('malformed', `limits flag ${flag} (shared or 64-bit memories are not allowed)`, r.pos - 1)
  const min = r.u32()
  return { min, max: flag === 1 ? r.u32() : undefined }
}

function constExpr(r: Reader): void {
  const at = r.pos
  const op = r.byte()
  if (op === 0x41) r.skipSigned(32)
  else if (op === 0x42) r.skipSigned(64)
  else if (op === 0x23) r.u32()
  else reject(rejectedOpcode(op) ?? 'malformed', `constant expression opcode 0x${op.toString(16)}`, at)
  if (r.byte() !== OP_END) reject('malformed', 'constant expression does not end', r.pos - 1)
}

/** Reads the custom section `contractenvmetav0`'s protocol (ScEnvMetaEntry interface version). */
export function envMetaProtocol(custom: Map<string, Uint8Array[]>): { protocol: number, preRelease: number } | undefined {
  const section = custom.get('contractenvmetav0')?.[0]
  // Each entry: kind u32 (0 = interface version), then protocol u32 and pre-release u32, big-endian (XDR).
  if (section === undefined || section.length < 12) return undefined
  const view = new DataView(section.buffer, section.byteOffset, section.byteLength)
  if (view.getUint32(0) !== 0) return undefined
  return { protocol: view.getUint32(4), preRelease: view.getUint32(8) }
}

/**
 * The custom sections of a module by a quick walk over its section headers, or undefined when the
 * walk fails (parseModule then names the problem). Lets the host check the interface version first.
 */
export function scanCustomSections(bytes: Uint8Array): Map<string, Uint8Array[]> | undefined {
  try {
    const r = new Reader(bytes, 8)
    const custom = new Map<string, Uint8Array[]>()
    while (!r.done) {
      const id = r.byte()
      const size = r.u32()
      const end = r.pos + size
      if (end > bytes.length) return undefined
      if (id === 0) {
        const s = new Reader(bytes, r.pos, end)
        const name = s.name()
        custom.set(name, [...(custom.get(name) ?? []), bytes.subarray(s.pos, end)])
      }
      r.pos = end
    }
    return custom
  } catch {
    return undefined
  }
}

export function parseModule(bytes: Uint8Array, options: ValidationOptions): ParsedModule {
  if (bytes.length > options.maxBytes) reject('too-large', `module is ${bytes.length} bytes, the limit is ${options.maxBytes}`)
  const r = new Reader(bytes)
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]
  for (const b of header) if (r.done || r.byte() !== b) reject('malformed', 'not a WebAssembly 1.0 module (bad magic or version)', 0)

  const costInputs: ModuleCostInputs = {
    instructions: 0, functions: 0, globals: 0, tableEntries: 0, types: 0, dataSegments: 0, elemSegments: 0, imports: 0, exports: 0, dataSegmentBytes: 0, memoryPages: 0,
  }
  const m: ParsedModule = { bytes, sections: [], types: [], imports: [], bodies: [], globalCount: 0, exports: new Map(), custom: new Map(), memory: undefined, costInputs }
  const functionTypes: number[] = []
  // Type index of every function, imports first (the function index space).
  const allFunctionTypes: number[] = []
  let tableEntries = 0
  let elements = 0
  let lastId = 0
  const order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11]
  while (!r.done) {
    const headerStart = r.pos
    const id = r.byte()
    const size = r.u32()
    const start = r.pos
    const end = start + size
    if (end > bytes.length) reject('malformed', `section ${id} runs past the end`, headerStart)
    m.sections.push({ id, start, end, headerStart })
    const s = new Reader(bytes, start, end)
    if (id !== 0) {
      if (!order.includes(id)) reject('malformed', `unknown section id ${id}`, headerStart)
      if (order.indexOf(id) <= order.indexOf(lastId) && lastId !== 0) reject('malformed', `section ${id} out of order`, headerStart)
      lastId = id
    }
    switch (id) {
      case 0: {
        const name = s.name()
        const list = m.custom.get(name) ?? []
        list.push(bytes.subarray(s.pos, end))
        m.custom.set(name, list)
        s.pos = end
        break
      }
      case 1: for (let n = s.u32(), i = 0; i < n; i++) {
        if (s.byte() !== 0x60) s.fail('function type must start with 0x60')
        const params = Array.from({ length: s.u32() }, () => valueType(s))
        const results = Array.from({ length: s.u32() }, () => valueType(s))
        if (results.length > 1) reject('multi-value', `function type ${i} has ${results.length} results`, s.pos)
        limit('params', `parameters in function type ${i}`, params.length, ModuleLimits.params, s.pos)
        m.types.push({ params, results })
      } break
      case 2: for (let n = s.u32(), i = 0; i < n; i++) {
        const at = s.pos
        const module = s.name()
        const name = s.name()
        const kind = s.byte()
        if (kind !== 0) reject('unknown-import', `import ${module}.${name} is not a function (only host functions may be imported)`, at)
        const typeIndex = s.u32()
        const spec = options.hostFunctions.get(`${module}.${name}`)
        if (spec === undefined) reject('unknown-import', `unknown host function ${module}.${name}`, at)
        const type = m.types[typeIndex]
        const ok = type !== undefined && type.params.length === spec.args.length && type.params.every((p) => p === 0x7e) &&
          type.results.length === 1 && type.results[0] === 0x7e
        if (!ok) reject('unknown-import', `host function ${module}.${name} (${spec.name}) imported with the wrong signature`, at)
        m.imports.push({ module, name, spec })
        allFunctionTypes.push(typeIndex)
      } break
      case 3: {
        const n = s.u32()
        limit('functions', 'functions', n, ModuleLimits.functions, start)
        for (let i = 0; i < n; i++) functionTypes.push(s.u32())
        allFunctionTypes.push(...functionTypes)
      } break
      case 4: {
        const n = s.u32()
        limit('tables', 'tables', n, ModuleLimits.tables, start)
        for (let i = 0; i < n; i++) {
          const t = s.byte()
          if (t !== 0x70) reject('reference-types', `table of type 0x${t.toString(16)}`, s.pos - 1)
          const at = s.pos
          tableEntries = limits(s).min
          // Soroban's wasmi resource limiter refuses the table when the instance creates it.
          limit('table-entries', 'table entries', tableEntries, ModuleLimits.tableEntries, at)
        }
      } break
      case 5: {
        const n = s.u32()
        if (n > 1) reject('malformed', 'more than one memory', start)
        if (n === 1) m.memory = limits(s)
      } break
      case 6: {
        const n = s.u32()
        limit('globals', 'globals', n, ModuleLimits.globals, start)
        for (let i = 0; i < n; i++) {
          valueType(s)
          if (s.byte() > 1) s.fail('global mutability flag')
          constExpr(s)
          m.globalCount++
        }
      } break
      case 7: for (let n = s.u32(), i = 0; i < n; i++) {
        const name = s.name()
        const kind = s.byte()
        const index = s.u32()
        if (m.exports.has(name)) s.fail(`duplicate export ${name}`)
        m.exports.set(name, { kind, index })
      } break
      case 8: reject('start-function', 'contracts may not have a start function', headerStart); break
      case 9: {
        const n = s.u32()
        limit('element-segments', 'element segments', n, ModuleLimits.elementSegments, start)
        costInputs.elemSegments = n
        for (let i = 0; i < n; i++) {
          const flags = s.u32()
          if (flags !== 0) reject('bulk-memory', `element segment kind ${flags} (only active segments of table 0)`, s.pos)
          constExpr(s)
          const k = s.u32()
          elements += k
          for (let j = 0; j < k; j++) s.u32()
        }
        // Soroban refuses more elements than table entries ("too many elements in wasm elem section(s)").
        limit('table-entries', 'elements in element segments for the declared table', elements, tableEntries, start)
      } break
      case 12: reject('bulk-memory', 'data count section', headerStart); break
      case 10: {
        const n = s.u32()
        if (n !== functionTypes.length) s.fail('code and function sections disagree')
        for (let i = 0; i < n; i++) {
          const bodySize = s.u32()
          const bodyStart = s.pos
          const body = new Reader(bytes, bodyStart, bodyStart + bodySize)
          if (bodyStart + bodySize > end) s.fail('function body runs past its section')
          limit('function-size', `bytes in the body of function ${i}`, bodySize, ModuleLimits.functionBytes, bodyStart)
          const type = m.types[functionTypes[i]]
          if (type === undefined) reject('malformed', `function type index ${functionTypes[i]} out of range`, bodyStart)
          const shape = analyzeBody(body, { type, types: m.types, functionTypes: allFunctionTypes })
          costInputs.instructions += shape.instructions
          m.bodies.push({ start: bodyStart, end: bodyStart + bodySize, bodyStart, typeIndex: functionTypes[i], locals: shape.locals, maxHeight: shape.maxHeight })
          s.pos = bodyStart + bodySize
        }
      } break
      case 11: {
        const n = s.u32()
        limit('data-segments', 'data segments', n, ModuleLimits.dataSegments, start)
        costInputs.dataSegments = n
        for (let i = 0; i < n; i++) {
          const flags = s.u32()
          if (flags !== 0) reject('bulk-memory', `data segment kind ${flags} (only active segments of memory 0)`, s.pos)
          constExpr(s)
          costInputs.dataSegmentBytes += s.take(s.u32()).length
        }
        // Soroban refuses more data than the initial memory holds ("data segments exceed memory size").
        limit('data-segments', 'bytes of data segments for the initial memory', costInputs.dataSegmentBytes, (m.memory?.min ?? 0) * 65536, start)
      } break
    }
    if (s.pos !== end) reject('malformed', `section ${id} has ${end - s.pos} trailing bytes`, s.pos)
    r.pos = end
  }
  if (functionTypes.length !== m.bodies.length) reject('malformed', 'function section without code')
  for (const t of allFunctionTypes) if (m.types[t] === undefined) reject('malformed', `function type index ${t} out of range`)
  Object.assign(costInputs, {
    functions: functionTypes.length, globals: m.globalCount, tableEntries, types: m.types.length,
    imports: m.imports.length, exports: m.exports.size, memoryPages: m.memory?.min ?? 0,
  })
  return m
}
