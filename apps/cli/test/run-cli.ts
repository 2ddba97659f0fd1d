/** Runs the CLI in this process with captured output (no child process, no terminal). */
import { main } from '../src/main.ts'
import { processIo, type CliIo } from '../src/io.ts'

export async function zvm(...argv: string[]): Promise<{ code: number, out: string, err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = { ...processIo, isTerminal: false, out: (t) => { out += t }, err: (t) => { err += t } }
  const code = await main(argv, io)
  return { code, out, err }
}
