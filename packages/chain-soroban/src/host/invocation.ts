/**
 * One top-level invocation: the object table, the frame stack, budget,
 * events and auth records. Contract frames run as fresh wasm instances; host
 * functions are generated from the env interface, which decodes and checks
 * every argument by its declared type before the implementation sees it.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { xdr } from '@stellar/stellar-base'
import type { Budget } from '../budget.ts'
import { AFTER, BEFORE, SIZE } from '../cost/host-fns.ts'
import { CostType } from '../cost/types.ts'
import type { HostFunctionSpec } from '../env/types.ts'
import { ErrorCode, ErrorType, HostError, InvalidContractModuleError } from '../errors.ts'
import type { LedgerInfo, SorobanLedger } from '../ledger.ts'
import { CALL_DEPTH_LIMIT, DEPTH_EXPORT, FUEL_EXPORT, GROW_EXPORT, STACK_EXPORT } from '../wasm/instrument.ts'
import { CONTRACT_FRAME_UNITS, STACK_UNIT_LIMIT } from '../wasm/stack.ts'
import { instantiate, isGlobal, isMemory, isTrap, type WasmImports } from '../wasm/engine.ts'
import { AuthManager, type AuthFunction, type AuthMode, type RecordedAuth } from './auth.ts'
import type { CompiledContract } from './compiled.ts'
import { chargeInstantiation, chargeParse } from './load-cost.ts'
import { newFrame, type Frame } from './frame.ts'
import { HOST_IMPLEMENTATIONS, type Arg } from './functions/index.ts'
import { instanceKey, resolveWasmHash } from './functions/storage.ts'
import { RecordingStorage } from './recording-storage.ts'
import { KIND_OF_TAG, OBJECT_TAGS, badHandle, type HostObject, type ObjectKind } from './objects.ts'
import { ObjectStore, typeError, valueError } from './store.ts'
import { runAssetContract } from '../sac/contract.ts'
import type { ChaChaRng } from './functions/prng.ts'
import {
  boolVal, decodeSymbolSmall, errorVal, isObjectTag, majorOf, minorOf, objectVal, Tag, tagOf, u32Val, VOID,
} from '../val.ts'

/** Contract call depth Soroban allows (DEFAULT_HOST_DEPTH_LIMIT). */
export const MAX_CONTRACT_DEPTH = 100

/** An event; `type` is `system` for the host's own (e.g. `executable_update`). */
export interface ContractEvent { contractId: string, topics: xdr.ScVal[], data: xdr.ScVal, type?: 'contract' | 'system' }
export interface DiagnosticEvent { contractId: string, message: string, args: xdr.ScVal[] }
export type { AuthInvocation, AuthMode, RecordedAuth } from './auth.ts'

export interface InvocationEnv {
  ledger: SorobanLedger
  info: LedgerInfo
  networkId: Uint8Array
  auth: AuthMode
  compile: (wasmHash: string) => CompiledContract
  upload: (wasm: Uint8Array) => string
  /** The base PRNG frames draw their seeds from (functions/prng.ts); a zero seed when absent. */
  prng?: ChaChaRng
  /**
   * Whether parsed modules are kept between contract frames: `'invocation'`
   * (default: a module is parsed — ParseWasm* — once per invocation, as the
   * host's per-transaction module cache does) or `'none'` (parsed again on every
   * frame, as the Rust host without a module cache, e.g. in its own tests).
   */
  moduleCache?: 'invocation' | 'none'
}

const OBJECT_ARG_KINDS: Record<string, ObjectKind> = {
  U64Object: 'u64', I64Object: 'i64', TimepointObject: 'timepoint', DurationObject: 'duration', U128Object: 'u128',
  I128Object: 'i128', U256Object: 'u256', I256Object: 'i256', BytesObject: 'bytes', StringObject: 'string',
  SymbolObject: 'symbol', VecObject: 'vec', MapObject: 'map', AddressObject: 'address', MuxedAddressObject: 'muxed', ExecutableTagObject: 'executable_tag',
}
const NUMERIC_ARG_KINDS = { U64Val: 'u64', U256Val: 'u256', I256Val: 'i256', I64Val: 'i64' } as const

const TRAP_CODES: [RegExp, number][] = [
  [/out of bounds|index out of range|data segment|table index/i, ErrorCode.IndexBounds],
  [/divide by zero|remainder by zero|integer overflow|unrepresentable|division/i, ErrorCode.ArithDomain],
  // V8 reports a null table entry and a signature mismatch with one message; Soroban: MissingValue / UnexpectedType.
  [/null function|signature mismatch|indirect call/i, ErrorCode.UnexpectedType],
]

