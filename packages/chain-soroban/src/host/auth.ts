/**
 * Soroban authorization, as the host's authorization manager does it.
 *
 * An authorization entry authorizes a tree of invocations for one address: its
 * root, then sub-invocations made (directly or through other contracts) from
 * inside the call that matched it. `require_auth(X)` in a call is satisfied by,
 * in order:
 * 1. an invoker authorization the contract X registered with
 *    `authorize_as_curr_contract` in a call still on the stack below;
 * 2. X being the contract that made the current call (the direct invoker);
 * 3. an entry for X (enforcing mode; in recording mode it is recorded).
 *
 * A root is matched once, by the first call that requires it; its children by
 * calls under the frame that matched their parent, each once. When the frame
 * that matched a root returns, the entry is spent. The first match of an
 * entry with address credentials authenticates it: the nonce is consumed and
 * the signature checked — by the account contract's `__check_auth(payload,
 * signature, contexts)` for a contract, as ed25519 signatures of the payload
 * for a classic account.
 *
 * Protocol 27 (CAP-71) adds address-bound credentials: `address-v2` entries
 * and entries with delegated signers sign a payload that names the address.
 * Inside an account's `__check_auth`, `delegate_account_auth(B)` runs B's
 * check (its `__check_auth`, or its ed25519 signatures) with the same payload
 * and contexts and the signature given for B, each delegate of the list once.
 */
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { Address, StrKey, xdr } from '@stellar/stellar-base'
import { bytesToHex, hexToBytes } from '@zvm/primitives'
import { ErrorCode, ErrorType, HostError } from '../errors.ts'
import { dataKey, type ExternalRef } from '../ledger.ts'
import type { Invocation } from './invocation.ts'
import { compareBytes } from './store.ts'

/** One authorized invocation: a contract function call, or a contract creation (`create` set, `contract` and `fn` empty). */
export interface AuthInvocation {
  contract: string
  fn: string
  args: xdr.ScVal[]
  /**
   * A creation by the authorizing address: wasm hash (hex), salt and constructor arguments; with `externalRef`
   * (protocol 28, `wasmHash` empty) a creation from that executable reference.
   */
  create?: { wasmHash: string, salt: Uint8Array, constructorArgs: xdr.ScVal[], externalRef?: ExternalRef }
  subInvocations?: AuthInvocation[]
}

/**
 * An authorization entry (enforcing mode) or a recorded authorization. With
 * `signature` unset, a classic account's entry stands for the transaction's
 * source-account credentials (no nonce, no signature); a contract account's
 * `__check_auth` is always called (signature `void` when unset).
 */
export interface RecordedAuth extends AuthInvocation {
  address: string
  /** Defaults to the entry's index in the list. */
  nonce?: bigint
  /** Defaults to {@link defaultSignatureExpiration}. */
  signatureExpirationLedger?: number
  signature?: xdr.ScVal
  /**
   * The credentials type (protocol 27, CAP-71): `address` (the default) signs the original payload; `address-v2`,
   * and any entry with `delegates`, sign the address-bound payload.
   */
  credentials?: 'address' | 'address-v2'
  /**
   * Delegated signers (SOROBAN_CREDENTIALS_ADDRESS_WITH_DELEGATES, protocol 27), in increasing address order
   * without duplicates at every level.
   */
  delegates?: DelegateSignature[]
}

/** A delegated signer of CAP-71 credentials: its address, the signature its check receives, and its own delegates. */
export interface DelegateSignature {
  address: string
  /** Defaults to `void`. */
  signature?: xdr.ScVal
  nestedDelegates?: DelegateSignature[]
}

/** Whether an entry signs the address-bound payload (ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS). */
export const isAddressBound = (e: RecordedAuth): boolean => e.credentials === 'address-v2' || e.delegates !== undefined

/** `record`: every require_auth passes and is recorded (simulation). `enforce`: only listed authorizations pass, once each. */
export type AuthMode = { mode: 'record' } | { mode: 'enforce', entries: readonly RecordedAuth[] }

/** The signature expiration used when an entry gives none: the current ledger + 100. */
export const defaultSignatureExpiration = (sequence: number): number => sequence + 100

