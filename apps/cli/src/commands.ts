/**
 * The commands' usage texts and options. This module imports no engine, so
 * `--help`, `--version` and usage errors answer without loading a chain; each
 * command's code (and its chain) is imported only when it runs (main.ts).
 */
import type { OptionSpec } from './options.ts'

/** One command: what `zvm <name> --help` prints and the options it takes. */
export interface CommandSpec {
  /** As typed after `zvm`: `run`, `soroban invoke`. */
  readonly name: string
  /** The synopsis lines, also shown in the overview. */
  readonly synopsis: string
  /** The rest of the help text: what it does, then its options. */
  readonly details: string
  readonly options: OptionSpec
}

const FORKS = 'Shanghai, Cancun (default) or Prague; any case'

export const RUN: CommandSpec = {
  name: 'run',
  synopsis: `zvm run <file.zvmc|file.zasm> | --hex <code> [--target native|evm] [--fork <name>] [--calldata <hex>] [--gas <n>] [--value <n>] [--json]
       zvm run --target hedera <bytecode|file> [--state <file.json>] [--calldata <hex>] [--gas <n>] [--value <n>] [--json]`,
  details: `Runs a program: a ZVMC container, assembly source, or bytecode given as hex.
Exits 0 on success, 1 on revert or error, 2 on a usage error.

options:
  --hex <code>        the program as hex instead of a file
  --target <name>     native (default; a container says EVM itself), evm, or hedera: EVM bytecode
                      (0x… hex, a file of hex text, or an EVM container) with Hedera's system
                      contracts 0x167 HTS, 0x168, 0x169 and token facades over a ledger, run as a
                      contract called by a funded Hedera account (Cancun; gas at most 15000000)
  --state <file.json> hedera: keep the ledger and EVM accounts in this file between runs
                      (locked while in use; a file of another format is refused, left unchanged)
  --fork <name>       EVM fork: ${FORKS}
  --calldata <hex>    input data (default none)
  --gas <n>           gas limit (default 30000000)
  --value <n>         wei sent with the call (default 0; tinybar for hedera)
  --json              print one JSON object: {"status","error","gasUsed","returnData","logs"}
                      (hedera adds "responseCode" and "responseCodeName")
  -h, --help          show this help`,
  options: {
    hex: { type: 'string' }, calldata: { type: 'string' }, gas: { type: 'string' }, value: { type: 'string' }, json: { type: 'boolean' },
    target: { type: 'string' }, fork: { type: 'string' }, state: { type: 'string' },
  },
}

export const ASM: CommandSpec = {
  name: 'asm',
  synopsis: 'zvm asm <in.zasm> -o <out.zvmc> [--abi <abi.json>]',
  details: `Assembles ZVM assembly source into a ZVMC container.

options:
  -o, --output <file>  the container to write
  --abi <file.json>    put this KALIX ABI (JSON, checked) in the container
  -h, --help           show this help`,
  options: { output: { type: 'string', short: 'o' }, abi: { type: 'string' } },
}

export const DISASM: CommandSpec = {
  name: 'disasm',
  synopsis: 'zvm disasm <file.zvmc|file.zasm> | --hex <code>',
  details: `Prints assembly text that re-assembles to the same bytes.

options:
  --hex <code>        the program as hex instead of a file
  -h, --help          show this help`,
  options: { hex: { type: 'string' } },
}

export const STATETEST: CommandSpec = {
  name: 'statetest',
  synopsis: 'zvm statetest <file-or-dir…> [--fork <name>] [--json] [--trace] [--workers <n>] [--no-skip] [--tier compiled|eager|blocks|interpreter]',
  details: `Runs Ethereum GeneralStateTests fixtures (the .json files under each directory, and files named
directly), checking the state root and logs hash of every post entry of the fork. Prints a FAIL
line per failing case, an ERROR line per file that could not run, then 'N passed, N failed'.
Exits 0 only if something ran and nothing failed.

options:
  --fork <name>       ${FORKS}
  --json              end with a JSON summary
  --trace             write an EIP-3155 trace to stderr (runs in this process, one case at a time)
  --workers <n>       worker processes (default: one per core)
  --no-skip           also run the cases skipped as too slow
  --tier <name>       compiled (default), eager (compile every block at once), blocks or interpreter
  -h, --help          show this help`,
  options: {
    fork: { type: 'string' }, json: { type: 'boolean' }, trace: { type: 'boolean' }, workers: { type: 'string' }, 'no-skip': { type: 'boolean' },
    tier: { type: 'string' },
  },
}

