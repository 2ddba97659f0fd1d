/**
 * Differential tests against @ethereumjs/evm: generated programs and
 * solc-compiled contracts (ERC-20, CREATE2 factory, delegatecall proxy,
 * try/catch) must give the same status, return data, logs and gas in ZVM and
 * ethereumjs, for Cancun and Prague.
 */
import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { bigintToBytes, bytesToHex, type Address } from '@zvm/primitives'
import { describe, expect, it } from 'vitest'
import { compileContracts } from './solc.ts'
import { ethereumjsEngine, TIERS, zvmEngine, type Engine } from './engines.ts'

const CALLER: Address = '0x00000000000000000000000000000000000c0ffe'
const TARGET: Address = '0x00000000000000000000000000000000000000aa'
const FORKS = ['Cancun', 'Prague'] as const

// --- generated programs ---

const push = (v: bigint): number[] => {
  const size = Math.max(1, Math.ceil(v.toString(16).length / 2))
  return [0x5f + size, ...bigintToBytes(v, size)]
}
const small = fc.integer({ min: 0, max: 96 }).map(BigInt)
const word = fc.oneof(small, fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), fc.constantFrom(0n, 1n, (1n << 255n), (1n << 256n) - 1n))
const instruction: fc.Arbitrary<readonly number[]> = fc.oneof(
  word.map(push),
  fc.constantFrom(...[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d].map((op) => [op])),
  fc.constantFrom([0x80], [0x81], [0x82], [0x90], [0x91], [0x50], [0x5f], [0x30], [0x32], [0x33], [0x34], [0x36], [0x38], [0x3a], [0x3d], [0x46], [0x47], [0x58], [0x59], [0x5a]),
  fc.tuple(small, word).map(([o, v]) => [...push(v), ...push(o), 0x52]), // MSTORE
  small.map((o) => [...push(o), 0x51]), // MLOAD
  fc.tuple(small, small, small).map(([d, s, n]) => [...push(n), ...push(s), ...push(d), 0x5e]), // MCOPY
  fc.tuple(small, small).map(([o, n]) => [...push(n), ...push(o), 0x20]), // KECCAK256
  fc.tuple(fc.integer({ min: 0, max: 3 }).map(BigInt), word).map(([k, v]) => [...push(v), ...push(k), 0x55]), // SSTORE
  fc.integer({ min: 0, max: 3 }).map((k) => [...push(BigInt(k)), 0x54]), // SLOAD
  fc.tuple(fc.integer({ min: 0, max: 3 }).map(BigInt), word).map(([k, v]) => [...push(v), ...push(k), 0x5d, ...push(k), 0x5c]), // TSTORE TLOAD
  fc.tuple(small, small, word).map(([o, n, t]) => [...push(t), ...push(n), ...push(o), 0xa1]), // LOG1
  fc.integer({ min: 0, max: 12 }).map((a) => [...push(BigInt(a)), 0x31]), // BALANCE
  fc.integer({ min: 0, max: 12 }).map((a) => [...push(BigInt(a)), 0x3f]), // EXTCODEHASH
  fc.tuple(fc.integer({ min: 1, max: 9 }), small, small).map(([p, i, n]) => [...push(32n), ...push(0n), ...push(n), ...push(i), ...push(BigInt(p)), ...push(100_000n), 0xfa]), // STATICCALL precompile
  fc.tuple(small, small).map(([d, n]) => [...push(n), ...push(0n), ...push(d), 0x3e]), // RETURNDATACOPY
)
const ending = fc.oneof(
  fc.constant([0x00]),
  fc.tuple(small, small).map(([o, n]) => [...push(n), ...push(o), 0xf3]),
  fc.tuple(small, small).map(([o, n]) => [...push(n), ...push(o), 0xfd]),
)
const program = fc.tuple(fc.array(instruction, { maxLength: 30 }), ending).map(([body, end]) => new Uint8Array([...body.flat(), ...end]))

const COMBOS = FORKS.flatMap((fork) => TIERS.map((tier) => [fork, tier] as const))

describe.each(COMBOS)('ZVM matches @ethereumjs/evm on generated programs (%s, tier %s)', (fork, tier) => {
  it('same status, return data, logs and gas', async () => {
    await fc.assert(
      fc.asyncProperty(program, fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 21_000, max: 2_000_000 }), async (code, data, gas) => {
        const engines = [zvmEngine(fork, tier), await ethereumjsEngine(fork)]
        const results = []
        for (const e of engines) {
          await e.setCode(TARGET, code)
          results.push(await e.call(CALLER, TARGET, data, gas))
        }
        expect(results[0], bytesToHex(code)).toEqual(results[1])
      }),
      { numRuns: 150 },
    )
  })
})

// --- solc-compiled contracts ---

const selector = (signature: string): number[] => [...keccak_256(new TextEncoder().encode(signature)).subarray(0, 4)]
const arg = (v: bigint | Address): number[] => [...bigintToBytes(typeof v === 'bigint' ? v : BigInt(v), 32)]
const encode = (signature: string, ...args: (bigint | Address)[]): Uint8Array => new Uint8Array([...selector(signature), ...args.flatMap(arg)])
const withArgs = (code: Uint8Array, ...args: (bigint | Address)[]): Uint8Array => new Uint8Array([...code, ...args.flatMap(arg)])

