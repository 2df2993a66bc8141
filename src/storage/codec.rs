//! How a document is written into one `localStorage` value, and read back.
//!
//! Browsers count `localStorage` in UTF-16 code units (Chromium: 5,242,880 per
//! origin, whatever the characters), so a stored value is compact:
//!
//! ```text
//! TZ1:<byte length>:<packed>
//! ```
//!
//! where the JSON is LZ4-compressed (size prepended) and the bytes are packed
//! 15 bits to a character (U+0020…U+801F: no surrogates, so it survives any
//! string conversion). Together that stores about 4–5× more than plain JSON.
//! Plain JSON (a value starting with `{`) is read too, so hand-written
//! fixtures and older values load.

/// The marker of a packed value.
const PREFIX: &str = "TZ1:";
/// First character code of the 15-bit alphabet.
const BASE: u32 = 0x20;
/// The largest document accepted when decompressing, in bytes.
pub const MAX_DOC_BYTES: usize = 64 * 1024 * 1024;

/// Why a stored value could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(pub String);

/// Packs JSON text into a stored value.
pub fn encode(json: &str) -> String {
    from_compressed(&lz4_flex::compress_prepend_size(json.as_bytes()))
}

/// The stored value of JSON already compressed (LZ4, size prepended).
pub fn from_compressed(compressed: &[u8]) -> String {
    format!("{PREFIX}{}", pack_bytes(compressed))
}

/// The compressed bytes of a packed value, as [`from_compressed`] takes
/// them: `None` when `stored` is not exactly what it would write.
pub fn compressed_of(stored: &str) -> Option<Vec<u8>> {
    let bytes = unpack_bytes(stored.strip_prefix(PREFIX)?).ok()?;
    (from_compressed(&bytes) == stored).then_some(bytes)
}

/// Any bytes as text, 15 bits to a character: `<byte length>:<packed>`.
pub fn pack_bytes(bytes: &[u8]) -> String {
    format!("{}:{}", bytes.len(), pack(bytes))
}

/// The bytes of [`pack_bytes`]' text. Never panics, whatever the text.
pub fn unpack_bytes(text: &str) -> Result<Vec<u8>, DecodeError> {
    let (len, packed) =
        text.split_once(':').ok_or_else(|| DecodeError("its header is damaged".into()))?;
    let len: usize = len.parse().map_err(|_| DecodeError("its header is damaged".into()))?;
    if len > MAX_DOC_BYTES {
        return Err(DecodeError("its header claims an impossible size".into()));
    }
    unpack(packed, len)
}

/// Packs bytes 15 bits to a character: 15 bytes make 8 characters, then the
/// rest bit by bit.
fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 3);
    let mut blocks = bytes.chunks_exact(15);
    for block in &mut blocks {
        let mut wide = [0u8; 16];
        wide[1..].copy_from_slice(block);
        let bits = u128::from_be_bytes(wide);
        for k in (0..8).rev() {
            out.push(to_char((bits >> (15 * k)) as u32 & 0x7FFF));
        }
    }
    pack_bit_by_bit(&mut out, blocks.remainder());
    out
}

/// Packs bytes one bit at a time, the last character zero-padded: the
/// original packing, which the block packing must reproduce exactly.
fn pack_bit_by_bit(out: &mut String, bytes: &[u8]) {
    let (mut acc, mut bits) = (0u32, 0u32);
    for byte in bytes {
        acc = (acc << 8) | *byte as u32;
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            out.push(to_char((acc >> bits) & 0x7FFF));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(to_char((acc << (15 - bits)) & 0x7FFF));
    }
}

fn to_char(v: u32) -> char {
    // BASE + v ≤ 0x801F: always a valid scalar value, never a surrogate.
    char::from_u32(BASE + v).unwrap_or(' ')
}

