/**
 * The Stellar Asset Contract: the soroban-sdk contracts of the shared
 * fixtures that use it (expectations from their README, i.e. the real
 * host's tests), and the SEP-41 interface directly against rs-soroban-env's
 * documented behaviour: error codes of its ContractError enum, events,
 * authorization, allowances with expiration, classic balances.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Address, Asset, Keypair, nativeToScVal, scValToNative, StrKey, xdr } from '@stellar/stellar-base'
import { describe, expect, it } from 'vitest'
import { SorobanHost, SorobanLedger, type InvokeResult } from '../src/index.ts'
import { hostImports, watContract } from './build.ts'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'soroban-wasm')
const haveFixtures = existsSync(join(FIXTURES, 'README.md'))
if (!haveFixtures) console.warn(`sac.test.ts: ${FIXTURES} is absent; the shared-contract SAC tests are skipped`)
const fixture = (name: string): Uint8Array => readFileSync(join(FIXTURES, name))

const PASSPHRASE = 'Standalone Network ; February 2017'
const account = (seed: number): string => Keypair.fromRawEd25519Seed(Buffer.alloc(32, seed)).publicKey()
const ISSUER = account(1)
const ALICE = account(2)
const BOB = account(3)
const USD = new Asset('USD', ISSUER)
const a = (s: string): xdr.ScVal => new Address(s).toScVal()
const i128 = (n: bigint): xdr.ScVal => nativeToScVal(n, { type: 'i128' })
const native = (r: InvokeResult): unknown => scValToNative(r.result)
const topics = (r: InvokeResult): unknown[] => r.events.map((e) => e.topics.map((t) => scValToNative(t)))
const eventData = (r: InvokeResult): unknown[] => r.events.map((e) => scValToNative(e.data))
const I64_MAX = (1n << 63n) - 1n

/** A host with the issuer account and a USD asset contract; `flags` are the issuer's account flags. */
function usdHost(options: { flags?: number, protocol?: number } = {}): { host: SorobanHost, sac: string } {
  const host = new SorobanHost({ info: { protocolVersion: options.protocol ?? 25 } })
  host.setAccount(ISSUER, { balance: 1_000_000_000n, flags: options.flags ?? 0 })
  const d = host.deployAssetContract(USD)
  expect(d.status).toBe('success')
  return { host, sac: d.address }
}

describe('deployment and metadata', () => {
  it('the contract address is the asset preimage hash stellar-base computes, for native and issued assets', () => {
    const host = new SorobanHost()
    for (const asset of [Asset.native(), USD, new Asset('LONGCODE12', ISSUER)]) {
      expect(host.assetContractAddress(asset)).toBe(asset.contractId(PASSPHRASE))
      const d = host.deployAssetContract(asset)
      expect(d.status).toBe('success')
      expect(d.address).toBe(asset.contractId(PASSPHRASE))
      expect(d.events).toEqual([])
    }
    // Deploying twice is Error(Storage, ExistingValue).
    expect(host.deployAssetContract(USD).error?.name).toBe('Error(Storage, ExistingValue)')
  })

  it('name, symbol, decimals and admin as the real contract stores them', () => {
    const { host, sac } = usdHost()
    expect(native(host.invoke(sac, 'name'))).toBe(`USD:${ISSUER}`)
    // The symbol keeps the XDR padding of a 4-byte code (rs-soroban-env issue #1283).
    expect(native(host.invoke(sac, 'symbol'))).toBe('USD\0')
    expect(native(host.invoke(sac, 'decimals'))).toBe(7)
    expect(native(host.invoke(sac, 'admin'))).toBe(ISSUER)
    const xlm = host.deployAssetContract(Asset.native()).address
    expect(native(host.invoke(xlm, 'name'))).toBe('native')
    expect(native(host.invoke(xlm, 'symbol'))).toBe('native')
    // No admin for the native asset: reading it is a missing instance entry.
    expect(host.invoke(xlm, 'admin').error?.name).toBe('Error(Storage, MissingValue)')
    expect(host.invoke(xlm, 'mint', [a(ALICE), i128(1n)]).error?.name).toBe('Error(Storage, MissingValue)')
  })

  it('dispatch errors: unknown function, wrong arity, wrong argument type, init_asset again', () => {
    const { host, sac } = usdHost()
    expect(host.invoke(sac, 'nope').error?.name).toBe('Error(Value, InvalidInput)')
    expect(host.invoke(sac, 'balance').error?.name).toBe('Error(Context, UnexpectedSize)')
    expect(host.invoke(sac, 'balance', [xdr.ScVal.scvU32(1)]).error?.name).toBe('Error(Value, UnexpectedType)')
    expect(host.invoke(sac, 'transfer', [a(ALICE), a(BOB), xdr.ScVal.scvI64(new xdr.Int64(1n))]).error?.name).toBe('Error(Value, UnexpectedType)')
    expect(host.invoke(sac, 'init_asset', [xdr.ScVal.scvBytes(USD.toXDRObject().toXDR())]).error?.name).toBe('Error(Contract, #3)')
  })

  it('the instance and classic accounts survive the ledger file', () => {
    const { host, sac } = usdHost()
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD, { balance: 5n })
    const copy = new SorobanHost({ ledger: SorobanLedger.fromJSON(JSON.parse(JSON.stringify(host.ledger.toJSON()))) })
    expect(native(copy.invoke(sac, 'balance', [a(ALICE)]))).toBe(5n)
    expect(native(copy.invoke(sac, 'name'))).toBe(`USD:${ISSUER}`)
  })
})