const authError = (message: string): HostError => new HostError(ErrorType.Auth, ErrorCode.InvalidAction, message)

/** What a require_auth asks for. */
export type AuthFunction =
  | { kind: 'contract', contract: string, fn: string, args: xdr.ScVal[] }
  | { kind: 'create', wasmHash: string, salt: Uint8Array, constructorArgs: xdr.ScVal[], externalRef?: ExternalRef }

const refKeyOf = (r: ExternalRef | undefined): string => (r === undefined ? '' : `${r.owner}/${bytesToHex(r.tag)}`)
const argsKey = (args: readonly xdr.ScVal[]): string => args.map((a) => a.toXDR('base64')).join(',')
export function functionKey(f: AuthFunction): string {
  return f.kind === 'contract' ? `c|${f.contract}|${f.fn}|${argsKey(f.args)}` : `k|${f.wasmHash}|${refKeyOf(f.externalRef)}|${bytesToHex(f.salt)}|${argsKey(f.constructorArgs)}`
}
function functionOf(inv: AuthInvocation): AuthFunction {
  return inv.create === undefined
    ? { kind: 'contract', contract: inv.contract, fn: inv.fn, args: inv.args }
    : { kind: 'create', wasmHash: inv.create.wasmHash, salt: inv.create.salt, constructorArgs: inv.create.constructorArgs, ...(inv.create.externalRef === undefined ? {} : { externalRef: inv.create.externalRef }) }
}
function invocationOf(f: AuthFunction, subInvocations: AuthInvocation[]): AuthInvocation {
  return f.kind === 'contract'
    ? { contract: f.contract, fn: f.fn, args: f.args, subInvocations }
    : { contract: '', fn: '', args: [], create: { wasmHash: f.wasmHash, salt: f.salt, constructorArgs: f.constructorArgs, ...(f.externalRef === undefined ? {} : { externalRef: f.externalRef }) }, subInvocations }
}

// ---- XDR forms ----

const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s)
const entry = (k: string, v: xdr.ScVal): xdr.ScMapEntry => new xdr.ScMapEntry({ key: sym(k), val: v })
const wasmExecutable = (hash: string, ref?: ExternalRef): xdr.ScVal => ref === undefined
  ? xdr.ScVal.scvVec([sym('Wasm'), xdr.ScVal.scvBytes(Buffer.from(hexToBytes(`0x${hash}`)))])
  : xdr.ScVal.scvVec([sym('ExternalRef'), xdr.ScVal.scvMap([entry('owner', new Address(ref.owner).toScVal()), entry('tag', xdr.ScVal.scvString(Buffer.from(ref.tag)))])])

/** The `Context` value `__check_auth` receives for an invocation (soroban-sdk `auth::Context`). */
export function contextScVal(f: AuthFunction): xdr.ScVal {
  if (f.kind === 'contract') {
    return xdr.ScVal.scvVec([sym('Contract'), xdr.ScVal.scvMap([
      entry('args', xdr.ScVal.scvVec(f.args)), entry('contract', new Address(f.contract).toScVal()), entry('fn_name', sym(f.fn)),
    ])])
  }
  const salt = xdr.ScVal.scvBytes(Buffer.from(f.salt))
  if (f.constructorArgs.length === 0) {
    return xdr.ScVal.scvVec([sym('CreateContractHostFn'), xdr.ScVal.scvMap([entry('executable', wasmExecutable(f.wasmHash, f.externalRef)), entry('salt', salt)])])
  }
  return xdr.ScVal.scvVec([sym('CreateContractWithCtorHostFn'), xdr.ScVal.scvMap([
    entry('constructor_args', xdr.ScVal.scvVec(f.constructorArgs)), entry('executable', wasmExecutable(f.wasmHash, f.externalRef)), entry('salt', salt),
  ])])
}