export const SOROBAN_INVOKE: CommandSpec = {
  name: 'soroban invoke',
  synopsis: `zvm soroban invoke <file.wasm> --fn <name> [--arg-json '<JSON list>'] [--storage <file.json>] [--json]
                     [--ctor-arg-json '<JSON list>'] [--protocol <n>]
                     [--cpu-limit <n>] [--mem-limit <bytes>] [--ledger-sequence <n>] [--ledger-timestamp <n>]`,
  details: `Deploys a Soroban contract (once per storage file) and calls one of its functions, converting
the JSON arguments through the contract's spec. Exits 0 on success, 1 if the call fails.

options:
  --fn <name>               the function to call
  --arg-json <list>         its arguments as a JSON list, e.g. '[1, "abc"]'; bytes as "0x…" hex
                            (as results print them) or base64
  --ctor-arg-json <list>    __constructor arguments, when this call deploys the contract
  --protocol <n>            the ledger protocol, 20–28 (default 28); a contract built for a
                            later protocol does not load
  --storage <file.json>     keep the ledger in this file between calls (locked while in use)
  --json                    print one JSON object: {"status","contract","result","resultXdr","error","events",…}
  --cpu-limit <n>           CPU instruction budget
  --mem-limit <bytes>       memory budget
  --ledger-sequence <n>     ledger sequence number (default: stored, else 1)
  --ledger-timestamp <n>    ledger close time in seconds (default: stored, else 0)
  -h, --help                show this help`,
  options: {
    fn: { type: 'string' }, 'arg-json': { type: 'string' }, 'ctor-arg-json': { type: 'string' }, protocol: { type: 'string' },
    storage: { type: 'string' }, json: { type: 'boolean' },
    'cpu-limit': { type: 'string' }, 'mem-limit': { type: 'string' }, 'ledger-sequence': { type: 'string' }, 'ledger-timestamp': { type: 'string' },
  },
}

export const SOROBAN_VALIDATE: CommandSpec = {
  name: 'soroban validate',
  synopsis: 'zvm soroban validate <file.wasm>',
  details: `Checks that a WebAssembly module is a valid Soroban contract and lists its functions.

options:
  -h, --help          show this help`,
  options: {},
}

const KALIX_MESSAGE_OPTIONS = `  --state <file.json>       keep the ledger and accounts in this file between runs (the format of
                            'zvm run --target hedera --state'; locked while in use, unchanged on failure)
  --gas <n>                 gas limit (default 30000000)
  --value <n>               tinybar sent with the message (default 0)`

export const KALIX_DEPLOY: CommandSpec = {
  name: 'kalix deploy',
  synopsis: `zvm kalix deploy <file.zvmc> [--args '<JSON list>'] [--state <file.json>] [--json]`,
  details: `Deploys a KALIX contract (a native ZVMC container with its ABI): checks the ABI against the code,
runs the constructor with the arguments and stores the container at the sender's next CREATE
address, which becomes a Hedera account (HTS and HCS syscalls work). The sender is the funded
Hedera account 0x1000…0001. Prints the address and the events. Exits 0 on success, 1 if the
constructor fails or the container is refused, 2 on a usage error.

options:
  --args <list>             constructor arguments as a JSON list: integers as numbers or strings
                            (decimal or 0x hex), bools, addresses and bytes as 0x hex, strings
${KALIX_MESSAGE_OPTIONS}
  --json                    print one JSON object: {"status","contract","name","gasUsed","events"}
  -h, --help                show this help`,
  options: { args: { type: 'string' }, state: { type: 'string' }, gas: { type: 'string' }, value: { type: 'string' }, json: { type: 'boolean' } },
}

