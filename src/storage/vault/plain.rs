//! What the vault seals of a stored value: its bytes, as small as they come.
//!
//! A value Tandem packed (`TZ1:…`, see [`crate::storage::codec`]) is sealed
//! as its compressed bytes, and any other value as its UTF-8 text, behind one
//! byte saying which. Opening gives back exactly the value that was sealed.

use crate::storage::codec;

const TEXT: u8 = 0;
const COMPRESSED: u8 = 1;

/// The bytes to seal for `value`.
pub fn to_bytes(value: &str) -> Vec<u8> {
    match codec::compressed_of(value) {
        Some(compressed) => [&[COMPRESSED][..], &compressed].concat(),
        None => [&[TEXT][..], value.as_bytes()].concat(),
    }
}

/// The value `bytes` were made from; `None` for bytes [`to_bytes`] never
/// makes. Never panics.
pub fn from_bytes(bytes: &[u8]) -> Option<String> {
    match bytes.split_first()? {
        (&COMPRESSED, compressed) => Some(codec::from_compressed(compressed)),
        (&TEXT, text) => String::from_utf8(text.to_vec()).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_comes_back_as_it_was() {
        let packed = codec::encode(&"{\"note\":\"the budget worries me\"}".repeat(50));
        for value in [packed.as_str(), "{\"format\":\"tandem\"}", "", "é 😀"] {
            assert_eq!(from_bytes(&to_bytes(value)).as_deref(), Some(value));
        }
        // Packed values go as their compressed bytes: far fewer.
        assert!(to_bytes(&packed).len() < packed.len());
    }

    #[test]
    fn foreign_bytes_are_refused() {
        assert_eq!(from_bytes(&[]), None);
        assert_eq!(from_bytes(&[7, 1, 2]), None);
        assert_eq!(from_bytes(&[TEXT, 0xFF, 0xFE]), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_open_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = from_bytes(&bytes);
        }

        #[test]
        fn any_text_round_trips(text in ".{0,200}") {
            prop_assert_eq!(from_bytes(&to_bytes(&text)), Some(text.clone()));
            let packed = codec::encode(&text);
            prop_assert_eq!(from_bytes(&to_bytes(&packed)), Some(packed));
        }
    }
}
