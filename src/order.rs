//! Sorting with little code in the browser.
//!
//! The standard library's sort is fast, but each call site with its own element type or
//! comparison gets its own copy of it: about 4 KB of wasm each. The few sorts where speed
//! matters (100,000 names and terms while indexing) call it directly; every other sort goes
//! through [`sort_by`], which sorts positions through one shared copy and then moves the items.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, like `sort_unstable_by`. For lists that are short or sorted
/// rarely: each comparison is an indirect call.
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    sort_positions(&mut order, &|a, b| {
        compare(&items[a as usize], &items[b as usize])
    });
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|position| slots[position as usize].take()),
    );
}

/// Sorts `items` in their natural order, like `sort_unstable`, through [`sort_by`].
pub(crate) fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The one copy of the standard sort behind [`sort_by`]: positions, compared through `compare`.
fn sort_positions(order: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    #[allow(clippy::disallowed_methods)] // The one shared copy this module exists for.
    order.sort_unstable_by(|&a, &b| compare(a, b));
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // Tests compare with the standard library.
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut rng = fastrand::Rng::with_seed(3);
        for length in [0, 1, 2, 3, 20, 1000] {
            let items: Vec<(u8, String)> = (0..length)
                .map(|_| (rng.u8(..4), rng.u16(..).to_string()))
                .collect();
            let mut ours = items.clone();
            sort(&mut ours);
            let mut expected = items.clone();
            expected.sort_unstable();
            assert_eq!(ours, expected);
            let mut reversed = items.clone();
            sort_by(&mut reversed, |a, b| b.cmp(a));
            expected.reverse();
            assert_eq!(reversed, expected);
        }
    }
}
