/** The demo contracts of Counterchain, in its own mnemonics. */
import { assemble, TABLE } from './chain.ts'

export const ENTRY = '0x00000000000000000000000000000000000000aa'
export const REVERTER = '0x00000000000000000000000000000000000000bb'

/** Calls the counter precompile, then reverts: its count must not stay. */
export const REVERTER_CODE = assemble(TABLE, `
  PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0x0100 GAS CALL POP
  PUSH0 PUSH0 REVERT`)

/**
 * Calls the reverter, then the counter (its answer to memory[0]), squares 7
 * (memory[32]), asks the host for RANDOM (memory[64]) and reads GASBUDGET
 * (memory[96]); returns the four words.
 */
export const ENTRY_CODE = assemble(TABLE, `
  PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH1 0xbb GAS CALL POP
  PUSH1 32 PUSH0 PUSH0 PUSH0 PUSH0 PUSH2 0x0100 GAS CALL POP
  PUSH1 7 SQUARE PUSH1 32 MSTORE
  RANDOM PUSH1 64 MSTORE
  GASBUDGET PUSH1 96 MSTORE
  PUSH1 128 PUSH0 RETURN`)
