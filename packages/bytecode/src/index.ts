export {
  OpcodeFlag, NATIVE_OPCODES, NATIVE_OPCODE_TABLE, NATIVE_OPCODES_BY_NAME, OP, pushOpcodeForSize,
  type OpcodeInfo, type OpName,
} from './opcodes.ts'
export {
  encodeZvmc, decodeZvmc, tryDecodeZvmc, isZvmc, ZvmcTarget, ZvmcDecodeError, ZVMC_VERSION, ZVMC_HEADER_SIZE,
  type ZvmcContainer, type ZvmcInput, type ZvmcField,
} from './container.ts'
export {
  validateAbi, kalixSelector, AbiError,
  type ZvmcAbi, type AbiFunction, type AbiParam, type AbiOutput, type AbiEvent, type AbiEventField, type AbiStateVariable, type AbiTable,
} from './abi.ts'
export { assemble, assembleToBytes, assembleZvmc, AssemblyError, type AssembledProgram } from './assembler.ts'
export { disassemble, disassembleToText, type Instruction } from './disassembler.ts'
