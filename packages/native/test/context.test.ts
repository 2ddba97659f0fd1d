/** Context, block, storage, control flow, logs and the spec's conformance vectors. */
import { bytesToBigint, hexToBytes, type Address } from '@zvm/primitives'
import { JournaledState } from '@zvm/state'
import { describe, expect, it } from 'vitest'
import { Halt, Vm } from '@zvm/core'
import { prog, push, RETURN_TOP, type Part, nativeVm } from './program.ts'

const CALLER: Address = '0x00000000000000000000000000000000000000c1'
const SELF: Address = '0x00000000000000000000000000000000000000aa'

function run(parts: Part[], opts: Partial<Parameters<Vm['run']>[0]> = {}, vm = nativeVm()) {
  return vm.run({ code: prog(...parts), caller: CALLER, address: SELF, gasLimit: 1_000_000, ...opts })
}
function top(parts: Part[], opts: Partial<Parameters<Vm['run']>[0]> = {}, vm = nativeVm()): bigint {
  const r = run([...parts, ...RETURN_TOP], opts, vm)
  expect(r.status, `${r.error}`).toBe('success')
  return bytesToBigint(r.returnData)
}

describe('spec conformance vectors', () => {
  it('PUSH1 42 PUSH1 8 ADD HALT uses 9 gas', () => {
    const r = nativeVm().run({ code: hexToBytes('0x112a11083000') })
    expect([r.status, r.gasUsed]).toEqual(['success', 9])
  })
  it('PUSH1 42 PUSH1 1 SSTORE PUSH1 1 SLOAD HALT uses 20309 gas', () => {
    const r = nativeVm().run({ code: prog('PUSH1', 42, 'PUSH1', 1, 'SSTORE', 'PUSH1', 1, 'SLOAD', 'HALT') })
    expect([r.status, r.gasUsed]).toEqual(['success', 20309])
  })
  it('PUSH1 42 PUSH1 0 MSTORE PUSH1 0 MLOAD HALT uses 18 gas', () => {
    const r = nativeVm().run({ code: prog('PUSH1', 42, 'PUSH1', 0, 'MSTORE', 'PUSH1', 0, 'MLOAD', 'HALT') })
    expect([r.status, r.gasUsed]).toEqual(['success', 18])
  })
})