function authorizedInvocationXdr(address: string, inv: AuthInvocation): xdr.SorobanAuthorizedInvocation {
  let fn: xdr.SorobanAuthorizedFunction
  if (inv.create === undefined) {
    fn = xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeContractFn(new xdr.InvokeContractArgs({
      contractAddress: new Address(inv.contract).toScAddress(), functionName: inv.fn, args: inv.args,
    }))
  } else {
    // CONTRACT_EXECUTABLE_EXTERNAL_REF is not in @stellar/stellar-sdk 15's XDR: such a creation cannot be signed here.
    if (inv.create.externalRef !== undefined) throw new HostError(ErrorType.Auth, ErrorCode.InternalError, 'the payload of a creation from an executable reference needs protocol 28 XDR this host does not have')
    const contractIdPreimage = xdr.ContractIdPreimage.contractIdPreimageFromAddress(new xdr.ContractIdPreimageFromAddress({
      address: new Address(address).toScAddress(), salt: Buffer.from(inv.create.salt),
    }))
    const executable = xdr.ContractExecutable.contractExecutableWasm(Buffer.from(hexToBytes(`0x${inv.create.wasmHash}`)))
    fn = inv.create.constructorArgs.length === 0
      ? xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeCreateContractHostFn(new xdr.CreateContractArgs({ contractIdPreimage, executable }))
      : xdr.SorobanAuthorizedFunction.sorobanAuthorizedFunctionTypeCreateContractV2HostFn(new xdr.CreateContractArgsV2({
        contractIdPreimage, executable, constructorArgs: inv.create.constructorArgs,
      }))
  }
  return new xdr.SorobanAuthorizedInvocation({ function: fn, subInvocations: (inv.subInvocations ?? []).map((s) => authorizedInvocationXdr(address, s)) })
}

/**
 * The 32-byte payload an entry's signature covers: sha256 of the Soroban
 * authorization preimage (network id, nonce, signature expiration ledger,
 * root invocation); for address-bound credentials (protocol 27) the preimage
 * of envelope type 10, which adds the address before the invocation.
 */
export function authPayload(networkId: Uint8Array, e: RecordedAuth, nonce: bigint, expiration: number): Uint8Array {
  if (isAddressBound(e)) {
    // ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS is newer than @stellar/stellar-base's XDR: the
    // union arm is written here from its parts (CAP-71: networkID, nonce, expiration, address, invocation).
    const head = new Uint8Array(4 + 32 + 8 + 4)
    const view = new DataView(head.buffer)
    view.setInt32(0, ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS)
    head.set(networkId, 4)
    view.setBigInt64(36, nonce)
    view.setUint32(44, expiration)
    return sha256(Buffer.concat([head, Address.fromString(e.address).toScAddress().toXDR(), authorizedInvocationXdr(e.address, e).toXDR()]))
  }
  const preimage = xdr.HashIdPreimage.envelopeTypeSorobanAuthorization(new xdr.HashIdPreimageSorobanAuthorization({
    networkId: Buffer.from(networkId), nonce: xdr.Int64.fromString(nonce.toString()), signatureExpirationLedger: expiration,
    invocation: authorizedInvocationXdr(e.address, e),
  }))
  return sha256(preimage.toXDR())
}

const ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS = 10

const scAddressXdr = (address: string): Uint8Array => Address.fromString(address).toScAddress().toXDR()

/**
 * CAP-71's validation of an entry before the call: address-bound credentials need protocol 27, and every delegate
 * list is in increasing address order (the ScAddress XDR order) without duplicates. Error(Auth, InvalidInput).
 */
export function checkEntry(e: RecordedAuth, protocol: number): void {
  if (!isAddressBound(e)) return
  if (protocol < 27) throw new HostError(ErrorType.Auth, ErrorCode.InvalidInput, `credentials of ${e.address} need protocol 27 (the ledger is at ${protocol})`)
  const checkList = (list: readonly DelegateSignature[]): void => {
    for (let i = 1; i < list.length; i++) {
      if (compareBytes(scAddressXdr(list[i - 1].address), scAddressXdr(list[i].address)) >= 0) {
        throw new HostError(ErrorType.Auth, ErrorCode.InvalidInput, `delegates of ${e.address} are not in increasing address order without duplicates`)
      }
    }
    for (const d of list) checkList(d.nestedDelegates ?? [])
  }
  checkList(e.delegates ?? [])
}

