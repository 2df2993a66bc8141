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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Packs JSON text into a stored value.
pub fn encode(json: &str) -> String {
    let compressed = lz4_flex::compress_prepend_size(json.as_bytes());
    format!("{PREFIX}{}:{}", compressed.len(), pack(&compressed))
}

/// Packs bytes 15 bits to a character.
fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 3);
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
    out
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
    let (len, packed) = rest.split_once(':').ok_or_else(|| DecodeError("its header is damaged".into()))?;
    let len: usize = len.parse().map_err(|_| DecodeError("its header is damaged".into()))?;
    if len > MAX_DOC_BYTES {
        return Err(DecodeError("its header claims an impossible size".into()));
    }
    // Exactly the characters that many bytes need: anything else is cut off
    // or has something appended (and would overflow the bit buffer).
    let chars = packed.chars().count();
    let expected = (len * 8).div_ceil(15);
    if chars < expected {
        return Err(DecodeError(format!("it is truncated ({chars} of {expected} characters)")));
    }
    if chars > expected {
        return Err(DecodeError("it has unexpected data at its end".into()));
    }
    let mut bytes = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in packed.chars() {
        let v = (c as u32).checked_sub(BASE).filter(|v| *v <= 0x7FFF).ok_or_else(|| DecodeError("it contains foreign characters".into()))?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < len {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xFF) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    if bytes.len() != len {
        return Err(DecodeError(format!("it is truncated ({} of {len} bytes)", bytes.len())));
    }
    if bytes.len() < 4 {
        return Err(DecodeError("it is truncated".into()));
    }
    let size = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    // LZ4 expands at most 255-fold: a larger claim is damage, not data.
    if size > MAX_DOC_BYTES || size > bytes.len().saturating_mul(255) {
        return Err(DecodeError("it claims an impossible size".into()));
    }
    let json = lz4_flex::decompress(&bytes[4..], size).map_err(|e| DecodeError(format!("it does not decompress ({e})")))?;
    String::from_utf8(json).map_err(|_| DecodeError("it is not valid text".into()))
}

/// The size of a string as browsers count it for the quota (UTF-16 units).
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn packing_beats_plain_json_by_far() {
        let json = serde_json::to_string(&crate::model::sample::mentorship(1, 40, "2026-11-23T09:00:00Z".parse().expect("time")))
            .expect("json");
        let packed = encode(&json);
        assert!(utf16_len(&packed) * 3 < json.len(), "{} vs {}", utf16_len(&packed), json.len());
    }
}
