/**
 * The JavaScript engine's WebAssembly, typed locally (Node 20's type
 * definitions do not declare it). Only what the host uses.
 */
export interface WasmMemory { readonly buffer: ArrayBuffer }
export interface WasmGlobal { value: bigint | number }
export type WasmImports = Record<string, Record<string, (...args: bigint[]) => bigint>>
export interface WasmInstance { readonly exports: Record<string, unknown> }
export interface WasmModule { readonly __brand?: 'WasmModule' }

interface Engine {
  Module: new (bytes: Uint8Array) => WasmModule
  Instance: new (module: WasmModule, imports: WasmImports) => WasmInstance
  Memory: abstract new (...args: never[]) => WasmMemory
  Global: abstract new (...args: never[]) => WasmGlobal
  RuntimeError: abstract new (...args: never[]) => Error
  CompileError: abstract new (...args: never[]) => Error
  LinkError: abstract new (...args: never[]) => Error
}

const engine = (globalThis as unknown as { WebAssembly: Engine }).WebAssembly

export const compileModule = (bytes: Uint8Array): WasmModule => new engine.Module(bytes)
export const instantiate = (module: WasmModule, imports: WasmImports): WasmInstance => new engine.Instance(module, imports)
export const isMemory = (x: unknown): x is WasmMemory => x instanceof engine.Memory
export const isGlobal = (x: unknown): x is WasmGlobal => x instanceof engine.Global
/** A trap inside wasm code (unreachable, out-of-bounds access, division by zero…). */
export const isTrap = (e: unknown): e is Error => e instanceof engine.RuntimeError
export const isCompileError = (e: unknown): e is Error => e instanceof engine.CompileError || e instanceof engine.LinkError
