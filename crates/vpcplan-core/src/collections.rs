//! Hash maps and sets with FxHash, a fast deterministic hasher. Validation
//! hashes tens of thousands of short ids per run; SipHash's resistance to
//! crafted keys buys nothing for a design the user holds in their own hands.

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

#[cfg(test)]
mod tests {
    use super::Chains;

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
