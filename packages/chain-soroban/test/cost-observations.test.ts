/**
 * Replays the real Soroban host's recorded budget observations (rs-soroban-env
 * 28.0.2's own tests, shared/fixtures/soroban-observations) against this
 * host's cost model: every host-function call whose inputs the step key
 * determines is run on a fresh invocation, in file order, and its CPU and
 * memory deltas are compared with the recorded ones. Steps that cannot be set
 * up here (objects built by the Rust test itself, observer-internal nested
 * calls, host functions this host lacks, contract invocations) are counted as
 * skipped, with the reason.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { xdr } from '@stellar/stellar-base'
import { SorobanHost } from '../src/host.ts'
import type { CostParamsJson } from '../src/cost/params.ts'
import { chargeClone, SIZE } from '../src/cost/host-fns.ts'
import { CostType } from '../src/cost/types.ts'
import { HOST_FUNCTIONS } from '../src/env/interface.ts'
import type { HostFunctionSpec } from '../src/env/types.ts'
import { HostError } from '../src/errors.ts'
import type { Invocation } from '../src/host/invocation.ts'
import { HOST_IMPLEMENTATIONS } from '../src/host/functions/index.ts'
import { boolVal, i32Val, isObjectTag, tagOf, u32Val, VOID } from '../src/val.ts'
import { replayContractFile, sharedWasms, splitArgs, type ContractFileResult } from './observation-replay.ts'

const here = dirname(fileURLToPath(import.meta.url))
const DIR = process.env.SOROBAN_OBSERVATIONS_DIR ?? resolve(here, '../../../../shared/fixtures/soroban-observations')
const WASM_DIR = process.env.SOROBAN_WASM_DIR ?? resolve(here, '../../../../shared/fixtures/soroban-wasm')
const present = existsSync(DIR)

interface Figures { cpu: number, mem: number }
interface StepResult { file: string, step: string, expected: Figures, actual?: Figures, skip?: string }

const SPECS = new Map<string, HostFunctionSpec>()
for (const f of HOST_FUNCTIONS) if (!SPECS.has(f.name) || f.maxProtocol > (SPECS.get(f.name) as HostFunctionSpec).maxProtocol) SPECS.set(f.name, f)

class Unreconstructable extends Error {}

/** One argument of a step key as an absolute Val (or a raw number), given the objects known so far. */
function argVal(h: Invocation, objs: Map<string, bigint>, token: string): bigint {
  const obj = /^\w+\(obj#(\d+)\)$/.exec(token)
  if (obj !== null) {
    const v = objs.get(obj[1])
    if (v === undefined) throw new Unreconstructable(`object #${obj[1]} was built by the Rust test itself`)
    return v
  }
  if (/^-?\d+$/.test(token)) return BigInt(token)
  const m = /^(\w+)\((.*)\)$/.exec(token)
  if (token === 'Void') return VOID
  if (token === 'True' || token === 'Bool(true)') return boolVal(true)
  if (token === 'False' || token === 'Bool(false)') return boolVal(false)
  if (m === null) throw new Unreconstructable(`argument ${token}`)
  const [, kind, body] = m
  switch (kind) {
    case 'U32': return u32Val(Number(body))
    case 'I32': return i32Val(Number(body))
    case 'U64': return h.store.intVal('u64', BigInt(body))
    case 'I64': return h.store.intVal('i64', BigInt(body))
    case 'U128': return h.store.intVal('u128', BigInt(body))
    case 'I128': return h.store.intVal('i128', BigInt(body))
    case 'U256': return h.store.intVal('u256', BigInt(body))
    case 'I256': return h.store.intVal('i256', BigInt(body))
    case 'Timepoint': return h.store.intVal('timepoint', BigInt(body))
    case 'Duration': return h.store.intVal('duration', BigInt(body))
    case 'Symbol': if (/^[A-Za-z0-9_]{0,9}$/.test(body)) return h.store.symbolVal(body)
  }
  throw new Unreconstructable(`argument ${token}`)
}

/**
 * The Rust host's native-only constructors (EnvBase: slices from the test's
 * own memory), which charge the copy of the slice and the new object slot.
 */
const NATIVE: Record<string, (h: Invocation, args: string[]) => bigint> = {
  bytes_new_from_slice: (h, [n]) => { chargeClone(h.budget, SIZE.U8, Number(n)); return h.store.alloc({ kind: 'bytes', value: new Uint8Array(Number(n)) }) },
  string_new_from_slice: (h, [n]) => { chargeClone(h.budget, SIZE.U8, Number(n)); return h.store.alloc({ kind: 'string', value: new Uint8Array(Number(n)).fill(97) }) },
  symbol_new_from_slice: (h, [n]) => {
    if (Number(n) <= 9) throw new Unreconstructable('short symbol: contents unknown')
    h.budget.cost(CostType.MemCmp, Number(n)) // checked as a Symbol, then copied
    chargeClone(h.budget, SIZE.U8, Number(n))
    return h.store.alloc({ kind: 'symbol', value: 'a'.repeat(Number(n)) })
  },
  vec_new_from_slice: (h, [n]) => {
    if (Number(n) !== 0) throw new Unreconstructable('slice elements are not in the key')
    chargeClone(h.budget, SIZE.Val, 0)
    return h.store.alloc({ kind: 'vec', value: [] })
  },
  bytes_copy_to_slice: (h, [b, , n]) => {
    h.store.get(BigInt(b))
    h.budget.cost(CostType.MemCpy, Number(n))
    return VOID
  },
}

function parseFigures(v: string, prev: Figures): Figures {
  const cpu = /(?:^|[ ,])cpu:(\d+)/.exec(v)
  const mem = /(?:^|[ ,])mem:(\d+)/.exec(v)
  return { cpu: cpu === null ? prev.cpu : Number(cpu[1]), mem: mem === null ? prev.mem : Number(mem[1]) }
}

function replayFile(file: string): StepResult[] {
  const entries = Object.entries(JSON.parse(readFileSync(resolve(DIR, file), 'utf8')) as Record<string, string>)
  const host = new SorobanHost({ cpuLimit: Number.MAX_SAFE_INTEGER, memLimit: Number.MAX_SAFE_INTEGER })
  const h = (host as unknown as { invocation: () => Invocation }).invocation()
  const objs = new Map<string, bigint>()
  opaque.clear()
  const results: StepResult[] = []
  let fig: Figures = { cpu: 0, mem: 0 }
  // The open top-level call: its key, the figures when it started, and whether nested calls happened inside.
  let open: { key: string, start: Figures, nested: boolean, depth: number } | undefined
  for (const [rawKey, value] of entries) {
    const key = rawKey.replace(/^\s*\d+ /, '')
    const next = parseFigures(value, fig)
    if (key.startsWith('call ')) {
      if (open === undefined) open = { key, start: next, nested: false, depth: 1 }
      else { open.nested = true; open.depth++ }
    } else if (key.startsWith('ret ') && open !== undefined) {
      open.depth--
      if (open.depth === 0) {
        const expected = { cpu: next.cpu - open.start.cpu, mem: next.mem - open.start.mem }
        results.push(runStep(h, objs, file, open.key, key, expected, open.nested))
        open = undefined
      }
    }
    fig = next
  }
  return results
}

/** Host functions whose cost or outcome depends on the bytes of their arguments, not only their lengths. */
const CONTENT_DEPENDENT = /^(verify_sig_|recover_key_|deserialize_from_bytes|bls12_381_|bn254_|string_to_|bytes_to_string|symbol_index)/
/** Objects from slices whose contents the key leaves out (bytes_new_from_slice(n) …). */
const opaque = new Set<string>()

function runStep(h: Invocation, objs: Map<string, bigint>, file: string, callKey: string, retKey: string, expected: Figures, nested: boolean): StepResult {
  const m = /^call (\w+)\((.*)\)$/.exec(callKey)
  const step = `${callKey} → ${retKey.replace(/^ret \w+ -> /, '')}`
  const skip = (why: string): StepResult => ({ file, step, expected, skip: why })
  if (m === null) return skip('unparsed key')
  const [, name, argText] = m
  if (nested) return skip('nested calls inside (the observer or a contract)')
  if (/Err\(Error\(Budget, ExceededLimit\)\)/.test(retKey)) return skip('budget exhausted under the Rust test\'s own limits (not in the key)')
  if (CONTENT_DEPENDENT.test(name) && [...argText.matchAll(/obj#(\d+)/g)].some((o) => opaque.has(o[1]))) return skip('depends on byte contents the key does not give')
  const spec = SPECS.get(name)
  const native = NATIVE[name]
  if (native === undefined && (spec === undefined || HOST_IMPLEMENTATIONS[name] === undefined)) return skip(`host function ${name} not provided by this host`)
  if (['call', 'try_call', 'create_contract', 'upload_wasm', 'put_contract_data', 'get_contract_data', 'has_contract_data', 'del_contract_data', 'extend_contract_data_ttl', 'contract_event', 'fail_with_error'].includes(name)) {
    return skip('needs contract, storage or event state of the Rust test')
  }
  const tokens = splitArgs(argText)
  const before = { cpu: h.budget.cpu, mem: h.budget.mem }
  let result: bigint | undefined
  let failed = false
  try {
    if (native !== undefined) {
      const args = tokens.map((t) => (/^\w+\(obj#\d+\)$/.test(t) ? argVal(h, objs, t).toString() : t))
      result = native(h, args)
    } else {
      const args = tokens.map((t) => argVal(h, objs, t))
      // Building the arguments is the Rust test's work, not the call's.
      before.cpu = h.budget.cpu
      before.mem = h.budget.mem
      result = BigInt.asUintN(64, h.callHostFunction(spec as HostFunctionSpec, args))
    }
  } catch (e) {
    if (e instanceof Unreconstructable) return skip(e.message)
    if (!(e instanceof HostError)) return skip(`this host fails: ${(e as Error).message}`)
    failed = true
  }
  const actual = { cpu: h.budget.cpu - before.cpu, mem: h.budget.mem - before.mem }
  const okExpected = /-> Ok\(/.test(retKey)
  if (okExpected === failed) return { file, step, expected, actual, skip: undefined, ...{ outcome: `outcome differs: recorded ${okExpected ? 'Ok' : 'Err'}, here ${failed ? 'Err' : 'Ok'}` } }
  const made = /-> Ok\(\w+\(obj#(\d+)\)\)$/.exec(retKey)
  if (made !== null && result !== undefined && isObjectTag(tagOf(result))) {
    objs.set(made[1], result)
    if (native !== undefined) opaque.add(made[1])
    else opaque.delete(made[1])
  }
  return { file, step, expected, actual }
}

/** Files are replayed in name order; contract-invoking files (`push VM:`) are not (see the report). */
function nativeFiles(): { files: string[], contract: number } {
  const all = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  const files: string[] = []
  let contract = 0
  for (const f of all) {
    if (readFileSync(resolve(DIR, f), 'utf8').includes('push VM:')) contract++
    else files.push(f)
  }
  return { files, contract }
}

/** Totals of the host-function replay, for the combined figure. */
const totals = { hostExact: 0, hostReplayed: 0 }

/**
 * The contract-invoking files (`push VM:`) whose contracts are all among the
 * shared ones, each replayed whole (no sampling): set-up, calls, and every
 * step of the frames compared within its frame (see observation-replay.ts).
 */
function replayContractFiles(): ContractFileResult[] {
  const wasms = sharedWasms(WASM_DIR)
  const out: ContractFileResult[] = []
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.json')).sort()) {
    const text = readFileSync(resolve(DIR, f), 'utf8')
    if (!text.includes('push VM:')) continue
    out.push(replayContractFile(f, text, {
      newHost: () => new SorobanHost({ moduleCache: 'none', cpuLimit: Number.MAX_SAFE_INTEGER, memLimit: Number.MAX_SAFE_INTEGER }),
      specs: SPECS, wasms, argVal,
    }))
  }
  return out
}

describe.skipIf(!present)('cost model against the real host\'s recorded budget observations', () => {
  it('matches the recorded CPU and memory of every replayable host-function call', () => {
    const { files, contract } = nativeFiles()
    const steps = files.flatMap(replayFile)
    const replayed = steps.filter((s) => s.skip === undefined)
    const exact = replayed.filter((s) => s.actual !== undefined && s.actual.cpu === s.expected.cpu && s.actual.mem === s.expected.mem && !('outcome' in s))
    const lines: string[] = []
    const byFile = new Map<string, StepResult[]>()
    for (const s of replayed) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s])
    for (const [file, list] of byFile) {
      const ok = list.filter((s) => exact.includes(s)).length
      lines.push(`${file}: ${ok}/${list.length}`)
      for (const s of list) {
        if (exact.includes(s)) continue
        const why = 'outcome' in s ? String((s as { outcome: string }).outcome) : 'cost differs'
        lines.push(`  ${s.step}: recorded cpu ${s.expected.cpu} mem ${s.expected.mem}, here cpu ${s.actual?.cpu} mem ${s.actual?.mem} (${why})`)
      }
    }
    const skipped = new Map<string, number>()
    for (const s of steps) if (s.skip !== undefined) skipped.set(s.skip.replace(/#\d+/, '#n').replace(/host function \w+/, 'host function …'), (skipped.get(s.skip.replace(/#\d+/, '#n').replace(/host function \w+/, 'host function …')) ?? 0) + 1)
    lines.push(`exact ${exact.length}/${replayed.length} replayed steps from ${byFile.size} files (${files.length} host-function files read; ${contract} contract-invoking files not replayed)`)
    for (const [why, n] of [...skipped].sort((a, b) => b[1] - a[1])) lines.push(`skipped ${n}: ${why}`)
    console.log(lines.join('\n'))
    totals.hostExact = exact.length
    totals.hostReplayed = replayed.length
    expect(replayed.length).toBeGreaterThan(1000)
    expect(exact.length / replayed.length).toBeGreaterThanOrEqual(0.95)
  })

  it.skipIf(!existsSync(WASM_DIR))('replays the contract-invoking files whose contracts are shared, step by step within each frame', () => {
    const results = replayContractFiles()
    const lines: string[] = []
    let compared = 0
    let exact = 0
    let files = 0
    const unshared = results.filter((r) => r.notReplayed?.includes('not among the shared contracts'))
    for (const r of results) {
      if (unshared.includes(r)) continue
      files++
      const ok = r.steps.filter((s) => s.why === undefined)
      compared += r.steps.length
      exact += ok.length
      lines.push(`${r.file}: ${ok.length}/${r.steps.length} exact (${r.folded} steps the Rust host makes internally folded into the next shared step)${r.notReplayed !== undefined ? `; stopped ${r.notReplayed}` : ''}`)
      for (const s of r.steps) {
        if (s.why === undefined) continue
        lines.push(`  ${s.step}: recorded cpu ${s.expected.cpu} mem ${s.expected.mem}, here cpu ${s.actual?.cpu} mem ${s.actual?.mem} (${s.why})`)
      }
    }
    const allExact = exact + totals.hostExact
    const allReplayed = compared + totals.hostReplayed
    lines.push(`contract files: exact ${exact}/${compared} steps from ${files} files (${unshared.length} contract-invoking files use contracts that are not shared; not replayed)`)
    lines.push(`host-function files: exact ${totals.hostExact}/${totals.hostReplayed}; together: exact ${allExact}/${allReplayed} (${(100 * allExact / Math.max(1, allReplayed)).toFixed(1)} %)`)
    console.log(lines.join('\n'))
    expect(files).toBeGreaterThanOrEqual(20)
    expect(compared).toBeGreaterThan(3000)
    // Every step whose charges are modelled exactly (native calls, uploads with their storage-map work,
    // VM instantiation by shape, wasm fuel, host functions called from wasm) must keep matching; see the
    // differing steps above for the rest.
    expect(exact / compared).toBeGreaterThanOrEqual(0.95)
    // Uploads (the check VM, the import-symbol sets, the code key and entry, the recording storage maps'
    // lookups and inserts by their size): all but the few whose storage state the trace leaves out.
    const uploads = results.flatMap((r) => (unshared.includes(r) ? [] : r.steps.filter((s) => /^\d+ ret upload_wasm /.test(s.step))))
    expect(uploads.length).toBeGreaterThan(700)
    expect(uploads.filter((s) => s.why === undefined).length / uploads.length).toBeGreaterThanOrEqual(0.99)
    if (totals.hostReplayed > 0) expect(allExact / allReplayed).toBeGreaterThanOrEqual(0.95)
  })
})

if (!present) console.log(`cost-observations: fixtures not found at ${DIR}; skipped`)

describe('cost parameters are data', () => {
  const wasm = readFileSync(resolve(here, '../../../examples/soroban/hello.wasm'))
  const run = (options: ConstructorParameters<typeof SorobanHost>[0]): number => {
    const host = new SorobanHost(options)
    const { address } = host.deploy(wasm)
    const r = host.invoke(address, 'hello', [xdr.ScVal.scvSymbol('world')])
    expect(r.status).toBe('success')
    return r.cpuInsns
  }

  it('charges by the parameter set passed to the host, in the spec file\'s JSON shape', () => {
    const base = run({})
    const free = run({ costParams: { costTypes: { WasmInsnExec: { cpu: { const: 0, lin: 0 }, mem: { const: 0, lin: 0 } }, DispatchHostFunction: { cpu: { const: 0, lin: 0 }, mem: { const: 0, lin: 0 } } } } })
    const dear = run({ costParams: { costTypes: { WasmInsnExec: { cpu: { const: 8, lin: 0 }, mem: { const: 0, lin: 0 } } } } })
    expect(free).toBeLessThan(base)
    // Twice the CPU per unit of fuel: the wasm part of the bill doubles, the rest is unchanged.
    expect(dear - base).toBeGreaterThan(0)
    expect(dear - base).toBe(base - run({ costParams: { costTypes: { WasmInsnExec: { cpu: { const: 0, lin: 0 }, mem: { const: 0, lin: 0 } } } } }))
    expect(() => new SorobanHost({ costParams: { costTypes: { NoSuchType: { cpu: { const: 1, lin: 0 }, mem: { const: 0, lin: 0 } } } } })).toThrow(/unknown cost type/)
  })

  it('reads the spec file itself', () => {
    const spec = resolve(here, '../../../../shared/spec/soroban-cost-params.json')
    if (!existsSync(spec)) return
    expect(run({ costParams: JSON.parse(readFileSync(spec, 'utf8')) as CostParamsJson })).toBe(run({}))
  })
})