describe.each(COMBOS)('ZVM matches @ethereumjs/evm on solc-compiled contracts (%s, tier %s)', (fork, tier) => {
  const contracts = compileContracts()
  async function both(script: (e: Engine) => Promise<unknown[]>): Promise<void> {
    const zvm = await script(zvmEngine(fork, tier))
    const ejs = await script(await ethereumjsEngine(fork))
    expect(zvm).toEqual(ejs)
  }

  it('ERC-20: mint, transfer, approve, transferFrom, failing transfer', () =>
    both(async (e) => {
      const out: unknown[] = []
      const d = await e.deploy(CALLER, contracts.Token.bytecode)
      out.push(d)
      const token = d.createdAddress as Address
      const alice: Address = '0x000000000000000000000000000000000000a11c'
      out.push(await e.call(CALLER, token, encode('mint(address,uint256)', CALLER, 1000n)))
      out.push(await e.call(CALLER, token, encode('transfer(address,uint256)', alice, 250n)))
      out.push(await e.call(CALLER, token, encode('approve(address,uint256)', alice, 100n)))
      out.push(await e.call(alice, token, encode('transferFrom(address,address,uint256)', CALLER, alice, 60n)))
      out.push(await e.call(alice, token, encode('transferFrom(address,address,uint256)', CALLER, alice, 60n)))
      out.push(await e.call(alice, token, encode('balanceOf(address)', alice)))
      out.push(await e.call(CALLER, token, encode('transfer(address,uint256)', alice, 10_000n)))
      return out
    }))

  it('CREATE2 factory: deploy, predicted address, collision, try/catch revert reason', () =>
    both(async (e) => {
      const out: unknown[] = []
      const d = await e.deploy(CALLER, contracts.Factory.bytecode)
      out.push(d)
      const factory = d.createdAddress as Address
      out.push(await e.call(CALLER, factory, encode('deploy(bytes32,uint256)', 7n, 42n)))
      out.push(await e.call(CALLER, factory, encode('predict(bytes32,uint256)', 7n, 42n)))
      out.push(await e.call(CALLER, factory, encode('tryBoom()')))
      out.push(await e.call(CALLER, factory, encode('tryDeployTwice(bytes32)', 9n)))
      out.push(await e.call(CALLER, factory, encode('tryDeployTwice(bytes32)', 9n)))
      out.push(await e.call(CALLER, factory, encode('deploy(bytes32,uint256)', 7n, 42n)))
      return out
    }))

  it('delegatecall proxy: storage in the proxy, reverts bubble up', () =>
    both(async (e) => {
      const out: unknown[] = []
      const impl = await e.deploy(CALLER, contracts.Implementation.bytecode)
      const proxy = await e.deploy(CALLER, withArgs(contracts.Proxy.bytecode, impl.createdAddress as Address))
      out.push(impl, proxy)
      const p = proxy.createdAddress as Address
      out.push(await e.call(CALLER, p, encode('increment(uint256)', 5n)))
      out.push(await e.call(CALLER, p, encode('increment(uint256)', 6n)))
      out.push(await e.call(CALLER, p, encode('counter()')))
      out.push(await e.call(CALLER, p, encode('owner()')))
      out.push(await e.call(CALLER, impl.createdAddress as Address, encode('counter()')))
      out.push(await e.call(CALLER, p, encode('fail()')))
      return out
    }))
})

it('the compiled contracts are real solc output', () => {
  const c = compileContracts()
  expect(Object.keys(c)).toEqual(expect.arrayContaining(['Token', 'Factory', 'Child', 'Implementation', 'Proxy']))
  // solc's constructor prologue: PUSH1 <free memory pointer> PUSH1 0x40 MSTORE
  expect(c.Token.bytecode[0]).toBe(0x60)
  expect(c.Token.bytecode.length).toBeGreaterThan(500)
})

describe('EIP-7702 delegated accounts (Prague) match @ethereumjs/evm', () => {
  const D: Address = '0x00000000000000000000000000000000000000d1'
  const IMPL: Address = '0x00000000000000000000000000000000000000b2'
  const designator = (to: Address): Uint8Array => new Uint8Array([0xef, 0x01, 0x00, ...bigintToBytes(BigInt(to), 20)])
  // IMPL: SSTORE(0, CALLER); return ADDRESS
  const impl = new Uint8Array([0x33, 0x60, 0x00, 0x55, 0x30, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3])
  // Caller: CALL D with all gas, then return [success, returned word, EXTCODESIZE D, EXTCODEHASH D]
  const d = [0x73, ...bigintToBytes(BigInt(D), 20)]
  const callerCode = new Uint8Array([
    0x60, 0x20, 0x60, 0x20, 0x60, 0x00, 0x60, 0x00, 0x60, 0x00, ...d, 0x5a, 0xf1, 0x60, 0x00, 0x52, // CALL → mem[0]; output at mem[32]
    ...d, 0x3b, 0x60, 0x40, 0x52, ...d, 0x3f, 0x60, 0x60, 0x52, // EXTCODESIZE → mem[64], EXTCODEHASH → mem[96]
    0x60, 0x80, 0x60, 0x00, 0xf3,
  ])
  for (const [what, target] of [['a contract', IMPL], ['a precompile (runs as empty code)', '0x0000000000000000000000000000000000000002'], ['an empty account', '0x00000000000000000000000000000000000000e1']] as const) {
    it(`calling an account delegated to ${what}`, async () => {
      const out: unknown[] = []
      for (const e of [zvmEngine('Prague'), await ethereumjsEngine('Prague')]) {
        await e.setCode(IMPL, impl)
        await e.setCode(D, designator(target as Address))
        await e.setCode(TARGET, callerCode)
        out.push(await e.call(CALLER, TARGET, new Uint8Array(), 1_000_000))
      }
      expect(out[0]).toEqual(out[1])
    })
  }
})
