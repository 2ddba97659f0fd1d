import { createHash, generateKeyPairSync, sign as nodeSign, createSign } from 'node:crypto'
import { Address, Keypair, nativeToScVal, scValToNative, StrKey, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { ErrorCode, ErrorType, SorobanHost } from '../src/index.ts'
import { basics, caller, constructed, crypto, deployer, hostile, roundtrip } from './contracts.ts'

const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n)
const native = (v: xdr.ScVal): unknown => scValToNative(v)
const bytes = (b: Uint8Array | Buffer): xdr.ScVal => xdr.ScVal.scvBytes(Buffer.from(b))
const alice = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 7)).publicKey()

function deployed(wasm: Uint8Array, host = new SorobanHost(), salt = 0): { host: SorobanHost, id: string } {
  const r = host.deploy(wasm, { salt: new Uint8Array(32).fill(salt) })
  if (r.status !== 'success') throw new Error(`deploy failed: ${r.error?.message}`)
  return { host, id: r.address }
}

describe('add with overflow trap and event', () => {
  it('adds, emits the event and a diagnostic log, and meters', () => {
    const { host, id } = deployed(basics())
    const r = host.invoke(id, 'add', [u32(2), u32(40)])
    expect(r.status).toBe('success')
    expect(native(r.result)).toBe(42)
    expect(r.events).toHaveLength(1)
    expect(r.events[0].contractId).toBe(id)
    expect(r.events[0].topics.map(native)).toEqual(['add'])
    expect(native(r.events[0].data)).toBe(42)
    expect(r.diagnostics[0].message).toBe('adding')
    expect(r.diagnostics[0].args.map(native)).toEqual([2, 40])
    expect(r.cpuInsns).toBeGreaterThan(0)
    expect(r.memBytes).toBeGreaterThanOrEqual(65536)
  })

  it('traps on u32 overflow as Error(WasmVm, InvalidAction), with no events', () => {
    const { host, id } = deployed(basics())
    const r = host.invoke(id, 'add', [u32(0xffffffff), u32(1)])
    expect(r.status).toBe('error')
    expect(r.error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.InvalidAction, name: 'Error(WasmVm, InvalidAction)' })
    expect(r.events).toEqual([])
    // The failure is left as a diagnostic event (the trap comes before the contract's log line).
    expect(r.diagnostics.map((d) => [d.contractId, d.message])).toEqual([[id, 'Error(WasmVm, InvalidAction): trap: unreachable']])
  })

  it('is deterministic: same input, same CPU and memory', () => {
    const a = deployed(basics())
    const b = deployed(basics())
    const x = a.host.invoke(a.id, 'add', [u32(1), u32(2)])
    const y = b.host.invoke(b.id, 'add', [u32(1), u32(2)])
    expect([x.cpuInsns, x.memBytes]).toEqual([y.cpuInsns, y.memBytes])
  })
})

describe('errors', () => {
  it('fail_with_error surfaces as Error(Contract, #code)', () => {
    const { host, id } = deployed(basics())
    const r = host.invoke(id, 'fail', [u32(7)])
    expect(r.error).toMatchObject({ type: ErrorType.Contract, code: 7, name: 'Error(Contract, #7)' })
  })

  it('returning an Error value (Rust Err(ContractError)) fails the call with it', () => {
    const { host, id } = deployed(basics())
    expect(host.invoke(id, 'err', [u32(4)]).error?.name).toBe('Error(Contract, #4)')
  })

  it('unknown function and wrong argument count', () => {
    const { host, id } = deployed(basics())
    const missing = host.invoke(id, 'nope', [])
    expect(missing.error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.MissingValue })
    expect(missing.error?.message).toMatch(/trying to invoke non-existent contract function nope/)
    expect(host.invoke(id, 'add', [u32(1)]).error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.UnexpectedSize })
    expect(host.invoke('CAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'.slice(0, 56), 'add', []).status).toBe('error')
  })
})

