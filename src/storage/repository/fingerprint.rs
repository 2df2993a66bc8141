//! The fingerprints by which a [`Repository`](super::Repository) tells
//! whether another tab rewrote a value since this tab read or wrote it.

/// A fingerprint of a stored value, kept in memory to tell whether another
/// tab rewrote it. Eight bytes at a time, each step a bijection of the state
/// (rotate, xor the word, multiply by an odd constant), so values of one
/// length that differ in one place never share it. It guards against
/// accidents, not attackers: the values are this app's own writes, read and
/// hashed whole on every load and save (SipHash showed as 2–5 ms of a
/// large load's profile).
pub(super) fn hash(s: &str) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = s.as_bytes().chunks_exact(8);
    let mut h = s.len() as u64;
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        h = step(h, u64::from_le_bytes(bytes));
    }
    words.remainder().iter().fold(h, |h, b| step(h, u64::from(*b)))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::hash;
    use proptest::prelude::*;

    proptest! {
        /// A value rewritten with one character changed, or cut or grown
        /// by one, never keeps its fingerprint.
        #[test]
        fn a_changed_value_changes_its_fingerprint(
            value in "[ -~\u{800}-\u{801f}]{0,80}",
            at in any::<prop::sample::Index>(),
            other in "[ -~\u{800}-\u{801f}]",
        ) {
            let chars: Vec<char> = value.chars().collect();
            if !chars.is_empty() {
                let i = at.index(chars.len());
                let mut changed = chars.clone();
                changed[i] = other.chars().next().unwrap_or(' ');
                let changed: String = changed.into_iter().collect();
                prop_assert_eq!(hash(&changed) == hash(&value), changed == value);
                let cut: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
                prop_assert_ne!(hash(&cut), hash(&value));
            }
            prop_assert_ne!(hash(&format!("{value}{other}")), hash(&value));
        }
    }
}
