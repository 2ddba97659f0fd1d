/**
 * The EVM instruction table: the core's shared operations placed at EVM
 * byte values, with EVM static gas. Built once per fork and cached; each
 * fork-specific line names its EIP. CODECOPY, EXTCODEHASH and jump analysis
 * see the original bytes: EVM code runs as is.
 */
import { buildTable, ops, type InstructionSpec, type InstructionTable, type Operation } from '@zvm/core'
import { Fork } from './forks.ts'
import { EVM_GAS_SCHEDULE, EVM_STATIC_GAS, EVM_STORAGE_GAS } from './gas.ts'

const { arithmetic: a, bitwise: b, block, call, control, create, env, hash, log, memory: m, stack, storage, system } = ops

type Row = [code: number, name: string, op: Operation, gas: number, stackIn: number, stackOut: number]

// Static gas shared with a dynamic rule comes from gas.ts; the other rows' numbers appear nowhere else.
/** EIP-2929: account access ops charge a warm access statically and the cold surcharge when they run. */
const WARM = EVM_GAS_SCHEDULE.warmAccess
/** EIP-1153: TLOAD / TSTORE cost a warm storage read. */
const TRANSIENT = EVM_STORAGE_GAS.warmRead
const { create: CREATE, logBase: LOG, logTopic: LOG_TOPIC } = EVM_STATIC_GAS

function baseRows(): Row[] {
  const rows: Row[] = [
    [0x00, 'STOP', control.stop, 0, 0, 0],
    [0x01, 'ADD', a.add, 3, 2, 1], [0x02, 'MUL', a.mul, 5, 2, 1], [0x03, 'SUB', a.sub, 3, 2, 1],
    [0x04, 'DIV', a.div, 5, 2, 1], [0x05, 'SDIV', a.sdiv, 5, 2, 1], [0x06, 'MOD', a.mod, 5, 2, 1],
    [0x07, 'SMOD', a.smod, 5, 2, 1], [0x08, 'ADDMOD', a.addmod, 8, 3, 1], [0x09, 'MULMOD', a.mulmod, 8, 3, 1],
    [0x0a, 'EXP', a.exp, 10, 2, 1], [0x0b, 'SIGNEXTEND', a.signextend, 5, 2, 1],
    [0x10, 'LT', b.lt, 3, 2, 1], [0x11, 'GT', b.gt, 3, 2, 1], [0x12, 'SLT', b.slt, 3, 2, 1], [0x13, 'SGT', b.sgt, 3, 2, 1],
    [0x14, 'EQ', b.eq, 3, 2, 1], [0x15, 'ISZERO', b.iszero, 3, 1, 1], [0x16, 'AND', b.and, 3, 2, 1], [0x17, 'OR', b.or, 3, 2, 1],
    [0x18, 'XOR', b.xor, 3, 2, 1], [0x19, 'NOT', b.not, 3, 1, 1], [0x1a, 'BYTE', b.byte, 3, 2, 1],
    [0x1b, 'SHL', b.shl, 3, 2, 1], [0x1c, 'SHR', b.shr, 3, 2, 1], [0x1d, 'SAR', b.sar, 3, 2, 1],
    [0x20, 'KECCAK256', hash.keccak256, 30, 2, 1],
    [0x30, 'ADDRESS', env.address, 2, 0, 1], [0x31, 'BALANCE', env.balance, WARM, 1, 1], [0x32, 'ORIGIN', env.origin, 2, 0, 1],
    [0x33, 'CALLER', env.caller, 2, 0, 1], [0x34, 'CALLVALUE', env.callvalue, 2, 0, 1], [0x35, 'CALLDATALOAD', env.calldataload, 3, 1, 1],
    [0x36, 'CALLDATASIZE', env.calldatasize, 2, 0, 1], [0x37, 'CALLDATACOPY', env.calldatacopy, 3, 3, 0],
    [0x38, 'CODESIZE', env.codesize, 2, 0, 1], [0x39, 'CODECOPY', env.codecopy, 3, 3, 0], [0x3a, 'GASPRICE', env.gasprice, 2, 0, 1],
    [0x3b, 'EXTCODESIZE', env.extcodesize, WARM, 1, 1], [0x3c, 'EXTCODECOPY', env.extcodecopy, WARM, 4, 0],
    [0x3d, 'RETURNDATASIZE', env.returndatasize, 2, 0, 1], [0x3e, 'RETURNDATACOPY', env.returndatacopy, 3, 3, 0],
    [0x3f, 'EXTCODEHASH', env.extcodehash, WARM, 1, 1],
    [0x40, 'BLOCKHASH', block.blockhash, 20, 1, 1], [0x41, 'COINBASE', block.coinbase, 2, 0, 1], [0x42, 'TIMESTAMP', block.timestamp, 2, 0, 1],
    [0x43, 'NUMBER', block.number, 2, 0, 1], [0x44, 'PREVRANDAO', block.prevrandao, 2, 0, 1], [0x45, 'GASLIMIT', block.gaslimit, 2, 0, 1],
    [0x46, 'CHAINID', block.chainid, 2, 0, 1], [0x47, 'SELFBALANCE', env.selfbalance, 5, 0, 1], [0x48, 'BASEFEE', block.basefee, 2, 0, 1],
    [0x50, 'POP', stack.pop, 2, 1, 0], [0x51, 'MLOAD', m.mload, 3, 1, 1], [0x52, 'MSTORE', m.mstore, 3, 2, 0], [0x53, 'MSTORE8', m.mstore8, 3, 2, 0],
    [0x54, 'SLOAD', storage.sload, 0, 1, 1], [0x55, 'SSTORE', storage.sstore, EVM_STORAGE_GAS.sstoreStatic, 2, 0],
    [0x56, 'JUMP', control.jump, 8, 1, 0], [0x57, 'JUMPI', control.jumpi, 10, 2, 0], [0x58, 'PC', control.pcOp, 2, 0, 1],
    [0x59, 'MSIZE', m.msize, 2, 0, 1], [0x5a, 'GAS', env.gas, 2, 0, 1], [0x5b, 'JUMPDEST', control.nop, 1, 0, 0],
    [0x5f, 'PUSH0', stack.push0, 2, 0, 1], // EIP-3855 (Shanghai)
    [0xf0, 'CREATE', create.create, CREATE, 3, 1], [0xf1, 'CALL', call.call, WARM, 7, 1], [0xf2, 'CALLCODE', call.callcode, WARM, 7, 1],
    [0xf3, 'RETURN', control.ret, 0, 2, 0], [0xf4, 'DELEGATECALL', call.delegatecall, WARM, 6, 1], [0xf5, 'CREATE2', create.create2, CREATE, 4, 1],
    [0xfa, 'STATICCALL', call.staticcall, WARM, 6, 1], [0xfd, 'REVERT', control.revert, 0, 2, 0], [0xfe, 'INVALID', control.invalid, 0, 0, 0],
    [0xff, 'SELFDESTRUCT', system.selfdestruct, 5000, 1, 0],
  ]
  for (let n = 1; n <= 32; n++) rows.push([0x5f + n, `PUSH${n}`, stack.makePush(n), 3, 0, 1])
  for (let n = 1; n <= 16; n++) rows.push([0x7f + n, `DUP${n}`, stack.makeDup(n), 3, n, n + 1])
  for (let n = 1; n <= 16; n++) rows.push([0x8f + n, `SWAP${n}`, stack.makeSwap(n), 3, n + 1, n + 1])
  for (let n = 0; n <= 4; n++) rows.push([0xa0 + n, `LOG${n}`, log.makeLog(n), LOG + n * LOG_TOPIC, 2 + n, 0])
  return rows
}

