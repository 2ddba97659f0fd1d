/** The WAT test contracts: each declares the host imports it needs, as a soroban-sdk build does. */
import { val } from '../src/index.ts'
import { hostImports, watContract, type BuildOptions } from './build.ts'

const hex = (v: bigint): string => `0x${v.toString(16)}`
export const sym = (s: string): string => hex(val.symbolSmall(s))
export const u32 = (n: number): string => hex(val.u32Val(n))
const U32_OF = (x: string): string => `(i64.or (i64.shl ${x} (i64.const 32)) (i64.const 4))`
const I32_OF = (x: string): string => `(i64.or (i64.shl ${x} (i64.const 32)) (i64.const 5))`

export const basics = (options: BuildOptions = {}): Uint8Array => watContract(`(module
  ${hostImports('contract_event', 'vec_new', 'vec_push_back', 'fail_with_error', 'get_ledger_sequence', 'get_ledger_timestamp',
    'get_ledger_network_id', 'get_ledger_version', 'get_current_contract_address', 'get_max_live_until_ledger', 'require_auth',
    'require_auth_for_args', 'log_from_linear_memory')}
  (memory (export "memory") 1)
  (data (i32.const 16) "adding")
  (func (export "add") (param $a i64) (param $b i64) (result i64)
    (local $sum i64) (local $r i64)
    (local.set $sum (i64.add (i64.shr_u (local.get $a) (i64.const 32)) (i64.shr_u (local.get $b) (i64.const 32))))
    (if (i64.gt_u (local.get $sum) (i64.const 0xffffffff)) (then unreachable))
    (local.set $r ${U32_OF('(local.get $sum)')})
    (i64.store (i32.const 64) (local.get $a))
    (i64.store (i32.const 72) (local.get $b))
    (drop (call $log_from_linear_memory (i64.const ${u32(16)}) (i64.const ${u32(6)}) (i64.const ${u32(64)}) (i64.const ${u32(2)})))
    (drop (call $contract_event (call $vec_push_back (call $vec_new) (i64.const ${sym('add')})) (local.get $r)))
    (local.get $r))
  (func (export "fail") (param $code i64) (result i64)
    (call $fail_with_error (i64.or (i64.and (local.get $code) (i64.const 0xffffffff00000000)) (i64.const 3))))
  (func (export "err") (param $code i64) (result i64)
    (i64.or (i64.and (local.get $code) (i64.const 0xffffffff00000000)) (i64.const 3)))
  (func (export "seq") (result i64) (call $get_ledger_sequence))
  (func (export "time") (result i64) (call $get_ledger_timestamp))
  (func (export "network") (result i64) (call $get_ledger_network_id))
  (func (export "version") (result i64) (call $get_ledger_version))
  (func (export "me") (result i64) (call $get_current_contract_address))
  (func (export "max_ttl") (result i64) (call $get_max_live_until_ledger))
  (func (export "pay") (param $from i64) (param $amount i64) (result i64)
    (drop (call $require_auth (local.get $from))) (local.get $amount))
  (func (export "pay_args") (param $from i64) (param $amount i64) (result i64)
    (drop (call $require_auth_for_args (local.get $from) (call $vec_push_back (call $vec_new) (local.get $amount)))) (local.get $amount))
)`, {
  spec: [
    { name: 'add', inputs: [['a', 'u32'], ['b', 'u32']], output: 'u32' },
    { name: 'fail', inputs: [['code', 'u32']], output: 'void' },
    { name: 'seq', inputs: [], output: 'u32' },
    { name: 'time', inputs: [], output: 'u64' },
    { name: 'pay', inputs: [['from', 'address'], ['amount', 'i128']], output: 'i128' },
  ],
  ...options,
})