describe('SEP-41 on an issued asset', () => {
  it('mint needs the admin, credits a trustline, emits CAP-67 events; the issuer balance is i64::MAX', () => {
    const { host, sac } = usdHost()
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD)
    const r = host.invoke(sac, 'mint', [a(ALICE), i128(1000n)])
    expect(r.status).toBe('success')
    expect(r.auth).toEqual([expect.objectContaining({ address: ISSUER, contract: sac, fn: 'mint' })])
    expect(topics(r)).toEqual([['mint', ALICE, `USD:${ISSUER}`]])
    expect(eventData(r)).toEqual([1000n])
    expect(native(host.invoke(sac, 'balance', [a(ALICE)]))).toBe(1000n)
    expect(native(host.invoke(sac, 'balance', [a(ISSUER)]))).toBe(I64_MAX)
    // The issuer cannot mint to itself; negative amounts are refused before anything else.
    expect(host.invoke(sac, 'mint', [a(ISSUER), i128(1n)]).error?.name).toBe('Error(Contract, #2)')
    expect(host.invoke(sac, 'mint', [a(ALICE), i128(-1n)]).error?.name).toBe('Error(Contract, #8)')
    // No trustline: #13; no account for the native asset: #6; above i64 for a classic balance: #12.
    expect(host.invoke(sac, 'mint', [a(BOB), i128(1n)]).error?.name).toBe('Error(Contract, #13)')
    expect(host.invoke(sac, 'mint', [a(ALICE), i128(1n << 63n)]).error?.name).toBe('Error(Contract, #12)')
  })

  it('protocol 22 events keep the admin topic on mint', () => {
    const { host, sac } = usdHost({ protocol: 22 })
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD)
    expect(topics(host.invoke(sac, 'mint', [a(ALICE), i128(5n)]))).toEqual([['mint', ISSUER, ALICE, `USD:${ISSUER}`]])
  })

  it('enforced auth: only the listed admin authorization mints', () => {
    const host = new SorobanHost({ auth: { mode: 'enforce', entries: [] } })
    host.setAccount(ISSUER, { balance: 1_000_000_000n })
    const sac = host.deployAssetContract(USD).address
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD)
    expect(host.invoke(sac, 'mint', [a(ALICE), i128(5n)]).error?.name).toBe('Error(Auth, InvalidAction)')
    host.auth = { mode: 'enforce', entries: [{ address: ISSUER, contract: sac, fn: 'mint', args: [a(ALICE), i128(5n)] }] }
    expect(host.invoke(sac, 'mint', [a(ALICE), i128(5n)]).status).toBe('success')
    // Someone else's authorization does not make a mint.
    host.auth = { mode: 'enforce', entries: [{ address: ALICE, contract: sac, fn: 'mint', args: [a(ALICE), i128(5n)] }] }
    expect(host.invoke(sac, 'mint', [a(ALICE), i128(5n)]).error?.name).toBe('Error(Auth, InvalidAction)')
  })

  it('transfer between accounts, to and from the issuer (burn / mint events), balance limits', () => {
    const { host, sac } = usdHost()
    for (const id of [ALICE, BOB]) { host.setAccount(id, { balance: 50_000_000n }); host.setTrustline(id, USD, { limit: 500n }) }
    host.invoke(sac, 'mint', [a(ALICE), i128(300n)])
    let r = host.invoke(sac, 'transfer', [a(ALICE), a(BOB), i128(100n)])
    expect(r.auth).toEqual([expect.objectContaining({ address: ALICE, fn: 'transfer', contract: sac })])
    expect(topics(r)).toEqual([['transfer', ALICE, BOB, `USD:${ISSUER}`]])
    expect([native(host.invoke(sac, 'balance', [a(ALICE)])), native(host.invoke(sac, 'balance', [a(BOB)]))]).toEqual([200n, 100n])
    // Over the balance, or over the receiver's trustline limit: #10, nothing moves.
    expect(host.invoke(sac, 'transfer', [a(ALICE), a(BOB), i128(201n)]).error?.name).toBe('Error(Contract, #10)')
    host.invoke(sac, 'mint', [a(BOB), i128(350n)])
    expect(host.invoke(sac, 'transfer', [a(ALICE), a(BOB), i128(51n)]).error?.name).toBe('Error(Contract, #10)')
    expect(native(host.invoke(sac, 'balance', [a(ALICE)]))).toBe(200n)
    r = host.invoke(sac, 'transfer', [a(ALICE), a(ISSUER), i128(10n)])
    expect(topics(r)).toEqual([['burn', ALICE, `USD:${ISSUER}`]])
    r = host.invoke(sac, 'transfer', [a(ISSUER), a(ALICE), i128(10n)])
    expect(topics(r)).toEqual([['mint', ALICE, `USD:${ISSUER}`]])
  })

  it('approve / allowance / transfer_from / burn_from with the expiration ledger', () => {
    const { host, sac } = usdHost()
    for (const id of [ALICE, BOB]) { host.setAccount(id, { balance: 50_000_000n }); host.setTrustline(id, USD) }
    host.invoke(sac, 'mint', [a(ALICE), i128(1000n)])
    const seq = host.info.sequence
    let r = host.invoke(sac, 'approve', [a(ALICE), a(BOB), i128(300n), xdr.ScVal.scvU32(seq + 10)])
    expect(r.status).toBe('success')
    expect(topics(r)).toEqual([['approve', ALICE, BOB, `USD:${ISSUER}`]])
    expect(eventData(r)).toEqual([[300n, seq + 10]])
    expect(native(host.invoke(sac, 'allowance', [a(ALICE), a(BOB)]))).toBe(300n)
    r = host.invoke(sac, 'transfer_from', [a(BOB), a(ALICE), a(BOB), i128(200n)])
    expect(r.auth).toEqual([expect.objectContaining({ address: BOB, fn: 'transfer_from' })])
    expect(topics(r)).toEqual([['transfer', ALICE, BOB, `USD:${ISSUER}`]])
    expect(native(host.invoke(sac, 'allowance', [a(ALICE), a(BOB)]))).toBe(100n)
    expect(host.invoke(sac, 'transfer_from', [a(BOB), a(ALICE), a(BOB), i128(101n)]).error?.name).toBe('Error(Contract, #9)')
    r = host.invoke(sac, 'burn_from', [a(BOB), a(ALICE), i128(100n)])
    expect(topics(r)).toEqual([['burn', ALICE, `USD:${ISSUER}`]])
    expect(native(host.invoke(sac, 'balance', [a(ALICE)]))).toBe(700n)
    // A positive allowance expiring before the current ledger, or beyond the maximum TTL, is #9.
    expect(host.invoke(sac, 'approve', [a(ALICE), a(BOB), i128(1n), xdr.ScVal.scvU32(seq - 1)]).error?.name).toBe('Error(Contract, #9)')
    expect(host.invoke(sac, 'approve', [a(ALICE), a(BOB), i128(1n), xdr.ScVal.scvU32(seq + host.info.maxEntryTtl)]).error?.name).toBe('Error(Contract, #9)')
    // After the expiration ledger the allowance reads 0.
    host.invoke(sac, 'approve', [a(ALICE), a(BOB), i128(50n), xdr.ScVal.scvU32(seq + 5)])
    const later = new SorobanHost({ ledger: host.ledger, info: { sequence: seq + 6 } })
    expect(native(later.invoke(sac, 'allowance', [a(ALICE), a(BOB)]))).toBe(0n)
  })

  it('set_authorized, authorized and clawback follow the issuer flags', () => {
    // AUTH_REQUIRED | AUTH_REVOCABLE | AUTH_CLAWBACK_ENABLED
    const { host, sac } = usdHost({ flags: 1 | 2 | 8 })
    const holder = host.deploy(watContract('(module (func (export "x")))')).address
    // A contract holder needs authorization when the issuer requires it.
    expect(native(host.invoke(sac, 'authorized', [a(holder)]))).toBe(false)
    expect(host.invoke(sac, 'mint', [a(holder), i128(10n)]).error?.name).toBe('Error(Contract, #11)')
    const r = host.invoke(sac, 'set_authorized', [a(holder), xdr.ScVal.scvBool(true)])
    expect(topics(r)).toEqual([['set_authorized', holder, `USD:${ISSUER}`]])
    expect(eventData(r)).toEqual([true])
    expect(host.invoke(sac, 'mint', [a(holder), i128(10n)]).status).toBe('success')
    const cb = host.invoke(sac, 'clawback', [a(holder), i128(4n)])
    expect(topics(cb)).toEqual([['clawback', holder, `USD:${ISSUER}`]])
    expect(native(host.invoke(sac, 'balance', [a(holder)]))).toBe(6n)
    host.invoke(sac, 'set_authorized', [a(holder), xdr.ScVal.scvBool(false)])
    expect(host.invoke(sac, 'transfer', [a(holder), a(ISSUER), i128(1n)]).error?.name).toBe('Error(Contract, #11)')
    // Clawback works on a deauthorized balance; a trustline without the clawback flag cannot be clawed back.
    expect(host.invoke(sac, 'clawback', [a(holder), i128(6n)]).status).toBe('success')
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD, { balance: 5n })
    expect(host.invoke(sac, 'clawback', [a(ALICE), i128(1n)]).error?.name).toBe('Error(Contract, #10)')
    const { host: h2, sac: s2 } = usdHost()
    h2.setAccount(ALICE, { balance: 50_000_000n })
    h2.setTrustline(ALICE, USD)
    expect(h2.invoke(s2, 'set_authorized', [a(ALICE), xdr.ScVal.scvBool(false)]).error?.name).toBe('Error(Contract, #2)')
  })

  it('set_admin moves the admin role', () => {
    const { host, sac } = usdHost()
    const r = host.invoke(sac, 'set_admin', [a(ALICE)])
    expect(topics(r)).toEqual([['set_admin', ISSUER, `USD:${ISSUER}`]])
    expect(eventData(r)).toEqual([ALICE])
    expect(native(host.invoke(sac, 'admin'))).toBe(ALICE)
    host.setAccount(BOB, { balance: 50_000_000n })
    host.setTrustline(BOB, USD)
    expect(host.invoke(sac, 'mint', [a(BOB), i128(1n)]).auth).toEqual([expect.objectContaining({ address: ALICE, fn: 'mint' })])
  })
})

