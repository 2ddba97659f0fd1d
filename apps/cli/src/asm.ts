/** `zvm asm` and `zvm disasm`: between assembly text and ZVMC containers (@zvm/bytecode only). */
import { AbiError, assembleZvmc, disassembleToText, validateAbi, type ZvmcAbi } from '@zvm/bytecode'
import { ZvmError } from '@zvm/primitives'
import { CliError, type CliIo } from './io.ts'
import { fileErrorText, loadProgram, readText } from './load.ts'
import type { ParsedOptions } from './options.ts'

export function asmCommand(io: CliIo, { values, positionals }: ParsedOptions): number {
  if (positionals.length !== 1) throw new CliError('asm takes one input file', 2)
  if (!values.output) throw new CliError('asm needs -o <out.zvmc>', 2)
  const source = positionals[0]
  const abi = values.abi === undefined ? undefined : readAbi(io, values.abi as string)
  let container: Uint8Array
  try {
    container = assembleZvmc(readText(io, source), { abi })
  } catch (e) {
    if (e instanceof ZvmError) throw new CliError(`${source}: ${e.shortMessage}`)
    throw e
  }
  try {
    io.writeFile(values.output as string, container)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new CliError(`cannot write ${values.output}: ${code === 'ENOENT' ? 'its directory does not exist' : fileErrorText(e)}`)
  }
  io.out(`wrote ${values.output} (${container.length} bytes)\n`)
  return 0
}

/** `--abi <file.json>`: a KALIX ABI, checked before it goes into the container. */
function readAbi(io: CliIo, path: string): ZvmcAbi {
  let json: unknown
  try {
    json = JSON.parse(readText(io, path))
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError(`${path}: not JSON: ${(e as Error).message}`)
  }
  try {
    return validateAbi(json)
  } catch (e) {
    if (e instanceof AbiError) throw new CliError(`${path}: ${e.shortMessage}`)
    throw e
  }
}

export function disasmCommand(io: CliIo, { values, positionals }: ParsedOptions): number {
  if (positionals.length > 1) throw new CliError(`unexpected argument '${positionals[1]}'`, 2)
  const program = loadProgram(io, positionals[0], values.hex as string | undefined)
  io.out(disassembleToText(program.code))
  return 0
}