export const KALIX_CALL: CommandSpec = {
  name: 'kalix call',
  synopsis: `zvm kalix call <file.zvmc|address> --fn <name|signature> [--args '<JSON list>'] [--state <file.json>] [--json]`,
  details: `Calls a function of a KALIX contract by name or signature (--fn transfer or --fn 'transfer(address,u256)')
and prints its decoded results and events. The contract is an address of the state, or a
container: then the contract of the state holding exactly that container, deployed first (with
--ctor-args) when there is none. Exits 0 on success, 1 if the call reverts or fails (the reason of
an Error(string) revert is printed), 2 on a usage error.

options:
  --fn <name>               the function: a name, or a signature for overloads
  --args <list>             its arguments as a JSON list (as for deploy)
  --ctor-args <list>        constructor arguments, when this call deploys the container
${KALIX_MESSAGE_OPTIONS}
  --json                    print one JSON object: {"status","contract","function","outputs","events","gasUsed"};
                            on failure {"status","function","error","reason","data","gasUsed"}
  -h, --help                show this help`,
  options: {
    fn: { type: 'string' }, args: { type: 'string' }, 'ctor-args': { type: 'string' }, state: { type: 'string' }, gas: { type: 'string' },
    value: { type: 'string' }, json: { type: 'boolean' },
  },
}

/** The full help text of a command. */
export function helpText(spec: CommandSpec): string {
  return `usage: ${spec.synopsis}\n\n${spec.details}\n`
}

/** `zvm soroban --help`. */
export const SOROBAN_USAGE = `usage:
  ${SOROBAN_INVOKE.synopsis}
  ${SOROBAN_VALIDATE.synopsis}

Runs Soroban (Stellar) contracts. 'zvm soroban <command> --help' describes each command.
`

export const NODE: CommandSpec = {
  name: 'node',
  synopsis: 'zvm node [--port <n>] [--mirror-port <n>] [--web3-port <n>] [--relay-port <n>] [--accounts <n>] [--data <dir>] [--rate-limit <n>]',
  details: `Starts a local Hedera network in this process: the gRPC consensus API that the unmodified
@hashgraph/sdk talks to, a mirror node REST subset and an Ethereum JSON-RPC relay, all on 127.0.0.1
and all over the @zvm/chain-hedera ledger and Hedera EVM. Prints the ports, the operator account
0.0.2 and its key, and prefunded ECDSA accounts; runs until SIGINT or SIGTERM.

options:
  --port <n>          gRPC consensus API (default 50211; node account 0.0.3)
  --mirror-port <n>   mirror REST /api/v1 (default 5551, where the SDK looks for a local mirror)
  --web3-port <n>     mirror /api/v1/contracts/call (default 8545, where the SDK sends a local
                      mirror's contract calls and estimates)
  --relay-port <n>    Ethereum JSON-RPC relay, chain id 298 (default 7546)
  --accounts <n>      prefunded ECDSA accounts, 0–100 (default 10)
  --data <dir>        keep all state in this directory (an LMDB database); without it, memory only
  --rate-limit <n>    requests per second each service accepts (default 5000; 0: no limit); above it,
                      gRPC answers RESOURCE_EXHAUSTED (the SDK retries) and HTTP 429
  -h, --help          show this help`,
  options: {
    port: { type: 'string' }, 'mirror-port': { type: 'string' }, 'web3-port': { type: 'string' }, 'relay-port': { type: 'string' },
    accounts: { type: 'string' }, data: { type: 'string' }, 'rate-limit': { type: 'string' },
  },
}

/** `zvm kalix --help`. */
export const KALIX_USAGE = `usage:
  ${KALIX_DEPLOY.synopsis}
  ${KALIX_CALL.synopsis}

Deploys and calls KALIX contracts (ZVMC with a KALIX ABI). 'zvm kalix <command> --help' describes each command.
`

/** `zvm --help`. */
export const USAGE = `usage:
${[RUN, STATETEST, ASM, DISASM, SOROBAN_INVOKE, SOROBAN_VALIDATE, KALIX_DEPLOY, KALIX_CALL, NODE].map((c) => `  ${c.synopsis}`).join('\n')}
  zvm --version

'zvm <command> --help' describes a command and its options.
`
