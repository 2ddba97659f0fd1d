export { createEip3155Tracer, type Eip3155Step } from './eip3155.ts'
export { createCallTracer, revertReason, type CallFrame, type CallTracer } from './call-tracer.ts'
export { createGasProfiler, type GasProfiler, type OpcodeProfile } from './gas-profiler.ts'
