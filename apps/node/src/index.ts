export { startNode, PortInUseError, type NodeOptions, type RunningNode } from './node.ts'
export { LocalNetwork, type CommittedTransaction } from './network.ts'
export type { GenesisAccount } from './genesis.ts'
export { OPERATOR_KEY } from './genesis.ts'