const stackExhausted = (): HostError =>
  new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `wasm stack of ${STACK_UNIT_LIMIT} units exhausted`)

/**
 * Sees the steps the real host's budget observer records (rs-soroban-env's
 * `observations`): a host function's entry and return, a contract frame's
 * push (after instantiation) and pop. Only the replay of those traces uses it.
 */
export interface StepObserver {
  step(kind: 'call' | 'ret' | 'push' | 'pop', name: string): void
}

export class Invocation {
  /** See {@link StepObserver}; undefined outside trace replays. */
  observer: StepObserver | undefined = undefined
  readonly budget: Budget
  readonly store: ObjectStore
  readonly env: InvocationEnv
  readonly frames: Frame[] = []
  readonly events: ContractEvent[] = []
  readonly diagnostics: DiagnosticEvent[] = []
  /** Events of calls that failed and were rolled back (the host marks them as part of a failed call). */
  readonly failedEvents: ContractEvent[] = []
  readonly authManager: AuthManager
  /** The transaction's recording storage maps, as far as their charges go (see recording-storage.ts). */
  readonly recording: RecordingStorage
  /** Linear memory of failed nested frames, given back when the failure is handled or reaches the top. */
  private failedFrameMem = 0
  /** Stack units held by the frames below the next contract call (see wasm/stack.ts). */
  private stackUnits = 0
  /** Wasm hashes whose parse this invocation has paid for. */
  private readonly parsed = new Set<string>()

  constructor(env: InvocationEnv, budget: Budget) {
    this.env = env
    this.budget = budget
    this.store = new ObjectStore(budget)
    this.authManager = new AuthManager(this, env.auth)
    this.recording = new RecordingStorage(budget)
  }

  get auths(): RecordedAuth[] { return this.authManager.auths }

  get frame(): Frame {
    const f = this.frames[this.frames.length - 1]
    if (f === undefined) throw new HostError(ErrorType.Context, ErrorCode.InternalError, 'no contract frame')
    return f
  }

  get ledger(): SorobanLedger { return this.env.ledger }

  // ---- handles ----

  /** A Val from the contract, checked, with its handle made absolute. */
  toAbs(frame: Frame, raw: bigint): bigint {
    const v = BigInt.asUintN(64, raw)
    const tag = tagOf(v)
    if (isObjectTag(tag)) {
      const handle = majorOf(v)
      const abs = minorOf(v) === 0 ? frame.rel[handle] : undefined
      if (abs === undefined) throw badHandle(handle)
      if (OBJECT_TAGS[this.store.objects[abs].kind] !== tag) throw typeError(`handle ${handle} is not a ${KIND_OF_TAG[tag] ?? `tag ${tag}`}`)
      return objectVal(tag, abs)
    }
    const body = v >> 8n
    const ok = (tag <= Tag.Void && body === 0n) || ((tag === Tag.U32 || tag === Tag.I32) && minorOf(v) === 0) ||
      (tag === Tag.Error && minorOf(v) <= ErrorType.Auth) || (tag >= Tag.U64Small && tag <= Tag.I256Small) ||
      (tag === Tag.SymbolSmall && decodeSymbolSmall(v) !== undefined)
    if (!ok) throw valueError(`bad Val 0x${v.toString(16)} (tag ${tag})`)
    return v
  }

  /** An absolute Val as the contract in `frame` may see it. */
  toRel(frame: Frame, abs: bigint): bigint {
    const tag = tagOf(abs)
    if (!isObjectTag(tag)) return abs
    const handle = majorOf(abs)
    this.budget.cost(CostType.MemAlloc, SIZE.Object) // the host appends a relative-table entry every time
    let rel = frame.relOf.get(handle)
    if (rel === undefined) {
      rel = frame.rel.length
      frame.rel.push(handle)
      frame.relOf.set(handle, rel)
    }
    return objectVal(tag, rel)
  }

  // ---- linear memory ----

  memory(frame: Frame = this.frame): Uint8Array {
    if (frame.memory === undefined) throw new HostError(ErrorType.WasmVm, ErrorCode.MissingValue, 'the contract exports no memory')
    return new Uint8Array(frame.memory.buffer)
  }