describe('ledger context', () => {
  it('reads sequence, timestamp, network id, protocol, own address and max TTL', () => {
    const host = new SorobanHost({ info: { sequence: 1234, timestamp: 1_700_000_000n, networkPassphrase: 'Test SDF Network ; September 2015' } })
    const { id } = deployed(basics(), host)
    expect(native(host.invoke(id, 'seq').result)).toBe(1234)
    expect(native(host.invoke(id, 'time').result)).toBe(1_700_000_000n)
    expect(Buffer.from(native(host.invoke(id, 'network').result) as Buffer)).toEqual(createHash('sha256').update('Test SDF Network ; September 2015').digest())
    expect(native(host.invoke(id, 'version').result)).toBe(28)
    expect(native(host.invoke(id, 'me').result)).toBe(id)
    expect(native(host.invoke(id, 'max_ttl').result)).toBe(1234 + 6_312_000 - 1)
  })
})

describe('vec, map, bytes, string, symbol round trips through linear memory', () => {
  const { host, id } = deployed(roundtrip())
  const rt = (fn: string, v: xdr.ScVal): xdr.ScVal => {
    const r = host.invoke(id, fn, [v])
    if (r.status !== 'success') throw new Error(r.error?.message)
    return r.result
  }

  it('vec', () => {
    const v = nativeToScVal([1, 'two', [3n]], { type: ['u32', 'symbol', ['i128']] } as never)
    const v2 = xdr.ScVal.scvVec([u32(1), xdr.ScVal.scvSymbol('two'), xdr.ScVal.scvVec([nativeToScVal(3n, { type: 'i128' })]), xdr.ScVal.scvString('x')])
    expect(rt('vec_rt', v2).toXDR('base64')).toBe(v2.toXDR('base64'))
    expect(rt('vec_rt', xdr.ScVal.scvVec([])).toXDR('base64')).toBe(xdr.ScVal.scvVec([]).toXDR('base64'))
    expect(v).toBeDefined()
  })

  it('map with symbol keys (struct layout)', () => {
    const m = xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('alpha'), val: u32(1) }),
      new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('beta'), val: xdr.ScVal.scvString('b') }),
      new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('gamma'), val: xdr.ScVal.scvBool(true) }),
    ])
    expect(rt('map_rt', m).toXDR('base64')).toBe(m.toXDR('base64'))
    const wrongKeys = xdr.ScVal.scvMap([new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('a'), val: u32(1) })])
    expect(host.invoke(id, 'map_rt', [wrongKeys]).error?.type).toBe(ErrorType.Object)
  })

  it('bytes, string and long symbol', () => {
    const b = bytes(Uint8Array.from({ length: 300 }, (_, i) => i & 0xff))
    expect(rt('bytes_rt', b).toXDR('base64')).toBe(b.toXDR('base64'))
    const s = xdr.ScVal.scvString('héllo, soroban')
    expect(rt('string_rt', s).toXDR('base64')).toBe(s.toXDR('base64'))
    const sym = xdr.ScVal.scvSymbol('a_rather_long_symbol_32_chars_ok')
    expect(native(rt('symbol_rt', sym))).toBe('a_rather_long_symbol_32_chars_ok')
    expect(native(rt('sym_index', xdr.ScVal.scvSymbol('gamma')))).toBe(2)
    expect(host.invoke(id, 'sym_index', [xdr.ScVal.scvSymbol('delta')]).error?.code).toBe(ErrorCode.MissingValue)
  })

  it('serialize_to_bytes matches @stellar/stellar-base XDR, and deserializes back', () => {
    const values = [
      u32(5), xdr.ScVal.scvI32(-5), nativeToScVal(-(2n ** 100n), { type: 'i128' }), nativeToScVal(2n ** 200n, { type: 'u256' }),
      nativeToScVal(-(2n ** 200n), { type: 'i256' }), nativeToScVal(123n, { type: 'u64' }), nativeToScVal(2n ** 63n, { type: 'u64' }),
      nativeToScVal(-(2n ** 60n), { type: 'i64' }), xdr.ScVal.scvTimepoint(new xdr.Uint64(99n)), xdr.ScVal.scvDuration(new xdr.Uint64(2n ** 60n)),
      xdr.ScVal.scvSymbol('sym'), xdr.ScVal.scvBool(false), xdr.ScVal.scvVoid(), new Address(alice).toScVal(),
      xdr.ScVal.scvError(xdr.ScError.sceContract(3)), xdr.ScVal.scvError(xdr.ScError.sceStorage(xdr.ScErrorCode.scecMissingValue())),
    ]
    for (const v of values) {
      expect(Buffer.from(native(rt('to_xdr', v)) as Buffer).toString('base64')).toBe(v.toXDR('base64'))
      // An Error value returned from a contract is that contract's failure, so those only round-trip inside a vec.
      const wrapped = v.switch().name === 'scvError' ? xdr.ScVal.scvVec([v]) : v
      expect(rt('xdr_rt', wrapped).toXDR('base64')).toBe(wrapped.toXDR('base64'))
    }
  })

  it('integers by pieces and 256-bit arithmetic', () => {
    const big = nativeToScVal(2n ** 127n + 5n, { type: 'u128' })
    expect(native(rt('u128_rt', big))).toBe(2n ** 127n + 5n)
    const neg = nativeToScVal(-(2n ** 100n) - 1n, { type: 'i128' })
    expect(native(rt('i128_rt', neg))).toBe(-(2n ** 100n) - 1n)
    expect(native(rt('u64_rt', nativeToScVal(2n ** 64n - 1n, { type: 'u64' })))).toBe(2n ** 64n - 1n)
    const sum = host.invoke(id, 'u256_add', [nativeToScVal(2n ** 255n, { type: 'u256' }), nativeToScVal(2n ** 255n - 1n, { type: 'u256' })])
    expect(native(sum.result)).toBe(2n ** 256n - 1n)
    const overflow = host.invoke(id, 'u256_add', [nativeToScVal(2n ** 255n, { type: 'u256' }), nativeToScVal(2n ** 255n, { type: 'u256' })])
    expect(overflow.error).toMatchObject({ type: ErrorType.Value, code: ErrorCode.ArithDomain })
    expect(Buffer.from(native(rt('u256_bytes', nativeToScVal(258n, { type: 'u256' }))) as Buffer).toString('hex')).toBe('0102'.padStart(64, '0'))
    expect(native(rt('i256_bytes_rt', nativeToScVal(-7n, { type: 'i256' })))).toBe(-7n)
  })

  it('compares values in ScVal order', () => {
    const cmp = (a: xdr.ScVal, b: xdr.ScVal): unknown => native(host.invoke(id, 'cmp', [a, b]).result)
    expect(cmp(u32(1), u32(2))).toBe(-1)
    expect(cmp(xdr.ScVal.scvSymbol('b'), xdr.ScVal.scvSymbol('a_long_symbol'))).toBe(1)
    expect(cmp(xdr.ScVal.scvBool(true), u32(0))).toBe(-1) // Bool sorts before U32
    expect(cmp(nativeToScVal(2n ** 70n, { type: 'i128' }), nativeToScVal(-1n, { type: 'i128' }))).toBe(1)
    expect(cmp(xdr.ScVal.scvVec([u32(1)]), xdr.ScVal.scvVec([u32(1)]))).toBe(0)
  })

  it('map, vec and bytes operations', () => {
    expect(native(host.invoke(id, 'map_ops', [xdr.ScVal.scvSymbol('key'), xdr.ScVal.scvString('v')]).result)).toBe('v')
    expect(native(host.invoke(id, 'vec_ops', [u32(9)]).result)).toBe(9)
    expect(Buffer.from(native(host.invoke(id, 'bytes_ops', [bytes(Uint8Array.of(1, 2, 3))]).result) as Buffer)).toEqual(Buffer.from([2, 3]))
  })
})

