//! A protected file: a backup (or any text Tandem writes for a person to
//! keep or send) encrypted with a passphrase of its own, so it can sit in
//! a downloads folder or a mailbox unread.
//!
//! ```text
//! {"format":"tandem-protected","version":1,"kdf":"PBKDF2-SHA256",
//!  "iterations":600000,"salt":"…","cipher":"AES-GCM-256","nonce":"…",
//!  "data":"…"}
//! ```
//!
//! `data` is the text, compressed, then encrypted with AES-GCM under the key
//! PBKDF2-SHA256 derives from the passphrase and the salt; every other field
//! is bound to it as associated data, so none can be changed unnoticed.
//! This file is pure; [`super::webcrypto`] does the cryptography.

use serde::{Deserialize, Serialize};

use super::fields::read_versioned;
use super::{
    plain, VaultError, CIPHER, ITERATIONS, KDF, MAX_ITERATIONS, NONCE_BYTES, SALT_BYTES, TAG_BYTES,
};
use crate::model::base64url;
use crate::storage::codec;

/// The `format` of a protected file.
pub const FORMAT: &str = "tandem-protected";
/// The version this app writes; it reads this one and older.
pub const VERSION: u32 = 1;
/// The largest protected file read, in bytes of text.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(Deserialize), serde(deny_unknown_fields))]
pub struct Protected {
    pub format: String,
    pub version: u32,
    pub kdf: String,
    pub iterations: u32,
    pub salt: String,
    pub cipher: String,
    pub nonce: String,
    pub data: String,
}

/// The parts of a [`Protected`] once checked.
pub struct Parts {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
}

/// Whether `text` is a protected file (else it is read as it is).
pub fn is_protected(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Format<'a> {
        #[serde(borrow)]
        format: Option<&'a str>,
    }
    text.len() <= MAX_TEXT_BYTES
        && serde_json::from_str::<Format>(text).is_ok_and(|f| f.format == Some(FORMAT))
}

impl Protected {
    pub fn new(salt: &[u8], nonce: &[u8], ciphertext: &[u8]) -> Protected {
        Protected {
            format: FORMAT.into(),
            version: VERSION,
            kdf: KDF.into(),
            iterations: ITERATIONS,
            salt: base64url::encode(salt),
            cipher: CIPHER.into(),
            nonce: base64url::encode(nonce),
            data: base64url::encode(ciphertext),
        }
    }

    /// Reads a protected file. Never panics, whatever the text.
    pub fn parse(text: &str) -> Result<Protected, VaultError> {
        if text.len() > MAX_TEXT_BYTES {
            let limit = MAX_TEXT_BYTES / (1024 * 1024);
            return Err(VaultError::Damaged(format!("the protected file is over {limit} MB")));
        }
        let names = ["format", "version", "kdf", "iterations", "salt", "cipher", "nonce", "data"];
        let file = read_versioned(
            text,
            "the protected file",
            ("version", VERSION),
            &names,
            |f, version| {
                Some(Protected {
                    format: f.text("format")?,
                    version,
                    kdf: f.text("kdf")?,
                    iterations: f.number("iterations")?,
                    salt: f.text("salt")?,
                    cipher: f.text("cipher")?,
                    nonce: f.text("nonce")?,
                    data: f.text("data")?,
                })
            },
        )?;
        file.parts()?;
        Ok(file)
    }

    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks every part for range, not only shape.
    pub fn parts(&self) -> Result<Parts, VaultError> {
        let damaged =
            |what: &str| VaultError::Damaged(format!("the protected file's {what} is not valid"));
        if self.format != FORMAT || self.version == 0 || self.kdf != KDF || self.cipher != CIPHER {
            return Err(damaged("kind"));
        }
        if !(ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(damaged("iteration count"));
        }
        let salt = base64url::decode(&self.salt).filter(|s| s.len() == SALT_BYTES);
        let nonce = base64url::decode(&self.nonce).filter(|n| n.len() == NONCE_BYTES);
        let data = base64url::decode(&self.data).filter(|d| d.len() >= TAG_BYTES);
        match (salt, nonce, data) {
            (Some(salt), Some(nonce), Some(ciphertext)) => {
                Ok(Parts { iterations: self.iterations, salt, nonce, ciphertext })
            }
            _ => Err(damaged("content")),
        }
    }

    /// The associated data: every field but the data itself.
    pub fn aad(&self) -> Vec<u8> {
        format!(
            "{}/{}/{}/{}/{}/{}/{}",
            self.format,
            self.version,
            self.kdf,
            self.iterations,
            self.salt,
            self.cipher,
            self.nonce
        )
        .into_bytes()
    }
}

