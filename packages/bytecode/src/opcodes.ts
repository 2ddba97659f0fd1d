/**
 * The native ZVM instruction set (ZVMC target 0) as data: the one source of
 * truth read by the interpreter, the gas table, the assembler and the
 * disassembler. Byte values are frozen by spec/native-isa.md (the KALIX
 * compiler emits them); never renumber.
 */

/** Bit flags describing an opcode. */
export const OpcodeFlag = {
  /** Ends the frame (HALT, RETURN, REVERT, SELFDESTRUCT). */
  Terminating: 1,
  /** Changes state; refused in a static frame (CALL only when it sends value). */
  StateModifying: 2,
  /** A Hedera syscall (E0–EC), dispatched to the host's syscall handler. */
  HederaSyscall: 4,
  /** Changes control flow (JUMP, JUMPI). */
  Jump: 8,
  /** Pushes its immediate bytes. */
  Push: 16,
  /** Post-quantum signature opcode (F0–F3). */
  PostQuantum: 32,
} as const
export type OpcodeFlag = (typeof OpcodeFlag)[keyof typeof OpcodeFlag]

/** One row of the native opcode table. */
export interface OpcodeInfo {
  /** Byte value. */
  readonly code: number
  /** Mnemonic as written in assembly. */
  readonly name: string
  /** Immediate bytes following the opcode (PUSHn only). */
  readonly immediateSize: number
  /** Words popped. */
  readonly stackIn: number
  /** Words pushed. */
  readonly stackOut: number
  /** Static gas charged before execution; dynamic parts are in @zvm/gas. */
  readonly staticGas: number
  /** OR of {@link OpcodeFlag} bits. */
  readonly flags: number
}

const T = OpcodeFlag.Terminating
const S = OpcodeFlag.StateModifying
const H = OpcodeFlag.HederaSyscall
const J = OpcodeFlag.Jump
const P = OpcodeFlag.Push
const Q = OpcodeFlag.PostQuantum