describe('the native asset', () => {
  it('moves XLM between accounts above the minimum balance; burn is not supported', () => {
    const host = new SorobanHost()
    const xlm = host.deployAssetContract(Asset.native()).address
    const reserve = BigInt(host.info.baseReserve)
    host.setAccount(ALICE, { balance: 2n * reserve + 100n })
    host.setAccount(BOB, { balance: 2n * reserve })
    expect(native(host.invoke(xlm, 'balance', [a(ALICE)]))).toBe(2n * reserve + 100n)
    expect(host.invoke(xlm, 'transfer', [a(ALICE), a(BOB), i128(100n)]).status).toBe('success')
    expect(host.ledger.accounts.get(BOB)?.balance).toBe(2n * reserve + 100n)
    // Below the minimum balance: #10. Unknown account: #6. burn on native: #2.
    expect(host.invoke(xlm, 'transfer', [a(ALICE), a(BOB), i128(1n)]).error?.name).toBe('Error(Contract, #10)')
    expect(host.invoke(xlm, 'transfer', [a(BOB), a(account(9)), i128(1n)]).error?.name).toBe('Error(Contract, #6)')
    expect(host.invoke(xlm, 'burn', [a(BOB), i128(1n)]).error?.name).toBe('Error(Contract, #2)')
    expect(native(host.invoke(xlm, 'authorized', [a(BOB)]))).toBe(true)
  })

  it('create_asset_contract and get_asset_contract_id from a contract', () => {
    const host = new SorobanHost()
    const deployer = host.deploy(watContract(`(module ${hostImports('create_asset_contract', 'get_asset_contract_id')}
      (func (export "create") (param i64) (result i64) (call $create_asset_contract (local.get 0)))
      (func (export "id") (param i64) (result i64) (call $get_asset_contract_id (local.get 0))))`)).address
    const bytes = (asset: Asset): xdr.ScVal => xdr.ScVal.scvBytes(asset.toXDRObject().toXDR())
    expect(native(host.invoke(deployer, 'id', [bytes(USD)]))).toBe(USD.contractId(PASSPHRASE))
    expect(host.ledger.contracts.has(USD.contractId(PASSPHRASE))).toBe(false)
    expect(native(host.invoke(deployer, 'create', [bytes(USD)]))).toBe(USD.contractId(PASSPHRASE))
    expect(host.invoke(deployer, 'create', [bytes(USD)]).error?.name).toBe('Error(Storage, ExistingValue)')
    // Not an Asset, trailing bytes, an invalid code: Error(Value, InvalidInput).
    expect(host.invoke(deployer, 'id', [xdr.ScVal.scvBytes(Buffer.from([0, 0, 0, 7]))]).error?.name).toBe('Error(Value, InvalidInput)')
    expect(host.invoke(deployer, 'id', [xdr.ScVal.scvBytes(Buffer.concat([Asset.native().toXDRObject().toXDR(), Buffer.from([0])]))]).error?.name).toBe('Error(Value, InvalidInput)')
    const badCode = xdr.Asset.assetTypeCreditAlphanum4(new xdr.AlphaNum4({ assetCode: Buffer.from('U$D\0', 'latin1'), issuer: xdr.PublicKey.publicKeyTypeEd25519(StrKey.decodeEd25519PublicKey(ISSUER)) }))
    expect(host.invoke(deployer, 'create', [xdr.ScVal.scvBytes(badCode.toXDR())]).error?.name).toBe('Error(Value, InvalidInput)')
  })
})