describe('cross-contract calls', () => {
  const host = new SorobanHost()
  const callee = deployed(basics(), host, 1).id
  const outer = deployed(caller(), host, 2).id
  const addr = (a: string): xdr.ScVal => new Address(a).toScVal()

  it('call returns the callee result and keeps its events', () => {
    const r = host.invoke(outer, 'call_add', [addr(callee), u32(20), u32(22)])
    expect(native(r.result)).toBe(42)
    expect(r.events.map((e) => e.contractId)).toEqual([callee])
  })

  it('call propagates a callee failure; try_call returns it as an Error value and rolls back', () => {
    expect(host.invoke(outer, 'call_fail', [addr(callee), u32(5)]).error?.name).toBe('Error(Contract, #5)')
    const r = host.invoke(outer, 'try_fail', [addr(callee), u32(5)])
    expect(r.status).toBe('success')
    expect(native(r.result)).toEqual([{ type: 'contract', code: 5 }])
    const trapped = host.invoke(outer, 'try_add', [addr(callee), u32(0xffffffff), u32(1)])
    // Any recoverable error other than a contract error comes back as Error(Context, InvalidAction).
    expect(trapped.result.toXDR('base64')).toBe(xdr.ScVal.scvVec([xdr.ScVal.scvError(xdr.ScError.sceContext(xdr.ScErrorCode.scecInvalidAction()))]).toXDR('base64'))
    expect(trapped.events).toEqual([])
  })

  it('try_call of a function returning Err gives the Error value', () => {
    const r = host.invoke(outer, 'try_err', [addr(callee), u32(9)])
    expect(r.status).toBe('success')
    expect(native(r.result)).toEqual([{ type: 'contract', code: 9 }])
    // Handing the Error value back as its own result fails the outer call with it.
    expect(host.invoke(outer, 'pass_err', [addr(callee), u32(9)]).error?.name).toBe('Error(Contract, #9)')
  })

  it('re-entry is refused', () => {
    expect(host.invoke(outer, 'reenter').error).toMatchObject({ type: ErrorType.Context, code: ErrorCode.InvalidAction })
  })
})

