/**
 * SorobanHost: upload, deploy and invoke Soroban contracts against an
 * in-memory ledger. Each `invoke` runs with a fresh budget and returns a
 * result (never throws for contract failures); a failed invocation leaves
 * the ledger as it was.
 */
import { sha256 } from '@noble/hashes/sha2.js'
import { Address, StrKey, xdr, type Asset } from '@stellar/stellar-base'
import { bytesToHex, hexToBytes, ZvmError } from '@zvm/primitives'
import { Budget, DEFAULT_CPU_LIMIT, DEFAULT_MEM_LIMIT } from './budget.ts'
import { CostParams, DEFAULT_COST_PARAMS, type CostParamsJson } from './cost/params.ts'
import { HOST_FUNCTIONS } from './env/interface.ts'
import type { HostFunctionSpec } from './env/types.ts'
import { formatError, HostError, InvalidContractModuleError } from './errors.ts'
import type { CompiledContract } from './host/compiled.ts'
import { authPayload, checkEntry, defaultSignatureExpiration } from './host/auth.ts'
import { createContract } from './host/functions/storage.ts'
import { scError } from './host/store.ts'
import { Invocation, type AuthMode, type ContractEvent, type DiagnosticEvent, type RecordedAuth } from './host/invocation.ts'
import { dataKey, DEFAULT_LEDGER_INFO, executableTagKey, MAX_PROTOCOL, MIN_PROTOCOL, SorobanLedger, type LedgerInfo } from './ledger.ts'
import { compileModule, isCompileError } from './wasm/engine.ts'
import { setAccount, setTrustline } from './sac/classic.ts'
import { assetContractAddress, createAssetContract } from './sac/create.ts'
import { ChaChaRng } from './host/functions/prng.ts'
import { instrumentModule } from './wasm/instrument.ts'
import { envMetaProtocol, parseModule, scanCustomSections } from './wasm/module.ts'

/** Largest contract module accepted (bytes). */
export const MAX_WASM_BYTES = 256 * 1024
/** An account used as deployer when none is given (ed25519 key of 32 zero bytes). */
export const DEFAULT_DEPLOYER = StrKey.encodeEd25519PublicKey(Buffer.alloc(32))

export interface SorobanHostOptions {
  ledger?: SorobanLedger
  info?: Partial<LedgerInfo>
  /**
   * The ledger protocol (same as `info.protocolVersion`; default {@link MAX_PROTOCOL}).
   * It decides which host functions exist and which contracts load: a
   * contract's interface protocol must not exceed it.
   */
  protocol?: number
  cpuLimit?: number
  memLimit?: number
  /**
   * The ContractCostParams charges are computed with: a {@link CostParams}, or
   * its JSON form (the shape of shared/spec/soroban-cost-params.json: `costTypes`
   * by ContractCostType name, each `{ cpu: { const, lin }, mem: { const, lin } }`,
   * `lin` scaled by 2^7; types left out keep the defaults). Default:
   * rs-soroban-env 28's.
   */
  costParams?: CostParams | CostParamsJson
  auth?: AuthMode
  /** Seed (32 bytes) of the host's base PRNG; default 32 zero bytes. Each contract frame's PRNG is seeded from it. */
  prngSeed?: Uint8Array
  /**
   * `'invocation'` (default): a module's parse (ParseWasm*) is charged once per
   * invocation, as the host's module cache does; `'none'`: on every contract
   * frame, as the Rust host without a module cache (its own tests) charges it.
   */
  moduleCache?: 'invocation' | 'none'
}

export interface InvokeResult {
  status: 'success' | 'error'
  /** The return value; on failure the Error value (`scvError`). */
  result: xdr.ScVal
  error: { type: number, code: number, name: string, message: string } | undefined
  events: ContractEvent[]
  /** Events of calls that failed (rolled back; the host marks them as part of a failed call). */
  failedEvents: ContractEvent[]
  diagnostics: DiagnosticEvent[]
  auth: RecordedAuth[]
  cpuInsns: number
  /** Memory charged at its highest (the real host's reported consumption: a frame's linear memory is given back when it ends). */
  memBytes: number
}