describe('environment', () => {
  it('ADDRESS, CALLER, ORIGIN, CALLVALUE, GASPRICE', () => {
    expect(top(['ADDRESS'])).toBe(BigInt(SELF))
    expect(top(['CALLER'])).toBe(BigInt(CALLER))
    expect(top(['ORIGIN'], { origin: '0x00000000000000000000000000000000000000dd' })).toBe(0xddn)
    expect(top(['GASPRICE'], { gasPrice: 7n })).toBe(7n)
    const vm = nativeVm()
    vm.state.setBalance(CALLER, 1000n)
    expect(top(['CALLVALUE'], { value: 123n }, vm)).toBe(123n)
  })
  it('CALLDATALOAD / CALLDATASIZE / CALLDATACOPY zero-pad', () => {
    const data = new Uint8Array([1, 2, 3, 4])
    expect(top([...push(0n), 'CALLDATALOAD'], { data })).toBe(0x01020304n << 224n)
    expect(top([...push(2n), 'CALLDATALOAD'], { data })).toBe(0x0304n << 240n)
    expect(top([...push(1n << 100n), 'CALLDATALOAD'], { data })).toBe(0n)
    expect(top(['CALLDATASIZE'], { data })).toBe(4n)
    // CALLDATACOPY(dest 0, offset 1, size 32) then MLOAD 0
    expect(top([...push(32n), ...push(1n), ...push(0n), 'CALLDATACOPY', ...push(0n), 'MLOAD'], { data })).toBe(0x020304n << 232n)
  })
  it('CODESIZE / CODECOPY see the real code', () => {
    const parts: Part[] = [...push(4n), ...push(0n), ...push(0n), 'CODECOPY', ...push(0n), 'MLOAD']
    const code = prog(...parts, ...RETURN_TOP)
    const r = nativeVm().run({ code })
    expect(bytesToBigint(r.returnData) >> 224n).toBe(bytesToBigint(code.subarray(0, 4)))
    expect(top(['CODESIZE'])).toBe(BigInt(prog('CODESIZE', ...RETURN_TOP).length))
  })
  it('BALANCE charges cold then warm, SELFBALANCE reads own balance', () => {
    const vm = nativeVm()
    vm.state.setBalance('0x00000000000000000000000000000000000000bb', 77n)
    vm.state.setBalance(SELF, 5n)
    expect(top([...push(0xbbn), 'BALANCE'], {}, vm)).toBe(77n)
    expect(top(['SELFBALANCE'], {}, vm)).toBe(5n)
    // cold: 3 + 100 + 2500 ; second access warm: 3 + 100
    expect(run([...push(0xbbn), 'BALANCE', ...push(0xbbn), 'BALANCE', 'HALT'], {}, vm).gasUsed).toBe(2603 + 103)
  })
  it('EXTCODESIZE / EXTCODEHASH / EXTCODECOPY', () => {
    const vm = nativeVm()
    const other: Address = '0x00000000000000000000000000000000000000bb'
    const code = new Uint8Array([0x11, 0x01, 0x00])
    vm.state.setCode(other, code)
    expect(top([...push(0xbbn), 'EXTCODESIZE'], {}, vm)).toBe(3n)
    expect(top([...push(0xbbn), 'EXTCODEHASH'], {}, vm)).toBe(BigInt(vm.state.getCodeHash(other)))
    expect(top([...push(0xccn), 'EXTCODEHASH'], {}, vm)).toBe(0n)
    expect(top([...push(3n), ...push(0n), ...push(0n), ...push(0xbbn), 'EXTCODECOPY', ...push(0n), 'MLOAD'], {}, vm)).toBe(0x110100n << 232n)
  })
  it('GAS returns the gas left after its own cost', () => {
    expect(top(['GAS'], { gasLimit: 1000 })).toBe(998n)
  })
  it('block context opcodes read the host block in spec order', () => {
    const vm = nativeVm({
      block: {
        coinbase: '0x00000000000000000000000000000000000000cb', timestamp: 1111n, number: 300n, difficulty: 3n,
        prevRandao: 4n, gasLimit: 5n, chainId: 296n, baseFee: 7n,
      },
      host: { blockHash: (n) => n * 1000n },
    })
    expect(top(['COINBASE'], {}, vm)).toBe(0xcbn)
    expect(top(['TIMESTAMP'], {}, vm)).toBe(1111n)
    expect(top(['NUMBER'], {}, vm)).toBe(300n)
    expect(top(['DIFFICULTY'], {}, vm)).toBe(3n)
    expect(top(['PREVRANDAO'], {}, vm)).toBe(4n)
    expect(top(['GASLIMIT'], {}, vm)).toBe(5n)
    expect(top(['CHAINID'], {}, vm)).toBe(296n)
    expect(top(['BASEFEE'], {}, vm)).toBe(7n)
    expect(top([...push(299n), 'BLOCKHASH'], {}, vm)).toBe(299000n)
    expect(top([...push(44n), 'BLOCKHASH'], {}, vm)).toBe(44000n)
    expect(top([...push(43n), 'BLOCKHASH'], {}, vm)).toBe(0n)
    expect(top([...push(300n), 'BLOCKHASH'], {}, vm)).toBe(0n)
  })
})

