/**
 * The default ContractCostParams of rs-soroban-env 28 (the budget its tests use),
 * in XDR ContractCostType order: [cpu const, cpu lin, mem const, mem lin],
 * linear terms scaled by 2^7 as the host stores them. Data, not code: a
 * different set can be passed to the host (see params.ts).
 */
export const COST_TYPE_NAMES = [
  'WasmInsnExec',
  'MemAlloc',
  'MemCpy',
  'MemCmp',
  'DispatchHostFunction',
  'VisitObject',
  'ValSer',
  'ValDeser',
  'ComputeSha256Hash',
  'ComputeEd25519PubKey',
  'VerifyEd25519Sig',
  'VmInstantiation',
  'VmCachedInstantiation',
  'InvokeVmFunction',
  'ComputeKeccak256Hash',
  'DecodeEcdsaCurve256Sig',
  'RecoverEcdsaSecp256k1Key',
  'Int256AddSub',
  'Int256Mul',
  'Int256Div',
  'Int256Pow',
  'Int256Shift',
  'ChaCha20DrawBytes',
  'ParseWasmInstructions',
  'ParseWasmFunctions',
  'ParseWasmGlobals',
  'ParseWasmTableEntries',
  'ParseWasmTypes',
  'ParseWasmDataSegments',
  'ParseWasmElemSegments',
  'ParseWasmImports',
  'ParseWasmExports',
  'ParseWasmDataSegmentBytes',
  'InstantiateWasmInstructions',
  'InstantiateWasmFunctions',
  'InstantiateWasmGlobals',
  'InstantiateWasmTableEntries',
  'InstantiateWasmTypes',
  'InstantiateWasmDataSegments',
  'InstantiateWasmElemSegments',
  'InstantiateWasmImports',
  'InstantiateWasmExports',
  'InstantiateWasmDataSegmentBytes',
  'Sec1DecodePointUncompressed',
  'VerifyEcdsaSecp256r1Sig',
  'Bls12381EncodeFp',
  'Bls12381DecodeFp',
  'Bls12381G1CheckPointOnCurve',
  'Bls12381G1CheckPointInSubgroup',
  'Bls12381G2CheckPointOnCurve',
  'Bls12381G2CheckPointInSubgroup',
  'Bls12381G1ProjectiveToAffine',
  'Bls12381G2ProjectiveToAffine',
  'Bls12381G1Add',
  'Bls12381G1Mul',
  'Bls12381G1Msm',
  'Bls12381MapFpToG1',
  'Bls12381HashToG1',
  'Bls12381G2Add',
  'Bls12381G2Mul',
  'Bls12381G2Msm',
  'Bls12381MapFp2ToG2',
  'Bls12381HashToG2',
  'Bls12381Pairing',
  'Bls12381FrFromU256',
  'Bls12381FrToU256',
  'Bls12381FrAddSub',
  'Bls12381FrMul',
  'Bls12381FrPow',
  'Bls12381FrInv',
  'Bn254EncodeFp',
  'Bn254DecodeFp',
  'Bn254G1CheckPointOnCurve',
  'Bn254G2CheckPointOnCurve',
  'Bn254G2CheckPointInSubgroup',
  'Bn254G1ProjectiveToAffine',
  'Bn254G1Add',
  'Bn254G1Mul',
  'Bn254Pairing',
  'Bn254FrFromU256',
  'Bn254FrToU256',
  'Bn254FrAddSub',
  'Bn254FrMul',
  'Bn254FrPow',
  'Bn254FrInv',
  'Bn254G1Msm',
] as const

export type CostTypeName = typeof COST_TYPE_NAMES[number]