export class SorobanHost {
  ledger: SorobanLedger
  readonly info: LedgerInfo
  readonly networkId: Uint8Array
  cpuLimit: number
  memLimit: number
  costParams: CostParams
  auth: AuthMode
  readonly moduleCache: 'invocation' | 'none'
  private readonly hostFunctions: Map<string, HostFunctionSpec>
  private readonly compiled = new Map<string, CompiledContract>()
  private readonly prng: ChaChaRng

  constructor(options: SorobanHostOptions = {}) {
    this.ledger = options.ledger ?? new SorobanLedger()
    this.info = { ...DEFAULT_LEDGER_INFO, ...options.info }
    if (options.protocol !== undefined) this.info.protocolVersion = options.protocol
    const p = this.info.protocolVersion
    if (!Number.isInteger(p) || p < MIN_PROTOCOL || p > MAX_PROTOCOL) {
      throw new ZvmError('SOROBAN_PROTOCOL_UNSUPPORTED', `ledger protocol ${p} is not supported (${MIN_PROTOCOL}…${MAX_PROTOCOL})`)
    }
    this.networkId = sha256(new TextEncoder().encode(this.info.networkPassphrase))
    this.cpuLimit = options.cpuLimit ?? DEFAULT_CPU_LIMIT
    this.memLimit = options.memLimit ?? DEFAULT_MEM_LIMIT
    const params = options.costParams
    this.costParams = params === undefined ? DEFAULT_COST_PARAMS : params instanceof CostParams ? params : CostParams.fromJson(params)
    this.auth = options.auth ?? { mode: 'record' }
    this.moduleCache = options.moduleCache ?? 'invocation'
    if (options.prngSeed !== undefined && options.prngSeed.length !== 32) throw new ZvmError('SOROBAN_INVALID_PRNG_SEED', `prngSeed must be 32 bytes, got ${options.prngSeed.length}`)
    this.prng = new ChaChaRng(options.prngSeed ?? new Uint8Array(32))
    const protocol = this.info.protocolVersion
    this.hostFunctions = new Map(HOST_FUNCTIONS.filter((f) => f.minProtocol <= protocol && protocol <= f.maxProtocol).map((f) => [`${f.module}.${f.export}`, f]))
  }

  private checkInterfaceVersion(meta: { protocol: number, preRelease: number }): void {
    if (meta.protocol > this.info.protocolVersion) {
      throw new InvalidContractModuleError('unsupported-protocol', `module needs protocol ${meta.protocol}, the ledger is at ${this.info.protocolVersion}`)
    }
    if (meta.preRelease !== 0 && meta.protocol !== this.info.protocolVersion) {
      throw new InvalidContractModuleError('unsupported-protocol', `pre-release module (protocol ${meta.protocol}, pre-release ${meta.preRelease}) on protocol ${this.info.protocolVersion}`)
    }
  }