/// The bytes encrypted for `text`: compressed.
pub fn to_plain(text: &str) -> Vec<u8> {
    plain::to_bytes(&codec::encode(text))
}

/// The text of decrypted bytes; `None` when they are not what
/// [`to_plain`] makes.
pub fn from_plain(bytes: &[u8]) -> Option<String> {
    codec::decode(&plain::from_bytes(bytes)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whitespace enough to take a file over the limit.
    fn padding_over_the_limit() -> String {
        " ".repeat(MAX_TEXT_BYTES)
    }

    fn file() -> Protected {
        Protected::new(&[1; SALT_BYTES], &[2; NONCE_BYTES], &[3; 40])
    }

    #[test]
    fn a_protected_file_is_told_apart_and_round_trips() {
        let f = file();
        assert!(is_protected(&f.to_text()));
        assert!(!is_protected("{\"format\": \"tandem-backup\"}") && !is_protected("not json"));
        assert_eq!(Protected::parse(&f.to_text()), Ok(f.clone()));
        let text = "{\"note\": \"the budget\"}".repeat(30);
        assert_eq!(from_plain(&to_plain(&text)), Some(text));
    }

    #[test]
    fn out_of_range_or_newer_files_are_refused() {
        type Change = Box<dyn Fn(&mut Protected)>;
        let cases: Vec<(&str, Change)> = vec![
            ("few iterations", Box::new(|f| f.iterations = 10)),
            ("many iterations", Box::new(|f| f.iterations = u32::MAX)),
            ("short salt", Box::new(|f| f.salt = base64url::encode(&[1; 4]))),
            ("short nonce", Box::new(|f| f.nonce = base64url::encode(&[1; 4]))),
            ("no data", Box::new(|f| f.data = String::new())),
            ("other cipher", Box::new(|f| f.cipher = "DES".into())),
        ];
        for (what, change) in cases {
            let mut f = file();
            change(&mut f);
            assert!(
                matches!(Protected::parse(&f.to_text()), Err(VaultError::Damaged(_))),
                "{what}"
            );
        }
        let huge = format!("{}{}", padding_over_the_limit(), file().to_text());
        assert_eq!(
            Protected::parse(&huge),
            Err(VaultError::Damaged("the protected file is over 64 MB".into()))
        );
        let mut newer = file();
        newer.version = 5;
        assert_eq!(Protected::parse(&newer.to_text()), Err(VaultError::Newer(5)));
        // Each field is bound to the data.
        let mut salted = file();
        salted.salt = base64url::encode(&[9; SALT_BYTES]);
        assert_ne!(file().aad(), salted.aad());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reading_any_text_never_panics(text in ".{0,400}") {
            let _ = is_protected(&text);
            let _ = Protected::parse(&text);
        }

        #[test]
        fn any_decrypted_bytes_are_read_without_panicking(
            bytes in prop::collection::vec(any::<u8>(), 0..300)
        ) {
            let _ = from_plain(&bytes);
        }

        /// The file's reader says what serde's derived reader said.
        #[test]
        fn files_are_read_as_serde_reads_them(text in file_objects()) {
            prop_assert_eq!(Protected::parse(&text), serde_reads(&text));
        }
    }

    /// How a protected file was read before [`super::super::fields`]: its
    /// version first, then the whole file with serde's derived reader.
    fn serde_reads(text: &str) -> Result<Protected, VaultError> {
        #[derive(Deserialize)]
        struct Version {
            version: u32,
        }
        let unreadable = || VaultError::Damaged("the protected file is not readable".into());
        let version: Version = serde_json::from_str(text).map_err(|_| unreadable())?;
        if version.version > VERSION {
            return Err(VaultError::Newer(version.version));
        }
        let file: Protected = serde_json::from_str(text).map_err(|_| unreadable())?;
        file.parts()?;
        Ok(file)
    }

    fn file_objects() -> BoxedStrategy<String> {
        use super::super::fields::objects::{bytes, number, object, text};
        object(vec![
            ("format", text(FORMAT.into(), vec!["tandem-backup".into()])),
            ("version", number(1, VERSION)),
            ("kdf", text(KDF.into(), vec![])),
            ("iterations", number(ITERATIONS, MAX_ITERATIONS)),
            ("salt", bytes(SALT_BYTES)),
            ("cipher", text(CIPHER.into(), vec!["AES".into()])),
            ("nonce", bytes(NONCE_BYTES)),
            ("data", bytes(TAG_BYTES)),
        ])
    }
}
