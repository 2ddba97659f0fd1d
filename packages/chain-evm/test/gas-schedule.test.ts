/**
 * Each EVM gas value has one source: the table's static gas, the ops' dynamic
 * gas (through EVM_GAS_SCHEDULE) and the transaction rules read the same
 * constants of gas.ts, and the EVM schedule is written from the EIPs, not
 * copied from the native ISA's.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NATIVE_GAS_SCHEDULE } from '@zvm/gas'
import { describe, expect, it } from 'vitest'
import { EVM_GAS_SCHEDULE, EVM_STORAGE_GAS, evmInstructions, evmTable, Fork, forkName, transactionGas } from '../src/index.ts'
import { EVM_STATIC_GAS } from '../src/gas.ts'

const FORKS = [Fork.Shanghai, Fork.Cancun, Fork.Prague]

function staticGas(fork: Fork, name: string): number {
  const row = evmInstructions(fork).find((r) => r.name === name)
  if (!row) throw new Error(`${name} is not in the table of fork ${fork}`)
  // The built table charges what the row says.
  expect(evmTable(fork).staticGas[row.code], name).toBe(row.staticGas)
  return row.staticGas
}

describe('EVM table rows share their values with the dynamic rules', () => {
  for (const fork of FORKS) {
    describe(forkName(fork), () => {
      it('runs with EVM_GAS_SCHEDULE', () => {
        expect(evmTable(fork).schedule).toBe(EVM_GAS_SCHEDULE)
      })
      it('account access ops charge the warm access statically (EIP-2929)', () => {
        for (const name of ['BALANCE', 'EXTCODESIZE', 'EXTCODECOPY', 'EXTCODEHASH', 'CALL', 'CALLCODE', 'DELEGATECALL', 'STATICCALL']) {
          expect(staticGas(fork, name), name).toBe(EVM_GAS_SCHEDULE.warmAccess)
        }
      })
      it('LOGn = logBase + n × logTopic', () => {
        for (let n = 0; n <= 4; n++) expect(staticGas(fork, `LOG${n}`)).toBe(EVM_STATIC_GAS.logBase + n * EVM_STATIC_GAS.logTopic)
      })
      it('CREATE and CREATE2 cost what a creating transaction adds', () => {
        expect(staticGas(fork, 'CREATE')).toBe(EVM_STATIC_GAS.create)
        expect(staticGas(fork, 'CREATE2')).toBe(EVM_STATIC_GAS.create)
        expect(transactionGas(fork).create).toBe(EVM_STATIC_GAS.create)
      })
      it('init code words cost the same in CREATE and in a creating transaction (EIP-3860)', () => {
        expect(transactionGas(fork).initCodeWord).toBe(EVM_GAS_SCHEDULE.initCodePerWord)
      })
      it('SSTORE static gas is what sstoreCost subtracts; SLOAD is all dynamic', () => {
        expect(staticGas(fork, 'SSTORE')).toBe(EVM_STORAGE_GAS.sstoreStatic)
        expect(staticGas(fork, 'SLOAD')).toBe(0)
      })
      it('the EIP-3529 clear refund is priced from the access list key cost', () => {
        expect(EVM_STORAGE_GAS.clearRefund).toBe(5000 - EVM_STORAGE_GAS.coldRead + transactionGas(fork).accessListStorageKey)
      })
    })
  }
  it('TLOAD and TSTORE cost a warm storage read (EIP-1153)', () => {
    for (const fork of [Fork.Cancun, Fork.Prague]) {
      expect(staticGas(fork, 'TLOAD')).toBe(EVM_STORAGE_GAS.warmRead)
      expect(staticGas(fork, 'TSTORE')).toBe(EVM_STORAGE_GAS.warmRead)
    }
  })
})

describe('EVM_GAS_SCHEDULE is written from the EIPs', () => {
  it('has the Ethereum values (Shanghai–Prague)', () => {
    // Every field, so a new GasSchedule field needs an EVM decision here too.
    expect(EVM_GAS_SCHEDULE).toEqual({
      storage: {
        sstoreStatic: 0, warmRead: 100, coldRead: 2100, sstoreColdSurcharge: 2100, set: 20000, reset: 2900, clearRefund: 4800, sentry: 2300,
      },
      warmAccess: 100, coldAccountSurcharge: 2500, callValue: 9000, callNewAccount: 25000, callStipend: 2300,
      codeDepositPerByte: 200, maxCodeSize: 24576, maxInitCodeSize: 49152, initCodePerWord: 2, selfDestructNewAccount: 25000,
      copyPerWord: 3, logPerByte: 8, expPerByte: 50, keccakPerWord: 6, refundQuotient: 5,
    })
    expect(EVM_STATIC_GAS).toEqual({ create: 32000, logBase: 375, logTopic: 375 })
    expect(EVM_STORAGE_GAS.sentry).toBe(EVM_GAS_SCHEDULE.callStipend)
    expect(Object.isFrozen(EVM_GAS_SCHEDULE)).toBe(true)
  })
  it('has the native schedule\'s fields in the same order (one object shape for the ops), and no value taken from it', () => {
    expect(Object.keys(EVM_GAS_SCHEDULE)).toEqual(Object.keys(NATIVE_GAS_SCHEDULE))
    expect(Object.keys(EVM_STORAGE_GAS)).toEqual(Object.keys(NATIVE_GAS_SCHEDULE.storage))
    expect(EVM_GAS_SCHEDULE.storage).not.toBe(NATIVE_GAS_SCHEDULE.storage)
    // gas.ts takes only types from @zvm/gas: no spread or field of the native schedule can reach the EVM.
    const source = readFileSync(join(import.meta.dirname, '../src/gas.ts'), 'utf8')
    const imports = [...source.matchAll(/^import\s+(type\s+)?\{[^}]*\}\s+from\s+'@zvm\/gas'/gm)]
    expect(imports.length).toBeGreaterThan(0)
    for (const m of imports) expect(m[1], m[0]).toBe('type ')
    expect(source).not.toMatch(/NATIVE_/)
  })
})