describe('require_auth', () => {
  const amount = nativeToScVal(100n, { type: 'i128' })

  it('records authorizations in record mode', () => {
    const { host, id } = deployed(basics())
    const r = host.invoke(id, 'pay', [new Address(alice).toScVal(), amount])
    expect(r.status).toBe('success')
    expect(r.auth).toHaveLength(1)
    expect(r.auth[0]).toMatchObject({ address: alice, contract: id, fn: 'pay' })
    expect(r.auth[0].args.map(native)).toEqual([alice, 100n])
    const custom = host.invoke(id, 'pay_args', [new Address(alice).toScVal(), amount])
    expect(custom.auth[0].args.map(native)).toEqual([100n])
  })

  it('enforces listed authorizations, each once', () => {
    const host = new SorobanHost()
    const { id } = deployed(basics(), host)
    host.auth = { mode: 'enforce', entries: [{ address: alice, contract: id, fn: 'pay', args: [new Address(alice).toScVal(), amount] }] }
    const ok = host.invoke(id, 'pay', [new Address(alice).toScVal(), amount])
    expect(ok.status).toBe('success')
    const other = host.invoke(id, 'pay', [new Address(alice).toScVal(), nativeToScVal(101n, { type: 'i128' })])
    expect(other.error).toMatchObject({ type: ErrorType.Auth, code: ErrorCode.InvalidAction })
    const bob = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 9)).publicKey()
    expect(host.invoke(id, 'pay', [new Address(bob).toScVal(), amount]).error?.type).toBe(ErrorType.Auth)
  })

  it('a contract is authorized for calls it makes itself', () => {
    const host = new SorobanHost()
    const callee = deployed(basics(), host, 1).id
    const outer = deployed(caller(), host, 2).id
    host.auth = { mode: 'enforce', entries: [] }
    expect(host.invoke(outer, 'pay_self', [new Address(callee).toScVal(), amount]).status).toBe('success')
    expect(host.invoke(outer, 'pay_for', [new Address(callee).toScVal(), new Address(alice).toScVal(), amount]).error?.type).toBe(ErrorType.Auth)
  })
})