/** An account check in progress: what `delegate_account_auth` passes on, and which delegates it has used. */
interface AccountCheck {
  /** frames.length while the account's `__check_auth` runs. */
  depth: number
  payload: Uint8Array
  contexts: xdr.ScVal
  delegates: { signer: DelegateSignature, used: boolean }[]
}

// ---- trackers ----

interface Node { fn: AuthFunction, key: string, children: Node[], index: number }
interface TrackerState {
  /** Nodes already used, by pre-order index. */
  used: boolean[]
  /** Matched nodes by the frame depth (frames.length) that matched them, shallowest first. */
  path: { depth: number, node: number }[]
  rootDepth: number | undefined
  spent: boolean
}
interface Tracker {
  address: string
  root: Node
  nodes: Node[]
  /** Index in the enforced entries; undefined for an invoker authorization. */
  entryIndex: number | undefined
  /** For an invoker authorization: the depth of the frame that registered it. */
  registeredAt: number | undefined
  state: TrackerState
}

function buildTree(inv: AuthInvocation, nodes: Node[]): Node {
  const fn = functionOf(inv)
  const node: Node = { fn, key: functionKey(fn), children: [], index: nodes.length }
  nodes.push(node)
  for (const s of inv.subInvocations ?? []) node.children.push(buildTree(s, nodes))
  return node
}

function newTracker(address: string, inv: AuthInvocation, entryIndex: number | undefined, registeredAt: number | undefined): Tracker {
  const nodes: Node[] = []
  const root = buildTree(inv, nodes)
  return { address, root, nodes, entryIndex, registeredAt, state: { used: nodes.map(() => false), path: [], rootDepth: undefined, spent: false } }
}

/** Tries to match `key` at frame depth `depth`: as the root, or as an unused child of the deepest node matched above. */
function match(t: Tracker, key: string, depth: number): 'root' | 'child' | undefined {
  const s = t.state
  if (s.spent) return undefined
  if (s.rootDepth === undefined) {
    if (t.root.key !== key) return undefined
    s.rootDepth = depth
    s.used[0] = true
    s.path = [{ depth, node: 0 }]
    return 'root'
  }
  // A frame authorizes at most one invocation per tracker.
  if (s.path.some((p) => p.depth === depth)) return undefined
  const parent = [...s.path].reverse().find((p) => p.depth < depth)
  if (parent === undefined) return undefined
  const child = t.nodes[parent.node].children.find((c) => !s.used[c.index] && c.key === key)
  if (child === undefined) return undefined
  s.used[child.index] = true
  s.path.push({ depth, node: child.index })
  return 'child'
}

/** Recording-mode tree under construction. */
interface Recording { address: string, inv: AuthInvocation, path: { depth: number, inv: AuthInvocation }[], rootDepth: number, spent: boolean }

export interface AuthSnapshot { trackers: TrackerState[], invokers: number, recordings: number, recordingState: { path: Recording['path'], spent: boolean, subs: number[] }[], auths: number }

export class AuthManager {
  private readonly h: Invocation
  private readonly mode: AuthMode
  private readonly trackers: Tracker[]
  private invokers: Tracker[] = []
  private recordings: Recording[] = []
  private readonly checks: AccountCheck[] = []
  /** What `InvokeResult.auth` reports: recorded roots, or the enforced entries used. */
  readonly auths: RecordedAuth[] = []

  constructor(h: Invocation, mode: AuthMode) {
    this.h = h
    this.mode = mode
    this.trackers = mode.mode === 'enforce' ? mode.entries.map((e, i) => newTracker(e.address, e, i, undefined)) : []
  }

  snapshot(): AuthSnapshot {
    return {
      trackers: this.trackers.map((t) => structuredClone(t.state)),
      invokers: this.invokers.length,
      recordings: this.recordings.length,
      recordingState: this.recordings.map((r) => ({ path: [...r.path], spent: r.spent, subs: subCounts(r.inv) })),
      auths: this.auths.length,
    }
  }