export const caller = (): Uint8Array => watContract(`(module
  ${hostImports('call', 'try_call', 'vec_new', 'vec_push_back', 'get_current_contract_address')}
  (func $pair (param i64 i64) (result i64) (call $vec_push_back (call $vec_push_back (call $vec_new) (local.get 0)) (local.get 1)))
  (func (export "call_add") (param $c i64) (param $a i64) (param $b i64) (result i64)
    (call $call (local.get $c) (i64.const ${sym('add')}) (call $pair (local.get $a) (local.get $b))))
  ;; try_* return [outcome]: returning an Error value itself would fail this call too.
  (func (export "try_add") (param $c i64) (param $a i64) (param $b i64) (result i64)
    (call $vec_push_back (call $vec_new) (call $try_call (local.get $c) (i64.const ${sym('add')}) (call $pair (local.get $a) (local.get $b)))))
  (func (export "try_fail") (param $c i64) (param $code i64) (result i64)
    (call $vec_push_back (call $vec_new) (call $try_call (local.get $c) (i64.const ${sym('fail')}) (call $vec_push_back (call $vec_new) (local.get $code)))))
  (func (export "try_err") (param $c i64) (param $code i64) (result i64)
    (call $vec_push_back (call $vec_new) (call $try_call (local.get $c) (i64.const ${sym('err')}) (call $vec_push_back (call $vec_new) (local.get $code)))))
  (func (export "pass_err") (param $c i64) (param $code i64) (result i64)
    (call $try_call (local.get $c) (i64.const ${sym('err')}) (call $vec_push_back (call $vec_new) (local.get $code))))
  (func (export "call_fail") (param $c i64) (param $code i64) (result i64)
    (call $call (local.get $c) (i64.const ${sym('fail')}) (call $vec_push_back (call $vec_new) (local.get $code))))
  (func (export "pay_self") (param $c i64) (param $amount i64) (result i64)
    (call $call (local.get $c) (i64.const ${sym('pay')}) (call $pair (call $get_current_contract_address) (local.get $amount))))
  (func (export "pay_for") (param $c i64) (param $from i64) (param $amount i64) (result i64)
    (call $call (local.get $c) (i64.const ${sym('pay')}) (call $pair (local.get $from) (local.get $amount))))
  (func (export "reenter") (result i64)
    (call $call (call $get_current_contract_address) (i64.const ${sym('reenter')}) (call $vec_new)))
)`)

