//! Hash maps and sets with FxHash, a fast deterministic hasher. Validation
//! hashes tens of thousands of short ids per run; SipHash's resistance to
//! crafted keys buys nothing for a design the user holds in their own hands.
//!
//! Sorting goes through [`sort_by`] and its siblings: every caller shares one
//! compiled sort (of positions, with the comparison behind a `dyn`), where
//! `slice::sort_by` compiles the whole sort again for each element type and
//! comparison, about 3 KB of WebAssembly a time. For the same reason B-tree
//! sets and maps are filled with [`btree_set`] and [`btree_map`], one insert
//! at a time, rather than by `collect`, which sorts the items first.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

pub type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type HashSet<T> = rustc_hash::FxHashSet<T>;

/// Many short lists sharing one allocation: each list is a chain of entries
/// in one `Vec`, so starting or growing a list allocates nothing of its own.
/// For rules that group a few links per VPC or table and report only the
/// rare groups that break a limit.
pub struct Chains<T> {
    /// Each value with the entry after it in its list (`NONE` at the end).
    entries: Vec<(T, usize)>,
    /// Each list's first and last entry and its length.
    lists: Vec<Chain>,
}

#[derive(Clone, Copy)]
struct Chain {
    first: usize,
    last: usize,
    len: usize,
}

const NONE: usize = usize::MAX;

impl<T: Copy> Chains<T> {
    pub fn with_capacity(values: usize) -> Chains<T> {
        Chains {
            entries: Vec::with_capacity(values),
            lists: Vec::new(),
        }
    }

    /// Forgets every list, keeping the memory for the next ones.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.lists.clear();
    }

    /// Starts an empty list and returns its number.
    pub fn new_list(&mut self) -> usize {
        self.lists.push(Chain {
            first: NONE,
            last: NONE,
            len: 0,
        });
        self.lists.len() - 1
    }

    /// Appends a value to a list (nothing for a list number never returned).
    pub fn push(&mut self, list: usize, value: T) {
        let Some(chain) = self.lists.get_mut(list) else {
            return;
        };
        let entry = self.entries.len();
        self.entries.push((value, NONE));
        match self.entries.get_mut(chain.last) {
            Some((_, next)) => *next = entry,
            None => chain.first = entry,
        }
        chain.last = entry;
        chain.len += 1;
    }

    pub fn len(&self, list: usize) -> usize {
        self.lists.get(list).map_or(0, |chain| chain.len)
    }

    pub fn last(&self, list: usize) -> Option<T> {
        let chain = self.lists.get(list)?;
        self.entries.get(chain.last).map(|&(value, _)| value)
    }

    /// A list's values in the order they were pushed.
    pub fn iter(&self, list: usize) -> impl Iterator<Item = T> + '_ {
        let mut entry = self.lists.get(list).map_or(NONE, |chain| chain.first);
        std::iter::from_fn(move || {
            let &(value, next) = self.entries.get(entry)?;
            entry = next;
            Some(value)
        })
    }
}

/// The positions of `len` items in the order `compare` puts them, equal
/// items keeping their order (a stable sort of `0..len`).
pub fn sorted_order(len: usize, mut compare: impl FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    sort_positions(&mut order, &mut compare);
    order
}

/// The one compiled sort behind every other.
fn sort_positions(order: &mut [usize], compare: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Sorts `items` by `compare`, as `slice::sort_by` does (stable).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    // Validation sorts many short lists (a table's routes, a VPC's peers),
    // for which an insertion sort of a few instructions is fastest.
    const SHORT: usize = 16;
    if items.len() <= SHORT {
        for end in 1..items.len() {
            let mut place = end;
            while place > 0 && compare(&items[place - 1], &items[place]) == Ordering::Greater {
                items.swap(place - 1, place);
                place -= 1;
            }
        }
        return;
    }
    let mut order = sorted_order(items.len(), |a, b| compare(&items[a], &items[b]));
    // Puts the item from `order[i]` at `i`, one cycle of the permutation at a
    // time; a place is marked done by pointing it at itself.
    for start in 0..order.len() {
        let mut place = start;
        loop {
            let from = order[place];
            order[place] = place;
            if from == start {
                break;
            }
            items.swap(place, from);
            place = from;
        }
    }
}

/// Sorts `items` by the key `key` gives, as `slice::sort_by_key` does (stable).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, as `slice::sort` does (stable).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The items as a set, without the sort `collect` would compile for them.
pub fn btree_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The entries as a map, the last value of a key given twice winning as with
/// `collect`, without the sort `collect` would compile for them.
pub fn btree_map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

#[cfg(test)]
mod tests {
    use super::{Chains, btree_map, btree_set, sort, sort_by, sort_by_key, sorted_order};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorting_matches_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            // Sorting by the first field alone shows that equal keys keep their order.
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |item| item.0);
            prop_assert_eq!(&by_key, &expected);

            let mut by = items.clone();
            sort_by(&mut by, |a, b| b.0.cmp(&a.0));
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            prop_assert_eq!(&by, &expected);

            let mut whole = items.clone();
            sort(&mut whole);
            expected.sort();
            prop_assert_eq!(&whole, &expected);

            let order = sorted_order(items.len(), |a, b| items[a].cmp(&items[b]));
            let reordered: Vec<_> = order.iter().map(|&i| items[i]).collect();
            prop_assert_eq!(&reordered, &expected);
        }
    }

    #[test]
    fn btree_sets_and_maps_are_filled_like_collect() {
        let items = [3, 1, 3, 2];
        assert_eq!(btree_set(items), items.into_iter().collect());
        let entries = [("b", 1), ("a", 2), ("b", 3)];
        let map = btree_map(entries);
        assert_eq!(map, entries.into_iter().collect());
        assert_eq!(map["b"], 3);
    }

    #[test]
    fn items_that_own_memory_are_moved_not_copied() {
        let mut names = vec![String::from("b"), String::from("c"), String::from("a")];
        sort(&mut names);
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn interleaved_lists_keep_their_own_values_in_push_order() {
        let mut chains = Chains::with_capacity(0);
        let (a, b, empty) = (chains.new_list(), chains.new_list(), chains.new_list());
        for (list, value) in [(a, 1), (b, 10), (a, 2), (a, 3), (b, 20)] {
            chains.push(list, value);
        }
        assert_eq!(chains.iter(a).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(chains.iter(b).collect::<Vec<_>>(), [10, 20]);
        assert_eq!((chains.len(a), chains.len(b), chains.len(empty)), (3, 2, 0));
        assert_eq!((chains.last(a), chains.last(b)), (Some(3), Some(20)));
        assert_eq!(chains.iter(empty).count(), 0);
        assert_eq!(chains.last(empty), None);
    }

    #[test]
    fn cleared_chains_start_again_from_list_zero() {
        let mut chains = Chains::with_capacity(2);
        let old = chains.new_list();
        chains.push(old, "old");
        chains.clear();
        assert_eq!(chains.len(old), 0);
        let new = chains.new_list();
        chains.push(new, "new");
        assert_eq!(new, 0);
        assert_eq!(chains.iter(new).collect::<Vec<_>>(), ["new"]);
    }

    #[test]
    fn unknown_list_numbers_are_empty_and_ignore_pushes() {
        let mut chains = Chains::with_capacity(1);
        chains.push(7, 'x');
        assert_eq!(chains.len(7), 0);
        assert_eq!(chains.iter(7).count(), 0);
        assert_eq!(chains.last(7), None);
    }
}