// [code, name, immediate, in, out, gas, flags]
const ROWS = [
  [0x00, 'HALT', 0, 0, 0, 0, T],
  [0x01, 'NOP', 0, 0, 0, 0, 0],
  [0x10, 'POP', 0, 1, 0, 2, 0],
  [0x11, 'PUSH1', 1, 0, 1, 3, P],
  [0x12, 'PUSH2', 2, 0, 1, 3, P],
  [0x13, 'PUSH4', 4, 0, 1, 3, P],
  [0x14, 'PUSH8', 8, 0, 1, 3, P],
  [0x15, 'PUSH16', 16, 0, 1, 3, P],
  [0x16, 'PUSH32', 32, 0, 1, 3, P],
  [0x17, 'DUP1', 0, 1, 2, 3, 0],
  [0x18, 'DUP2', 0, 2, 3, 3, 0],
  [0x19, 'DUP3', 0, 3, 4, 3, 0],
  [0x1a, 'DUP4', 0, 4, 5, 3, 0],
  [0x1b, 'SWAP1', 0, 2, 2, 3, 0],
  [0x1c, 'SWAP2', 0, 3, 3, 3, 0],
  [0x1d, 'SWAP3', 0, 4, 4, 3, 0],
  [0x1e, 'SWAP4', 0, 5, 5, 3, 0],
  [0x30, 'ADD', 0, 2, 1, 3, 0],
  [0x31, 'SUB', 0, 2, 1, 3, 0],
  [0x32, 'MUL', 0, 2, 1, 5, 0],
  [0x33, 'DIV', 0, 2, 1, 5, 0],
  [0x34, 'SDIV', 0, 2, 1, 5, 0],
  [0x35, 'MOD', 0, 2, 1, 5, 0],
  [0x36, 'SMOD', 0, 2, 1, 5, 0],
  [0x37, 'ADDMOD', 0, 3, 1, 8, 0],
  [0x38, 'MULMOD', 0, 3, 1, 8, 0],
  [0x39, 'EXP', 0, 2, 1, 10, 0],
  [0x3a, 'SIGNEXTEND', 0, 2, 1, 5, 0],
  [0x50, 'LT', 0, 2, 1, 3, 0],
  [0x51, 'GT', 0, 2, 1, 3, 0],
  [0x52, 'SLT', 0, 2, 1, 3, 0],
  [0x53, 'SGT', 0, 2, 1, 3, 0],
  [0x54, 'EQ', 0, 2, 1, 3, 0],
  [0x55, 'ISZERO', 0, 1, 1, 3, 0],
  [0x56, 'AND', 0, 2, 1, 3, 0],
  [0x57, 'OR', 0, 2, 1, 3, 0],
  [0x58, 'XOR', 0, 2, 1, 3, 0],
  [0x59, 'NOT', 0, 1, 1, 3, 0],
  [0x5a, 'BYTE', 0, 2, 1, 3, 0],
  [0x5b, 'SHL', 0, 2, 1, 8, 0],
  [0x5c, 'SHR', 0, 2, 1, 8, 0],
  [0x5d, 'SAR', 0, 2, 1, 8, 0],
  [0x70, 'KECCAK256', 0, 2, 1, 30, 0],
  [0x71, 'SHA256', 0, 2, 1, 60, 0],
  [0x72, 'RIPEMD160', 0, 2, 1, 600, 0],
  [0x73, 'BLAKE2B', 0, 2, 1, 30, 0],
  [0x80, 'MLOAD', 0, 1, 1, 3, 0],
  [0x81, 'MSTORE', 0, 2, 0, 3, 0],
  [0x82, 'MSTORE8', 0, 2, 0, 3, 0],
  [0x83, 'MSIZE', 0, 0, 1, 3, 0],
  [0x90, 'SLOAD', 0, 1, 1, 100, 0],
  [0x91, 'SSTORE', 0, 2, 0, 100, S],
  [0x92, 'TLOAD', 0, 1, 1, 100, 0],
  [0x93, 'TSTORE', 0, 2, 0, 100, S],
  [0xa0, 'JUMP', 0, 1, 0, 8, J],
  [0xa1, 'JUMPI', 0, 2, 0, 10, J],
  [0xa2, 'PC', 0, 0, 1, 3, 0],
  [0xa3, 'JUMPDEST', 0, 0, 0, 1, 0],
  [0xa4, 'CALL', 0, 7, 1, 100, 0],
  [0xa5, 'CALLCODE', 0, 7, 1, 100, 0],
  [0xa6, 'DELEGATECALL', 0, 6, 1, 100, 0],
  [0xa7, 'STATICCALL', 0, 6, 1, 100, 0],
  [0xa8, 'RETURN', 0, 2, 0, 0, T],
  [0xa9, 'REVERT', 0, 2, 0, 0, T],
  [0xaa, 'SELFDESTRUCT', 0, 1, 0, 5000, T | S],
  [0xab, 'CREATE', 0, 3, 1, 32000, S],
  [0xac, 'CREATE2', 0, 4, 1, 32000, S],
  [0xb0, 'ADDRESS', 0, 0, 1, 2, 0],
  [0xb1, 'BALANCE', 0, 1, 1, 100, 0],
  [0xb2, 'ORIGIN', 0, 0, 1, 2, 0],
  [0xb3, 'CALLER', 0, 0, 1, 2, 0],
  [0xb4, 'CALLVALUE', 0, 0, 1, 2, 0],
  [0xb5, 'CALLDATALOAD', 0, 1, 1, 3, 0],
  [0xb6, 'CALLDATASIZE', 0, 0, 1, 2, 0],
  [0xb7, 'CALLDATACOPY', 0, 3, 0, 3, 0],
  [0xb8, 'CODESIZE', 0, 0, 1, 2, 0],
  [0xb9, 'CODECOPY', 0, 3, 0, 3, 0],
  [0xba, 'GASPRICE', 0, 0, 1, 2, 0],
  [0xbb, 'EXTCODESIZE', 0, 1, 1, 100, 0],
  [0xbc, 'EXTCODECOPY', 0, 4, 0, 100, 0],
  [0xbd, 'RETURNDATASIZE', 0, 0, 1, 2, 0],
  [0xbe, 'RETURNDATACOPY', 0, 3, 0, 3, 0],
  [0xbf, 'EXTCODEHASH', 0, 1, 1, 100, 0],
  [0xc0, 'BLOCKHASH', 0, 1, 1, 20, 0],
  [0xc1, 'COINBASE', 0, 0, 1, 2, 0],
  [0xc2, 'TIMESTAMP', 0, 0, 1, 2, 0],
  [0xc3, 'NUMBER', 0, 0, 1, 2, 0],
  [0xc4, 'DIFFICULTY', 0, 0, 1, 2, 0],
  [0xc5, 'PREVRANDAO', 0, 0, 1, 2, 0],
  [0xc6, 'GASLIMIT', 0, 0, 1, 2, 0],
  [0xc7, 'CHAINID', 0, 0, 1, 2, 0],
  [0xc8, 'SELFBALANCE', 0, 0, 1, 5, 0],
  [0xc9, 'BASEFEE', 0, 0, 1, 2, 0],
  [0xca, 'GAS', 0, 0, 1, 2, 0],
  [0xd2, 'TABLEHASH', 0, 2, 1, 30, 0],
  [0xe0, 'HTS_TRANSFER', 0, 4, 1, 50 + 10000, H | S],
  [0xe1, 'HTS_MINT', 0, 2, 1, 100 + 50000, H | S],
  [0xe2, 'HTS_BURN', 0, 2, 1, 100 + 50000, H | S],
  [0xe3, 'HTS_ASSOCIATE', 0, 2, 1, 50 + 20000, H | S],
  [0xe4, 'HTS_DISSOCIATE', 0, 2, 1, 50 + 20000, H | S],
  [0xe5, 'HTS_APPROVE', 0, 3, 1, 50 + 5000, H | S],
  [0xe6, 'HTS_CREATE', 0, 2, 1, 500 + 100000, H | S],
  [0xe7, 'HCS_SUBMIT', 0, 3, 1, 50 + 5000, H | S],
  [0xe8, 'HCS_CREATE_TOPIC', 0, 0, 1, 200 + 50000, H | S],
  [0xe9, 'HCS_UPDATE_TOPIC', 0, 3, 1, 100 + 25000, H | S],
  [0xea, 'HCS_DELETE_TOPIC', 0, 1, 1, 100 + 12500, H | S],
  [0xeb, 'HEDERA_ACCOUNT_ID', 0, 0, 1, 2, H],
  [0xec, 'HEDERA_TIMESTAMP', 0, 0, 1, 2, H],
  [0xf0, 'PQ_VERIFY_DILITHIUM', 0, 6, 1, 1000, Q],
  [0xf1, 'PQ_VERIFY_FALCON', 0, 6, 1, 800, Q],
  [0xf2, 'PQ_VERIFY_SPHINCS', 0, 6, 1, 2000, Q],
  [0xf3, 'PQ_KEYGEN', 0, 2, 1, 5000, Q],
  [0xf8, 'LOG0', 0, 2, 0, 375, S],
  [0xf9, 'LOG1', 0, 3, 0, 750, S],
  [0xfa, 'LOG2', 0, 4, 0, 1125, S],
  [0xfb, 'LOG3', 0, 5, 0, 1500, S],
  [0xfc, 'LOG4', 0, 6, 0, 1875, S],
] as const

