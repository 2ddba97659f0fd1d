/**
 * Random HTS/HCS operation sequences against @zvm/chain-hedera's ledger:
 * through the 0x167 system contract (an EVM transaction per call), the
 * ledger API, and native syscall programs. After each operation: every
 * token's total supply equals the sum of its balances (and its NFT count),
 * no balance is negative, and an operation that failed changed nothing.
 */
import { HederaLedger, HTS_ABI, HTS_ADDRESS, createHederaSyscalls, executeHederaTransaction, ResponseCode } from '@zvm/chain-hedera'
import { Vm } from '@zvm/core'
import { NATIVE_TABLE } from '@zvm/native'
import { bigintToBytes, type Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { encodeFunctionData } from 'viem'
import type { Rng } from '../rng.ts'

const SUCCESS = ResponseCode.SUCCESS
const BLOCK = { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000062' as Address, gasLimit: 15_000_000n, baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: 298n, excessBlobGas: 0n }

export interface LedgerWorld { ledger: HederaLedger; accounts: Address[]; ids: string[]; tokens: Address[]; tokenIds: string[]; topics: string[] }

/** Four funded accounts; a fungible and a non-fungible token of account 0 (every key its own), a topic. */
export function ledgerWorld(): LedgerWorld {
  const ledger = new HederaLedger(new JournaledState())
  const made = Array.from({ length: 4 }, () => ledger.createAccount({ initialBalance: 10n ** 12n }))
  const accounts = made.map((a) => a.address!)
  const ids = made.map((a) => a.accountId!)
  const key = { kind: 'entity', address: accounts[0] } as const
  const keys = { admin: key, kyc: key, freeze: key, wipe: key, supply: key, pause: key }
  const ft = ledger.createToken({ name: 'F', symbol: 'F', treasury: ids[0], initialSupply: 1_000_000n, decimals: 2, keys, caller: accounts[0] })
  const nft = ledger.createToken({ type: 'nonFungible', name: 'N', symbol: 'N', treasury: ids[0], keys, caller: accounts[0] })
  const topic = ledger.createTopic({ caller: accounts[0], adminKey: key, submitKey: key })
  const tokenIds = [ft.tokenId!, nft.tokenId!]
  // Accounts 1 and 2 hold both tokens with KYC, so transfers can succeed; account 3 stays unassociated.
  for (const t of tokenIds) for (const i of [1, 2]) {
    ledger.associate({ token: t, account: ids[i], caller: accounts[i] })
    ledger.grantKyc({ token: t, account: ids[i], caller: accounts[0] })
  }
  ledger.transferToken({ token: tokenIds[0], from: ids[0], to: ids[1], amount: 1000n, caller: accounts[0] })
  return { ledger, accounts, ids, tokens: [ft.address!, nft.address!], tokenIds, topics: [topic.topicId!] }
}

/** A random operation: a name and a closure that runs it and answers its response code. */
export function randomOperation(rng: Rng, w: LedgerWorld): { name: string; run: () => number } {
  const account = (): Address => (rng.chance(0.9) ? rng.pick(w.accounts) : (`0x${Buffer.from(rng.bytes(20)).toString('hex')}` as Address))
  const id = (): string => (rng.chance(0.9) ? rng.pick(w.ids) : rng.pick(['0.0.9999', '0.0.2', `0.0.${rng.int(2000)}`]))
  const tokenIndex = rng.int(2)
  const token = (): Address => (rng.chance(0.9) ? w.tokens[tokenIndex] : account())
  const tokenId = (): string => (rng.chance(0.9) ? w.tokenIds[tokenIndex] : `0.0.${rng.int(2000)}`)
  const amount = (): bigint => rng.pick([0n, 1n, BigInt(rng.int(1000)), BigInt(rng.int(2_000_000)), (1n << 63n) - 1n, -1n, -BigInt(rng.int(100))])
  const serials = (): bigint[] => Array.from({ length: rng.int(3) }, () => BigInt(rng.int(6)))
  const caller = (): Address => (rng.chance(0.6) ? w.accounts[0] : account())
  const metadata = (): Uint8Array[] => Array.from({ length: rng.int(3) }, () => rng.bytes(rng.pick([0, 10, 100, 101])))
  const int64 = (v: bigint): bigint => BigInt.asIntN(64, v)

  // Through 0x167: an EVM transaction whose output starts with the int64 response code.
  const hts = (name: string, functionName: string, args: () => unknown[]): { name: string; run: () => number } => ({
    name: `0x167 ${name}`,
    run: () => {
      const from = caller()
      const data = encodeFunctionData({ abi: HTS_ABI, functionName, args: args() } as never)
      const state = w.ledger.state
      if (w.ledger.resolveId(from) === undefined) return -1 // an unknown sender is not a transaction
      const tx = { type: 2, from, to: HTS_ADDRESS, nonce: state.getNonce(from), gasLimit: 2_000_000n, value: 0n, data: Buffer.from(data.slice(2), 'hex'), maxFeePerGas: 0n, maxPriorityFeePerGas: 0n } as const
      const r = executeHederaTransaction(w.ledger, tx, BLOCK)
      if (!r.valid) return r.responseCode
      if (r.responseCode !== SUCCESS) return r.responseCode
      return r.output.length >= 32 ? Number(BigInt.asIntN(64, BigInt(`0x${Buffer.from(r.output.subarray(24, 32)).toString('hex')}`))) : -1
    },
  })
  const ops: (() => { name: string; run: () => number })[] = [
    () => hts('mintToken', 'mintToken', () => [token(), int64(amount()), tokenIndex === 1 ? metadata().map((m) => `0x${Buffer.from(m).toString('hex')}`) : []]),
    () => hts('burnToken', 'burnToken', () => [token(), int64(amount()), tokenIndex === 1 ? serials() : []]),
    () => hts('transferToken', 'transferToken', () => [token(), account(), account(), int64(amount())]),
    () => hts('associateToken', 'associateToken', () => [account(), token()]),
    () => hts('dissociateToken', 'dissociateToken', () => [account(), token()]),
    () => hts('approve', 'approve', () => [token(), account(), BigInt.asUintN(256, amount())]),
    () => hts('freezeToken', 'freezeToken', () => [token(), account()]),
    () => hts('unfreezeToken', 'unfreezeToken', () => [token(), account()]),
    () => hts('grantTokenKyc', 'grantTokenKyc', () => [token(), account()]),
    () => hts('revokeTokenKyc', 'revokeTokenKyc', () => [token(), account()]),
    () => hts('wipeTokenAccount', 'wipeTokenAccount', () => [token(), account(), int64(amount())]),
    () => hts('pauseToken', 'pauseToken', () => [token()]),
    () => hts('unpauseToken', 'unpauseToken', () => [token()]),
    () => ({ name: 'ledger mint', run: () => w.ledger.mint({ token: tokenId(), ...(tokenIndex === 0 ? { amount: amount() } : { metadata: metadata() }), caller: caller() }).code }),
    () => ({ name: 'ledger burn', run: () => w.ledger.burn({ token: tokenId(), ...(tokenIndex === 0 ? { amount: amount() } : { serials: serials() }), caller: caller() }).code }),
    () => ({ name: 'ledger wipe', run: () => w.ledger.wipe({ token: tokenId(), account: id(), ...(tokenIndex === 0 ? { amount: amount() } : { serials: serials() }), caller: caller() }) }),
    () => ({ name: 'ledger associate', run: () => w.ledger.associate({ token: tokenId(), account: id(), caller: caller() }) }),
    () => ({ name: 'ledger dissociate', run: () => w.ledger.dissociate({ token: tokenId(), account: id(), caller: caller() }) }),
    () => ({ name: 'ledger transferToken', run: () => w.ledger.transferToken({ token: tokenId(), from: id(), to: rng.chance(0.9) ? id() : account(), amount: amount(), caller: caller() }) }),
    () => ({ name: 'ledger transferNft', run: () => w.ledger.transferNft({ token: w.tokenIds[1], from: id(), to: id(), serial: BigInt(rng.int(6)), caller: caller() }) }),
    () => ({ name: 'ledger transferHbar', run: () => w.ledger.transferHbar({ from: id(), to: rng.chance(0.9) ? id() : account(), amount: amount(), caller: caller() }) }),
    () => ({ name: 'ledger freeze', run: () => w.ledger.freeze({ token: tokenId(), account: id(), caller: caller() }) }),
    () => ({ name: 'ledger deleteToken', run: () => (rng.chance(0.2) ? w.ledger.deleteToken({ token: tokenId(), caller: caller() }) : -1) }),
    () => ({ name: 'hcs submit', run: () => w.ledger.submitMessage({ topic: rng.chance(0.9) ? w.topics[0] : '0.0.77', message: rng.bytes(rng.pick([0, 1, 100, 1024, 1025])), caller: caller() }).code }),
    () => ({ name: 'hcs create', run: () => w.ledger.createTopic({ memo: 'x'.repeat(rng.pick([0, 10, 100, 101])), caller: caller() }).code }),
    () => ({ name: 'hcs delete', run: () => (rng.chance(0.2) ? w.ledger.deleteTopic({ topic: w.topics[0], caller: caller() }) : -1) }),
    () => ({
      name: 'syscall', run: () => {
        // One Hedera syscall from a native program, operands pushed as PUSH32 words.
        const op = rng.pick([0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe7, 0xe9, 0xea])
        const arity = { 0xe0: 4, 0xe1: 2, 0xe2: 2, 0xe3: 2, 0xe4: 2, 0xe5: 3, 0xe7: 3, 0xe9: 3, 0xea: 1 }[op]!
        const words = Array.from({ length: arity }, () => rng.pick([BigInt(w.tokens[tokenIndex]), BigInt(rng.pick(w.accounts)), BigInt.asUintN(256, amount()), BigInt(rng.int(64))]))
        const code = new Uint8Array([...words.reverse().flatMap((v) => [0x16, ...bigintToBytes(v, 32)]), op, 0x00])
        const vm = new Vm({ state: w.ledger.state, table: NATIVE_TABLE, host: { blockHash: () => 0n, syscall: createHederaSyscalls(w.ledger) } })
        const r = vm.run({ code, address: caller(), gasLimit: 2_000_000 })
        // A native program's syscalls answer codes on the stack; the frame's status says whether anything stuck.
        return r.status === 'success' ? -2 : -1
      },
    }),
  ]
  return rng.pick(ops)()
}

/** The ledger invariants; a message naming the first that fails. */
export function ledgerInvariant(w: LedgerWorld): string | undefined {
  const s = w.ledger.snapshot()
  for (const t of s.tokens) {
    const relations = s.relations.filter((r) => r.token === t.id)
    const sum = relations.reduce((n, r) => n + BigInt(r.balance), 0n)
    if (BigInt(t.totalSupply) < 0n) return `token ${t.id} total supply ${t.totalSupply} is negative`
    if (t.deleted) continue
    if (sum !== BigInt(t.totalSupply)) return `token ${t.id}: total supply ${t.totalSupply} ≠ sum of balances ${sum}`
    if (t.type === 'nonFungible') {
      const nfts = s.nfts.filter((n) => n.token === t.id)
      if (BigInt(nfts.length) !== BigInt(t.totalSupply)) return `token ${t.id}: total supply ${t.totalSupply} ≠ ${nfts.length} NFTs`
      for (const r of relations) if (BigInt(nfts.filter((n) => n.owner === r.account).length) !== BigInt(r.balance)) return `token ${t.id}: ${r.account} holds ${r.balance} but owns ${nfts.filter((n) => n.owner === r.account).length} NFTs`
    }
  }
  for (const r of s.relations) if (BigInt(r.balance) < 0n) return `negative balance ${r.balance} of ${r.token} for ${r.account}`
  for (const a of s.accounts) if (BigInt(a.balance) < 0n) return `negative HBAR balance ${a.balance} for ${a.id}`
  return undefined
}

/** The ledger as comparable text (the snapshot is sorted, so equal ledgers give equal text). */
export const ledgerText = (w: LedgerWorld): string => JSON.stringify(w.ledger.snapshot())
