/**
 * Replay of the real host's recorded traces that invoke contracts
 * (`push VM:<hash>:<fn>(args)` … `pop`): the test's own top-level host calls
 * are made here in file order (uploads and creations of the shared contracts
 * whose sha256 prefix the `push VM:` steps name, calls with the arguments the
 * pushed frame received), every step this host makes is recorded through the
 * invocation's step observer, and the two traces are aligned step by step.
 *
 * A recorded step is compared when this host made the same step (kind and
 * function): its CPU and memory deltas since the previous step both traces
 * share must be equal. Steps the Rust host makes internally through its own
 * `Env` interface (`obj_cmp` while matching auth, `get_ledger_network_id`
 * in `create_contract`, `symbol_len` of a Symbol object function name …)
 * have no counterpart here: they are folded into the next shared step, whose
 * delta then covers them. Where the figures reset (the Rust test resets its
 * budget), the step after the reset is not compared.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { createHash } from 'node:crypto'
import type { SorobanHost } from '../src/host.ts'
import { chargeClone, SIZE } from '../src/cost/host-fns.ts'
import { CostType } from '../src/cost/types.ts'
import type { HostFunctionSpec } from '../src/env/types.ts'
import { HostError } from '../src/errors.ts'
import type { Invocation } from '../src/host/invocation.ts'
import { StrKey } from '@stellar/stellar-base'

export interface Figures { cpu: number, mem: number }
export interface Step { index: number, key: string, kind: 'call' | 'ret' | 'push' | 'pop' | 'other', name: string, args: string, fig: Figures, reset: boolean, top?: boolean, opaque?: boolean }
export interface ContractStepResult { file: string, step: string, expected: Figures, actual?: Figures, why?: string }
export interface ContractFileResult { file: string, steps: ContractStepResult[], folded: number, notReplayed?: string }

/** Shared contract files by sha256 (hex). */
export function sharedWasms(dir: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>()
  for (const p of readdirSync(dir)) {
    if (!/^\d+$/.test(p)) continue
    for (const f of readdirSync(resolve(dir, p))) {
      if (!f.endsWith('.wasm')) continue
      const bytes = readFileSync(resolve(dir, p, f))
      out.set(createHash('sha256').update(bytes).digest('hex'), new Uint8Array(bytes))
    }
  }
  return out
}