function rowsFor(fork: Fork): Row[] {
  const rows = baseRows()
  if (fork >= Fork.Cancun) {
    rows.push([0x49, 'BLOBHASH', block.blobhash, 3, 1, 1]) // EIP-4844
    rows.push([0x4a, 'BLOBBASEFEE', block.blobbasefee, 2, 0, 1]) // EIP-7516
    rows.push([0x5c, 'TLOAD', storage.tload, TRANSIENT, 1, 1]) // EIP-1153
    rows.push([0x5d, 'TSTORE', storage.tstore, TRANSIENT, 2, 0]) // EIP-1153
    rows.push([0x5e, 'MCOPY', m.mcopy, 3, 3, 0]) // EIP-5656
  }
  return rows
}

/**
 * The rows of the EVM table of `fork`, for building a table of your own
 * (`buildTable`) or deriving one (`withInstructions(evmTable(fork), …)`).
 *
 * @example
 * ```ts
 * import { evmInstructions, Fork } from '@zvm/chain-evm'
 * evmInstructions(Fork.Cancun).find((r) => r.name === 'MCOPY')?.code // 0x5e
 * ```
 */
export function evmInstructions(fork: Fork): InstructionSpec[] {
  return rowsFor(fork).map(([code, name, op, staticGas, stackIn, stackOut]) => ({
    code, name, op, staticGas, stackIn, stackOut, immediateSize: code >= 0x60 && code <= 0x7f ? code - 0x5f : 0,
  }))
}

const cache = new Map<Fork, InstructionTable>()

/**
 * The EVM instruction table of `fork` (cached).
 *
 * @example
 * ```ts
 * import { evmTable, Fork } from '@zvm/chain-evm'
 * evmTable(Fork.Cancun).names[0x5e] // 'MCOPY'
 * ```
 */
export function evmTable(fork: Fork): InstructionTable {
  let t = cache.get(fork)
  if (!t) {
    const specs = evmInstructions(fork)
    // JUMPDEST is required (0x5b); EIP-3541 rejects new code starting with 0xEF.
    // EIP-7702 (Prague): calls follow delegation designators.
    t = buildTable(`evm-${fork}`, specs, control.invalid, EVM_GAS_SCHEDULE, { jumpdest: 0x5b, rejectEfPrefix: true, delegation: fork >= Fork.Prague })
    cache.set(fork, t)
  }
  return t
}
