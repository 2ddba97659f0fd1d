;; A small Soroban contract written directly against the host interface
;; (soroban-env-common env.json): module "v" = vec, "l" = ledger storage,
;; "x" = context, "i" = integers. Built into hello.wasm by
;; scripts/build-soroban-examples.ts, which adds the contractenvmetav0 and
;; contractspecv0 sections a soroban-sdk build carries.
(module
  (import "v" "_" (func $vec_new (result i64)))
  (import "v" "6" (func $vec_push_back (param i64 i64) (result i64)))
  (import "l" "_" (func $put_contract_data (param i64 i64 i64) (result i64)))
  (import "l" "0" (func $has_contract_data (param i64 i64) (result i64)))
  (import "l" "1" (func $get_contract_data (param i64 i64) (result i64)))
  (import "l" "7" (func $extend_contract_data_ttl (param i64 i64 i64 i64) (result i64)))
  (import "x" "1" (func $contract_event (param i64 i64) (result i64)))
  (import "i" "6" (func $obj_from_i128_pieces (param i64 i64) (result i64)))
  (import "i" "7" (func $obj_to_i128_lo64 (param i64) (result i64)))
  (import "i" "8" (func $obj_to_i128_hi64 (param i64) (result i64)))
  (memory (export "memory") 1)

  ;; hello(to: Symbol) -> Vec<Symbol>: ["Hello", to]
  (func (export "hello") (param $to i64) (result i64)
    (call $vec_push_back (call $vec_push_back (call $vec_new) (i64.const {{Hello}})) (local.get $to)))

  ;; increment() -> u32: a persistent counter; emits ("COUNTER", "increment") with the new value.
  (func (export "increment") (result i64)
    (local $n i64) (local $v i64)
    (if (i64.eq (call $has_contract_data (i64.const {{COUNTER}}) (i64.const 1)) (i64.const 1))
      (then (local.set $n (i64.shr_u (call $get_contract_data (i64.const {{COUNTER}}) (i64.const 1)) (i64.const 32)))))
    (local.set $n (i64.add (local.get $n) (i64.const 1)))
    (local.set $v (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.const 4)))
    (drop (call $put_contract_data (i64.const {{COUNTER}}) (local.get $v) (i64.const 1)))
    (drop (call $extend_contract_data_ttl (i64.const {{COUNTER}}) (i64.const 1) (i64.const {{u32_50}}) (i64.const {{u32_100}})))
    (drop (call $contract_event
      (call $vec_push_back (call $vec_push_back (call $vec_new) (i64.const {{COUNTER}})) (i64.const {{increment}}))
      (local.get $v)))
    (local.get $v))

  ;; add(a: i128, b: i128) -> i128, trapping on overflow. Only the 64-bit-piece
  ;; range is handled: small i128 values live inline in the Val (tag 11).
  (func $i128 (param $x i64) (result i64)
    (if (result i64) (i64.eq (i64.and (local.get $x) (i64.const 0xff)) (i64.const 11))
      (then (i64.shr_s (local.get $x) (i64.const 8)))
      (else (if (result i64) (i64.eq (call $obj_to_i128_hi64 (local.get $x)) (i64.shr_s (call $obj_to_i128_lo64 (local.get $x)) (i64.const 63)))
        (then (call $obj_to_i128_lo64 (local.get $x)))
        (else unreachable)))))
  (func (export "add") (param $a i64) (param $b i64) (result i64)
    (local $x i64) (local $y i64) (local $s i64)
    (local.set $x (call $i128 (local.get $a)))
    (local.set $y (call $i128 (local.get $b)))
    (local.set $s (i64.add (local.get $x) (local.get $y)))
    ;; signed overflow: operands of one sign, result of the other
    (if (i64.lt_s (i64.and (i64.xor (local.get $s) (local.get $x)) (i64.xor (local.get $s) (local.get $y))) (i64.const 0)) (then unreachable))
    (call $obj_from_i128_pieces (i64.shr_s (local.get $s) (i64.const 63)) (local.get $s)))
)