export function parseSteps(text: string): Step[] {
  // Keys are `<index> <step>`; past step 9999 the file's own order (by key text) is not the step order.
  const entries = Object.entries(JSON.parse(text) as Record<string, string>)
    .map(([k, v]) => [Number(/^\s*(\d+)/.exec(k)?.[1] ?? 0), k, v] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, k, v]) => [k, v] as const)
  const steps: Step[] = []
  let fig: Figures = { cpu: 0, mem: 0 }
  for (const [raw, value] of entries) {
    const m = /^\s*(\d+) (.*)$/.exec(raw)
    const key = m === null ? raw : m[2]
    const cpu = /(?:^|[ ,])cpu:(\d+)/.exec(value)
    const mem = /(?:^|[ ,])mem:(\d+)/.exec(value)
    const next = { cpu: cpu === null ? fig.cpu : Number(cpu[1]), mem: mem === null ? fig.mem : Number(mem[1]) }
    // CPU is never refunded: a lower figure is the Rust test resetting its budget (memory is given back at frame ends).
    const reset = next.cpu < fig.cpu
    fig = next
    let kind: Step['kind'] = 'other'
    let name = ''
    let args = ''
    let km: RegExpExecArray | null
    if ((km = /^call (\w+)\((.*)\)$/.exec(key)) !== null) { kind = 'call'; name = km[1]; args = km[2] }
    else if ((km = /^ret (\w+) -> (.*)$/.exec(key)) !== null) { kind = 'ret'; name = km[1]; args = km[2] }
    else if ((km = /^push VM:([0-9a-f]+):([\w#]+)\((.*)\)$/.exec(key)) !== null) { kind = 'push'; name = km[2]; args = `${km[1]}|${km[3]}` }
    else if ((km = /^pop VM:([0-9a-f]+):([\w#]+) -> (.*)$/.exec(key)) !== null) { kind = 'pop'; name = km[2]; args = km[3] }
    steps.push({ index: Number(m?.[1] ?? steps.length), key, kind, name, args, fig, reset })
  }
  return steps
}

/** Splits `a, B(c, d), e` at top-level commas. */
export function splitArgs(s: string): string[] {
  const out: string[] = []
  let depth = 0
  let cur = ''
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++
    if (ch === ')' || ch === ']') depth--
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue }
    cur += ch
  }
  if (cur.trim() !== '') out.push(cur.trim())
  return out
}

class NotReplayable extends Error {}

interface Ours { kind: string, name: string, fig: Figures }

export interface ReplayDeps {
  newHost: () => SorobanHost
  specs: Map<string, HostFunctionSpec>
  wasms: Map<string, Uint8Array>
  /** An argument token as an absolute Val, given the objects known so far (throws for unknown ones). */
  argVal: (h: Invocation, objs: Map<string, bigint>, token: string) => bigint
}

/** Replays one contract-invoking file; `undefined` steps when it cannot be set up here. */
export function replayContractFile(file: string, text: string, deps: ReplayDeps): ContractFileResult {
  const steps = parseSteps(text)
  const pushed = new Set(steps.filter((s) => s.kind === 'push').map((s) => s.args.split('|')[0]))
  const hashes = [...deps.wasms.keys()]
  for (const p of pushed) if (!hashes.some((h) => h.startsWith(p))) return { file, steps: [], folded: 0, notReplayed: `contract ${p} is not among the shared contracts` }
  const host = deps.newHost()
  const h = (host as unknown as { invocation: () => Invocation }).invocation()
  const ours: Ours[] = []
  // Which recorded step each of ours answers (by position in `steps`), filled as the top-level calls run.
  const objs = new Map<string, bigint>()
  const fig = (): Figures => ({ cpu: h.budget.cpu, mem: h.budget.mem })
  // The top-level calls are recorded by runTop itself (around the native entry's object checks).
  let level = 0
  h.observer = {
    step: (kind, name) => {
      if (kind === 'call' && level++ === 0) return
      if (kind === 'ret' && --level === 0) return
      ours.push({ kind, name, fig: fig() })
    },
  }
  const uploadQueue = [...pushed].map((p) => hashes.find((x) => x.startsWith(p)) as string)
  let notReplayed: string | undefined
  let lastTop = -1
  // Walk the top-level calls.
  let depth = 0
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]
    if (s.kind === 'call' || s.kind === 'push') depth++
    if (s.kind === 'ret' || s.kind === 'pop') depth--
    if (!(s.kind === 'call' && depth === 1)) continue
    s.top = true
    // Where a new instance key sorts in the storage and footprint maps (so the comparisons its
    // insertion charges) depends on the salt's bytes, which the key leaves out.
    if (/^create_contract/.test(s.name)) {
      const ret = steps.slice(i + 1).find((t) => t.kind === 'ret' && t.name === s.name)
      if (ret !== undefined) ret.opaque = true
    }
    if (/^(vec_new_from_slice|map_new_from_slices)$/.test(s.name) && s.args !== '0') {
      const ret = steps.slice(i + 1).find((t) => t.kind === 'ret' && t.name === s.name)
      if (ret !== undefined) ret.opaque = true
    }
    // The matching top-level ret.
    let d = 1
    let j = i + 1
    for (; j < steps.length; j++) {
      const t = steps[j]
      if (t.kind === 'call' || t.kind === 'push') d++
      if (t.kind === 'ret' || t.kind === 'pop') d--
      if (d === 0) break
    }
    if (j >= steps.length) break
    try {
      runTop(h, deps, objs, steps, i, j, uploadQueue, ours, fig)
    } catch (e) {
      notReplayed = `from step ${s.index} (${s.key}): ${e instanceof NotReplayable ? '' : 'this host fails: '}${(e as Error).message}`
      break
    }
    lastTop = j
    depth = 0
    i = j
  }
  h.observer = undefined
  const recorded = steps.slice(0, lastTop + 1).filter((s) => s.kind !== 'other')
  return { file, ...compare(file, recorded, ours), notReplayed }
}

function wasmFor(deps: ReplayDeps, size: number, queue: string[]): Uint8Array | undefined {
  const i = queue.findIndex((x) => deps.wasms.get(x)?.length === size)
  if (i >= 0) return deps.wasms.get(queue[i])
  for (const w of deps.wasms.values()) if (w.length === size) return w
  return undefined
}

function runTop(h: Invocation, deps: ReplayDeps, objs: Map<string, bigint>, steps: Step[], i: number, j: number, queue: string[], ours: Ours[], fig: () => Figures): void {
  const s = steps[i]
  const ret = steps[j]
  const tokens = splitArgs(s.args)
  const record = (kind: string): void => { ours.push({ kind, name: s.name, fig: fig() }) }
  const keep = (v: bigint): void => {
    const made = /^Ok\(\w+\(obj#(\d+)\)\)$/.exec(ret.args)
    if (made !== null) objs.set(made[1], v)
  }
  const obj = (token: string, kind: string): bigint => {
    const m = /^\w+\(obj#(\d+)\)$/.exec(token)
    if (m === null) return deps.argVal(h, objs, token)
    let v = objs.get(m[1])
    if (v === undefined && (kind === 'Vec' || kind === 'Map')) {
      // A collection the Rust test made itself (untraced): empty, as `HostVec::new()` / `HostMap::new()`.
      v = h.store.alloc(kind === 'Vec' ? { kind: 'vec', value: [] } : { kind: 'map', keys: [], values: [] })
      objs.set(m[1], v)
    }
    if (v === undefined && kind === 'Address') {
      // An address the Rust test made itself (untraced): an account of its own.
      const key = new Uint8Array(32)
      key[0] = Number(m[1]) & 0xff
      key[1] = Number(m[1]) >> 8
      v = h.store.alloc({ kind: 'address', value: StrKey.encodeEd25519PublicKey(Buffer.from(key)) })
      objs.set(m[1], v)
    }
    if (v === undefined) throw new NotReplayable(`object #${m[1]} was built by the Rust test itself`)
    return v
  }
  switch (s.name) {
    case 'bytes_new_from_slice': {
      const n = Number(tokens[0])
      const wasm = wasmFor(deps, n, queue)
      const content = wasm ?? new Uint8Array(n).map((_, k) => (k + objs.size) & 0xff)
      record('call')
      chargeClone(h.budget, SIZE.U8, n)
      const v = h.store.alloc({ kind: 'bytes', value: content.slice() })
      record('ret')
      keep(v)
      return
    }
    case 'vec_new_from_slice': case 'symbol_new_from_slice': {
      // Contents are not in the key; a following call takes its arguments from the pushed frame.
      const n = Number(tokens[0])
      record('call')
      if (s.name === 'vec_new_from_slice') { chargeClone(h.budget, SIZE.Val, n); keep(h.store.alloc({ kind: 'vec', value: new Array<bigint>(n).fill(2n) })) }
      else { h.budget.cost(CostType.MemCmp, n); chargeClone(h.budget, SIZE.U8, n); keep(h.store.alloc({ kind: 'symbol', value: 'a'.repeat(n) })) }
      record('ret')
      return
    }
    case 'call': case 'try_call': {
      const push = steps.slice(i + 1, j).find((t) => t.kind === 'push')
      if (push === undefined) throw new NotReplayable('a call without a contract frame')
      const [hash, argText] = push.args.split('|')
      const contract = obj(tokens[0], 'Address')
      let fn = push.name
      if (fn.startsWith('sym#')) {
        const full = [...deps.wasms.keys()].find((x) => x.startsWith(hash)) as string
        const sym = /obj#(\d+)/.exec(tokens[1])
        const len = [...steps.slice(i, j)].find((t) => t.name === 'symbol_len' && t.kind === 'ret')?.args.match(/U32\((\d+)\)/)?.[1]
        const compiled = (h.env.compile(h.env.upload(deps.wasms.get(full) as Uint8Array)))
        const names = [...compiled.exports.keys()].filter((x) => x.length === Number(len))
        if (names.length !== 1 || sym === null) throw new NotReplayable(`function name of ${push.name} not determined`)
        fn = names[0]
        const symObj = objs.get(sym[1])
        if (symObj !== undefined) { const o = h.store.get(symObj); if (o.kind === 'symbol') (o as { value: string }).value = fn }
      }
      const args = splitArgs(argText).map((t) => obj(t, ''))
      const fnVal = /^Symbol\(obj#/.test(tokens[1]) ? obj(tokens[1], '') : h.store.symbolVal(fn)
      const vec = h.store.alloc({ kind: 'vec', value: args })
      const spec = deps.specs.get(s.name) as HostFunctionSpec
      record('call')
      try {
        h.callHostFunction(spec, [contract, fnVal, vec])
      } catch (e) {
        if (!(e instanceof HostError)) throw e
      }
      record('ret')
      return
    }
  }
  const spec = deps.specs.get(s.name)
  if (spec === undefined) throw new NotReplayable(`host function ${s.name}`)
  const args = tokens.map((t) => obj(t, /^(\w+)\(obj#/.exec(t)?.[1] ?? ''))
  record('call')
  try {
    keep(h.callHostFunction(spec, args))
  } catch (e) {
    if (!(e instanceof HostError)) throw e
  }
  record('ret')
}

function depthOf(recorded: Step[], r: Step): number {
  let d = 0
  for (const s of recorded) {
    if (s === r) return d
    if (s.kind === 'call' || s.kind === 'push') d++
    if (s.kind === 'ret' || s.kind === 'pop') d--
  }
  return d
}

/** Why a step's figures differ: the parts of the contract path this host charges approximately. */
function differenceReason(r: Step, depth: number): string {
  if (r.kind === 'ret' && r.name === 'upload_wasm') return 'upload: code the Rust test stored outside the trace (a `push UploadContractWasm` frame) or other keys\' comparisons when the storage maps are rebuilt, which this host does not model'
  if (r.kind === 'ret' && /^create_contract/.test(r.name)) return 'creation: the instance write, footprint map and deployer auth are charged by this host\'s simpler storage and auth charges'
  if (r.kind === 'push') return 'frame set-up: parse and instantiation are by module shape; the instance and code lookups, frame push and argument handles are not charged as the real host does'
  if (r.kind === 'pop') return 'frame teardown: the trap/error escalation and result conversion are not charged as the real host does'
  if (r.kind === 'call' && depth > 0) return 'dispatch from wasm: the relative-handle conversion of the previous result is charged at another step'
  if (r.kind === 'ret' && depth > 1) return 'host function from wasm: object handles of the result and storage/event/auth internals differ'
  return 'cost differs'
}

/** Aligns the recorded steps with ours (same kind and function, in order) and compares the deltas. */
function compare(file: string, recorded: Step[], ours: Ours[]): { steps: ContractStepResult[], folded: number } {
  const out: ContractStepResult[] = []
  let folded = 0
  let j = 0
  let baseR: Figures | undefined
  let baseO: Figures | undefined
  const norm = (n: string): string => (n.startsWith('sym#') ? '' : n)
  for (const r of recorded) {
    let k = j
    const WINDOW = 64
    for (; k < ours.length && k < j + WINDOW; k++) {
      const o = ours[k]
      if (o.kind === r.kind && (norm(o.name) === norm(r.name) || r.kind === 'push' || r.kind === 'pop')) break
    }
    if (k >= ours.length || k >= j + WINDOW) { folded++; continue }
    const o = ours[k]
    j = k + 1
    // A top-level call's figures follow the Rust test's own (untraced) work: a new base, not compared.
    // So do the slice constructors whose elements the key leaves out (their cost depends on them).
    if (r.reset || r.top || baseR === undefined || baseO === undefined || r.opaque === true) { baseR = r.fig; baseO = o.fig; continue }
    const expected = { cpu: r.fig.cpu - baseR.cpu, mem: r.fig.mem - baseR.mem }
    const actual = { cpu: o.fig.cpu - baseO.cpu, mem: o.fig.mem - baseO.mem }
    const exact = expected.cpu === actual.cpu && expected.mem === actual.mem
    out.push({ file, step: `${r.index} ${r.key}`, expected, actual, why: exact ? undefined : differenceReason(r, depthOf(recorded, r)) })
    baseR = r.fig
    baseO = o.fig
  }
  return { steps: out, folded }
}
