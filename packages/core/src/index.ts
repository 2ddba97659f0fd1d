export { Halt, haltName, isSuccess, isRevert, isError } from './halt.ts'
export { MAX_FRAME_MEMORY, MAX_MESSAGE_MEMORY, MAX_MESSAGE_LOG_BYTES, MAX_POOLED_MEMORY, type MessageUsage } from './limits.ts'
export { Memory } from './memory.ts'
export { scratchPoolStats } from './frame.ts'
export { Frame, CallScheme, type ExecutionContext, type ExecutionTier, type CallAction, type CreateAction, type FrameAction } from './frame.ts'
export {
  defaultBlockEnv, defaultTxEnv, EMPTY_HOST, type BlockEnv, type TxEnv, type Host, type Precompile, type PrecompileResult, type PrecompileContext, type PurePrecompile,
  type SyscallContext, type SyscallResult,
} from './host.ts'
export { STACK_LIMIT, type InstructionTable, type InstructionSpec, type TableOptions, type Operation } from './table.ts'
export { buildTable, withInstructions } from './build-table.ts'
export { declareTraits, traitsOf, UNKNOWN_TRAITS, type InstructionTraits } from './traits.ts'
export {
  analyze, analysisCacheStats, setAnalysisCacheBudget, ANALYSIS_CACHE_BYTES, WARM_STEPS_PER_BYTE, type CodeAnalysis, type AnalysisCacheStats,
} from './analysis.ts'
export { interpret, interpretTraced, interpretBlocks, COMPILE_THRESHOLD, INLINE_THRESHOLD, INLINE_HOT_IN_MESSAGE } from './interpreter.ts'
export { findBlocks, type BlockTable, type CompiledBlock } from './blocks.ts'
export { executeAction, MAX_CALL_DEPTH, type FrameResult, type CodeOverride } from './executor.ts'
export { Vm, createContext, InvalidMessageError, type ExecutionResult, type VmOptions, type MessageOptions } from './vm.ts'
export { inspectsSteps, type Inspector } from './inspector.ts'
export * as ops from './ops/index.ts'
export { delegationTarget, delegationCode } from './delegation.ts'
