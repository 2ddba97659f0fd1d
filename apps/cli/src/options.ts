/**
 * Command-line option parsing: `node:util` parseArgs, plus our own one-line
 * messages for unknown or malformed options (naming the command and where its
 * help is), `--help` anywhere among the options, and the checks parseArgs
 * does not do (integers with a range, hex, fork names), each failing with one
 * line that names the flag.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { hexToBytes } from '@zvm/primitives'
import { CliError } from './io.ts'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>

export interface ParsedOptions {
  values: Record<string, string | boolean | undefined>
  positionals: string[]
  /** `-h` or `--help` was among the options: print the command's help instead. */
  help: boolean
}

/**
 * Parses the arguments of `zvm <command>`; unknown or malformed options are
 * usage errors (exit 2). `--gas -1` is joined into `--gas=-1` first: parseArgs
 * would call a value starting with a dash "ambiguous", and the range check
 * says it better.
 *
 * @example
 * ```ts
 * parseOptions('run', ['--json', 'a.zasm'], { json: { type: 'boolean' } })
 * // { values: { json: true }, positionals: ['a.zasm'], help: false }
 * ```
 */
export function parseOptions(command: string, args: readonly string[], options: OptionSpec): ParsedOptions {
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined
    const next = args[i + 1]
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${args[i]}=${next}`)
      i++
    } else joined.push(args[i])
  }
  const seeHelp = `(see 'zvm ${command} --help')`
  // A lenient pass first: it never throws, and tells option names from values (`--arg-json --help` is a value).
  const { tokens } = parseArgs({ args: joined, options, allowPositionals: true, strict: false, tokens: true })
  const found = tokens.flatMap((t) => (t.kind === 'option' ? [t] : []))
  if (found.some((t) => t.name === 'help' || t.name === 'h')) return { values: {}, positionals: [], help: true }
  for (const t of found) {
    const type = options[t.name]?.type
    if (type === undefined) throw new CliError(`unknown option '${t.rawName}' for '${command}' ${seeHelp}`, 2)
    if (type === 'boolean' && t.inlineValue) throw new CliError(`option '${t.rawName}' takes no value ${seeHelp}`, 2)
    if (type === 'string' && (t.value === undefined || (!t.inlineValue && t.value.startsWith('-')))) {
      throw new CliError(`option '${t.rawName}' needs a value ${seeHelp}`, 2)
    }
  }
  try {
    const { values, positionals } = parseArgs({ args: joined, options, allowPositionals: true, strict: true })
    return { values: values as ParsedOptions['values'], positionals, help: false }
  } catch (e) {
    throw new CliError(`${(e as Error).message.split('\n')[0]} ${seeHelp}`, 2)
  }
}

/**
 * The canonical spelling of a fork name given in any case (`prague`, `PRAGUE`
 * → `Prague`), or a usage error listing the names.
 *
 * @example
 * ```ts
 * forkOption('cancun', ['Shanghai', 'Cancun', 'Prague']) // 'Cancun'
 * ```
 */
export function forkOption(text: string, names: readonly string[]): string {
  const name = names.find((n) => n.toLowerCase() === text.toLowerCase())
  if (name === undefined) throw new CliError(`unknown --fork '${text}' (${names.join(', ')})`, 2)
  return name
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

/** A JSON list of arguments (`--args`, `--arg-json`, …; empty when absent), e.g. `'[5, "0x…"]'`. */
export function jsonListOption(name: string, text: string | boolean | undefined): unknown[] {
  if (text === undefined) return []
  let list: unknown
  try {
    list = JSON.parse(String(text))
  } catch (e) {
    throw new CliError(`--${name} is not JSON: ${(e as Error).message}`, 2)
  }
  if (!Array.isArray(list)) throw new CliError(`--${name} must be a JSON list of arguments, e.g. '[5, "0x…"]'`, 2)
  return list
}