  restore(s: AuthSnapshot): void {
    this.trackers.forEach((t, i) => { t.state = s.trackers[i] })
    this.invokers.length = Math.min(this.invokers.length, s.invokers)
    this.recordings.length = s.recordings
    this.recordings.forEach((r, i) => {
      const st = s.recordingState[i]
      r.path = st.path
      r.spent = st.spent
      truncateSubs(r.inv, st.subs, { i: 0 })
    })
    this.auths.length = s.auths
  }

  /** Called after the frame at depth `depth` (frames.length while it ran) returned or failed. */
  popFrame(depth: number): void {
    const left = depth - 1
    for (const t of [...this.trackers, ...this.invokers]) {
      const s = t.state
      s.path = s.path.filter((p) => p.depth <= left)
      if (s.rootDepth !== undefined && s.rootDepth > left) s.spent = true
    }
    this.invokers = this.invokers.filter((t) => (t.registeredAt ?? 0) <= left)
    for (const r of this.recordings) {
      r.path = r.path.filter((p) => p.depth <= left)
      if (r.rootDepth > left) r.spent = true
    }
  }

  /** `authorize_as_curr_contract`: invoker authorizations of the current contract for calls made under the current frame. */
  authorizeAsCurrentContract(entries: readonly AuthInvocation[]): void {
    const depth = this.h.frames.length
    const address = this.h.frame.contract
    for (const e of entries) this.invokers.push(newTracker(address, e, undefined, depth))
  }

  /** require_auth of `address` for `f`, in the current frame (depth frames.length). */
  require(address: string, f: AuthFunction): void {
    const depth = this.h.frames.length
    const key = functionKey(f)
    for (const t of this.invokers) {
      if (t.address === address && depth > (t.registeredAt ?? 0) && match(t, key, depth) !== undefined) return
    }
    // The contract that made the current call (none for a call the host made, such as `__check_auth`).
    const invoker = this.h.frames[depth - 1]?.byHost === true ? undefined : this.h.frames[depth - 2]
    if (f.kind === 'contract' && invoker !== undefined && invoker.contract === address) return
    if (this.mode.mode === 'record') { this.record(address, f, depth); return }
    for (const t of this.trackers) {
      if (t.address !== address) continue
      const m = match(t, key, depth)
      if (m === undefined) continue
      const e = this.mode.entries[t.entryIndex ?? 0]
      if (m === 'root') {
        this.auths.push(e)
        this.authenticate(e, t.entryIndex ?? 0)
      }
      return
    }
    const what = f.kind === 'contract' ? `${f.contract}.${f.fn}` : `creating a contract from ${f.externalRef === undefined ? f.wasmHash : `the executable reference of ${f.externalRef.owner}`}`
    throw authError(`missing authorization of ${address} for ${what}`)
  }

  private record(address: string, f: AuthFunction, depth: number): void {
    const active = this.recordings.find((r) => r.address === address && !r.spent && !r.path.some((p) => p.depth === depth) && r.path.some((p) => p.depth < depth))
    if (active !== undefined) {
      const parent = [...active.path].reverse().find((p) => p.depth < depth)!
      const inv = invocationOf(f, [])
      parent.inv.subInvocations!.push(inv)
      active.path.push({ depth, inv })
      return
    }
    const inv = invocationOf(f, [])
    this.recordings.push({ address, inv, path: [{ depth, inv }], rootDepth: depth, spent: false })
    this.auths.push(Object.assign(inv, { address }))
  }