  readMemory(pos: number, len: number): Uint8Array {
    const mem = this.memory()
    if (pos + len > mem.length) throw new HostError(ErrorType.WasmVm, ErrorCode.IndexBounds, `linear memory [${pos}, ${pos + len}) is out of bounds`)
    return mem.slice(pos, pos + len)
  }

  writeMemory(pos: number, data: Uint8Array): void {
    const mem = this.memory()
    if (pos + data.length > mem.length) throw new HostError(ErrorType.WasmVm, ErrorCode.IndexBounds, `linear memory [${pos}, ${pos + data.length}) is out of bounds`)
    mem.set(data, pos)
  }

  readU64s(pos: number, count: number): bigint[] {
    const bytes = this.readMemory(pos, count * 8)
    const view = new DataView(bytes.buffer)
    return Array.from({ length: count }, (_, i) => view.getBigUint64(i * 8, true))
  }

  writeU64s(pos: number, values: bigint[]): void {
    const bytes = new Uint8Array(values.length * 8)
    const view = new DataView(bytes.buffer)
    values.forEach((v, i) => view.setBigUint64(i * 8, BigInt.asUintN(64, v), true))
    this.writeMemory(pos, bytes)
  }

  /** Slices stored as (ptr u32, len u32) pairs, read as byte strings. */
  readSlices(pos: number, count: number): Uint8Array[] {
    return this.readU64s(pos, count).map((s) => this.readMemory(Number(s & 0xffffffffn), Number(s >> 32n)))
  }

  // ---- budget and fuel ----

  /** Grants the instance the fuel the remaining CPU buys (Soroban: remaining CPU / WasmInsnExec's CPU per fuel). */
  private enterWasm(frame: Frame): void {
    frame.fuelSet = Math.floor(this.budget.cpuRemaining / this.budget.params.cpuPerFuel)
    if (frame.fuel !== undefined) frame.fuel.value = BigInt(frame.fuelSet)
  }

  /** Charges the fuel the instance spent as WasmInsnExec, and any memory it grew as MemAlloc. */
  private leaveWasm(frame: Frame): void {
    if (frame.stack !== undefined) this.stackUnits = Number(frame.stack.value)
    if (frame.fuel !== undefined) {
      const left = Number(frame.fuel.value)
      const spent = frame.fuelSet - left
      frame.fuelSet = left
      if (spent > 0) this.budget.cost(CostType.WasmInsnExec, 0, spent)
    }
    if (frame.memory !== undefined && frame.memory.buffer.byteLength > frame.memCharged) {
      const grown = frame.memory.buffer.byteLength - frame.memCharged
      frame.memCharged = frame.memory.buffer.byteLength
      const before = this.budget.mem
      this.budget.cost(CostType.MemAlloc, grown)
      frame.memRefund += this.budget.mem - before
    }
  }

  // ---- host functions ----

  /** An absolute Val passed in by the host's own caller (no frame): its object must exist with that tag. */
  checkAbs(raw: bigint): bigint {
    const v = BigInt.asUintN(64, raw)
    if (isObjectTag(tagOf(v))) this.store.get(v)
    return v
  }

  private decodeArg(frame: Frame | undefined, type: string, raw: bigint): Arg {
    const v = BigInt.asUintN(64, raw)
    if (frame === undefined) {
      switch (type) {
        case 'Val': case 'Error': return v
      }
      const numeric = NUMERIC_ARG_KINDS[type as keyof typeof NUMERIC_ARG_KINDS]
      if (numeric !== undefined) return this.store.intOf(numeric, v)
      const kind = OBJECT_ARG_KINDS[type]
      if (kind !== undefined) return this.store.expect(v, kind)
    }
    const f = frame as Frame
    switch (type) {
      case 'Val': return this.toAbs(f, v)
      case 'u64': return v
      case 'i64': return BigInt.asIntN(64, v)
      case 'U32Val': if (tagOf(v) !== Tag.U32 || minorOf(v) !== 0) throw typeError(`expected U32Val, got tag ${tagOf(v)}`); return majorOf(v)
      case 'Bool': if (v !== 0n && v !== 1n) throw typeError(`expected Bool, got tag ${tagOf(v)}`); return v === 1n
      case 'Error': if (tagOf(v) !== Tag.Error) throw typeError(`expected Error, got tag ${tagOf(v)}`); return this.toAbs(f, v)
      case 'Symbol': return this.store.symbolOf(frame === undefined ? v : this.toAbs(f, v))
      case 'StorageType': if (v > 2n) throw valueError(`storage type ${v}`); return Number(v)
      case 'ContractTtlExtension': if (v > 2n) throw valueError(`TTL extension scope ${v}`); return Number(v)
    }
    const numeric = NUMERIC_ARG_KINDS[type as keyof typeof NUMERIC_ARG_KINDS]
    if (numeric !== undefined) return this.store.intOf(numeric, this.toAbs(f, v))
    const kind = OBJECT_ARG_KINDS[type]
    if (kind !== undefined) return this.store.expect(this.toAbs(f, v), kind)
    throw new HostError(ErrorType.Context, ErrorCode.InternalError, `argument type ${type} is not supported`)
  }

