/** Native ZVM programs calling E0–EC on a HederaLedger through createHederaSyscalls. */
import { assembleToBytes } from '@zvm/bytecode'
import { Vm } from '@zvm/core'
import { NATIVE_TABLE } from '@zvm/native'
import { OP } from '@zvm/bytecode'
import type { Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { createHederaSyscalls, entityIdToAddress, HederaLedger, ResponseCode as RC } from '../src/index.ts'

const CONTRACT = '0xc0ffee0000000000000000000000000000000001' as Address

function world() {
  const state = new JournaledState()
  const ledger = new HederaLedger(state)
  ledger.consensusTime = { seconds: 1_700_000_000n, nanos: 5 }
  const contract = ledger.createAccount({ alias: CONTRACT, key: { kind: 'entity', address: CONTRACT }, maxAutoAssociations: -1 })
  const alice = ledger.createAccount({ maxAutoAssociations: 1 })
  const responses: [number, number][] = []
  const syscall = createHederaSyscalls(ledger, { onResponse: (op, code) => responses.push([op, code]) })
  const vm = new Vm({ state, table: NATIVE_TABLE, host: { blockHash: () => 0n, syscall } })
  const run = (source: string, gasLimit = 5_000_000) => vm.run({ code: assembleToBytes(source), address: CONTRACT, gasLimit })
  const slot = (k: bigint) => state.sload(CONTRACT, k)
  return { state, ledger, vm, run, slot, responses, contract: contract.accountId!, alice: alice.accountId! }
}

/** Writes a 32-byte word at `offset`. */
const mstore = (offset: number, value: bigint | number) => `PUSH ${'0x' + BigInt(value).toString(16)}\nPUSH ${offset}\nMSTORE`

/** Bytes as a left-aligned word (up to 32). */
const leftWord = (text: string) => BigInt('0x' + Buffer.from(text.padEnd(32, '\0')).toString('hex'))

/** The E6 descriptor for a fungible token, keys = the executing contract, treasury = the contract. */
function descriptorSource(o: { flags: number; initialSupply: bigint; name: string; symbol: string; memo?: string }): string {
  const memo = o.memo ?? ''
  return [
    mstore(0, o.flags), mstore(32, 0), mstore(64, o.initialSupply), mstore(96, 0), mstore(128, 2), mstore(160, 0),
    mstore(192, o.name.length), mstore(224, o.symbol.length), mstore(256, memo.length), mstore(288, leftWord(o.name + o.symbol + memo)),
  ].join('\n')
}

// flags: admin (bit 8) and supply (bit 12) keys.
const ADMIN_SUPPLY = (1 << 8) | (1 << 12)

describe('native programs over the ledger', () => {
  it('create a token, mint, transfer (auto-association), associate, submit a topic message', () => {
    const w = world()
    const aliceAddress = entityIdToAddress(w.alice)
    const length = 288 + 6
    const program = `
      ${descriptorSource({ flags: ADMIN_SUPPLY, initialSupply: 1000n, name: 'Gold', symbol: 'AU' })}
      PUSH ${length}
      PUSH 0
      HTS_CREATE          ; → token address
      DUP1
      PUSH 0
      SSTORE              ; slot 0 = token
      PUSH 500
      DUP2
      HTS_MINT            ; token, 500 → ok
      PUSH 1
      SSTORE              ; slot 1 = ok
      PUSH 100
      PUSH ${aliceAddress}
      ADDRESS
      DUP4
      HTS_TRANSFER        ; token, from = this, to = alice, 100 → ok
      PUSH 2
      SSTORE
      POP
      HCS_CREATE_TOPIC    ; → topic address
      DUP1
      PUSH 3
      SSTORE
      ${mstore(512, leftWord('hello'))}
      PUSH 5
      PUSH 512
      DUP3
      HCS_SUBMIT          ; topic, 512, 5 → ok
      PUSH 4
      SSTORE
      POP
      HEDERA_ACCOUNT_ID
      PUSH 5
      SSTORE
      HEDERA_TIMESTAMP
      PUSH 6
      SSTORE
      HALT`
    const r = w.run(program)
    expect(r.status, r.error ?? '').toBe('success')
    const token = w.slot(0n)
    expect(token).toBe(1003n)
    const tokenId = '0.0.1003'
    expect(w.ledger.getToken(tokenId)).toMatchObject({ name: 'Gold', symbol: 'AU', decimals: 2, totalSupply: 1500n, treasury: w.contract })
    expect([w.slot(1n), w.slot(2n), w.slot(4n)]).toEqual([1n, 1n, 1n])
    expect(w.ledger.balanceOf(tokenId, w.alice)).toBe(100n)
    expect(w.ledger.balanceOf(tokenId, CONTRACT)).toBe(1400n)
    expect(w.slot(3n)).toBe(1004n)
    expect(w.ledger.getTopic('0.0.1004')).toMatchObject({ sequenceNumber: 1n })
    expect(w.slot(5n)).toBe(1001n) // the contract's account 0.0.1001
    expect(w.slot(6n)).toBe(1_700_000_000_000_000_005n)
    expect(w.responses.every(([, code]) => code === RC.SUCCESS)).toBe(true)
  })

  it('E3/E4 associate and dissociate the executing account; failures push 0 with the network code', () => {
    const w = world()
    const other = w.ledger.createAccount({}).accountId!
    const t = w.ledger.createToken({ name: 'T', symbol: 'T', treasury: other, caller: entityIdToAddress(other) }).tokenId!
    const tokenAddress = entityIdToAddress(t)
    const r = w.run(`
      PUSH ${tokenAddress}
      ADDRESS
      HTS_ASSOCIATE
      PUSH 0
      SSTORE
      PUSH ${tokenAddress}
      ADDRESS
      HTS_ASSOCIATE       ; twice → 194 → 0
      PUSH 1
      SSTORE
      PUSH ${tokenAddress}
      PUSH ${entityIdToAddress(w.alice)}
      HTS_ASSOCIATE       ; for alice: the contract is not alice's key → 7 → 0
      PUSH 2
      SSTORE
      PUSH ${tokenAddress}
      ADDRESS
      HTS_DISSOCIATE
      PUSH 3
      SSTORE
      HALT`)
    expect(r.status).toBe('success')
    expect([w.slot(0n), w.slot(1n), w.slot(2n), w.slot(3n)]).toEqual([1n, 0n, 0n, 1n])
    expect(w.responses.map(([, c]) => c)).toEqual([RC.SUCCESS, RC.TOKEN_ALREADY_ASSOCIATED_TO_ACCOUNT, RC.INVALID_SIGNATURE, RC.SUCCESS])
  })

  it('a reverted frame undoes every ledger change (token, topic, transfers)', () => {
    const w = world()
    const before = JSON.stringify(w.ledger.snapshot())
    const r = w.run(`
      ${descriptorSource({ flags: ADMIN_SUPPLY, initialSupply: 10n, name: 'Gold', symbol: 'AU' })}
      PUSH 294
      PUSH 0
      HTS_CREATE
      HCS_CREATE_TOPIC
      PUSH 0
      PUSH 0
      REVERT`)
    expect(r.status).toBe('revert')
    expect(JSON.stringify(w.ledger.snapshot())).toBe(before)
    expect(w.ledger.getToken('0.0.1003')).toBeUndefined()
  })

  it('E9 updates a topic memo, EA deletes it; E5 approves', () => {
    const w = world()
    const r = w.run(`
      HCS_CREATE_TOPIC
      ${mstore(0, leftWord('memo!'))}
      PUSH 5
      PUSH 0
      DUP3
      HCS_UPDATE_TOPIC
      PUSH 0
      SSTORE
      DUP1
      HCS_DELETE_TOPIC
      PUSH 1
      SSTORE
      HCS_DELETE_TOPIC   ; deleted → 150 → 0
      PUSH 2
      SSTORE
      HALT`)
    expect(r.status).toBe('success')
    expect([w.slot(0n), w.slot(1n), w.slot(2n)]).toEqual([1n, 1n, 0n])
    expect(w.ledger.getTopic('0.0.1003')).toMatchObject({ memo: 'memo!', deleted: true })
    expect(w.responses.at(-1)).toEqual([OP.HCS_DELETE_TOPIC, RC.INVALID_TOPIC_ID])
  })

  it('a bad descriptor pushes 0 (INVALID_TRANSACTION_BODY); gas is the table static gas once', () => {
    const w = world()
    const r = w.run('PUSH 10\nPUSH 0\nHTS_CREATE\nHALT')
    expect(r.status).toBe('success')
    expect(w.responses).toEqual([[OP.HTS_CREATE, RC.INVALID_TRANSACTION_BODY]])
    // PUSH1 ×2 (3 each), memory for 10 bytes (one word: 3), HTS_CREATE 500 + 100000.
    expect(r.gasUsed).toBe(3 + 3 + 3 + 100_500)
  })

  it('chargeSubOpGas adds spec §7 sub-op gas on top', () => {
    const state = new JournaledState()
    const ledger = new HederaLedger(state)
    const syscall = createHederaSyscalls(ledger, { chargeSubOpGas: true })
    const vm = new Vm({ state, table: NATIVE_TABLE, host: { blockHash: () => 0n, syscall } })
    const r = vm.run({ code: assembleToBytes('HCS_CREATE_TOPIC\nHALT'), gasLimit: 1_000_000 })
    expect(r.gasUsed).toBe(50_200 + 50_000)
  })

  it('state-changing syscalls in a static frame fail; EB outside a Hedera account pushes 0', () => {
    const w = world()
    const r = w.vm.run({ code: assembleToBytes('HEDERA_ACCOUNT_ID\nPUSH 0\nSSTORE\nHALT'), address: '0x00000000000000000000000000000000000fffff', gasLimit: 100_000 })
    expect(r.status).toBe('success')
    expect(w.state.sload('0x00000000000000000000000000000000000fffff', 0n)).toBe(0n)
    const s = w.vm.run({ code: assembleToBytes('HCS_CREATE_TOPIC\nHALT'), address: CONTRACT, isStatic: true, gasLimit: 100_000 })
    expect(s.error).toBe('StaticStateChange')
  })
})