/// Reads a stored value back into JSON text.
pub fn decode(stored: &str) -> Result<String, DecodeError> {
    let trimmed = stored.trim_start();
    if trimmed.starts_with('{') {
        return Ok(stored.to_string());
    }
    let rest = stored
        .strip_prefix(PREFIX)
        .ok_or_else(|| DecodeError("it is neither JSON nor Tandem's packed format".into()))?;
    let bytes = unpack_bytes(rest)?;
    if bytes.len() < 4 {
        return Err(DecodeError("it is truncated".into()));
    }
    let size = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    // LZ4 expands at most 255-fold: a larger claim is damage, not data.
    if size > MAX_DOC_BYTES || size > bytes.len().saturating_mul(255) {
        return Err(DecodeError("it claims an impossible size".into()));
    }
    let json = lz4_flex::decompress(&bytes[4..], size)
        .map_err(|e| DecodeError(format!("it does not decompress ({e})")))?;
    String::from_utf8(json).map_err(|_| DecodeError("it is not valid text".into()))
}

/// Unpacks `len` bytes from 15-bit characters. Reads the UTF-8 bytes
/// directly (every character of the alphabet is 1–3 bytes long), which is
/// faster in wasm than going through `chars()` twice.
fn unpack(packed: &str, len: usize) -> Result<Vec<u8>, DecodeError> {
    let foreign = || DecodeError("it contains foreign characters".into());
    // Exactly the characters that many bytes need: anything else is cut off
    // or has something appended.
    let expected = (len * 8).div_ceil(15);
    let text = packed.as_bytes();
    let byte = |i: usize| text.get(i).map_or(0, |b| (*b & 0x3F) as u32);
    let mut bytes = Vec::with_capacity(len + 15);
    // Eight characters fill 15 bytes exactly.
    let (mut block, mut in_block, mut chars, mut i) = (0u128, 0u32, 0usize, 0usize);
    while let Some(&lead) = text.get(i) {
        let c = match lead {
            0x00..=0x7F => {
                i += 1;
                lead as u32
            }
            0xC0..=0xDF => {
                i += 2;
                ((lead as u32 & 0x1F) << 6) | byte(i - 1)
            }
            0xE0..=0xEF => {
                i += 3;
                ((lead as u32 & 0x0F) << 12) | (byte(i - 2) << 6) | byte(i - 1)
            }
            _ => return Err(foreign()),
        };
        chars += 1;
        if chars > expected {
            return Err(DecodeError("it has unexpected data at its end".into()));
        }
        let v = c.checked_sub(BASE).filter(|v| *v <= 0x7FFF).ok_or_else(foreign)?;
        block = (block << 15) | v as u128;
        in_block += 1;
        if in_block == 8 {
            bytes.extend_from_slice(&block.to_be_bytes()[1..]);
            (block, in_block) = (0, 0);
        }
    }
    let mut bits = in_block * 15;
    while bits >= 8 {
        bits -= 8;
        bytes.push((block >> bits) as u8);
    }
    // The last character's padding bits are not data.
    bytes.truncate(len);
    if chars < expected {
        return Err(DecodeError(format!("it is truncated ({chars} of {expected} characters)")));
    }
    Ok(bytes)
}