  private encodeResult(frame: Frame | undefined, type: string, result: Arg | undefined): bigint {
    switch (type) {
      case 'Void': return VOID
      case 'Bool': return boolVal(result === true)
      case 'U32Val': return u32Val(result as number)
      case 'u64': case 'i64': return BigInt.asIntN(64, result as bigint)
    }
    const numeric = NUMERIC_ARG_KINDS[type as keyof typeof NUMERIC_ARG_KINDS]
    const abs = numeric !== undefined ? this.store.intVal(numeric, result as bigint)
      : typeof result === 'bigint' ? result : this.store.alloc(result as HostObject)
    return BigInt.asIntN(64, frame === undefined ? abs : this.toRel(frame, abs))
  }

  /** Runs a host function on decoded arguments, with the charges Soroban makes around its body. */
  private runHostFunction(spec: HostFunctionSpec, frame: Frame | undefined, raw: readonly bigint[]): bigint {
    const impl = HOST_IMPLEMENTATIONS[spec.name]
    if (impl === undefined) throw new HostError(ErrorType.Context, ErrorCode.InternalError, `host function ${spec.name} is not supported by this host`)
    const observer = this.observer
    if (observer !== undefined) observer.step('call', spec.name)
    const args = spec.args.map(([, type], i) => this.decodeArg(frame, type, raw[i]))
    BEFORE[spec.name]?.(this.budget, args)
    const result = impl(this, args)
    AFTER[spec.name]?.(this.budget, args)
    const out = this.encodeResult(frame, spec.returns, result)
    if (observer !== undefined) observer.step('ret', spec.name)
    return out
  }

  /**
   * A host function called by the embedding host itself rather than a
   * contract (Soroban's native `Env` calls, as its own tests make them):
   * absolute Vals in and out, each object Val checked (VisitObject) on the
   * way in and out as the host's native entry points do.
   */
  callHostFunction(spec: HostFunctionSpec, args: readonly bigint[]): bigint {
    spec.args.forEach(([, type], i) => {
      if (type !== 'u64' && type !== 'i64' && isObjectTag(tagOf(BigInt.asUintN(64, args[i])))) this.budget.cost(CostType.VisitObject)
    })
    const result = BigInt.asUintN(64, this.runHostFunction(spec, undefined, args))
    if (isObjectTag(tagOf(result))) this.budget.cost(CostType.VisitObject)
    return result
  }

  private importsFor(frame: Frame, imports: readonly { module: string, name: string, spec: HostFunctionSpec }[]): WasmImports {
    const out: WasmImports = {}
    for (const { module, name, spec } of imports) {
      out[module] ??= {}
      out[module][name] = (...raw: bigint[]): bigint => {
        this.leaveWasm(frame)
        this.budget.cost(CostType.DispatchHostFunction)
        const result = this.runHostFunction(spec, frame, raw)
        this.enterWasm(frame)
        return result
      }
    }
    return out
  }

  // ---- contract calls ----

