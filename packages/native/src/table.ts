/**
 * The native ZVM instruction table: byte values, stack shapes and static gas
 * come from @zvm/bytecode (frozen by spec/native-isa.md); this file only says
 * which shared operation each mnemonic runs.
 */
import { NATIVE_OPCODES, NATIVE_OPCODES_BY_NAME, OpcodeFlag, type OpName } from '@zvm/bytecode'
import { HCS_SUBMIT_BYTE_GAS, NATIVE_GAS_SCHEDULE, nativeSurcharge } from '@zvm/gas'
import { buildTable, ops, type InstructionTable, type Operation } from '@zvm/core'
import * as hash from './ops/hash.ts'
import * as pq from './ops/pq.ts'

const {
  arithmetic: arith, bitwise: bit, block, call: calls, control, create, env, memory: mem, storage,
  log: { makeLog }, stack: { makeDup, makePush, makeSwap, pop }, surcharge: { withSurcharge }, syscall: { makeSyscall }, system: { selfdestruct },
} = ops
type SyscallMemoryArgs = ops.syscall.SyscallMemoryArgs

/** A Hedera syscall op whose arity and static-mode rule come from the bytecode table. */
function syscall(name: OpName, memoryArgs?: SyscallMemoryArgs): Operation {
  const info = NATIVE_OPCODES_BY_NAME.get(name)!
  return makeSyscall(info.code, info.stackIn, (info.flags & OpcodeFlag.StateModifying) !== 0, memoryArgs)
}

const OPS: Record<OpName, Operation> = {
  HALT: control.stop, NOP: control.nop, POP: pop,
  PUSH1: makePush(1), PUSH2: makePush(2), PUSH4: makePush(4), PUSH8: makePush(8), PUSH16: makePush(16), PUSH32: makePush(32),
  DUP1: makeDup(1), DUP2: makeDup(2), DUP3: makeDup(3), DUP4: makeDup(4),
  SWAP1: makeSwap(1), SWAP2: makeSwap(2), SWAP3: makeSwap(3), SWAP4: makeSwap(4),
  ADD: arith.add, SUB: arith.sub, MUL: arith.mul, DIV: arith.div, SDIV: arith.sdiv, MOD: arith.mod, SMOD: arith.smod,
  ADDMOD: arith.addmod, MULMOD: arith.mulmod, EXP: arith.exp, SIGNEXTEND: arith.signextend,
  LT: bit.lt, GT: bit.gt, SLT: bit.slt, SGT: bit.sgt, EQ: bit.eq, ISZERO: bit.iszero,
  AND: bit.and, OR: bit.or, XOR: bit.xor, NOT: bit.not, BYTE: bit.byte, SHL: bit.shl, SHR: bit.shr, SAR: bit.sar,
  // Hashes, TABLEHASH, PQ_KEYGEN and the host queries cost what was measured (@zvm/gas NATIVE_OP_GAS, docs/native-isa.md).
  KECCAK256: hash.nativeKeccak256, SHA256: hash.nativeSha256, RIPEMD160: hash.nativeRipemd160, BLAKE2B: hash.nativeBlake2b,
  MLOAD: mem.mload, MSTORE: mem.mstore, MSTORE8: mem.mstore8, MSIZE: mem.msize,
  SLOAD: storage.sload, SSTORE: storage.sstore, TLOAD: storage.tload, TSTORE: storage.tstore,
  JUMP: control.jump, JUMPI: control.jumpi, PC: control.pcOp, JUMPDEST: control.nop,
  CALL: calls.call, CALLCODE: calls.callcode, DELEGATECALL: calls.delegatecall, STATICCALL: calls.staticcall,
  RETURN: control.ret, REVERT: control.revert, SELFDESTRUCT: selfdestruct,
  CREATE: create.create, CREATE2: create.create2,
  ADDRESS: env.address, BALANCE: env.balance, ORIGIN: env.origin, CALLER: env.caller, CALLVALUE: env.callvalue,
  CALLDATALOAD: env.calldataload, CALLDATASIZE: env.calldatasize, CALLDATACOPY: env.calldatacopy,
  CODESIZE: env.codesize, CODECOPY: env.codecopy, GASPRICE: env.gasprice,
  EXTCODESIZE: env.extcodesize, EXTCODECOPY: env.extcodecopy, RETURNDATASIZE: env.returndatasize,
  RETURNDATACOPY: env.returndatacopy, EXTCODEHASH: env.extcodehash,
  BLOCKHASH: block.blockhash, COINBASE: block.coinbase, TIMESTAMP: block.timestamp, NUMBER: block.number,
  DIFFICULTY: block.difficulty, PREVRANDAO: block.prevrandao, GASLIMIT: block.gaslimit, CHAINID: block.chainid,
  SELFBALANCE: env.selfbalance, BASEFEE: block.basefee, GAS: env.gas,
  TABLEHASH: withSurcharge(hash.tablehash, nativeSurcharge('TABLEHASH')),
  HTS_TRANSFER: syscall('HTS_TRANSFER'),
  HTS_MINT: syscall('HTS_MINT'),
  HTS_BURN: syscall('HTS_BURN'),
  HTS_ASSOCIATE: syscall('HTS_ASSOCIATE'),
  HTS_DISSOCIATE: syscall('HTS_DISSOCIATE'),
  HTS_APPROVE: syscall('HTS_APPROVE'),
  // (offset, length) of the token descriptor in memory.
  HTS_CREATE: syscall('HTS_CREATE', { offsetArg: 0, sizeArg: 1, perByte: 0 }),
  // (topic, offset, length) of the message: HCS_SUBMIT_BYTE_GAS per byte.
  HCS_SUBMIT: syscall('HCS_SUBMIT', { offsetArg: 1, sizeArg: 2, perByte: HCS_SUBMIT_BYTE_GAS }),
  HCS_CREATE_TOPIC: syscall('HCS_CREATE_TOPIC'),
  // (topic, offset, length) of the new memo.
  HCS_UPDATE_TOPIC: syscall('HCS_UPDATE_TOPIC', { offsetArg: 1, sizeArg: 2, perByte: 0 }),
  HCS_DELETE_TOPIC: syscall('HCS_DELETE_TOPIC'),
  HEDERA_ACCOUNT_ID: withSurcharge(syscall('HEDERA_ACCOUNT_ID'), nativeSurcharge('HEDERA_ACCOUNT_ID')),
  HEDERA_TIMESTAMP: withSurcharge(syscall('HEDERA_TIMESTAMP'), nativeSurcharge('HEDERA_TIMESTAMP')),
  PQ_VERIFY_DILITHIUM: pq.pqVerifyDilithium, PQ_VERIFY_FALCON: pq.pqVerifyFalcon, PQ_VERIFY_SPHINCS: pq.pqVerifySphincs,
  PQ_KEYGEN: withSurcharge(pq.pqKeygen, nativeSurcharge('PQ_KEYGEN')),
  LOG0: makeLog(0), LOG1: makeLog(1), LOG2: makeLog(2), LOG3: makeLog(3), LOG4: makeLog(4),
}

/**
 * The native instruction table (ZVMC target 0).
 *
 * @example
 * ```ts
 * import { NATIVE_TABLE } from '@zvm/core'
 * NATIVE_TABLE.staticGas[0x30] // 3 (ADD)
 * ```
 */
export const NATIVE_TABLE: InstructionTable = buildTable(
  'zvm-native',
  NATIVE_OPCODES.map((info) => ({ ...info, op: OPS[info.name as OpName] })),
  control.invalid,
  NATIVE_GAS_SCHEDULE,
  { jumpdest: -1, rejectEfPrefix: false },
)
