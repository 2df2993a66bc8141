//! A bundle as text that survives every carrier — a link's fragment, a chat
//! message, a `.txt` file, the clipboard:
//!
//! ```text
//! TB1.<base64url of: LZ4(JSON) with its size first, then 8 bytes of its SHA-256>
//! ```
//!
//! `1` is the text form's version. The checksum tells a bundle cut short or
//! changed on the way from one that is whole; [`read`] finds the bundle in
//! whatever was pasted around it (a whole message, a link).

use sha2::{Digest, Sha256};

use crate::model::base64url::{self, is_base64url};

use super::bundle::{Bundle, FORMAT, KIND};
use super::receive::Refusal;

/// What starts a bundle's text.
pub const PREFIX: &str = "TB1.";
/// The largest bundle accepted, once decompressed.
pub const MAX_JSON_BYTES: usize = 32 * 1024 * 1024;
const CHECKSUM_BYTES: usize = 8;

/// The bundle as text.
pub fn write(bundle: &Bundle) -> String {
    let json = serde_json::to_string(bundle).unwrap_or_default();
    let mut bytes = lz4_flex::compress_prepend_size(json.as_bytes());
    let sum = checksum(&bytes);
    bytes.extend_from_slice(&sum);
    format!("{PREFIX}{}", base64url::encode(&bytes))
}

/// Reads the bundle in `text` (the bundle alone, or a message or link that
/// holds it). Never panics, whatever the text.
pub fn read(text: &str) -> Result<Bundle, Refusal> {
    let token = find(text)?;
    let bytes =
        base64url::decode(token).ok_or_else(|| Refusal::Damaged("it is cut short".into()))?;
    if bytes.len() < 4 + CHECKSUM_BYTES {
        return Err(Refusal::Damaged("it is cut short".into()));
    }
    let (packed, sum) = bytes.split_at(bytes.len() - CHECKSUM_BYTES);
    if checksum(packed) != sum {
        return Err(Refusal::Damaged("it does not match its checksum".into()));
    }
    let size = u32::from_le_bytes([packed[0], packed[1], packed[2], packed[3]]) as usize;
    // LZ4 expands at most 255-fold: a larger claim is not data.
    if size > MAX_JSON_BYTES || size > packed.len().saturating_mul(255) {
        return Err(Refusal::Damaged("it claims an impossible size".into()));
    }
    let json = lz4_flex::decompress(&packed[4..], size)
        .map_err(|_| Refusal::Damaged("it does not decompress".into()))?;
    let json =
        String::from_utf8(json).map_err(|_| Refusal::Damaged("it is not valid text".into()))?;
    parse(&json)
}

/// The bundle in its JSON: the kind and format are read first, so a newer
/// format is named as such rather than failing on its new fields.
fn parse(json: &str) -> Result<Bundle, Refusal> {
    #[derive(serde::Deserialize)]
    struct Header {
        kind: String,
        format: u32,
    }
    let header: Header = serde_json::from_str(json)
        .map_err(|_| Refusal::NotOurs("it is not a Tandem bundle".into()))?;
    if header.kind != KIND {
        return Err(Refusal::NotOurs("it is not a Tandem bundle".into()));
    }
    if header.format > FORMAT {
        return Err(Refusal::Newer(header.format));
    }
    serde_json::from_str(json).map_err(|e| {
        Refusal::Invalid(vec![format!("It does not have a bundle's shape (line {}).", e.line())])
    })
}

/// The bundle's characters in `text`: from its prefix to the first
/// character that cannot be part of it.
fn find(text: &str) -> Result<&str, Refusal> {
    let Some(start) = text.find(PREFIX) else {
        return Err(match newer_prefix(text) {
            Some(version) => Refusal::Newer(version),
            None => Refusal::NotOurs("it holds no Tandem bundle".into()),
        });
    };
    let rest = &text[start + PREFIX.len()..];
    let end = rest.find(|c: char| !is_base64url(c)).unwrap_or(rest.len());
    Ok(&rest[..end])
}

/// The version of a later text form (`TB2.`…), if `text` holds one.
fn newer_prefix(text: &str) -> Option<u32> {
    text.match_indices("TB").find_map(|(i, _)| {
        let rest = &text[i + 2..];
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let version: u32 = rest[..digits].parse().ok()?;
        (version > 1 && rest[digits..].starts_with('.')).then_some(version)
    })
}

fn checksum(bytes: &[u8]) -> [u8; CHECKSUM_BYTES] {
    let digest = Sha256::digest(bytes);
    let mut out = [0u8; CHECKSUM_BYTES];
    out.copy_from_slice(&digest[..CHECKSUM_BYTES]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newer_text_form_is_named() {
        assert_eq!(read("see TB2.abcd").unwrap_err(), Refusal::Newer(2));
        assert!(matches!(read("hello").unwrap_err(), Refusal::NotOurs(_)));
        assert!(matches!(read("TB1.").unwrap_err(), Refusal::Damaged(_)));
    }
}
