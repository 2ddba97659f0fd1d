/** The command line's contact with the outside world, injectable for tests. */
import { readFileSync, writeFileSync } from 'node:fs'

export interface CliIo {
  out(text: string): void
  err(text: string): void
  readFile(path: string): Uint8Array
  writeFile(path: string, data: Uint8Array): void
  /** True when stderr is a terminal (progress bars). */
  isTerminal?: boolean
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  readFile: (p) => new Uint8Array(readFileSync(p)),
  writeFile: (p, d) => writeFileSync(p, d),
  isTerminal: process.stderr.isTTY === true,
}

/** A user-facing failure: printed as one line, exit code 1 (2 for usage). */
export class CliError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.exitCode = exitCode
  }
}
