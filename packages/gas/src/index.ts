export { OPCODE_COSTS } from './opcode-costs.ts'
export { toWordSize, memoryCost, memoryExpansionCost, MAX_MEMORY_BYTES, UNPAYABLE } from './memory.ts'
export { createCost } from './dynamic.ts'
export {
  NATIVE_STORAGE_GAS, sloadCost, sstoreCost, sstoreRefund, cappedRefund, type StorageGasSchedule,
} from './storage.ts'
export { NATIVE_GAS_SCHEDULE, type GasSchedule } from './schedule.ts'
export {
  PQ_VERIFY_GAS, PQ_VERIFY_WORD_GAS, HCS_SUBMIT_BYTE_GAS, NATIVE_OP_GAS, nativeSurcharge, type PqParameterSet,
} from './native-costs.ts'