describe.skipIf(!haveFixtures)('shared soroban-sdk contracts', () => {
  it('20/contract_sac_transfer: transfer_1 with and without balance, to an account without a trustline', () => {
    const { host, sac } = usdHost()
    const t = host.deploy(fixture('20/contract_sac_transfer.wasm')).address
    host.setAccount(ALICE, { balance: 50_000_000n })
    expect(host.invoke(t, 'transfer_1', [a(sac), a(ALICE)]).error?.name).toBe('Error(Contract, #10)')
    host.invoke(sac, 'mint', [a(t), i128(5n)])
    // Alice has no trustline: #13.
    expect(host.invoke(t, 'transfer_1', [a(sac), a(ALICE)]).error?.name).toBe('Error(Contract, #13)')
    host.setTrustline(ALICE, USD)
    const r = host.invoke(t, 'transfer_1', [a(sac), a(ALICE)])
    expect(r.status).toBe('success')
    // The contract is both sender and caller: no authorization is needed.
    expect(r.auth).toEqual([])
    expect(r.events.map((e) => e.contractId)).toEqual([sac])
    expect(topics(r)).toEqual([['transfer', t, ALICE, `USD:${ISSUER}`]])
    expect(native(host.invoke(sac, 'balance', [a(t)]))).toBe(4n)
  })

  it('23/contract_sac_transfer: i128 balances beyond i64, then #10; batch_transfer emits two events', () => {
    const { host, sac } = usdHost()
    const t = host.deploy(fixture('23/contract_sac_transfer.wasm')).address
    for (let i = 0; i < 3; i++) expect(host.invoke(sac, 'mint', [a(t), i128(I64_MAX)]).status).toBe('success')
    expect(host.invoke(t, 'transfer_amount', [a(sac), a(sac), i128(2n * I64_MAX)]).status).toBe('success')
    expect(native(host.invoke(sac, 'balance', [a(t)]))).toBe(I64_MAX)
    expect(host.invoke(t, 'transfer_amount', [a(sac), a(sac), i128(1n << 63n)]).error?.name).toBe('Error(Contract, #10)')
    const x = host.deploy(watContract('(module (func (export "x")))'), { salt: new Uint8Array(32).fill(7) }).address
    host.setAccount(ALICE, { balance: 50_000_000n })
    host.setTrustline(ALICE, USD)
    const r = host.invoke(t, 'batch_transfer', [a(sac), xdr.ScVal.scvVec([a(x), a(ALICE)])])
    expect(r.status).toBe('success')
    expect(topics(r)).toEqual([['transfer', t, x, `USD:${ISSUER}`], ['transfer', t, ALICE, `USD:${ISSUER}`]])
  })

  it('20/test_try_call_sac: the contract as admin; no trustline → false with no events; a holder → true; another admin → false', () => {
    const { host, sac } = usdHost()
    const m = host.deploy(fixture('20/test_try_call_sac.wasm')).address
    host.invoke(sac, 'set_admin', [a(m)])
    host.setAccount(ALICE, { balance: 50_000_000n })
    let r = host.invoke(m, 'mint', [a(sac), a(ALICE)])
    expect(native(r)).toBe(false)
    expect(r.events).toEqual([])
    expect(r.auth).toEqual([])
    host.setTrustline(ALICE, USD)
    r = host.invoke(m, 'mint', [a(sac), a(ALICE)])
    expect(native(r)).toBe(true)
    expect(topics(r)).toEqual([['mint', ALICE, `USD:${ISSUER}`]])
    host.invoke(m, 'mint', [a(sac), a(ALICE)])
    expect(native(host.invoke(sac, 'balance', [a(ALICE)]))).toBe(2n)
    // Enforcing mode with another admin: the SAC's require_auth fails inside try_call → false.
    const { host: h2, sac: s2 } = usdHost()
    const m2 = h2.deploy(fixture('20/test_try_call_sac.wasm')).address
    h2.setAccount(ALICE, { balance: 50_000_000n })
    h2.setTrustline(ALICE, USD)
    h2.auth = { mode: 'enforce', entries: [] }
    expect(native(h2.invoke(m2, 'mint', [a(s2), a(ALICE)]))).toBe(false)
  })

  it('20/example_err + 20/example_invoke_contract: a failing call rolls back its SAC transfer and events', () => {
    const { host, sac } = usdHost()
    const e = host.deploy(fixture('20/example_err.wasm')).address
    const inv = host.deploy(fixture('20/example_invoke_contract.wasm'), { salt: new Uint8Array(32).fill(1) }).address
    host.invoke(sac, 'mint', [a(e), i128(100_000_000n)])
    const r = host.invoke(inv, 'invoke', [a(e), xdr.ScVal.scvSymbol('fail_after_updates'), a(sac)])
    expect(r.status).toBe('success')
    expect(native(host.invoke(sac, 'balance', [a(e)]))).toBe(100_000_000n)
    expect(native(host.invoke(sac, 'balance', [a(sac)]))).toBe(0n)
    expect(native(host.invoke(e, 'storage_updated'))).toBe(false)
    expect(r.events).toEqual([])
  })
})
