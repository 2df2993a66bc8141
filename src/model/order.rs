//! Stable sorting through one shared routine. The standard library's stable
//! sort is copied into the wasm once for every element type and comparison
//! it is used with (about 3 KiB each); these functions sort a list of
//! positions instead — one copy of the sort, the comparison behind a `dyn` —
//! and then move the elements into that order. The result is the standard
//! sort's exactly: same order, equal elements kept in their order.

use std::cmp::Ordering;

/// `list.sort_by_key(key)`, the same result.
pub fn sort_by_key<T, K: Ord>(list: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(list, |a, b| key(a).cmp(&key(b)));
}

/// `list.sort_by(compare)`, the same result.
pub fn sort_by<T>(list: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items = &*list;
        stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(list, &order);
}

/// The positions `0..len` in stable sorted order.
#[inline(never)]
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `list` so that position `i` holds what was at `order[i]`
/// (`order` is a permutation of `0..list.len()`), one cycle at a time.
fn permute<T>(list: &mut [T], order: &[usize]) {
    let mut placed = vec![false; list.len()];
    for start in 0..list.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            list.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        // Pairs sorted by their first half only: equal keys must keep their
        // order, as the standard stable sort keeps it.
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 5, 8, 13, 40, 200] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            let mut std = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "by key, {len} items");
            let mut ours = items.clone();
            let mut std = items;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            #[allow(clippy::unnecessary_sort_by)] // the comparison form is what is compared
            std.sort_by(|a, b| b.0.cmp(&a.0));
            assert_eq!(ours, std, "by comparison, {len} items");
        }
    }
}
