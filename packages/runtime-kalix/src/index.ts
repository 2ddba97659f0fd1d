export { parseKalixType, isDynamic, toSolidityType, type KalixType, type KalixValue } from './types.ts'
export { encodeValues, decodeValues, encodeWord, decodeWord, toJsonValue } from './codec.ts'
export { fromJsonValue, fromJsonValues } from './json.ts'
export { dispatchedSelectors } from './dispatcher.ts'
export {
  loadKalixContract, kalixInterface, functionSignature, KalixContract, CONSTRUCTOR_NAME,
  type KalixFunction, type KalixParam, type KalixEventSpec, type KalixStateVariable, type KalixTable,
} from './contract.ts'
export { encodeCall, decodeResult, decodeEvents, decodeRevertReason, kalixEventTopic, ERROR_SELECTOR, type KalixEvent } from './messages.ts'
export {
  executeKalixCall, executeKalixCreate, type KalixEnvironment, type KalixRawMessage, type KalixExecution,
} from './execute.ts'
export { tableSlot } from './storage.ts'
export {
  KalixRuntime, DEFAULT_KALIX_CALLER,
  type KalixRuntimeOptions, type KalixMessageOptions, type KalixDeployOptions, type KalixCallResult, type KalixDeployResult,
} from './runtime.ts'
export {
  KalixTypeError, KalixValueError, KalixDecodeError, KalixUnknownError, KalixAbiMismatchError, KalixContainerError, KalixRevertError,
  type KalixFailure,
} from './errors.ts'