  /** Validates a module as the Soroban host does; throws {@link InvalidContractModuleError}. */
  validate(wasm: Uint8Array): CompiledContract {
    // The interface version is checked before the imports are resolved, as the real host does: a module
    // built for a later protocol fails as such, not on the first host function this ledger lacks.
    const declared = envMetaProtocol(scanCustomSections(wasm) ?? new Map())
    if (declared !== undefined) this.checkInterfaceVersion(declared)
    const parsed = parseModule(wasm, { hostFunctions: this.hostFunctions, maxBytes: MAX_WASM_BYTES })
    const meta = envMetaProtocol(parsed.custom)
    if (meta === undefined) throw new InvalidContractModuleError('unsupported-protocol', 'module has no contractenvmetav0 interface version')
    this.checkInterfaceVersion(meta)
    const instrumented = instrumentModule(parsed, { maxMemoryPages: Math.floor(this.memLimit / 65536) })
    let module
    try {
      module = compileModule(instrumented)
    } catch (e) {
      if (isCompileError(e)) throw new InvalidContractModuleError('malformed', `module does not validate: ${e.message}`)
      throw e
    }
    const importCount = parsed.imports.length
    const exports = new Map<string, { params: number }>()
    for (const [name, e] of parsed.exports) {
      if (e.kind !== 0 || e.index < importCount) continue
      const body = parsed.bodies[e.index - importCount]
      exports.set(name, { params: parsed.types[body.typeIndex].params.length })
    }
    return { module, imports: parsed.imports, exports, size: wasm.length, protocol: meta.protocol, costInputs: parsed.costInputs }
  }

  /** Stores contract code; returns its hash (hex, no 0x). */
  upload(wasm: Uint8Array): string {
    const hash = bytesToHex(sha256(wasm)).slice(2)
    if (!this.compiled.has(hash)) this.compiled.set(hash, this.validate(wasm))
    if (!this.ledger.code.has(hash)) this.ledger.code.set(hash, { wasm: wasm.slice(), liveUntil: this.info.sequence + this.info.minPersistentTtl - 1 })
    return hash
  }

  private compile(hash: string): CompiledContract {
    let c = this.compiled.get(hash)
    if (c === undefined) {
      const code = this.ledger.code.get(hash)
      if (code === undefined) throw new ZvmError('SOROBAN_CODE_MISSING', `no uploaded wasm with hash ${hash}`)
      c = this.validate(code.wasm)
      this.compiled.set(hash, c)
    }
    return c
  }

  private invocation(): Invocation {
    return new Invocation({
      ledger: this.ledger, info: this.info, networkId: this.networkId, auth: this.auth,
      compile: (hash) => this.compile(hash),
      upload: (wasm) => this.upload(wasm),
      prng: this.prng,
      moduleCache: this.moduleCache,
    }, new Budget(this.cpuLimit, this.memLimit, this.costParams))
  }

  /**
   * The 32-byte payload an authorization entry's signature covers (what an
   * account's `__check_auth` receives), with the defaults enforcing mode
   * applies: nonce = `index`, expiration = {@link defaultSignatureExpiration}.
   */
  authPayload(entry: RecordedAuth, index = 0): Uint8Array {
    return authPayload(this.networkId, entry, entry.nonce ?? BigInt(index), entry.signatureExpirationLedger ?? defaultSignatureExpiration(this.info.sequence))
  }

  /** The address `deploy` gives for this deployer and salt. */
  contractAddress(deployer: string, salt: Uint8Array): string {
    return StrKey.encodeContract(Buffer.from(this.invocation().contractIdFrom(Address.fromString(deployer).toScAddress(), salt)))
  }

  /** Uploads (if needed) and creates a contract, running `__constructor` with `args`. */
  deploy(wasm: Uint8Array, options: { deployer?: string, salt?: Uint8Array, args?: xdr.ScVal[] } = {}): { address: string } & Omit<InvokeResult, 'result'> {
    const hash = this.upload(wasm)
    const salt = options.salt ?? new Uint8Array(32)
    const outcome = this.execute((h) => {
      const args = (options.args ?? []).map((a) => h.store.fromScVal(a))
      return h.store.alloc(createContract(h, options.deployer ?? DEFAULT_DEPLOYER, hexToBytes(`0x${hash}`), salt, args))
    })
    const address = outcome.status === 'success' ? Address.fromScVal(outcome.result).toString() : ''
    const { result: _ignored, ...rest } = outcome
    return { address, ...rest }
  }

