import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { ecdsaKeyToAlias, entityIdToAddress, HederaLedger, ResponseCode as RC } from '../src/index.ts'
import { setup } from './fixture.ts'

describe('accounts and HBAR', () => {
  it('numbers accounts from 0.0.1001 with long-zero addresses, HBAR in the state', () => {
    const { ledger, treasury, state } = setup()
    expect(treasury.id).toBe('0.0.1001')
    expect(treasury.address).toBe(entityIdToAddress('0.0.1001'))
    expect(entityIdToAddress('0.0.1234')).toBe('0x00000000000000000000000000000000000004d2')
    expect(state.getBalance(treasury.address)).toBe(1000n)
    expect(ledger.hbarBalance(treasury.id)).toBe(1000n)
  })

  it('ECDSA accounts get the HIP-583 alias (keccak of the uncompressed key, last 20 bytes)', () => {
    // secp256k1 generator point G: private key 1; its Ethereum address is well known.
    const g = Uint8Array.from(Buffer.from('0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798', 'hex'))
    expect(ecdsaKeyToAlias(g)).toBe('0x7e5f4552091a69125d5dfcb7b8c2659029395bdf')
    const ledger = new HederaLedger(new JournaledState())
    const r = ledger.createAccount({ ecdsaPublicKey: g })
    expect(r.address).toBe('0x7e5f4552091a69125d5dfcb7b8c2659029395bdf')
    expect(ledger.getAccount('0x7e5f4552091a69125d5dfcb7b8c2659029395bdf')?.id).toBe(r.accountId)
    expect(ledger.createAccount({ ecdsaPublicKey: new Uint8Array(33) }).code).toBe(RC.INVALID_SIGNATURE)
  })

  it('transfers HBAR and creates a hollow account for an unknown EVM address', () => {
    const { ledger, treasury, alice } = setup()
    const evm = '0x1111111111111111111111111111111111111111'
    expect(ledger.transferHbar({ from: treasury.id, to: evm, amount: 10n, caller: treasury.address })).toBe(RC.SUCCESS)
    const hollow = ledger.getAccount(evm)!
    expect(hollow).toMatchObject({ alias: evm, key: undefined, maxAutoAssociations: -1 })
    expect(ledger.hbarBalance(evm)).toBe(10n)
    expect(ledger.transferHbar({ from: treasury.id, to: '0.0.9999', amount: 1n, caller: treasury.address })).toBe(RC.INVALID_ACCOUNT_ID)
    expect(ledger.transferHbar({ from: treasury.id, to: alice.id, amount: -1n, caller: treasury.address })).toBe(RC.INVALID_ACCOUNT_AMOUNTS)
    expect(ledger.transferHbar({ from: treasury.id, to: alice.id, amount: 1n, caller: alice.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.transferHbar({ from: treasury.id, to: alice.id, amount: 10_000n, caller: treasury.address })).toBe(RC.INSUFFICIENT_ACCOUNT_BALANCE)
  })
})

describe('token create', () => {
  it('creates a fungible token with the treasury associated and holding the supply', () => {
    const { ledger, treasury, token } = setup()
    const id = token({ decimals: 2, memo: 'm' })
    expect(ledger.getToken(id)).toMatchObject({ name: 'Gold', symbol: 'AU', decimals: 2, totalSupply: 1000n, treasury: treasury.id, memo: 'm' })
    expect(ledger.getToken(entityIdToAddress(id))?.id).toBe(id)
    expect(ledger.balanceOf(id, treasury.id)).toBe(1000n)
    expect(ledger.getAccount(treasury.id)!.associations).toBe(1)
  })

  it.each([
    ['no name', { name: '' }, RC.MISSING_TOKEN_NAME],
    ['zero byte in name', { name: 'a\0b' }, RC.INVALID_ZERO_BYTE_IN_STRING],
    ['long name', { name: 'n'.repeat(101) }, RC.TOKEN_NAME_TOO_LONG],
    ['no symbol', { symbol: '' }, RC.MISSING_TOKEN_SYMBOL],
    ['long memo', { memo: 'm'.repeat(101) }, RC.MEMO_TOO_LONG],
    ['negative decimals', { decimals: -1 }, RC.INVALID_TOKEN_DECIMALS],
    ['negative supply', { initialSupply: -1n }, RC.INVALID_TOKEN_INITIAL_SUPPLY],
    ['finite without max', { supplyType: 'finite' as const }, RC.INVALID_TOKEN_MAX_SUPPLY],
    ['initial above max', { supplyType: 'finite' as const, maxSupply: 10n }, RC.INVALID_TOKEN_INITIAL_SUPPLY],
    ['NFT without supply key', { type: 'nonFungible' as const, initialSupply: 0n }, RC.TOKEN_HAS_NO_SUPPLY_KEY],
    ['NFT with decimals', { type: 'nonFungible' as const, initialSupply: 0n, decimals: 1 }, RC.INVALID_TOKEN_DECIMALS],
    ['freezeDefault without freeze key', { freezeDefault: true }, RC.TOKEN_HAS_NO_FREEZE_KEY],
    ['unknown treasury', { treasury: '0.0.9999' }, RC.INVALID_TREASURY_ACCOUNT_FOR_TOKEN],
  ])('%s → its code', (_, extra, code) => {
    const { ledger, treasury } = setup()
    expect(ledger.createToken({ name: 'Gold', symbol: 'AU', treasury: treasury.id, initialSupply: 1000n, caller: treasury.address, ...extra }).code).toBe(code)
  })

  it('the treasury and the admin key must sign', () => {
    const { ledger, treasury, alice } = setup()
    expect(ledger.createToken({ name: 'G', symbol: 'G', treasury: treasury.id, caller: alice.address }).code).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.createToken({ name: 'G', symbol: 'G', treasury: treasury.id, caller: treasury.address, keys: { admin: { kind: 'entity', address: alice.address } } }).code).toBe(RC.INVALID_SIGNATURE)
  })

  it('a failed create changes nothing (the next id is not used up)', () => {
    const { ledger, treasury, token } = setup()
    ledger.createToken({ name: '', symbol: 'X', treasury: treasury.id, caller: treasury.address })
    expect(token()).toBe('0.0.1004')
  })
})

describe('associations', () => {
  it('associate, twice → 194, limit → 166, dissociate with balance → 195, not associated → 184', () => {
    const { ledger, alice, bob, treasury, token } = setup({ maxTokensPerAccount: 2 })
    const a = token(), b = token(), c = token({ treasury: bob.id, caller: bob.address })
    expect(ledger.associate({ account: alice.id, token: a, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.associate({ account: alice.id, token: a, caller: alice.address })).toBe(RC.TOKEN_ALREADY_ASSOCIATED_TO_ACCOUNT)
    expect(ledger.associate({ account: alice.id, token: b, caller: treasury.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.associate({ account: alice.id, token: b, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.associate({ account: alice.id, token: c, caller: alice.address })).toBe(RC.TOKENS_PER_ACCOUNT_LIMIT_EXCEEDED)
    expect(ledger.transferToken({ token: a, from: treasury.id, to: alice.id, amount: 5n, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.dissociate({ account: alice.id, token: a, caller: alice.address })).toBe(RC.TRANSACTION_REQUIRES_ZERO_TOKEN_BALANCES)
    expect(ledger.dissociate({ account: alice.id, token: c, caller: alice.address })).toBe(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT)
    expect(ledger.dissociate({ account: alice.id, token: b, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.dissociate({ account: treasury.id, token: b, caller: treasury.address })).toBe(RC.ACCOUNT_IS_TREASURY)
    expect(ledger.associate({ account: '0.0.9999', token: a, caller: alice.address })).toBe(RC.INVALID_ACCOUNT_ID)
    expect(ledger.associate({ account: alice.id, token: '0.0.9999', caller: alice.address })).toBe(RC.INVALID_TOKEN_ID)
  })

  it('freezeDefault: new associations start frozen → 165', () => {
    const { ledger, alice, treasury, token, key } = setup()
    const t = token({ freezeDefault: true, keys: { freeze: key } })
    ledger.associate({ account: alice.id, token: t, caller: alice.address })
    expect(ledger.getRelation(t, alice.id)?.frozen).toBe(true)
    expect(ledger.transferToken({ token: t, from: treasury.id, to: alice.id, amount: 1n, caller: treasury.address })).toBe(RC.ACCOUNT_FROZEN_FOR_TOKEN)
    expect(ledger.unfreeze({ token: t, account: alice.id, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.transferToken({ token: t, from: treasury.id, to: alice.id, amount: 1n, caller: treasury.address })).toBe(RC.SUCCESS)
  })

  it('free auto-association slots let an account receive without associating; -1 is unlimited', () => {
    const { ledger, account, treasury, token } = setup()
    const one = account(1), unlimited = account(-1), none = account(0)
    const a = token(), b = token()
    const send = (t: string, to: string) => ledger.transferToken({ token: t, from: treasury.id, to, amount: 1n, caller: treasury.address })
    expect(send(a, none.id)).toBe(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT)
    expect(send(a, one.id)).toBe(RC.SUCCESS)
    expect(ledger.getRelation(a, one.id)?.automatic).toBe(true)
    expect(send(b, one.id)).toBe(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT)
    expect(send(a, unlimited.id)).toBe(RC.SUCCESS)
    expect(send(b, unlimited.id)).toBe(RC.SUCCESS)
  })

  it('a token transfer to an unknown EVM address makes a hollow account that auto-associates', () => {
    const { ledger, treasury, token } = setup()
    const t = token()
    const evm = '0x2222222222222222222222222222222222222222'
    expect(ledger.transferToken({ token: t, from: treasury.id, to: evm, amount: 3n, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.balanceOf(t, evm)).toBe(3n)
  })
})

describe('transfers: check order', () => {
  it('deleted (179) before paused (265) before frozen (165) before KYC (176) before balance (178)', () => {
    const { ledger, treasury, alice, token, allKeys } = setup()
    const t = token({ keys: allKeys })
    const caller = treasury.address
    ledger.associate({ account: alice.id, token: t, caller: alice.address })
    ledger.grantKyc({ token: t, account: alice.id, caller })
    ledger.transferToken({ token: t, from: treasury.id, to: alice.id, amount: 10n, caller })
    const send = () => ledger.transferToken({ token: t, from: alice.id, to: treasury.id, amount: 100n, caller: alice.address })
    expect(send()).toBe(RC.INSUFFICIENT_TOKEN_BALANCE)
    expect(ledger.revokeKyc({ token: t, account: alice.id, caller })).toBe(RC.SUCCESS)
    expect(send()).toBe(RC.ACCOUNT_KYC_NOT_GRANTED_FOR_TOKEN)
    expect(ledger.freeze({ token: t, account: alice.id, caller })).toBe(RC.SUCCESS)
    expect(send()).toBe(RC.ACCOUNT_FROZEN_FOR_TOKEN)
    expect(ledger.pauseToken({ token: t, caller })).toBe(RC.SUCCESS)
    expect(send()).toBe(RC.TOKEN_IS_PAUSED)
    expect(ledger.unpauseToken({ token: t, caller })).toBe(RC.SUCCESS)
    expect(ledger.deleteToken({ token: t, caller })).toBe(RC.SUCCESS)
    ledger.pauseToken({ token: t, caller })
    expect(send()).toBe(RC.TOKEN_WAS_DELETED)
  })

  it('allowances: none → 292, too small → 293, spent down', () => {
    const { ledger, treasury, alice, bob, token } = setup()
    const t = token()
    ledger.associate({ account: bob.id, token: t, caller: bob.address })
    const pull = (amount: bigint) => ledger.transferToken({ token: t, from: treasury.id, to: bob.id, amount, caller: alice.address })
    expect(pull(1n)).toBe(RC.SPENDER_DOES_NOT_HAVE_ALLOWANCE)
    expect(ledger.approve({ token: t, owner: treasury.id, spender: alice.id, amount: 5n, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.allowance(t, treasury.id, alice.id)).toBe(5n)
    expect(pull(6n)).toBe(RC.AMOUNT_EXCEEDS_ALLOWANCE)
    expect(pull(4n)).toBe(RC.SUCCESS)
    expect(ledger.allowance(t, treasury.id, alice.id)).toBe(1n)
    expect(ledger.approve({ token: t, owner: '0.0.9999', spender: alice.id, amount: 5n, caller: treasury.address })).toBe(RC.INVALID_ALLOWANCE_OWNER_ID)
    expect(ledger.approve({ token: t, owner: treasury.id, spender: '0.0.9999', amount: 5n, caller: treasury.address })).toBe(RC.INVALID_ALLOWANCE_SPENDER_ID)
  })
})

describe('supply', () => {
  it('mint and burn fungible: no supply key 180, max supply 236, burn over balance 178', () => {
    const { ledger, treasury, token, key } = setup()
    const plain = token()
    expect(ledger.mint({ token: plain, amount: 1n, caller: treasury.address }).code).toBe(RC.TOKEN_HAS_NO_SUPPLY_KEY)
    const t = token({ keys: { supply: key }, supplyType: 'finite', maxSupply: 1_500n })
    expect(ledger.mint({ token: t, amount: 500n, caller: treasury.address })).toMatchObject({ code: RC.SUCCESS, totalSupply: 1500n })
    expect(ledger.mint({ token: t, amount: 1n, caller: treasury.address }).code).toBe(RC.TOKEN_MAX_SUPPLY_REACHED)
    expect(ledger.mint({ token: t, amount: -1n, caller: treasury.address }).code).toBe(RC.INVALID_TOKEN_MINT_AMOUNT)
    expect(ledger.burn({ token: t, amount: 2_000n, caller: treasury.address }).code).toBe(RC.INSUFFICIENT_TOKEN_BALANCE)
    expect(ledger.burn({ token: t, amount: 1_000n, caller: treasury.address })).toMatchObject({ code: RC.SUCCESS, totalSupply: 500n })
    expect(ledger.burn({ token: t, amount: -1n, caller: treasury.address }).code).toBe(RC.INVALID_TOKEN_BURN_AMOUNT)
  })

  it('NFTs: serials, metadata, owners, transfer, approve by serial and for all, burn, wipe', () => {
    const { ledger, treasury, alice, bob, token, key } = setup()
    const t = token({ type: 'nonFungible', initialSupply: 0n, keys: { supply: key, wipe: key } })
    const r = ledger.mint({ token: t, metadata: [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)], caller: treasury.address })
    expect(r).toMatchObject({ code: RC.SUCCESS, serials: [1n, 2n, 3n], totalSupply: 3n })
    expect(ledger.getNft(t, 2n)).toMatchObject({ owner: treasury.id, metadata: Uint8Array.of(2) })
    expect(ledger.mint({ token: t, metadata: [new Uint8Array(101)], caller: treasury.address }).code).toBe(RC.METADATA_TOO_LONG)
    ledger.associate({ account: alice.id, token: t, caller: alice.address })
    ledger.associate({ account: bob.id, token: t, caller: bob.address })
    expect(ledger.transferNft({ token: t, from: treasury.id, to: alice.id, serial: 1n, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.transferNft({ token: t, from: treasury.id, to: alice.id, serial: 1n, caller: treasury.address })).toBe(RC.SENDER_DOES_NOT_OWN_NFT_SERIAL_NO)
    expect(ledger.transferNft({ token: t, from: treasury.id, to: alice.id, serial: 9n, caller: treasury.address })).toBe(RC.INVALID_NFT_ID)
    expect(ledger.transferNft({ token: t, from: alice.id, to: bob.id, serial: 1n, caller: bob.address })).toBe(RC.SPENDER_DOES_NOT_HAVE_ALLOWANCE)
    expect(ledger.approveNft({ token: t, owner: alice.id, spender: bob.id, serial: 1n, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.transferNft({ token: t, from: alice.id, to: bob.id, serial: 1n, caller: bob.address })).toBe(RC.SUCCESS)
    expect(ledger.getNft(t, 1n)).toMatchObject({ owner: bob.id, spender: undefined })
    expect(ledger.setApprovalForAll({ token: t, owner: treasury.id, operator: alice.id, approved: true, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.isApprovedForAll(t, treasury.id, alice.id)).toBe(true)
    expect(ledger.transferNft({ token: t, from: treasury.id, to: alice.id, serial: 2n, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.dissociate({ account: alice.id, token: t, caller: alice.address })).toBe(RC.ACCOUNT_STILL_OWNS_NFTS)
    expect(ledger.burn({ token: t, serials: [2n], caller: treasury.address }).code).toBe(RC.TREASURY_MUST_OWN_BURNED_NFT)
    expect(ledger.burn({ token: t, serials: [3n], caller: treasury.address })).toMatchObject({ code: RC.SUCCESS, totalSupply: 2n })
    expect(ledger.wipe({ token: t, account: alice.id, serials: [1n], caller: treasury.address })).toBe(RC.ACCOUNT_DOES_NOT_OWN_WIPED_NFT)
    expect(ledger.wipe({ token: t, account: alice.id, serials: [2n], caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.getToken(t)!.totalSupply).toBe(1n)
    expect(ledger.balanceOf(t, bob.id)).toBe(1n)
  })

  it('wipe: treasury 185, no wipe key 181, amount 192', () => {
    const { ledger, treasury, alice, token, key } = setup()
    const t = token({ keys: { wipe: key } })
    ledger.associate({ account: alice.id, token: t, caller: alice.address })
    ledger.transferToken({ token: t, from: treasury.id, to: alice.id, amount: 10n, caller: treasury.address })
    expect(ledger.wipe({ token: t, account: treasury.id, amount: 1n, caller: treasury.address })).toBe(RC.CANNOT_WIPE_TOKEN_TREASURY_ACCOUNT)
    expect(ledger.wipe({ token: t, account: alice.id, amount: 11n, caller: treasury.address })).toBe(RC.INVALID_WIPING_AMOUNT)
    expect(ledger.wipe({ token: t, account: alice.id, amount: 4n, caller: alice.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.wipe({ token: t, account: alice.id, amount: 4n, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.getToken(t)!.totalSupply).toBe(996n)
    expect(ledger.wipe({ token: token(), account: alice.id, amount: 1n, caller: treasury.address })).toBe(RC.TOKEN_HAS_NO_WIPE_KEY)
  })
})

describe('update, delete, pause, freeze, KYC', () => {
  it('update needs the admin key (193, 7) and moves the treasury', () => {
    const { ledger, treasury, alice, token, key } = setup()
    expect(ledger.updateToken({ token: token(), name: 'X', caller: treasury.address })).toBe(RC.TOKEN_IS_IMMUTABLE)
    const t = token({ keys: { admin: key } })
    expect(ledger.updateToken({ token: t, name: 'X', caller: alice.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.updateToken({ token: t, treasury: alice.id, caller: treasury.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.updateToken({ token: t, keys: { kyc: key }, caller: treasury.address })).toBe(RC.TOKEN_HAS_NO_KYC_KEY)
    ledger.associate({ account: alice.id, token: t, caller: alice.address })
    // The key is the treasury's account: alice cannot sign for the treasury, and the new treasury must sign too.
    const aliceKey = { kind: 'entity', address: alice.address } as const
    expect(ledger.updateToken({ token: t, keys: { admin: aliceKey }, name: 'Silver', caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.updateToken({ token: t, treasury: alice.id, caller: alice.address })).toBe(RC.SUCCESS)
    expect(ledger.getToken(t)).toMatchObject({ name: 'Silver', treasury: alice.id })
    expect(ledger.balanceOf(t, alice.id)).toBe(1000n)
  })

  it('missing keys: pause 266, freeze 172, KYC 177; unknown token 167', () => {
    const { ledger, treasury, alice, token } = setup()
    const t = token()
    expect(ledger.pauseToken({ token: t, caller: treasury.address })).toBe(RC.TOKEN_HAS_NO_PAUSE_KEY)
    expect(ledger.freeze({ token: t, account: alice.id, caller: treasury.address })).toBe(RC.TOKEN_HAS_NO_FREEZE_KEY)
    expect(ledger.grantKyc({ token: t, account: alice.id, caller: treasury.address })).toBe(RC.TOKEN_HAS_NO_KYC_KEY)
    expect(ledger.deleteToken({ token: '0.0.9999', caller: treasury.address })).toBe(RC.INVALID_TOKEN_ID)
  })

  it('freeze needs an association (184); a deleted token refuses everything (179)', () => {
    const { ledger, treasury, alice, token, allKeys } = setup()
    const t = token({ keys: allKeys })
    expect(ledger.freeze({ token: t, account: alice.id, caller: treasury.address })).toBe(RC.TOKEN_NOT_ASSOCIATED_TO_ACCOUNT)
    expect(ledger.deleteToken({ token: t, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(ledger.deleteToken({ token: t, caller: treasury.address })).toBe(RC.TOKEN_WAS_DELETED)
    expect(ledger.mint({ token: t, amount: 1n, caller: treasury.address }).code).toBe(RC.TOKEN_WAS_DELETED)
    expect(ledger.associate({ account: alice.id, token: t, caller: alice.address })).toBe(RC.TOKEN_WAS_DELETED)
  })
})

describe('topics', () => {
  it('create, submit (sequence numbers, running hash), update, delete', () => {
    const { ledger, treasury, alice } = setup()
    const admin = { kind: 'entity', address: treasury.address } as const
    const { code, topicId } = ledger.createTopic({ memo: 'news', adminKey: admin, submitKey: admin, caller: treasury.address })
    expect(code).toBe(RC.SUCCESS)
    const submit = (message: Uint8Array, caller = treasury.address) => ledger.submitMessage({ topic: topicId!, message, caller })
    const first = submit(Uint8Array.of(1))
    expect(first).toMatchObject({ code: RC.SUCCESS, sequenceNumber: 1n, runningHashVersion: 3n })
    expect(first.runningHash).toHaveLength(48)
    expect(submit(Uint8Array.of(2)).sequenceNumber).toBe(2n)
    expect(submit(new Uint8Array(0)).code).toBe(RC.INVALID_TOPIC_MESSAGE)
    expect(submit(new Uint8Array(1025)).code).toBe(RC.MESSAGE_SIZE_TOO_LARGE)
    expect(submit(new Uint8Array(1024)).code).toBe(RC.SUCCESS)
    expect(submit(Uint8Array.of(1), alice.address).code).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.updateTopic({ topic: topicId!, memo: 'x', caller: alice.address })).toBe(RC.INVALID_SIGNATURE)
    expect(ledger.updateTopic({ topic: topicId!, memo: 'm'.repeat(101), caller: treasury.address })).toBe(RC.MEMO_TOO_LONG)
    expect(ledger.updateTopic({ topic: topicId!, memo: 'x', submitKey: null, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(submit(Uint8Array.of(1), alice.address).code).toBe(RC.SUCCESS)
    expect(ledger.getTopic(topicId!)).toMatchObject({ memo: 'x', sequenceNumber: 4n })
    expect(ledger.deleteTopic({ topic: topicId!, caller: treasury.address })).toBe(RC.SUCCESS)
    expect(submit(Uint8Array.of(1)).code).toBe(RC.INVALID_TOPIC_ID)
    const open = ledger.createTopic({ caller: alice.address }).topicId!
    expect(ledger.deleteTopic({ topic: open, caller: alice.address })).toBe(RC.UNAUTHORIZED)
    expect(ledger.submitMessage({ topic: '0.0.9999', message: Uint8Array.of(1), caller: alice.address }).code).toBe(RC.INVALID_TOPIC_ID)
  })
})

describe('journaling', () => {
  it('a reverted checkpoint undoes created tokens, topics, accounts and balances', () => {
    const { ledger, state, treasury, token } = setup()
    const before = JSON.stringify(ledger.snapshot())
    const cp = state.checkpoint()
    const t = token()
    ledger.createTopic({ caller: treasury.address })
    ledger.transferHbar({ from: treasury.id, to: '0x3333333333333333333333333333333333333333', amount: 5n, caller: treasury.address })
    ledger.mint({ token: t, amount: 1n, caller: treasury.address })
    state.revert(cp)
    expect(JSON.stringify(ledger.snapshot())).toBe(before)
    expect(ledger.getToken(t)).toBeUndefined()
  })
})

describe('HBAR of entities without a ledger account', () => {
  it('answers the fee collector 0.0.98 and unknown EVM addresses from the state', () => {
    const state = new JournaledState()
    const ledger = new HederaLedger(state)
    state.addBalance(entityIdToAddress('0.0.98'), 7n)
    state.addBalance('0x00000000000000000000000000000000deadbeef', 3n)
    expect(ledger.getAccount('0.0.98')).toBeUndefined()
    expect([ledger.hbarBalance('0.0.98'), ledger.hbarBalance(entityIdToAddress('0.0.98'))]).toEqual([7n, 7n])
    expect(ledger.hbarBalance('0x00000000000000000000000000000000DEADBEEF')).toBe(3n)
    expect(ledger.hbarBalance('not an id')).toBe(0n)
  })
})