/** Cost type ids by name (the XDR enum values). */
export const CostType = {
  WasmInsnExec: 0,
  MemAlloc: 1,
  MemCpy: 2,
  MemCmp: 3,
  DispatchHostFunction: 4,
  VisitObject: 5,
  ValSer: 6,
  ValDeser: 7,
  ComputeSha256Hash: 8,
  ComputeEd25519PubKey: 9,
  VerifyEd25519Sig: 10,
  VmInstantiation: 11,
  VmCachedInstantiation: 12,
  InvokeVmFunction: 13,
  ComputeKeccak256Hash: 14,
  DecodeEcdsaCurve256Sig: 15,
  RecoverEcdsaSecp256k1Key: 16,
  Int256AddSub: 17,
  Int256Mul: 18,
  Int256Div: 19,
  Int256Pow: 20,
  Int256Shift: 21,
  ChaCha20DrawBytes: 22,
  ParseWasmInstructions: 23,
  ParseWasmFunctions: 24,
  ParseWasmGlobals: 25,
  ParseWasmTableEntries: 26,
  ParseWasmTypes: 27,
  ParseWasmDataSegments: 28,
  ParseWasmElemSegments: 29,
  ParseWasmImports: 30,
  ParseWasmExports: 31,
  ParseWasmDataSegmentBytes: 32,
  InstantiateWasmInstructions: 33,
  InstantiateWasmFunctions: 34,
  InstantiateWasmGlobals: 35,
  InstantiateWasmTableEntries: 36,
  InstantiateWasmTypes: 37,
  InstantiateWasmDataSegments: 38,
  InstantiateWasmElemSegments: 39,
  InstantiateWasmImports: 40,
  InstantiateWasmExports: 41,
  InstantiateWasmDataSegmentBytes: 42,
  Sec1DecodePointUncompressed: 43,
  VerifyEcdsaSecp256r1Sig: 44,
  Bls12381EncodeFp: 45,
  Bls12381DecodeFp: 46,
  Bls12381G1CheckPointOnCurve: 47,
  Bls12381G1CheckPointInSubgroup: 48,
  Bls12381G2CheckPointOnCurve: 49,
  Bls12381G2CheckPointInSubgroup: 50,
  Bls12381G1ProjectiveToAffine: 51,
  Bls12381G2ProjectiveToAffine: 52,
  Bls12381G1Add: 53,
  Bls12381G1Mul: 54,
  Bls12381G1Msm: 55,
  Bls12381MapFpToG1: 56,
  Bls12381HashToG1: 57,
  Bls12381G2Add: 58,
  Bls12381G2Mul: 59,
  Bls12381G2Msm: 60,
  Bls12381MapFp2ToG2: 61,
  Bls12381HashToG2: 62,
  Bls12381Pairing: 63,
  Bls12381FrFromU256: 64,
  Bls12381FrToU256: 65,
  Bls12381FrAddSub: 66,
  Bls12381FrMul: 67,
  Bls12381FrPow: 68,
  Bls12381FrInv: 69,
  Bn254EncodeFp: 70,
  Bn254DecodeFp: 71,
  Bn254G1CheckPointOnCurve: 72,
  Bn254G2CheckPointOnCurve: 73,
  Bn254G2CheckPointInSubgroup: 74,
  Bn254G1ProjectiveToAffine: 75,
  Bn254G1Add: 76,
  Bn254G1Mul: 77,
  Bn254Pairing: 78,
  Bn254FrFromU256: 79,
  Bn254FrToU256: 80,
  Bn254FrAddSub: 81,
  Bn254FrMul: 82,
  Bn254FrPow: 83,
  Bn254FrInv: 84,
  Bn254G1Msm: 85,
} as const satisfies Record<CostTypeName, number>