  /** Nonce, expiration and signature of an entry with address credentials, on its first use. */
  private authenticate(e: RecordedAuth, index: number): void {
    const h = this.h
    const isContract = StrKey.isValidContract(e.address)
    if (!isContract && e.signature === undefined) return // source-account credentials
    const info = h.env.info
    const nonce = e.nonce ?? BigInt(index)
    const expiration = e.signatureExpirationLedger ?? defaultSignatureExpiration(info.sequence)
    const maxLiveUntil = info.sequence + info.maxEntryTtl - 1
    if (expiration < info.sequence || expiration > maxLiveUntil) throw authError(`signature expiration ledger ${expiration} is outside [${info.sequence}, ${maxLiveUntil}]`)
    const nonceKey = xdr.ScVal.scvLedgerKeyNonce(new xdr.ScNonceKey({ nonce: xdr.Int64.fromString(nonce.toString()) }))
    const k = dataKey(e.address, 'temporary', nonceKey)
    const existing = h.ledger.data.get(k)
    if (existing !== undefined && existing.liveUntil >= info.sequence) throw new HostError(ErrorType.Auth, ErrorCode.ExistingValue, `nonce ${nonce} of ${e.address} was already used`)
    h.ledger.data.set(k, { contract: e.address, durability: 'temporary', key: nonceKey, val: xdr.ScVal.scvVoid(), liveUntil: expiration })
    const payload = authPayload(h.env.networkId, e, nonce, expiration)
    const contexts: AuthFunction[] = []
    const walk = (inv: AuthInvocation): void => { contexts.push(functionOf(inv)); (inv.subInvocations ?? []).forEach(walk) }
    walk(e)
    const signature = e.signature ?? xdr.ScVal.scvVoid()
    if (isContract) this.checkAccountContract(e.address, signature, payload, xdr.ScVal.scvVec(contexts.map(contextScVal)), e.delegates ?? [])
    else checkClassicSignature(e.address, signature, payload)
  }

  private checkAccountContract(address: string, signature: xdr.ScVal, payload: Uint8Array, contexts: xdr.ScVal, delegates: readonly DelegateSignature[]): void {
    const h = this.h
    const args = [h.store.alloc({ kind: 'bytes', value: payload }), h.store.fromScVal(signature), h.store.fromScVal(contexts)]
    this.checks.push({ depth: h.frames.length + 1, payload, contexts, delegates: delegates.map((signer) => ({ signer, used: false })) })
    try {
      h.call(address, '__check_auth', args, { allowReserved: true, checkAuth: true })
    } catch (err) {
      if (err instanceof HostError && err.recoverable) throw authError(`__check_auth of ${address} failed: ${err.message}`)
      throw err
    } finally {
      this.checks.pop()
    }
  }

  /** The account check the current frame is, or Error(Context, InvalidAction) outside one. */
  private currentCheck(): AccountCheck {
    const check = this.checks[this.checks.length - 1]
    if (check === undefined || check.depth !== this.h.frames.length) throw new HostError(ErrorType.Context, ErrorCode.InvalidAction, 'not inside an account\'s __check_auth')
    return check
  }

  /** `get_delegated_signers_for_current_auth_check`: the current check's delegate addresses, in order. */
  delegatedSigners(): string[] {
    return this.currentCheck().delegates.map((d) => d.signer.address)
  }

  /** `delegate_account_auth(address)`: the first unused delegate with that address authenticates the current check's payload and contexts. */
  delegateAccountAuth(address: string): void {
    const check = this.currentCheck()
    const d = check.delegates.find((x) => !x.used && x.signer.address === address)
    if (d === undefined) throw authError(`${address} is not an unused delegate of the credentials being checked`)
    d.used = true
    const signature = d.signer.signature ?? xdr.ScVal.scvVoid()
    if (StrKey.isValidContract(address)) this.checkAccountContract(address, signature, check.payload, check.contexts, d.signer.nestedDelegates ?? [])
    else checkClassicSignature(address, signature, check.payload)
  }
}

function subCounts(inv: AuthInvocation): number[] {
  const out: number[] = []
  const walk = (i: AuthInvocation): void => { out.push(i.subInvocations?.length ?? 0); (i.subInvocations ?? []).forEach(walk) }
  walk(inv)
  return out
}
function truncateSubs(inv: AuthInvocation, counts: number[], at: { i: number }): void {
  const n = counts[at.i++]
  if (inv.subInvocations === undefined) return
  if (n === undefined) { inv.subInvocations.length = 0; return }
  inv.subInvocations.length = Math.min(inv.subInvocations.length, n)
  for (const s of inv.subInvocations) truncateSubs(s, counts, at)
}

