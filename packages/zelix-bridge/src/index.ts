export {
  createBridge,
  type Bridge, type BridgeOptions, type CallOptions, type CallOutcome, type DeployedContract, type DeployOutcome, type DeployRequest,
  type EstimateOptions, type KalixDeployOutcome, type TransactionOutcome,
} from './bridge.ts'
export type { DecodedEvent } from './codec.ts'
export { isKalixContract, type KalixDeployedContract, type KalixDeployRequest, type KalixResult } from './kalix.ts'
export { fetchMirrorContract, estimateLocally, type MirrorContract, type LocalCall, type LocalFailure } from './local-estimate.ts'
export { LOCAL_CALL_MODIFICATION_EXCEPTION, ZelixError, type ZelixErrorDetails, type ZelixUsageCode } from './errors.ts'
export { mirrorContractCall, type MirrorCallRequest } from './mirror.ts'
export { isPublicNetwork, LOCAL_NODES, LOCAL_OPERATOR_ID, LOCAL_OPERATOR_KEY, MIRROR_URLS, type HederaNetworkName } from './networks.ts'
