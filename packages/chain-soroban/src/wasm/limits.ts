/**
 * Module-shape limits checked before the engine compiles anything. Most are
 * the real host's: wasmi's `EnforcedLimits::strict()` (which Soroban enables,
 * minus the average-function-size rule), Soroban's wasmi resource limiter
 * (1000 table elements) and wasmparser's per-function limits. Two are this
 * host's own, because V8 is not wasmi: the control-nesting weight bounds the
 * memory and time V8's compilers spend per open block, and the frame weight
 * bounds how much native stack one wasm frame may take (see `stack.ts`).
 */

/** Which limit a module broke; carried by `InvalidContractModuleError.rule`. */
export type ModuleLimitRule =
  | 'table-entries' | 'tables' | 'globals' | 'functions' | 'params' | 'results' | 'element-segments'
  | 'data-segments' | 'locals' | 'function-size' | 'nesting' | 'frame-size'

export const ModuleLimits = {
  /** Soroban's wasmi `ResourceLimiter` refuses tables over 1000 elements (WASMI_LIMITS_CONFIG.table_elements). */
  tableEntries: 1000,
  /** One table: reference types are off, so only table 0 exists (WASMI_LIMITS_CONFIG.tables). */
  tables: 1,
  /** wasmi `EnforcedLimits::strict()`. */
  globals: 1000,
  functions: 10_000,
  params: 32,
  results: 32,
  elementSegments: 1000,
  dataSegments: 1000,
  /** wasmparser MAX_WASM_FUNCTION_LOCALS and MAX_WASM_FUNCTION_SIZE. */
  locals: 50_000,
  functionBytes: 128 * 1024,
  /**
   * This host's rule: the sum, over every block open at one point, of the
   * value slots (params, locals, operand stack) live at its entry. V8's
   * compilers keep a copy of that state per open block, so time and memory
   * grow with depth × slots (20,000 nested blocks × 1000 locals took
   * seconds and hundreds of MB; 200,000 slots stay near 10 MB). Real
   * contracts stay far below: the 35 soroban-sdk fixtures peak at 198.
   */
  nestingSlots: 200_000,
  /** This host's rule: depth of nested blocks, whatever their weight (the fixtures reach 18). */
  nestingDepth: 1024,
} as const
