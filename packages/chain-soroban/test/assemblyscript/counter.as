// A counter in AssemblyScript that imports the Soroban host functions
// directly, by the module and export names of soroban-env-common's env.json.
// {{NAME}} placeholders are Val constants the test fills in.
@external("l", "_") declare function put_contract_data(k: u64, v: u64, t: u64): u64
@external("l", "0") declare function has_contract_data(k: u64, t: u64): u64
@external("l", "1") declare function get_contract_data(k: u64, t: u64): u64
@external("l", "2") declare function del_contract_data(k: u64, t: u64): u64
@external("l", "7") declare function extend_contract_data_ttl(k: u64, t: u64, threshold: u64, extendTo: u64): u64
@external("l", "8") declare function extend_current_contract_instance_and_code_ttl(threshold: u64, extendTo: u64): u64
@external("x", "1") declare function contract_event(topics: u64, data: u64): u64
@external("v", "_") declare function vec_new(): u64
@external("v", "6") declare function vec_push_back(v: u64, x: u64): u64

const TAG_U32: u64 = 4
const TRUE: u64 = 1
const KEY: u64 = {{COUNTER}}
const TOPIC: u64 = {{INCREMENT}}

function u32val(n: u64): u64 { return (n << 32) | TAG_U32 }

// 0 temporary, 1 persistent, 2 instance, passed as a U32Val.
function storageType(kind: u64): u64 {
  if ((kind & 0xff) != TAG_U32 || (kind >> 32) > 2) unreachable()
  return kind >> 32
}

function current(t: u64): u64 {
  return has_contract_data(KEY, t) == TRUE ? get_contract_data(KEY, t) >> 32 : 0
}

export function increment(kind: u64): u64 {
  const t = storageType(kind)
  const n = current(t) + 1
  put_contract_data(KEY, u32val(n), t)
  if (t == 2) extend_current_contract_instance_and_code_ttl(u32val(50), u32val(100))
  else extend_contract_data_ttl(KEY, t, u32val(50), u32val(100))
  contract_event(vec_push_back(vec_new(), TOPIC), u32val(n))
  return u32val(n)
}

export function get(kind: u64): u64 {
  return u32val(current(storageType(kind)))
}

export function reset(kind: u64): u64 {
  del_contract_data(KEY, storageType(kind))
  return 2 // Void
}

export function extend(kind: u64, threshold: u64, extendTo: u64): u64 {
  const t = storageType(kind)
  if (t == 2) extend_current_contract_instance_and_code_ttl(threshold, extendTo)
  else extend_contract_data_ttl(KEY, t, threshold, extendTo)
  return 2
}

// Extends, then traps: the extension must be undone with the failed call.
export function extendThenTrap(kind: u64, threshold: u64, extendTo: u64): u64 {
  extend(kind, threshold, extendTo)
  unreachable()
  return 2
}