describe('storage', () => {
  it('SLOAD cold costs 2200, warm 200; SSTORE net metering', () => {
    expect(run([...push(1n), 'SLOAD', 'HALT']).gasUsed).toBe(3 + 2200)
    expect(run([...push(1n), 'SLOAD', ...push(1n), 'SLOAD', 'HALT']).gasUsed).toBe(3 + 2200 + 3 + 200)
    // clean non-zero → other: 100 + 2900
    const vm = nativeVm()
    vm.state.sstore(SELF, 1n, 5n)
    vm.state.finalizeTransaction()
    expect(run([...push(6n), ...push(1n), 'SSTORE', 'HALT'], {}, vm).gasUsed).toBe(6 + 3000)
  })
  it('clearing a slot refunds 4800, capped at a fifth of gas used', () => {
    const vm = nativeVm()
    vm.state.sstore(SELF, 1n, 5n)
    vm.state.finalizeTransaction()
    const r = run([...push(0n), ...push(1n), 'SSTORE', 'HALT'], {}, vm)
    expect(r.gasRefunded).toBe(Math.floor(3006 / 5))
    expect(r.gasUsed).toBe(3006 - Math.floor(3006 / 5))
  })
  it('SSTORE with 2300 gas or less left fails (EIP-2200 sentry)', () => {
    const r = run([...push(1n), ...push(1n), 'SSTORE'], { gasLimit: 2306 })
    expect(r.error).toBe('OutOfGas')
  })
  it('TLOAD/TSTORE are per transaction', () => {
    const vm = nativeVm()
    expect(top([...push(9n), ...push(1n), 'TSTORE', ...push(1n), 'TLOAD'], {}, vm)).toBe(9n)
    expect(top([...push(1n), 'TLOAD'], {}, vm)).toBe(0n)
  })
  it('a failed run leaves storage untouched', () => {
    const vm = nativeVm()
    const r = run([...push(1n), ...push(1n), 'SSTORE', 0xff], {}, vm)
    expect(r.error).toBe('InvalidOpcode')
    expect(vm.state.sload(SELF, 1n)).toBe(0n)
  })
  it('a reverted run leaves storage untouched and keeps the remaining gas', () => {
    const vm = nativeVm()
    const r = run([...push(1n), ...push(1n), 'SSTORE', ...push(0n), ...push(0n), 'REVERT'], {}, vm)
    expect(r.status).toBe('revert')
    expect(r.gasUsed).toBe(3 + 3 + 20100 + 3 + 3)
    expect(vm.state.sload(SELF, 1n)).toBe(0n)
  })
})

describe('control flow and errors', () => {
  it('JUMP to any instruction start; JUMPDEST optional', () => {
    // PUSH4 <7> JUMP INVALID ... at 7: PUSH1 1
    const code: Part[] = ['PUSH4', 8, 'JUMP', 0xff, 0xff, 'PUSH1', 1, 'PUSH1', 42]
    expect(top(code)).toBe(42n)
  })
  it('JUMP into PUSH data is InvalidJump', () => {
    const r = run(['PUSH1', 4, 'JUMP', 'PUSH1', 0x00, 'HALT'])
    expect(r.error).toBe('InvalidJump')
    expect(r.gasUsed).toBe(1_000_000)
  })
  it('JUMP past the end is InvalidJump; JUMPI not taken ignores a bad target', () => {
    expect(run(['PUSH1', 200, 'JUMP']).error).toBe('InvalidJump')
    expect(run(['PUSH1', 0, 'PUSH1', 200, 'JUMPI', 'HALT']).status).toBe('success')
    expect(top(['PUSH1', 1, 'PUSH1', 8, 'JUMPI', 'PUSH1', 0, 'JUMPDEST', 'PC'])).toBe(8n)
  })
  it('unassigned bytes are InvalidOpcode with all gas used', () => {
    for (const b of [0x02, 0x1f, 0x3b, 0x74, 0xcb, 0xd0, 0xed, 0xf4, 0xfd, 0xff]) {
      const r = nativeVm().run({ code: new Uint8Array([b]), gasLimit: 500 })
      expect([r.status, r.error, r.gasUsed]).toEqual(['error', 'InvalidOpcode', 500])
    }
  })
  it('stack underflow and overflow', () => {
    expect(run(['ADD']).error).toBe('StackUnderflow')
    const overflow = prog(...Array(1025).fill(['PUSH1', 1]).flat())
    expect(nativeVm().run({ code: overflow }).error).toBe('StackOverflow')
    const full = prog(...Array(1024).fill(['PUSH1', 1]).flat(), 'HALT')
    expect(nativeVm().run({ code: full }).status).toBe('success')
  })
  it('out of gas consumes everything', () => {
    const r = run(['PUSH1', 1, 'PUSH1', 2, 'ADD'], { gasLimit: 8 })
    expect([r.error, r.gasUsed, r.halt]).toEqual(['OutOfGas', 8, Halt.OutOfGas])
  })
  it('RETURN and REVERT carry data; running off the end is HALT', () => {
    const r = run([...push(0xbeefn), ...push(0n), 'MSTORE', ...push(2n), ...push(30n), 'REVERT'])
    expect(r.status).toBe('revert')
    expect([...r.returnData]).toEqual([0xbe, 0xef])
    expect(run([...push(1n)]).status).toBe('success')
  })
})