  /** Runs `fn` of `contract`; state and events roll back when it fails. */
  call(contract: string, fn: string, args: readonly bigint[], options: { allowReserved?: boolean, checkAuth?: boolean } = {}): bigint {
    if (this.frames.length >= MAX_CONTRACT_DEPTH) throw new HostError(ErrorType.Context, ErrorCode.ExceededLimit, `contract call depth over ${MAX_CONTRACT_DEPTH}`)
    // `__check_auth` of an account already on the stack is the one re-entry the host allows.
    if (options.checkAuth !== true && this.frames.some((f) => f.contract === contract)) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, `contract ${contract} re-entered`)
    if (fn.startsWith('__') && options.allowReserved !== true) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, `function ${fn} cannot be called directly`)
    const snapshot = this.ledger.snapshot()
    const authSnapshot = this.authManager.snapshot()
    const eventMark = this.events.length
    try {
      return this.run(contract, fn, args, options.checkAuth === true)
    } catch (e) {
      this.ledger.restore(snapshot)
      this.authManager.restore(authSnapshot)
      // Diagnostics survive failures; events are rolled back and kept only as events of a failed call.
      this.failedEvents.push(...this.events.splice(eventMark))
      throw e
    }
  }

  private run(contract: string, fn: string, args: readonly bigint[], byHost: boolean): bigint {
    const instance = this.ledger.contracts.get(contract)
    if (instance === undefined) throw new HostError(ErrorType.Storage, ErrorCode.MissingValue, `no contract at ${contract}`)
    if (instance.liveUntil < this.env.info.sequence) throw new HostError(ErrorType.Storage, ErrorCode.InvalidAction, `contract instance ${contract} is archived`)
    if (instance.executable === 'stellar-asset') return runAssetContract(this, contract, instance, fn, args)
    // A protocol 28 executable reference resolves through its owner's entry at every call.
    const wasmHash = resolveWasmHash(this, instance)
    this.recording.touch(instanceKey(contract), false)
    this.recording.touchCode(wasmHash, false)
    const compiled = this.env.compile(wasmHash)
    const exported = compiled.exports.get(fn)
    if (exported === undefined) throw new HostError(ErrorType.WasmVm, ErrorCode.MissingValue, `trying to invoke non-existent contract function ${fn}`)
    if (exported.params !== args.length) throw new HostError(ErrorType.WasmVm, ErrorCode.UnexpectedSize, `${fn} takes ${exported.params} arguments, got ${args.length}`)
    if (this.env.moduleCache === 'none' || !this.parsed.has(wasmHash)) {
      this.parsed.add(wasmHash)
      chargeParse(this.budget, compiled.costInputs)
    }
    chargeInstantiation(this.budget, compiled.costInputs)
    const outerUnits = this.stackUnits
    const frameUnits = outerUnits + CONTRACT_FRAME_UNITS
    if (frameUnits > STACK_UNIT_LIMIT) throw stackExhausted()
    const frame = newFrame(contract, fn, args, byHost)
    this.frames.push(frame)
    let running = false
    let failed = false
    try {
      const inst = instantiate(compiled.module, this.importsFor(frame, compiled.imports))
      const memory = inst.exports.memory
      frame.memory = isMemory(memory) ? memory : undefined
      const fuel = inst.exports[FUEL_EXPORT]
      const depth = inst.exports[DEPTH_EXPORT]
      frame.fuel = isGlobal(fuel) ? fuel : undefined
      frame.depth = isGlobal(depth) ? depth : undefined
      const stack = inst.exports[STACK_EXPORT]
      frame.stack = isGlobal(stack) ? stack : undefined
      const grow = inst.exports[GROW_EXPORT]
      frame.growFailed = isGlobal(grow) ? grow : undefined
      if (frame.stack !== undefined) frame.stack.value = frameUnits
      this.leaveWasm(frame) // charges the initial memory
      const relArgs = args.map((a) => BigInt.asIntN(64, this.toRel(frame, a)))
      this.observer?.step('push', fn)
      running = true
      this.enterWasm(frame)
      const raw = (inst.exports[fn] as (...a: bigint[]) => bigint | undefined)(...relArgs)
      this.leaveWasm(frame)
      running = false
      this.observer?.step('pop', fn)
      const result = raw === undefined ? VOID : this.toAbs(frame, raw)
      // Returning an Error value (a Rust `Err(ContractError)`) fails the call with that error.
      if (tagOf(result) === Tag.Error) {
        // Only a contract error may be returned; a forged system error is refused.
        if (minorOf(result) !== ErrorType.Contract) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, `${fn} returned a system error value ${minorOf(result)}/${majorOf(result)}`)
        throw new HostError(ErrorType.Contract, majorOf(result), `${fn} returned an error value`)
      }
      return result
    } catch (e) {
      failed = true
      // A trap: the fuel spent up to it is charged as well (unless the fuel ran out).
      if (running && !(e instanceof HostError) && (frame.fuel === undefined || Number(frame.fuel.value) >= 0)) this.leaveWasm(frame)
      if (running) this.observer?.step('pop', fn)
      const error = this.classify(e, frame)
      // Like the host's debug mode: the failure is recorded as a diagnostic event of the failing contract.
      if (!(e instanceof HostError) || !this.diagnostics.some((d) => d.message === error.message)) {
        this.diagnostics.push({ contractId: contract, message: error.message, args: [] })
      }
      throw error
    } finally {
      this.authManager.popFrame(this.frames.length)
      this.frames.pop()
      // A nested instance goes away with its frame: its linear memory is given back to the memory count (the peak
      // stays). The outermost frame's stays counted, as in the real host's recorded traces (its top-level returns
      // give nothing back, and after a failure deep in a call chain they give back every frame's memory but that one).
      // A failed nested frame's is given back only when the failure is handled (try_call) or reaches the top.
      if (this.frames.length === 0) this.releaseFailedFrames()
      else if (failed) this.failedFrameMem += frame.memRefund
      else this.budget.refundMem(frame.memRefund)
      this.stackUnits = outerUnits // a trap leaves the instance's counter high; the caller's frames are what remain
    }
  }

  private releaseFailedFrames(): void {
    this.budget.refundMem(this.failedFrameMem)
    this.failedFrameMem = 0
  }

  /** Maps whatever stopped a frame to the Soroban error the real host reports. */
  private classify(e: unknown, frame: Frame): HostError {
    if (e instanceof HostError) return e
    // A module uploaded from inside a contract fails as wasmi's parse errors do in the real host.
    if (e instanceof InvalidContractModuleError) return new HostError(ErrorType.WasmVm, ErrorCode.InvalidAction, e.message)
    if (frame.fuel !== undefined && Number(frame.fuel.value) < 0) {
      this.budget.cpu = this.budget.cpuLimit + 1
      return new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `CPU budget of ${this.budget.cpuLimit} instructions exceeded`)
    }
    // Memory growth the memory budget refuses is budget exhaustion, not a trap.
    if (frame.growFailed !== undefined && Number(frame.growFailed.value) !== 0) {
      return new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `memory growth past the memory budget of ${this.budget.memLimit} bytes`)
    }
    // The Soroban host reports wasm stack overflow as budget exhaustion.
    if (frame.depth !== undefined && Number(frame.depth.value) > CALL_DEPTH_LIMIT) {
      return new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, `wasm call depth over ${CALL_DEPTH_LIMIT}`)
    }
    if (frame.stack !== undefined && Number(frame.stack.value) > STACK_UNIT_LIMIT) return stackExhausted()
    // Not reached by contracts: the stack units keep wasm frames far below V8's limit (see wasm/stack.ts).
    // Only a caller that invokes with its own stack nearly full gets here.
    if (e instanceof RangeError && /call stack/i.test(e.message)) return new HostError(ErrorType.Budget, ErrorCode.ExceededLimit, 'native stack exhausted')
    if (isTrap(e)) {
      const code = TRAP_CODES.find(([re]) => re.test(e.message))?.[1] ?? ErrorCode.InvalidAction
      return new HostError(ErrorType.WasmVm, code, `trap: ${e.message}`)
    }
    return new HostError(ErrorType.Context, ErrorCode.InternalError, `host failure: ${e instanceof Error ? e.message : String(e)}`)
  }

  /** try_call: a recoverable failure becomes its Error value. */
  tryCall(contract: string, fn: string, args: readonly bigint[]): bigint {
    try {
      return this.call(contract, fn, args)
    } catch (e) {
      this.releaseFailedFrames()
      // A contract's own error comes back unchanged; any other recoverable error as Error(Context, InvalidAction).
      if (e instanceof HostError && e.recoverable) return e.type === ErrorType.Contract ? errorVal(e.type, e.code) : errorVal(ErrorType.Context, ErrorCode.InvalidAction)
      throw e
    }
  }

  // ---- auth ----

  /**
   * Authorization of `address` for the current call with its arguments or
   * `args`, or for `target` (a contract creation).
   */
  requireAuth(address: string, args: readonly bigint[] | undefined, target?: AuthFunction): void {
    if (target !== undefined) { this.authManager.require(address, target); return }
    const frame = this.frame
    this.authManager.require(address, { kind: 'contract', contract: frame.contract, fn: frame.fn, args: (args ?? frame.args).map((a) => this.store.toScVal(a)) })
  }

  contractIdFrom(deployer: xdr.ScAddress, salt: Uint8Array): Uint8Array {
    const preimage = xdr.HashIdPreimage.envelopeTypeContractId(new xdr.HashIdPreimageContractId({
      networkId: Buffer.from(this.env.networkId),
      contractIdPreimage: xdr.ContractIdPreimage.contractIdPreimageFromAddress(new xdr.ContractIdPreimageFromAddress({ address: deployer, salt: Buffer.from(salt) })),
    }))
    return sha256(preimage.toXDR())
  }
}
