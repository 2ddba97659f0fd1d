/**
 * Command-line option parsing: `node:util` parseArgs in strict mode, plus the
 * checks it does not do (integers with a range, hex), each failing with one
 * line that names the flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { hexToBytes } from '@zvm/primitives'
import { CliError } from './io.ts'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface ParsedOptions {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
}

/**
 * Parses `args`; unknown or malformed options are usage errors (exit 2).
 * `--gas -1` is joined into `--gas=-1` first: parseArgs would call a value
 * starting with a dash "ambiguous", and the range check below says it better.
 */
export function parseOptions(args: readonly string[], options: OptionSpec): ParsedOptions {
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined
    const next = args[i + 1]
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${args[i]}=${next}`)
      i++
    } else joined.push(args[i])
  }
  try {
    const { values, positionals } = parseArgs({ args: joined, options, allowPositionals: true, strict: true })
    return { values: values as ParsedOptions['values'], positionals }
  } catch (e) {
    throw new CliError((e as Error).message.split('\n')[0], 2)
  }
}

/** `--name`'s value as an integer in [0, max] (decimal or 0x hex). */
export function integerOption(name: string, text: string | boolean | undefined, max: bigint): bigint | undefined {
  if (text === undefined) return undefined
  if (typeof text !== 'string') throw new CliError(`--${name} needs a value`, 2)
  if (/^-\d/.test(text)) throw new CliError(`--${name} must not be negative, got '${text}'`, 2)
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) throw new CliError(`--${name} must be a non-negative integer, got '${text}'`, 2)
  const v = BigInt(text)
  if (v > max) throw new CliError(`--${name} is too large: ${text} (max ${max})`, 2)
  return v
}

/** `--name`'s value as a number in [0, max], max at most 2^53 - 1. */
export function numberOption(name: string, text: string | boolean | undefined, max: number): number | undefined {
  const v = integerOption(name, text, BigInt(max))
  return v === undefined ? undefined : Number(v)
}

/** `--name`'s value as bytes: `0x` and pairs of hex digits. */
export function hexOption(name: string, text: string | boolean | undefined): Uint8Array | undefined {
  if (text === undefined) return undefined
  if (typeof text !== 'string') throw new CliError(`--${name} needs a value`, 2)
  const body = /^0[xX]/.test(text) ? text.slice(2) : text
  const at = body.search(/[^0-9a-fA-F]/)
  // Checked before the length, so 'xyz' is called not hex rather than of odd length.
  if (at >= 0) throw new CliError(`bad --${name}: not hex (invalid hex character '${body[at]}' at position ${at})`, 2)
  try {
    return hexToBytes(body)
  } catch (e) {
    throw new CliError(`bad --${name}: ${(e as Error).message}`, 2)
  }
}
