/** Reads a program from a .zvmc container, a .zasm source, or --hex. */
import { assembleToBytes, decodeZvmc, isZvmc } from '@zvm/bytecode'
import { statSync } from 'node:fs'
import { ZvmError } from '@zvm/primitives'
import { CliError, type CliIo } from './io.ts'
import { hexOption } from './options.ts'

export interface LoadedProgram {
  code: Uint8Array
  /** 0 native, 1 EVM, 2 WASM (from the container; source and hex are native). */
  target: number
  source: string
}

/** Input files (programs, contracts) above this are refused before reading: far beyond any real one. */
export const MAX_INPUT_FILE_BYTES = 64 * 1024 * 1024

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file', EISDIR: 'is a directory', EACCES: 'permission denied', ELOOP: 'too many levels of symbolic links',
  ENOTDIR: 'a part of the path is not a directory', ERR_FS_FILE_TOO_LARGE: 'file is too large (over 2 GiB)',
}

/** The reason of a file-system error in a few words. */
export function fileErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code
  return (code !== undefined && FILE_ERRORS[code]) || (e as Error).message
}

/** Reads a whole input file; a failure is one line naming the file and the reason. */
export function readFile(io: CliIo, path: string): Uint8Array {
  let size: number | undefined
  try {
    size = statSync(path).size
  } catch { /* io.readFile reports it (and tests may inject files that do not exist on disk) */ }
  if (size !== undefined && size > MAX_INPUT_FILE_BYTES) throw new CliError(`cannot read ${path}: file is too large (${size} bytes, max ${MAX_INPUT_FILE_BYTES})`)
  let bytes: Uint8Array
  try {
    bytes = io.readFile(path)
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${fileErrorText(e)}`)
  }
  // No command has a use for an empty program, container, module or ABI: it is a truncated or wrong file.
  if (bytes.length === 0) throw new CliError(`${path}: file is empty`)
  return bytes
}

/** Loads `file` (by content: ZVMC magic, else assembly text) or `hex`. */
export function loadProgram(io: CliIo, file: string | undefined, hex: string | undefined): LoadedProgram {
  if (hex !== undefined && file !== undefined) throw new CliError('give either a file or --hex, not both', 2)
  if (hex !== undefined) return { code: hexOption('hex', hex)!, target: 0, source: '--hex' }
  if (file === undefined) throw new CliError('missing program: give a .zvmc or .zasm file, or --hex <code>', 2)
  const bytes = readFile(io, file)
  try {
    if (isZvmc(bytes) || file.endsWith('.zvmc')) {
      const container = decodeZvmc(bytes)
      return { code: container.code, target: container.target, source: file }
    }
    return { code: assembleToBytes(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), target: 0, source: file }
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(`${file}: ${e.shortMessage}`)
    if (e instanceof TypeError) throw new CliError(`${file}: not a ZVMC container and not UTF-8 assembly text`)
    throw e
  }
}

/** Reads a file as UTF-8 text. */
export function readText(io: CliIo, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFile(io, path))
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError(`${path}: not UTF-8 text`)
  }
}
