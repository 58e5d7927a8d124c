//! Hash maps and sets with FxHash, a fast deterministic hasher. Validation
//! hashes tens of thousands of short ids per run; SipHash's resistance to
//! crafted keys buys nothing for a design the user holds in their own hands.

pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type HashSet<T> = rustc_hash::FxHashSet<T>;