export const DEFAULT_COST_TERMS: readonly (readonly [number, number, number, number])[] = [
  [4, 0, 0, 0], // WasmInsnExec
  [434, 16, 16, 128], // MemAlloc
  [42, 16, 0, 0], // MemCpy
  [44, 16, 0, 0], // MemCmp
  [295, 0, 0, 0], // DispatchHostFunction
  [60, 0, 0, 0], // VisitObject
  [221, 26, 242, 384], // ValSer
  [331, 4369, 0, 384], // ValDeser
  [3636, 7013, 0, 0], // ComputeSha256Hash
  [40256, 0, 0, 0], // ComputeEd25519PubKey
  [377551, 4059, 0, 0], // VerifyEd25519Sig
  [417482, 45712, 132773, 4903], // VmInstantiation
  [41142, 634, 69472, 1217], // VmCachedInstantiation
  [1945, 0, 14, 0], // InvokeVmFunction
  [6481, 5943, 0, 0], // ComputeKeccak256Hash
  [711, 0, 0, 0], // DecodeEcdsaCurve256Sig
  [2314804, 0, 181, 0], // RecoverEcdsaSecp256k1Key
  [4176, 0, 99, 0], // Int256AddSub
  [4716, 0, 99, 0], // Int256Mul
  [4680, 0, 99, 0], // Int256Div
  [4256, 0, 99, 0], // Int256Pow
  [884, 0, 99, 0], // Int256Shift
  [1059, 502, 0, 0], // ChaCha20DrawBytes
  [73077, 25410, 17564, 6457], // ParseWasmInstructions
  [0, 540752, 0, 47464], // ParseWasmFunctions
  [0, 176363, 0, 13420], // ParseWasmGlobals
  [0, 29989, 0, 6285], // ParseWasmTableEntries
  [0, 1061449, 0, 64670], // ParseWasmTypes
  [0, 237336, 0, 29074], // ParseWasmDataSegments
  [0, 328476, 0, 48095], // ParseWasmElemSegments
  [0, 701845, 0, 103229], // ParseWasmImports
  [0, 429383, 0, 36394], // ParseWasmExports
  [0, 28, 0, 257], // ParseWasmDataSegmentBytes
  [43030, 0, 70704, 0], // InstantiateWasmInstructions
  [0, 7556, 0, 14613], // InstantiateWasmFunctions
  [0, 10711, 0, 6833], // InstantiateWasmGlobals
  [0, 3300, 0, 1025], // InstantiateWasmTableEntries
  [0, 0, 0, 0], // InstantiateWasmTypes
  [0, 23038, 0, 129632], // InstantiateWasmDataSegments
  [0, 42488, 0, 13665], // InstantiateWasmElemSegments
  [0, 828974, 0, 97637], // InstantiateWasmImports
  [0, 297100, 0, 9176], // InstantiateWasmExports
  [0, 14, 0, 126], // InstantiateWasmDataSegmentBytes
  [1882, 0, 0, 0], // Sec1DecodePointUncompressed
  [3000906, 0, 0, 0], // VerifyEcdsaSecp256r1Sig
  [661, 0, 0, 0], // Bls12381EncodeFp
  [985, 0, 0, 0], // Bls12381DecodeFp
  [1934, 0, 0, 0], // Bls12381G1CheckPointOnCurve
  [730510, 0, 0, 0], // Bls12381G1CheckPointInSubgroup
  [5921, 0, 0, 0], // Bls12381G2CheckPointOnCurve
  [1057822, 0, 0, 0], // Bls12381G2CheckPointInSubgroup
  [92642, 0, 0, 0], // Bls12381G1ProjectiveToAffine
  [100742, 0, 0, 0], // Bls12381G2ProjectiveToAffine
  [7689, 0, 0, 0], // Bls12381G1Add
  [2458985, 0, 0, 0], // Bls12381G1Mul
  [2347584, 94135478, 109494, 266603], // Bls12381G1Msm
  [1020885, 0, 2776, 0], // Bls12381MapFpToG1
  [2638451, 6803, 5896, 0], // Bls12381HashToG1
  [25207, 0, 0, 0], // Bls12381G2Add
  [7873219, 0, 0, 0], // Bls12381G2Mul
  [7663880, 298580871, 219654, 266603], // Bls12381G2Msm
  [1856539, 0, 1672, 0], // Bls12381MapFp2ToG2
  [6315452, 7232, 3960, 0], // Bls12381HashToG2
  [10558948, 632860943, 2204, 9340474], // Bls12381Pairing
  [1994, 0, 0, 0], // Bls12381FrFromU256
  [1155, 0, 248, 0], // Bls12381FrToU256
  [74, 0, 0, 0], // Bls12381FrAddSub
  [332, 0, 0, 0], // Bls12381FrMul
  [691, 74558, 0, 128], // Bls12381FrPow
  [35421, 0, 0, 0], // Bls12381FrInv
  [344, 0, 0, 0], // Bn254EncodeFp
  [476, 0, 0, 0], // Bn254DecodeFp
  [904, 0, 0, 0], // Bn254G1CheckPointOnCurve
  [2811, 0, 0, 0], // Bn254G2CheckPointOnCurve
  [1706052, 0, 0, 0], // Bn254G2CheckPointInSubgroup
  [61, 0, 0, 0], // Bn254G1ProjectiveToAffine
  [3623, 0, 0, 0], // Bn254G1Add
  [1150435, 0, 0, 0], // Bn254G1Mul
  [5263916, 392472814, 1821, 6232546], // Bn254Pairing
  [2052, 0, 0, 0], // Bn254FrFromU256
  [1133, 0, 312, 0], // Bn254FrToU256
  [74, 0, 0, 0], // Bn254FrAddSub
  [332, 0, 0, 0], // Bn254FrMul
  [755, 68930, 0, 0], // Bn254FrPow
  [33151, 0, 0, 0], // Bn254FrInv
  [1185193, 41568084, 73061, 229779], // Bn254G1Msm
]