describe('crypto against node:crypto', () => {
  const { host, id } = deployed(crypto())

  it('sha256 and keccak256', () => {
    const data = Buffer.from('soroban on zvm')
    expect(Buffer.from(native(host.invoke(id, 'sha256', [bytes(data)]).result) as Buffer)).toEqual(createHash('sha256').update(data).digest())
    expect(Buffer.from(native(host.invoke(id, 'keccak256', [bytes(Buffer.alloc(0))]).result) as Buffer).toString('hex'))
      .toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
  })

  it('ed25519 verification of a node:crypto signature', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
    const msg = Buffer.from('pay 100 to bob')
    const sig = nodeSign(null, msg, privateKey)
    expect(host.invoke(id, 'verify', [bytes(raw), bytes(msg), bytes(sig)]).status).toBe('success')
    const bad = Buffer.from(sig)
    bad[0] ^= 1
    expect(host.invoke(id, 'verify', [bytes(raw), bytes(msg), bytes(bad)]).error).toMatchObject({ type: ErrorType.Crypto })
    expect(host.invoke(id, 'verify', [bytes(raw.subarray(1)), bytes(msg), bytes(sig)]).error?.type).toBe(ErrorType.Crypto)
  })

  it('secp256k1 recovery of a node:crypto key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' })
    const expected = publicKey.export({ format: 'der', type: 'spki' }).subarray(-65)
    const msg = Buffer.from('recover me')
    const digest = createHash('sha256').update(msg).digest()
    const der = createSign('SHA256').update(msg).sign({ key: privateKey, dsaEncoding: 'ieee-p1363' })
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
    let s = BigInt(`0x${der.subarray(32).toString('hex')}`)
    if (s > n / 2n) s = n - s // Soroban requires low-s signatures
    const sig = Buffer.concat([der.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex')])
    const recovered = [0, 1].map((rid) => host.invoke(id, 'recover', [bytes(digest), bytes(sig), u32(rid)]))
    expect(recovered.some((r) => r.status === 'success' && Buffer.from(native(r.result) as Buffer).equals(expected))).toBe(true)
    const high = Buffer.concat([sig.subarray(0, 32), Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex')])
    expect(host.invoke(id, 'recover', [bytes(digest), bytes(high), u32(0)]).error?.type).toBe(ErrorType.Crypto)
  })
})

describe('upload and create by wasm hash', () => {
  it('a contract uploads code and deploys it at the derived address, with a constructor', () => {
    const host = new SorobanHost()
    const { id } = deployed(deployer(), host)
    const code = constructed()
    const hash = host.invoke(id, 'upload', [bytes(code)])
    expect(Buffer.from(native(hash.result) as Buffer)).toEqual(createHash('sha256').update(code).digest())
    const salt = bytes(Buffer.alloc(32, 3))
    const expected = native(host.invoke(id, 'id_for', [salt]).result)
    const made = host.invoke(id, 'deploy_with', [hash.result, salt, xdr.ScVal.scvVec([xdr.ScVal.scvString('hello')])])
    expect(made.status).toBe('success')
    expect(native(made.result)).toBe(expected)
    expect(StrKey.isValidContract(expected as string)).toBe(true)
    expect(native(host.invoke(expected as string, 'get').result)).toBe('hello')
    // The same salt again: the address is taken.
    expect(host.invoke(id, 'deploy_with', [hash.result, salt, xdr.ScVal.scvVec([xdr.ScVal.scvString('x')])]).error)
      .toMatchObject({ type: ErrorType.Storage, code: ErrorCode.ExistingValue })
    // __constructor cannot be invoked directly.
    expect(host.invoke(expected as string, '__constructor', [xdr.ScVal.scvString('x')]).error?.type).toBe(ErrorType.Context)
    expect(host.invoke(id, 'deploy', [bytes(Buffer.alloc(32)), bytes(Buffer.alloc(32, 1))]).error).toMatchObject({ type: ErrorType.Storage, code: ErrorCode.MissingValue })
  })

  it('upload of a hostile module fails the call', () => {
    const host = new SorobanHost()
    const { id } = deployed(deployer(), host)
    expect(host.invoke(id, 'upload', [bytes(Buffer.from('not wasm'))]).status).toBe('error')
  })
})

