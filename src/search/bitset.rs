//! A fixed-size set of entry numbers, one bit each.
//!
//! Filters and facet counts are set operations: "free of charge AND any of these categories",
//! "how many of the results are courses". With a bit per entry they run 64 entries at a time.

/// A set of entry numbers below a fixed length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EntrySet {
    words: Vec<u64>,
    len: usize,
}

impl EntrySet {
    /// The empty set for `len` entries.
    pub fn empty(len: usize) -> EntrySet {
        EntrySet {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    /// The set of all `len` entries.
    #[cfg(test)]
    pub fn full(len: usize) -> EntrySet {
        let mut set = EntrySet {
            words: vec![u64::MAX; len.div_ceil(64)],
            len,
        };
        set.clear_tail();
        set
    }

    /// The set of the entries for which `member` is true.
    #[cfg(test)]
    pub fn from_fn(len: usize, mut member: impl FnMut(usize) -> bool) -> EntrySet {
        let mut set = EntrySet::empty(len);
        for entry in 0..len {
            if member(entry) {
                set.insert(entry as u32);
            }
        }
        set
    }

    /// Adds an entry.
    pub fn insert(&mut self, entry: u32) {
        let entry = entry as usize;
        self.words[entry / 64] |= 1 << (entry % 64);
    }

    /// Whether an entry is in the set.
    pub fn contains(&self, entry: u32) -> bool {
        let entry = entry as usize;
        self.words[entry / 64] & (1 << (entry % 64)) != 0
    }

    /// Keeps only the entries that are also in `other`.
    pub fn intersect_with(&mut self, other: &EntrySet) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(word, other)| *word &= other);
    }

    /// Adds the entries of `other`.
    pub fn union_with(&mut self, other: &EntrySet) {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(word, other)| *word |= other);
    }

    /// The number of entries in the set.
    pub fn count(&self) -> usize {
        self.words
            .iter()
            .map(|word| word.count_ones() as usize)
            .sum()
    }

    /// Whether the set has no entry; stops at the first one (cheaper than `count() == 0`).
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|word| *word == 0)
    }

    /// The number of entries in both sets, without building their intersection.
    pub fn count_common(&self, other: &EntrySet) -> usize {
        self.words
            .iter()
            .zip(&other.words)
            .map(|(word, other)| (word & other).count_ones() as usize)
            .sum()
    }

    /// The entries in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(position, &word)| {
            let base = position as u32 * 64;
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(base + bit)
            })
        })
    }

    #[cfg(test)]
    fn clear_tail(&mut self) {
        let used = self.len % 64;
        if used != 0
            && let Some(last) = self.words.last_mut()
        {
            *last &= (1u64 << used) - 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations() {
        let evens = EntrySet::from_fn(130, |entry| entry % 2 == 0);
        let mut small = EntrySet::from_fn(130, |entry| entry < 10);
        assert_eq!(evens.count(), 65);
        assert_eq!(EntrySet::full(130).count(), 130);
        assert_eq!(evens.count_common(&small), 5);
        small.intersect_with(&evens);
        assert_eq!(small.iter().collect::<Vec<_>>(), [0, 2, 4, 6, 8]);
        let mut last = EntrySet::empty(130);
        last.insert(129);
        last.union_with(&small);
        assert_eq!(last.iter().collect::<Vec<_>>(), [0, 2, 4, 6, 8, 129]);
        assert!(last.contains(129) && !last.contains(128));
    }
}
