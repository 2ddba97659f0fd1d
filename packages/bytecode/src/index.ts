export {
  OpcodeFlag, NATIVE_OPCODES, NATIVE_OPCODE_TABLE, NATIVE_OPCODES_BY_NAME, OP, pushOpcodeForSize,
  type OpcodeInfo, type OpName,
} from './opcodes.ts'
