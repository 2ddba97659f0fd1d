import fc from 'fast-check'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { assembleZvmc, type ZvmcAbi } from '@zvm/bytecode'
import { bytesToHex, type Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { KalixRevertError, KalixRuntime, KalixUnknownError, KalixValueError, loadKalixContract, tableSlot } from '../src/index.ts'
import { contractSource, contractZvmc } from './fixtures.ts'

const ALICE: Address = '0x00000000000000000000000000000000000a11ce'
const BOB: Address = '0x0000000000000000000000000000000000000b0b'
const topic = (sig: string) => BigInt(bytesToHex(keccak_256(new TextEncoder().encode(sig))))

describe('token (balances table, Transfer events, constructor)', () => {
  const zvmc = contractZvmc('token')

  it('deploys: the constructor runs, the container is the account code, later loads keep the ABI', () => {
    const rt = new KalixRuntime()
    const d = rt.deploy(zvmc, [1000n], { caller: ALICE })
    expect(rt.state.getCode(d.address)).toEqual(zvmc)
    expect(rt.contractAt(d.address).abi.contract).toBe('Token')
    expect(d.events).toEqual([{ name: 'Transfer', signature: 'Transfer(address,address,u256)', address: d.address, values: ['0x0000000000000000000000000000000000000000', ALICE, 1000n], args: { from: '0x0000000000000000000000000000000000000000', to: ALICE, amount: 1000n } }])
    expect(d.execution!.logs[0].topics[0]).toBe(topic('Transfer(address,address,u256)'))
    // Constructor gas plus 200 per container byte.
    expect(d.gasUsed).toBe(d.execution!.gasUsed + 200 * zvmc.length)
    expect(rt.read(d.address, 'totalSupply')).toBe(1000n)
    expect(rt.read(d.address, 'owner')).toBe(ALICE)
    expect(rt.readTable(d.address, 'balances', ALICE)).toBe(1000n)
    expect(rt.call(d.address, 'balanceOf', [ALICE]).value).toBe(1000n)
    expect(rt.call(d.address, 'totalSupply').outputs).toEqual([1000n])
    expect(rt.call(d.address, 'name').value).toBe('Kalix Token')
    expect(rt.call(d.address, 'owner()').value).toBe(ALICE)
  })

  it('transfers, emits Transfer and keeps balances at TABLEHASH(2, holder)', () => {
    const rt = new KalixRuntime()
    const { address } = rt.deploy(zvmc, [1000n], { caller: ALICE })
    const r = rt.call(address, 'transfer(address,u256)', [BOB, 250n], { caller: ALICE })
    expect(r.value).toBe(true)
    expect(r.events.map((e) => e.args)).toEqual([{ from: ALICE, to: BOB, amount: 250n }])
    expect(r.execution.logs[0].topics).toEqual([topic('Transfer(address,address,u256)'), BigInt(ALICE), BigInt(BOB)])
    expect(rt.readTable(address, 'balances', BOB)).toBe(250n)
    expect(rt.readTable(address, 'balances', ALICE)).toBe(750n)
    // The slot KALIX uses, computed independently: keccak256(slot ‖ key) as two 32-byte words.
    const preimage = new Uint8Array(64)
    preimage[31] = 2
    preimage.set(Buffer.from(BOB.slice(2), 'hex'), 44)
    const slot = BigInt(bytesToHex(keccak_256(preimage)))
    expect(tableSlot(2, 'address', BOB)).toBe(slot)
    expect(rt.state.sload(address, slot)).toBe(250n)
  })

  it('a failing transfer reverts with the decoded reason and changes nothing', () => {
    const rt = new KalixRuntime()
    const { address } = rt.deploy(zvmc, [10n], { caller: ALICE })
    let err: unknown
    try { rt.call(address, 'transfer', [BOB, 11n], { caller: ALICE }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(KalixRevertError)
    const revert = err as KalixRevertError
    expect(revert.status).toBe('revert')
    expect(revert.reason).toBe('insufficient balance')
    expect(bytesToHex(revert.data.subarray(0, 4))).toBe('0x08c379a0')
    expect(revert.message).toContain('transfer(address,u256) reverted: insufficient balance')
    expect(rt.readTable(address, 'balances', ALICE)).toBe(10n)
    expect(rt.readTable(address, 'balances', BOB)).toBe(0n)
  })

  it('the constructor cannot run again after deployment', () => {
    const rt = new KalixRuntime()
    const { address } = rt.deploy(zvmc, [10n])
    expect(() => rt.call(address, 'constructor', [5n])).toThrow(KalixUnknownError)
    // Even sent as raw calldata, the dispatcher refuses it once the account has code.
    const contract = loadKalixContract(zvmc)
    const r = rt.vm.run({ code: contract.code, address, data: new Uint8Array([...Buffer.from('09f039da', 'hex'), ...new Uint8Array(32)]) })
    expect(r.status).toBe('revert')
    expect(rt.read(address, 'totalSupply')).toBe(10n)
  })

  it('deployment gas: the code deposit is reserved first; a constructor out of gas deploys nothing', () => {
    const rt = new KalixRuntime()
    const deposit = 200 * zvmc.length
    let err: unknown
    try { rt.deploy(zvmc, [1n], { gasLimit: deposit - 1 }) } catch (e) { err = e }
    expect(err).toBeInstanceOf(KalixRevertError)
    expect([(err as KalixRevertError).status, (err as KalixRevertError).gasUsed]).toEqual(['error', deposit - 1])
    expect(() => rt.deploy(zvmc, [1n], { gasLimit: deposit + 5000 })).toThrow(/constructor\(u256\) failed with OutOfGas/)
    expect(rt.state.getNonce('0x1000000000000000000000000000000000000001')).toBe(0n)
    const { address, gasUsed } = rt.deploy(zvmc, [1n], { gasLimit: deposit + 100_000 })
    expect(gasUsed).toBeLessThanOrEqual(deposit + 100_000)
    expect(rt.read(address, 'totalSupply')).toBe(1n)
  })

  it('signatures may be written with spaces', () => {
    const rt = new KalixRuntime()
    const { address } = rt.deploy(zvmc, [3n], { caller: ALICE })
    expect(rt.call(address, 'balanceOf( address )', [ALICE]).value).toBe(3n)
    // Addresses in any case; malformed ones are named.
    expect(rt.call(address.toUpperCase().replace('0X', '0x') as Address, 'balanceOf', [ALICE.toUpperCase().replace('0X', '0x')]).value).toBe(3n)
    expect(() => rt.call('0x12' as Address, 'balanceOf', [ALICE])).toThrow(/address: expected a 0x-prefixed 20-byte hex address, got "0x12"/)
    expect(() => rt.call(address, 'balanceOf', [ALICE], { caller: 'me' as Address })).toThrow(/caller: expected/)
  })

  it('view functions run static: a view that writes fails', () => {
    const abi = JSON.parse(contractSource('token').abi) as ZvmcAbi
    abi.functions.find((f) => f.name === 'transfer')!.mutability = 'view'
    const rt = new KalixRuntime()
    const { address } = rt.deploy(assembleZvmc(contractSource('token').asm, { abi }), [10n])
    expect(() => rt.call(address, 'transfer', [BOB, 1n])).toThrow(/transfer\(address,u256\) failed with StaticStateChange/)
    expect(rt.readTable(address, 'balances', BOB)).toBe(0n)
  })

  it('each deployment gets the next CREATE address of the deployer', () => {
    const rt = new KalixRuntime()
    const a = rt.deploy(zvmc, [1n], { caller: ALICE })
    const b = rt.deploy(zvmc, [2n], { caller: ALICE })
    expect(a.address).not.toBe(b.address)
    expect(rt.read(a.address, 'totalSupply')).toBe(1n)
    expect(rt.read(b.address, 'totalSupply')).toBe(2n)
    expect(rt.state.getNonce(ALICE)).toBe(2n)
  })

  it('names the problem: unknown function, argument count, type and range', () => {
    const rt = new KalixRuntime()
    const { address } = rt.deploy(zvmc, [10n])
    expect(() => rt.call(address, 'mint', [1n])).toThrow(/unknown function "mint": Token has constructor\(u256\), totalSupply\(\)/)
    expect(() => rt.call(address, 'transfer(address,u64)', [BOB, 1n])).toThrow(KalixUnknownError)
    expect(() => rt.call(address, 'transfer', [BOB])).toThrow(/expected 2 values, got 1/)
    expect(() => rt.call(address, 'transfer', [BOB, 'ten'])).toThrow(/transfer\.amount: expected a bigint for u256, got "ten"/)
    expect(() => rt.call(address, 'transfer', ['0x12', 1n])).toThrow(/transfer\.to: expected a 0x-prefixed 20-byte hex address/)
    expect(() => rt.call(address, 'transfer', [BOB, -1n])).toThrow(KalixValueError)
    expect(() => rt.call(address, 'transfer', [BOB, 1n << 256n])).toThrow(/out of range for u256/)
    expect(() => rt.deploy(zvmc, [])).toThrow(/expected 1 value, got 0/)
    expect(() => rt.read(address, 'supply')).toThrow(/unknown state variable "supply"/)
    expect(() => rt.readTable(address, 'allowances', BOB)).toThrow(/unknown table "allowances"/)
    expect(() => rt.readTable(address, 'balances', 5n)).toThrow(/key: expected a 0x-prefixed/)
  })

  it('random transfers agree with a model, and balances always sum to the supply (property)', () => {
    const holders: Address[] = [ALICE, BOB, '0x00000000000000000000000000000000000000c0']
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 }), fc.bigInt({ min: 0n, max: 700n })), { maxLength: 12 }), (moves) => {
      const rt = new KalixRuntime()
      const { address } = rt.deploy(zvmc, [1000n], { caller: ALICE })
      const model = [1000n, 0n, 0n]
      for (const [from, to, amount] of moves) {
        if (amount > model[from]) {
          expect(() => rt.call(address, 'transfer', [holders[to], amount], { caller: holders[from] })).toThrow(KalixRevertError)
          continue
        }
        expect(rt.call(address, 'transfer', [holders[to], amount], { caller: holders[from] }).events[0].args).toEqual({ from: holders[from], to: holders[to], amount })
        model[from] -= amount
        model[to] += amount
      }
      expect(holders.map((h) => rt.readTable(address, 'balances', h))).toEqual(model)
      expect(model.reduce((a, b) => a + b)).toBe(rt.read(address, 'totalSupply'))
    }), { numRuns: 60 })
  })
})