/** Every assigned native opcode, in byte order. */
export const NATIVE_OPCODES: readonly OpcodeInfo[] = ROWS.map(
  ([code, name, immediateSize, stackIn, stackOut, staticGas, flags]) =>
    Object.freeze({ code, name, immediateSize, stackIn, stackOut, staticGas, flags }),
)

/** 256 entries indexed by byte; `undefined` for unassigned bytes. */
export const NATIVE_OPCODE_TABLE: readonly (OpcodeInfo | undefined)[] = (() => {
  const t: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined)
  for (const info of NATIVE_OPCODES) t[info.code] = info
  return t
})()

/** Every native mnemonic. */
export type OpName = (typeof ROWS)[number][1]

/**
 * Byte value by mnemonic: use `OP.SSTORE`, never a bare 0x91, in logic.
 *
 * @example
 * ```ts
 * import { OP } from '@zvm/bytecode'
 * OP.ADD // 0x30
 * ```
 */
export const OP: Readonly<Record<OpName, number>> = Object.freeze(Object.fromEntries(ROWS.map((r) => [r[1], r[0]]))) as never

/** Mnemonic → info, for the assembler. */
export const NATIVE_OPCODES_BY_NAME: ReadonlyMap<string, OpcodeInfo> = new Map(NATIVE_OPCODES.map((i) => [i.name, i]))

/** The PUSH opcode for an immediate of `size` bytes, if the ISA has one (1, 2, 4, 8, 16, 32). */
export function pushOpcodeForSize(size: number): OpcodeInfo | undefined {
  return NATIVE_OPCODES.find((i) => i.flags & OpcodeFlag.Push && i.immediateSize === size)
}