describe('hostile contracts end with an error and gas accounting', () => {
  it('an infinite loop runs out of CPU budget', () => {
    const host = new SorobanHost({ cpuLimit: 2_000_000 })
    const { id } = deployed(hostile(), host)
    const r = host.invoke(id, 'spin')
    expect(r.error).toMatchObject({ type: ErrorType.Budget, code: ErrorCode.ExceededLimit, name: 'Error(Budget, ExceededLimit)' })
    expect(r.cpuInsns).toBe(2_000_000)
  })

  it('the default budget of 100M instructions also ends the loop', () => {
    const { host, id } = deployed(hostile())
    const r = host.invoke(id, 'spin')
    expect(r.error?.type).toBe(ErrorType.Budget)
    expect(r.cpuInsns).toBe(100_000_000)
  })

  it('unbounded recursion hits the call depth limit (reported as budget exhaustion, as Soroban does)', () => {
    const { host, id } = deployed(hostile())
    expect(host.invoke(id, 'recurse', [u32(1)]).error).toMatchObject({ type: ErrorType.Budget, code: ErrorCode.ExceededLimit })
  })

  it('out-of-bounds memory, division by zero', () => {
    const { host, id } = deployed(hostile())
    expect(host.invoke(id, 'oob').error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.IndexBounds })
    expect(host.invoke(id, 'div0', [u32(0)]).error).toMatchObject({ type: ErrorType.WasmVm, code: ErrorCode.ArithDomain })
  })

  it('forged handles, bad tags and bad return values', () => {
    const { host, id } = deployed(hostile())
    expect(host.invoke(id, 'forged').error).toMatchObject({ type: ErrorType.Object, code: ErrorCode.MissingValue })
    expect(host.invoke(id, 'bad_tag').error).toMatchObject({ type: ErrorType.Value, code: ErrorCode.InvalidInput })
    expect(host.invoke(id, 'bad_return').error).toMatchObject({ type: ErrorType.Value, code: ErrorCode.InvalidInput })
  })

  it('memory growth past the memory budget is Error(Budget, ExceededLimit), not a trap or -1', () => {
    const host = new SorobanHost({ memLimit: 4 * 65536 })
    const { id } = deployed(hostile(), host)
    expect(host.invoke(id, 'grow', [u32(100)]).error).toMatchObject({ type: ErrorType.Budget, code: ErrorCode.ExceededLimit })
    const roomy = deployed(hostile())
    expect(native(roomy.host.invoke(roomy.id, 'grow', [u32(1)]).result)).toBe(1)
    expect(host.invoke(id, 'hoard', [u32(100)]).error).toMatchObject({ type: ErrorType.Budget, code: ErrorCode.ExceededLimit })
  })

  it('return from nested blocks still unwinds the depth counter', () => {
    const { host, id } = deployed(hostile())
    expect(host.invoke(id, 'early', [u32(1)]).result.switch().name).toBe('scvBool')
    expect(native(host.invoke(id, 'early', [u32(0)]).result)).toBe(false)
  })
})
