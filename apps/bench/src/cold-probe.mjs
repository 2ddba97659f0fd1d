/**
 * One cold sample (cold.ts starts a fresh process for each): import the
 * engine from the built packages (plain Node, no loader), deploy a contract,
 * then make its first call, and print the times and gas as JSON. Usage:
 * `node cold-probe.mjs <zvm | zvm-tx | ethereumjs> <creation code hex> <call data hex>`.
 * Engine setup (state, tables, EVM object) counts as part of the deployment,
 * as it does for a test that deploys a contract.
 */
const [engine, initHex, dataHex] = process.argv.slice(2)
const hex = (s) => Uint8Array.from(Buffer.from(s.replace(/^0x/, ''), 'hex'))
const initCode = hex(initHex)
const data = hex(dataHex)
const CALLER = '0x00000000000000000000000000000000000ca11e'
const GAS = 10_000_000

const t0 = performance.now()
let out
if (engine === 'ethereumjs') {
  const { Common, Hardfork, Mainnet } = await import('@ethereumjs/common')
  const { createEVM } = await import('@ethereumjs/evm')
  const { createAddressFromString } = await import('@ethereumjs/util')
  const t1 = performance.now()
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) })
  const caller = createAddressFromString(CALLER)
  const d = await evm.runCall({ caller, data: initCode, gasLimit: BigInt(GAS) })
  const t2 = performance.now()
  const r = await evm.runCall({ caller, to: d.createdAddress, data, gasLimit: BigInt(GAS) })
  const t3 = performance.now()
  const status = (e) => (e.exceptionError === undefined ? 'success' : e.exceptionError.error)
  out = { importMs: t1 - t0, deployMs: t2 - t1, callMs: t3 - t2, deployGas: Number(d.execResult.executionGasUsed), callGas: Number(r.execResult.executionGasUsed), status: `${status(d.execResult)}/${status(r.execResult)}` }
} else if (engine === 'zvm') {
  const { Vm } = await import('@zvm/core')
  const { evmTable, Fork, precompilesFor } = await import('@zvm/chain-evm')
  const { JournaledState } = await import('@zvm/state')
  const t1 = performance.now()
  const vm = new Vm({ state: new JournaledState(), table: evmTable(Fork.Cancun), precompiles: precompilesFor(Fork.Cancun) })
  const d = vm.deploy({ caller: CALLER, initCode, gasLimit: GAS })
  const t2 = performance.now()
  const r = vm.call({ caller: CALLER, to: d.createdAddress, data, gasLimit: GAS })
  const t3 = performance.now()
  out = { importMs: t1 - t0, deployMs: t2 - t1, callMs: t3 - t2, deployGas: d.gasUsed + d.gasRefunded, callGas: r.gasUsed + r.gasRefunded, status: `${d.status}/${r.status}` }
} else if (engine === 'zvm-tx') {
  const { executeTransaction, Fork, intrinsicGas } = await import('@zvm/chain-evm')
  const { JournaledState } = await import('@zvm/state')
  const t1 = performance.now()
  const state = new JournaledState()
  const block = { number: 1n, timestamp: 1n, coinbase: '0x0000000000000000000000000000000000000c0b', gasLimit: 30_000_000n, baseFee: 0n, prevRandao: 0n, difficulty: 0n, chainId: 1n, excessBlobGas: 0n }
  const deployTx = { type: 0, from: CALLER, to: null, nonce: 0n, gasLimit: BigInt(GAS), value: 0n, data: initCode, gasPrice: 0n }
  const d = executeTransaction(state, deployTx, block, { fork: Fork.Cancun })
  const t2 = performance.now()
  const callTx = { type: 0, from: CALLER, to: d.createdAddress, nonce: 1n, gasLimit: BigInt(GAS), value: 0n, data, gasPrice: 0n }
  const r = executeTransaction(state, callTx, block, { fork: Fork.Cancun })
  const t3 = performance.now()
  const gas = (tx, x) => (x.valid ? Number(x.gasUsed + x.gasRefunded - intrinsicGas(tx, Fork.Cancun).gas) : NaN)
  out = { importMs: t1 - t0, deployMs: t2 - t1, callMs: t3 - t2, deployGas: gas(deployTx, d), callGas: gas(callTx, r), status: `${d.valid ? d.status : d.error}/${r.valid ? r.status : r.error}` }
} else throw new Error(`unknown engine ${engine}`)
process.stdout.write(`${JSON.stringify(out)}\n`)
