/**
 * A contract's interface as a soroban-sdk build embeds it: the wasm custom
 * section `contractspecv0`, a stream of XDR `ScSpecEntry` values (functions,
 * structs, unions, enums, error enums, events), read with
 * @stellar/stellar-base's XDR types.
 */
import { cereal, xdr } from '@stellar/stellar-base'
import { ZvmError } from '@zvm/primitives'
import { Reader } from '../wasm/reader.ts'

const SPEC_SECTION = 'contractspecv0'

/** A user-defined type's spec entry (`#[contracttype]` struct, union or enum, `#[contracterror]` enum). */
export type UdtEntry =
  | { kind: 'struct', name: string, entry: xdr.ScSpecUdtStructV0 }
  | { kind: 'union', name: string, entry: xdr.ScSpecUdtUnionV0 }
  | { kind: 'enum', name: string, entry: xdr.ScSpecUdtEnumV0 }
  | { kind: 'error', name: string, entry: xdr.ScSpecUdtErrorEnumV0 }

/**
 * The `contractspecv0` entries of one contract. Replaces the
 * `contract.Spec` of @stellar/stellar-sdk that `readContractSpec` returned
 * before: `entries`, `funcs()` and `getFunc()` work as there; values convert
 * through `argsFromJson` and `resultToJson`.
 */
export class ContractSpec {
  /** The entries in the order the section lists them. */
  readonly entries: readonly xdr.ScSpecEntry[]

  constructor(entries: readonly xdr.ScSpecEntry[]) {
    this.entries = entries
  }

  /** Reads a `contractspecv0` stream (concatenated XDR `ScSpecEntry`s); throws if it does not decode completely. */
  static fromXdr(stream: Uint8Array): ContractSpec {
    const reader = new cereal.XdrReader(Buffer.from(stream))
    // stellar-base types `read` as taking a Buffer; at run time it takes the XdrReader.
    const read = (xdr.ScSpecEntry.read as unknown as (io: cereal.XdrReader) => xdr.ScSpecEntry).bind(xdr.ScSpecEntry)
    const entries: xdr.ScSpecEntry[] = []
    while (!reader.eof) entries.push(read(reader))
    return new ContractSpec(entries)
  }

  /**
   * The spec in a wasm module: the first non-empty custom section named
   * `contractspecv0`. Throws if the module's sections cannot be read, there
   * is no such section, or it does not decode.
   */
  static fromWasm(wasm: Uint8Array): ContractSpec {
    const section = customSection(wasm, SPEC_SECTION)
    if (section === undefined) throw new ZvmError('SOROBAN_NO_CONTRACT_SPEC', `the module has no ${SPEC_SECTION} section`)
    return ContractSpec.fromXdr(section)
  }

  /** The function entries. */
  funcs(): xdr.ScSpecFunctionV0[] {
    return this.entries.filter((e) => e.switch().name === 'scSpecEntryFunctionV0').map((e) => e.functionV0())
  }

  /** The function named `name`; throws a `ZvmError` (`SOROBAN_NO_SUCH_FUNCTION`) if there is none. */
  getFunc(name: string): xdr.ScSpecFunctionV0 {
    const found = this.funcs().find((f) => f.name().toString() === name)
    if (found === undefined) {
      throw new ZvmError('SOROBAN_NO_SUCH_FUNCTION', `the contract spec has no function ${name}`, { details: `functions: ${this.funcs().map((f) => f.name().toString()).join(', ')}` })
    }
    return found
  }

  /** The user-defined type named `name` (the first one, as the SDK looks it up), or undefined. */
  findType(name: string): UdtEntry | undefined {
    for (const e of this.entries) {
      switch (e.switch().name) {
        case 'scSpecEntryUdtStructV0': if (e.udtStructV0().name().toString() === name) return { kind: 'struct', name, entry: e.udtStructV0() }; break
        case 'scSpecEntryUdtUnionV0': if (e.udtUnionV0().name().toString() === name) return { kind: 'union', name, entry: e.udtUnionV0() }; break
        case 'scSpecEntryUdtEnumV0': if (e.udtEnumV0().name().toString() === name) return { kind: 'enum', name, entry: e.udtEnumV0() }; break
        case 'scSpecEntryUdtErrorEnumV0': if (e.udtErrorEnumV0().name().toString() === name) return { kind: 'error', name, entry: e.udtErrorEnumV0() }; break
        default: break
      }
    }
    return undefined
  }
}

const NAME = new TextEncoder().encode(SPEC_SECTION)

/** The payload of the first non-empty custom section called `name`; throws if the sections cannot be read. */
function customSection(wasm: Uint8Array, name: string): Uint8Array | undefined {
  const wanted = name === SPEC_SECTION ? NAME : new TextEncoder().encode(name)
  const r = new Reader(wasm)
  for (const b of [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) if (r.done || r.byte() !== b) r.fail('not a WebAssembly 1.0 module')
  while (!r.done) {
    const id = r.byte()
    const body = r.take(r.u32())
    if (id !== 0) continue
    const s = new Reader(body)
    const raw = s.take(s.u32())
    if (raw.length === wanted.length && raw.every((b, i) => b === wanted[i]) && !s.done) return body.subarray(s.pos)
  }
  return undefined
}