/// The size of a string as browsers count it for the quota (UTF-16 units):
/// one per character, two for those beyond U+FFFF (4-byte UTF-8).
/// Counted eight bytes at a time: stored values are megabytes long.
pub fn utf16_len(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = s.as_bytes().chunks_exact(8);
    let (mut continuation, mut four_byte_leads) = (0usize, 0usize);
    for word in &mut words {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(word);
        let w = u64::from_le_bytes(bytes);
        // 10xxxxxx continues a character; 11110xxx starts a 4-byte one.
        continuation += (w & !(w << 1) & HIGH).count_ones() as usize;
        four_byte_leads += (w & (w << 1) & (w << 2) & (w << 3) & HIGH).count_ones() as usize;
    }
    for b in words.remainder() {
        continuation += usize::from(b & 0xC0 == 0x80);
        four_byte_leads += usize::from(*b >= 0xF0);
    }
    s.len() - continuation + four_byte_leads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    #[test]
    fn round_trips_any_text() {
        for json in ["{}", "{\"a\":\"é 😀 \\u0000\"}", &"{\"x\":\"abc\"}".repeat(1000)] {
            let packed = encode(json);
            assert!(packed.starts_with(PREFIX));
            assert!(packed.chars().all(|c| !(0xD800..=0xDFFF).contains(&(c as u32))));
            assert_eq!(decode(&packed).as_deref(), Ok(json));
        }
    }

    #[test]
    fn a_packed_value_splits_into_its_compressed_bytes_and_back() {
        let stored = encode(&"{\"note\":\"the budget\"}".repeat(20));
        let back = compressed_of(&stored).map(|bytes| from_compressed(&bytes));
        assert_eq!(back.as_ref(), Some(&stored));
        // Not exactly what Tandem writes: not split (kept as text instead).
        assert_eq!(compressed_of("{\"plain\":1}"), None);
        assert_eq!(compressed_of(&stored.replacen(':', ":0", 1)), None);
        assert_eq!(unpack_bytes(&pack_bytes(&[1, 2, 3])), Ok(vec![1, 2, 3]));
        assert!(unpack_bytes("3").is_err() && unpack_bytes("x:").is_err());
    }

    #[test]
    fn block_packing_matches_the_original_and_round_trips_every_length() {
        let data: Vec<u8> = (0..200u32).map(|i| (i.wrapping_mul(97) ^ (i >> 3)) as u8).collect();
        for len in 0..data.len() {
            let bytes = &data[..len];
            let packed = pack(bytes);
            // Values stored by earlier builds were packed bit by bit.
            let mut original = String::new();
            pack_bit_by_bit(&mut original, bytes);
            assert_eq!(packed, original, "length {len}");
            assert_eq!(unpack(&packed, len).as_deref(), Ok(bytes), "length {len}");
        }
    }

    #[test]
    fn utf16_length_counts_like_the_browser() {
        let samples = [
            "",
            "a",
            "é",
            "😀",
            "abcdefgh",
            "ab😀cdéfg\u{801F}hij😀😀",
            &"xé😀\u{4000}".repeat(37),
        ];
        for text in samples {
            for cut in text.char_indices().map(|(i, _)| i).chain([text.len()]) {
                let t = &text[..cut];
                assert_eq!(utf16_len(t), t.encode_utf16().count(), "{t:?}");
            }
        }
    }

    #[test]
    fn plain_json_is_read_as_it_is() {
        assert_eq!(decode("{\"schema\":1}").as_deref(), Ok("{\"schema\":1}"));
    }

    #[test]
    fn damage_is_reported_not_panicked_on() {
        let packed = encode(&"{\"text\":\"hello world\"}".repeat(50));
        let truncated: String = packed.chars().take(packed.chars().count() / 2).collect();
        assert!(decode(&truncated).is_err());
        assert!(decode("TZ1:99999999999:abc").is_err());
        assert!(decode("TZ1:x:abc").is_err());
        assert!(decode("hello").is_err());
        // Flipped characters in the body: an error, never a panic.
        let mut chars: Vec<char> = packed.chars().collect();
        for i in (10..chars.len()).step_by(7) {
            chars[i] = char::from_u32(BASE + (i as u32 * 31) % 0x7FFF).unwrap_or(' ');
        }
        let garbled: String = chars.into_iter().collect();
        let _ = decode(&garbled);
        // Characters appended after the end, or a tiny value claiming a huge size.
        assert!(decode(&format!("{packed}abcdef")).is_err());
        assert!(decode(&format!("TZ1:4:{}", pack(&[0xFF, 0xFF, 0xFF, 0x03]))).is_err());
    }

    #[test]
    fn packing_beats_plain_json_by_far() -> Result<(), Box<dyn std::error::Error>> {
        let json = serde_json::to_string(&crate::model::sample::mentorship(1, 40, now()))?;
        let packed = encode(&json);
        assert!(utf16_len(&packed) * 3 < json.len(), "{} vs {}", utf16_len(&packed), json.len());
        Ok(())
    }
}