describe('logs', () => {
  it('LOG0–LOG4 record address, topics and data', () => {
    for (let n = 0; n <= 4; n++) {
      const topics = Array.from({ length: n }, (_, i) => BigInt(i + 10))
      const parts: Part[] = [...push(0xaabbn), ...push(0n), 'MSTORE']
      for (const t of [...topics].reverse()) parts.push(...push(t))
      parts.push(...push(2n), ...push(30n), `LOG${n}`, 'HALT')
      const r = run(parts)
      expect(r.status).toBe('success')
      expect(r.logs).toHaveLength(1)
      expect(r.logs[0].address).toBe(SELF)
      expect(r.logs[0].topics).toEqual(topics)
      expect([...r.logs[0].data]).toEqual([0xaa, 0xbb])
      // 375 per topic plus 375, 8 per byte, memory 3, pushes
      expect(r.gasUsed).toBe(3 + 3 + 3 + 3 + 3 * n + 3 + 3 + 375 * (1 + n) + 16)
    }
  })
  it('logs of a reverted run are dropped', () => {
    expect(run([...push(0n), ...push(0n), 'LOG0', ...push(0n), ...push(0n), 'REVERT']).logs).toEqual([])
  })
  it('LOG in a static run is a StaticStateChange', () => {
    expect(run([...push(0n), ...push(0n), 'LOG0'], { isStatic: true }).error).toBe('StaticStateChange')
  })
})

describe('state handed in', () => {
  it('a Vm runs against the JournaledState given to it', () => {
    const state = new JournaledState()
    const vm = nativeVm({ state })
    run([...push(7n), ...push(3n), 'SSTORE', 'HALT'], {}, vm)
    expect(state.sload(SELF, 3n)).toBe(7n)
  })
})

describe('hostile API input', () => {
  it('throws InvalidMessageError (never corrupts state) for impossible messages', async () => {
    const { InvalidMessageError } = await import('@zvm/core')
    const vm = nativeVm()
    const bad: Partial<Parameters<Vm['run']>[0]>[] = [
      { value: -1n }, { value: 1n << 256n }, { gasLimit: -5 }, { gasLimit: 1.5 }, { caller: '0x1234' as Address },
      { address: '0xZZ00000000000000000000000000000000000000' as Address }, { data: [1, 2] as unknown as Uint8Array },
    ]
    for (const over of bad) expect(() => vm.run({ code: new Uint8Array([0]), ...over })).toThrow(InvalidMessageError)
    expect(() => vm.run({ code: 'x' as unknown as Uint8Array })).toThrow(InvalidMessageError)
    expect(vm.state.getBalance(CALLER)).toBe(0n)
  })
})