export const roundtrip = (): Uint8Array => watContract(`(module
  ${hostImports('vec_len', 'vec_unpack_to_linear_memory', 'vec_new_from_linear_memory', 'map_unpack_to_linear_memory',
    'map_new_from_linear_memory', 'bytes_len', 'bytes_copy_to_linear_memory', 'bytes_new_from_linear_memory', 'string_len',
    'string_copy_to_linear_memory', 'string_new_from_linear_memory', 'symbol_len', 'symbol_copy_to_linear_memory',
    'symbol_new_from_linear_memory', 'symbol_index_in_linear_memory', 'serialize_to_bytes', 'deserialize_from_bytes',
    'obj_to_u128_hi64', 'obj_to_u128_lo64', 'obj_from_u128_pieces', 'obj_to_i128_hi64', 'obj_to_i128_lo64', 'obj_from_i128_pieces',
    'u256_add', 'i256_val_to_be_bytes', 'i256_val_from_be_bytes', 'obj_cmp', 'map_new', 'map_put', 'map_get', 'vec_new', 'vec_push_back',
    'vec_get', 'bytes_push', 'bytes_slice', 'u256_val_to_be_bytes', 'obj_to_u64', 'obj_from_u64')}
  (memory (export "memory") 1)
  (data (i32.const 1024) "alphabetagamma")
  (data (i32.const 2048) "\\00\\04\\00\\00\\05\\00\\00\\00" "\\05\\04\\00\\00\\04\\00\\00\\00" "\\09\\04\\00\\00\\05\\00\\00\\00")
  (func (export "vec_rt") (param $v i64) (result i64) (local $n i64)
    (local.set $n (call $vec_len (local.get $v)))
    (drop (call $vec_unpack_to_linear_memory (local.get $v) (i64.const ${u32(4096)}) (local.get $n)))
    (call $vec_new_from_linear_memory (i64.const ${u32(4096)}) (local.get $n)))
  (func (export "map_rt") (param $m i64) (result i64)
    (drop (call $map_unpack_to_linear_memory (local.get $m) (i64.const ${u32(2048)}) (i64.const ${u32(4096)}) (i64.const ${u32(3)})))
    (call $map_new_from_linear_memory (i64.const ${u32(2048)}) (i64.const ${u32(4096)}) (i64.const ${u32(3)})))
  (func (export "bytes_rt") (param $b i64) (result i64) (local $n i64)
    (local.set $n (call $bytes_len (local.get $b)))
    (drop (call $bytes_copy_to_linear_memory (local.get $b) (i64.const ${u32(0)}) (i64.const ${u32(8192)}) (local.get $n)))
    (call $bytes_new_from_linear_memory (i64.const ${u32(8192)}) (local.get $n)))
  (func (export "string_rt") (param $s i64) (result i64) (local $n i64)
    (local.set $n (call $string_len (local.get $s)))
    (drop (call $string_copy_to_linear_memory (local.get $s) (i64.const ${u32(0)}) (i64.const ${u32(8192)}) (local.get $n)))
    (call $string_new_from_linear_memory (i64.const ${u32(8192)}) (local.get $n)))
  (func (export "symbol_rt") (param $s i64) (result i64) (local $n i64)
    (local.set $n (call $symbol_len (local.get $s)))
    (drop (call $symbol_copy_to_linear_memory (local.get $s) (i64.const ${u32(0)}) (i64.const ${u32(8192)}) (local.get $n)))
    (call $symbol_new_from_linear_memory (i64.const ${u32(8192)}) (local.get $n)))
  (func (export "sym_index") (param $s i64) (result i64)
    (call $symbol_index_in_linear_memory (local.get $s) (i64.const ${u32(2048)}) (i64.const ${u32(3)})))
  (func (export "xdr_rt") (param $v i64) (result i64) (call $deserialize_from_bytes (call $serialize_to_bytes (local.get $v))))
  (func (export "to_xdr") (param $v i64) (result i64) (call $serialize_to_bytes (local.get $v)))
  (func (export "u128_rt") (param $v i64) (result i64)
    (call $obj_from_u128_pieces (call $obj_to_u128_hi64 (local.get $v)) (call $obj_to_u128_lo64 (local.get $v))))
  (func (export "i128_rt") (param $v i64) (result i64)
    (call $obj_from_i128_pieces (call $obj_to_i128_hi64 (local.get $v)) (call $obj_to_i128_lo64 (local.get $v))))
  (func (export "u64_rt") (param $v i64) (result i64) (call $obj_from_u64 (call $obj_to_u64 (local.get $v))))
  (func (export "u256_add") (param i64 i64) (result i64) (call $u256_add (local.get 0) (local.get 1)))
  (func (export "u256_bytes") (param i64) (result i64) (call $u256_val_to_be_bytes (local.get 0)))
  (func (export "i256_bytes_rt") (param $v i64) (result i64) (call $i256_val_from_be_bytes (call $i256_val_to_be_bytes (local.get $v))))
  (func (export "cmp") (param i64 i64) (result i64) ${I32_OF('(call $obj_cmp (local.get 0) (local.get 1))')})
  (func (export "map_ops") (param $k i64) (param $v i64) (result i64)
    (call $map_get (call $map_put (call $map_put (call $map_new) (local.get $k) (local.get $v)) (i64.const ${sym('z')}) (i64.const 2)) (local.get $k)))
  (func (export "vec_ops") (param $x i64) (result i64)
    (call $vec_get (call $vec_push_back (call $vec_push_back (call $vec_new) (i64.const 2)) (local.get $x)) (i64.const ${u32(1)})))
  (func (export "bytes_ops") (param $b i64) (result i64)
    (call $bytes_slice (call $bytes_push (local.get $b) (i64.const ${u32(255)})) (i64.const ${u32(1)}) (i64.const ${u32(3)})))
)`)

export const crypto = (): Uint8Array => watContract(`(module
  ${hostImports('compute_hash_sha256', 'compute_hash_keccak256', 'verify_sig_ed25519', 'recover_key_ecdsa_secp256k1')}
  (func (export "sha256") (param i64) (result i64) (call $compute_hash_sha256 (local.get 0)))
  (func (export "keccak256") (param i64) (result i64) (call $compute_hash_keccak256 (local.get 0)))
  (func (export "verify") (param i64 i64 i64) (result i64) (call $verify_sig_ed25519 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "recover") (param i64 i64 i64) (result i64) (call $recover_key_ecdsa_secp256k1 (local.get 0) (local.get 1) (local.get 2)))
)`)

export const deployer = (): Uint8Array => watContract(`(module
  ${hostImports('create_contract', 'create_contract_with_constructor', 'upload_wasm', 'get_current_contract_address', 'get_contract_id',
    'update_current_contract_wasm')}
  (func (export "deploy") (param $hash i64) (param $salt i64) (result i64)
    (call $create_contract (call $get_current_contract_address) (local.get $hash) (local.get $salt)))
  (func (export "deploy_with") (param $hash i64) (param $salt i64) (param $args i64) (result i64)
    (call $create_contract_with_constructor (call $get_current_contract_address) (local.get $hash) (local.get $salt) (local.get $args)))
  (func (export "upload") (param $wasm i64) (result i64) (call $upload_wasm (local.get $wasm)))
  (func (export "id_for") (param $salt i64) (result i64) (call $get_contract_id (call $get_current_contract_address) (local.get $salt)))
  (func (export "upgrade") (param $hash i64) (result i64) (call $update_current_contract_wasm (local.get $hash)))
)`)