  /**
   * Deploys the Stellar Asset Contract of `asset` (a stellar-base `Asset`) at
   * its deterministic address, as the create-contract host function with an
   * asset preimage does. An issued asset's admin is its issuer.
   */
  deployAssetContract(asset: Asset): { address: string } & Omit<InvokeResult, 'result'> {
    const outcome = this.execute((h) => h.store.alloc(createAssetContract(h, asset.toXDRObject())))
    const address = outcome.status === 'success' ? Address.fromScVal(outcome.result).toString() : ''
    const { result: _ignored, ...rest } = outcome
    return { address, ...rest }
  }

  /** The address of `asset`'s Stellar Asset Contract on this host's network (deployed or not). */
  assetContractAddress(asset: Asset): string {
    return assetContractAddress(this.invocation(), asset.toXDRObject())
  }

  /** Creates or replaces a classic account `G…` with an XLM balance in stroops (and account flags: 1 auth required, 2 revocable, 8 clawback). */
  setAccount(id: string, account: { balance: bigint, numSubEntries?: number, flags?: number }): void {
    setAccount(this.ledger, id, account)
  }

  /** Creates or replaces `account`'s trustline to an issued asset (default: unlimited, authorized). */
  setTrustline(account: string, asset: Asset, trustline: { balance?: bigint, limit?: bigint, authorized?: boolean, clawback?: boolean } = {}): void {
    if (asset.isNative()) throw new ZvmError('SOROBAN_INVALID_ASSET', 'the native asset has no trustlines')
    setTrustline(this.ledger, account, `${asset.getCode()}:${asset.getIssuer()}`, trustline)
  }

  /**
   * Writes `owner`'s executable reference entry (protocol 28, CAP-85): the
   * persistent entry keyed by the executable tag `tag`, holding the hash of
   * uploaded code, as the owner's own `put_contract_data` with that tag would.
   * Contracts whose executable is the reference `(owner, tag)` run that code.
   */
  setExecutableRef(owner: string, tag: string | Uint8Array, wasmHash: string): void {
    if (!this.ledger.code.has(wasmHash)) throw new ZvmError('SOROBAN_CODE_MISSING', `no uploaded wasm with hash ${wasmHash}`)
    const key = executableTagKey(tag)
    const k = dataKey(owner, 'persistent', key)
    const liveUntil = this.ledger.data.get(k)?.liveUntil ?? this.info.sequence + this.info.minPersistentTtl - 1
    this.ledger.data.set(k, { contract: owner, durability: 'persistent', key, val: xdr.ScVal.scvBytes(Buffer.from(hexToBytes(`0x${wasmHash}`))), liveUntil })
  }

  /** Calls `fn` on `contract` with ScVal arguments. */
  invoke(contract: string, fn: string, args: xdr.ScVal[] = []): InvokeResult {
    return this.execute((h) => h.call(contract, fn, args.map((a) => h.store.fromScVal(a))))
  }

  private execute(body: (h: Invocation) => bigint): InvokeResult {
    const h = this.invocation()
    const before = this.ledger.snapshot()
    const base = { events: h.events, failedEvents: h.failedEvents, diagnostics: h.diagnostics, auth: h.auths }
    try {
      if (this.auth.mode === 'enforce') for (const e of this.auth.entries) checkEntry(e, this.info.protocolVersion)
      const value = body(h)
      const result = h.store.toScVal(value)
      return { status: 'success', result, error: undefined, ...base, cpuInsns: h.budget.cpu, memBytes: h.budget.memPeak }
    } catch (e) {
      this.ledger.restore(before)
      if (!(e instanceof HostError)) throw e
      return {
        status: 'error', result: xdr.ScVal.scvError(scError(e.type, e.code)),
        error: { type: e.type, code: e.code, name: formatError(e.type, e.code), message: e.message },
        events: [], failedEvents: [...h.failedEvents, ...h.events], diagnostics: h.diagnostics, auth: h.auths,
        cpuInsns: Math.min(h.budget.cpu, h.budget.cpuLimit), memBytes: h.budget.memPeak,
      }
    }
  }
}