/** A classic account's signatures: a Vec of `{public_key, signature}` maps, each an ed25519 signature of the payload by the account's key. */
function checkClassicSignature(account: string, signature: xdr.ScVal, payload: Uint8Array): void {
  const key = StrKey.decodeEd25519PublicKey(account)
  const list = signature.switch().name === 'scvVec' ? (signature.vec() ?? []) : undefined
  if (list === undefined || list.length === 0) throw authError(`no signatures for ${account}`)
  for (const s of list) {
    const fields = new Map((s.switch().name === 'scvMap' ? (s.map() ?? []) : []).map((m) => [m.key().switch().name === 'scvSymbol' ? m.key().sym().toString() : '', m.val()]))
    const pk = fields.get('public_key')
    const sig = fields.get('signature')
    if (pk?.switch().name !== 'scvBytes' || sig?.switch().name !== 'scvBytes') throw authError(`malformed signature for ${account}`)
    if (!Buffer.from(pk.bytes()).equals(Buffer.from(key))) throw authError(`signer is not ${account}`)
    let ok = false
    try { ok = sig.bytes().length === 64 && ed25519.verify(sig.bytes(), payload, key, { zip215: false }) } catch { ok = false }
    if (!ok) throw authError(`ed25519 signature of ${account} does not verify`)
  }
}

/** Parses `authorize_as_curr_contract`'s Vec<InvokerContractAuthEntry>. */
export function parseInvokerEntries(list: xdr.ScVal): AuthInvocation[] {
  const bad = (m: string): HostError => new HostError(ErrorType.Value, ErrorCode.UnexpectedType, `invoker auth entry: ${m}`)
  const vec = (v: xdr.ScVal | undefined): xdr.ScVal[] => { if (v?.switch().name !== 'scvVec') throw bad('expected a vec'); return v.vec() ?? [] }
  const fields = (v: xdr.ScVal | undefined): Map<string, xdr.ScVal> => {
    if (v?.switch().name !== 'scvMap') throw bad('expected a map')
    return new Map((v.map() ?? []).map((e) => [e.key().switch().name === 'scvSymbol' ? e.key().sym().toString() : '', e.val()]))
  }
  const bytes = (v: xdr.ScVal | undefined, n?: number): Uint8Array => {
    if (v?.switch().name !== 'scvBytes' || (n !== undefined && v.bytes().length !== n)) throw bad('expected bytes')
    return Uint8Array.from(v.bytes())
  }
  const executable = (v: xdr.ScVal | undefined): string => {
    const [kind, hash] = vec(v)
    const name = kind?.switch().name === 'scvSymbol' ? kind.sym().toString() : ''
    if (name === 'StellarAsset') throw new HostError(ErrorType.Auth, ErrorCode.InvalidInput, 'a Stellar Asset Contract creation cannot be authorized by a contract')
    if (name !== 'Wasm') throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `unknown executable ${name}`)
    return bytesToHex(bytes(hash, 32)).slice(2)
  }
  const parse = (v: xdr.ScVal): AuthInvocation => {
    const [tag, body] = vec(v)
    const name = tag?.switch().name === 'scvSymbol' ? tag.sym().toString() : ''
    switch (name) {
      case 'Contract': {
        const f = fields(body)
        const ctx = fields(f.get('context'))
        const contract = ctx.get('contract')
        const fn = ctx.get('fn_name')
        if (contract?.switch().name !== 'scvAddress' || fn?.switch().name !== 'scvSymbol') throw bad('malformed contract context')
        return { contract: Address.fromScAddress(contract.address()).toString(), fn: fn.sym().toString(), args: vec(ctx.get('args')), subInvocations: vec(f.get('sub_invocations')).map(parse) }
      }
      case 'CreateContractHostFn': case 'CreateContractWithCtorHostFn': {
        const f = fields(body)
        const constructorArgs = name === 'CreateContractHostFn' ? [] : vec(f.get('constructor_args'))
        return { contract: '', fn: '', args: [], create: { wasmHash: executable(f.get('executable')), salt: bytes(f.get('salt'), 32), constructorArgs }, subInvocations: [] }
      }
      default: throw new HostError(ErrorType.Value, ErrorCode.InvalidInput, `unknown invoker auth entry ${name}`)
    }
  }
  return vec(list).map(parse)
}