/** A contract with a constructor that stores its argument in instance storage. */
export const constructed = (): Uint8Array => watContract(`(module
  ${hostImports('put_contract_data', 'get_contract_data')}
  (func (export "__constructor") (param $v i64) (result i64)
    (call $put_contract_data (i64.const ${sym('init')}) (local.get $v) (i64.const 2)))
  (func (export "get") (result i64) (call $get_contract_data (i64.const ${sym('init')}) (i64.const 2)))
)`)

export const hostile = (): Uint8Array => watContract(`(module
  ${hostImports('vec_len', 'vec_new', 'vec_push_back', 'bytes_new_from_linear_memory')}
  (memory (export "memory") 1)
  (func (export "spin") (result i64) (loop $l (br $l)) (i64.const 2))
  (func $recurse (export "recurse") (param i64) (result i64) (call $recurse (local.get 0)))
  (func (export "oob") (result i64) (i64.load (i32.const 65530)))
  (func (export "forged") (result i64) (call $vec_len (i64.const ${hex((99n << 32n) | 75n)})))
  (func (export "bad_tag") (result i64) (call $vec_push_back (call $vec_new) (i64.const 0x20)))
  (func (export "bad_return") (result i64) (i64.const 0x7f))
  (func (export "div0") (param i64) (result i64) (i64.div_u (i64.const 1) (i64.shr_u (local.get 0) (i64.const 32))))
  (func (export "grow") (param $pages i64) (result i64)
    ${I32_OF('(i64.extend_i32_s (memory.grow (i32.wrap_i64 (i64.shr_u (local.get $pages) (i64.const 32)))))')})
  (func (export "hoard") (param $n i64) (result i64) (local $i i64)
    (local.set $n (i64.shr_u (local.get $n) (i64.const 32)))
    (block $done (loop $l
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $bytes_new_from_linear_memory (i64.const ${u32(0)}) (i64.const ${u32(65536)})))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $l)))
    (i64.const 2))
  (func (export "early") (param $x i64) (result i64)
    (block $b (br_if $b (i64.eqz (i64.shr_u (local.get $x) (i64.const 32)))) (return (i64.const 1)))
    (i64.const 0))
)`)

/** A struct argument and result, laid out as soroban-sdk does: a map with symbol keys, unpacked into linear memory. */
export const structs = (): Uint8Array => watContract(`(module
  ${hostImports('map_unpack_to_linear_memory', 'map_new_from_linear_memory')}
  (memory (export "memory") 1)
  (data (i32.const 1024) "xy")
  (data (i32.const 2048) "\\00\\04\\00\\00\\01\\00\\00\\00" "\\01\\04\\00\\00\\01\\00\\00\\00")
  ;; sum(p: Point) -> u32
  (func (export "sum") (param $p i64) (result i64)
    (drop (call $map_unpack_to_linear_memory (local.get $p) (i64.const ${u32(2048)}) (i64.const ${u32(4096)}) (i64.const ${u32(2)})))
    ${U32_OF('(i64.add (i64.shr_u (i64.load (i32.const 4096)) (i64.const 32)) (i64.shr_u (i64.load (i32.const 4104)) (i64.const 32)))')})
  ;; make(x: u32, y: u32) -> Point
  (func (export "make") (param $x i64) (param $y i64) (result i64)
    (i64.store (i32.const 4096) (local.get $x))
    (i64.store (i32.const 4104) (local.get $y))
    (call $map_new_from_linear_memory (i64.const ${u32(2048)}) (i64.const ${u32(4096)}) (i64.const ${u32(2)})))
)`, {
  spec: [
    { struct: 'Point', fields: [['x', 'u32'], ['y', 'u32']] },
    { name: 'sum', inputs: [['p', { udt: 'Point' }]], output: 'u32' },
    { name: 'make', inputs: [['x', 'u32'], ['y', 'u32']], output: { udt: 'Point' } },
  ],
})
