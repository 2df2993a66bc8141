//! The vault: what encrypting Tandem's data at rest with a passphrase keeps
//! in storage, and the checks on it (issue 14's foundation).
//!
//! A random 256-bit data key encrypts every value (AES-GCM, a fresh 12-byte
//! nonce per write). The passphrase never encrypts data: PBKDF2-SHA256 turns
//! it and a random salt into a key-encryption key that wraps the data key.
//! The [`KeyRecord`] keeps the wrapped key and the parameters; changing the
//! passphrase rewraps the data key and replaces the record in one write, so
//! the data stays readable with the old or the new passphrase, never neither.
//!
//! ```text
//! a sealed value:  TV1.<byte length>:<nonce (12 bytes), ciphertext and tag>
//! ```
//!
//! packed 15 bits to a character like every stored value (see
//! [`super::codec`]): `localStorage` counts characters, and base64 would
//! take 2.5 times as many. What is sealed is the value's compressed bytes
//! (see [`plain`]), so a locked library takes about the room an unlocked
//! one does.
//!
//! Each value's associated data names the data key and the storage key it
//! was written under, so a value moved to another key, or sealed under
//! another data key, does not open. The record's own parameters are bound to
//! the wrapped key the same way: raising the iterations later is a new record,
//! not a flag day. This file is pure (tested natively); [`webcrypto`] does
//! the cryptography with the browser's `SubtleCrypto`.

pub mod fields;
pub mod mirror;
pub mod plain;
pub mod protected;
pub mod sealed;
pub mod stored;
pub mod webcrypto;

use crate::model::stored_time::{self, optional_instant};
use serde::Serialize;

use super::codec;
use crate::model::base64url;
use fields::{read_versioned, Fields};

/// The record format this app writes; it reads this one and older.
pub const FORMAT: u32 = 1;
/// The key derivation this app uses.
pub const KDF: &str = "PBKDF2-SHA256";
/// The cipher of the data and of the wrapped key.
pub const CIPHER: &str = "AES-GCM-256";
/// PBKDF2 iterations: OWASP's current figure for PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;
/// More than this is refused: a record from elsewhere must not be able to
/// make unlocking take minutes.
pub const MAX_ITERATIONS: u32 = 10_000_000;
/// What starts a sealed value.
pub const SEALED_PREFIX: &str = "TV1.";

pub const SALT_BYTES: usize = 16;
pub const KEY_ID_BYTES: usize = 16;
pub const NONCE_BYTES: usize = 12;
pub const TAG_BYTES: usize = 16;
const DATA_KEY_BYTES: usize = 32;

/// What is kept beside the data to open it with the passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize), serde(deny_unknown_fields))]
pub struct KeyRecord {
    pub format: u32,
    /// [`KDF`].
    pub kdf: String,
    pub iterations: u32,
    /// Base64url of [`SALT_BYTES`] random bytes.
    pub salt: String,
    /// [`CIPHER`].
    pub cipher: String,
    /// Names the data key (random, kept when the passphrase changes).
    pub key_id: String,
    /// Base64url of the nonce and the data key wrapped with AES-GCM.
    pub wrapped_key: String,
}

/// Why the vault cannot do what was asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The passphrase does not open the data key.
    #[error("That passphrase does not open Tandem.")]
    WrongPassphrase,
    /// The record or a value was cut short, changed or is not ours.
    #[error("The locked data cannot be opened: {0}.")]
    Damaged(String),
    /// Written by a later version of Tandem.
    #[error("The lock was set by a newer version of Tandem (format {0}): reload to update.")]
    Newer(u32),
    /// The browser cannot do it (no secure context, no `SubtleCrypto`).
    #[error("This browser cannot lock or unlock Tandem: {0}.")]
    Unavailable(String),
    /// The code that reads the lock's record has not arrived yet
    /// (`storage::doc_code`).
    #[error("Tandem has not finished starting: reload the page.")]
    NotReady,
}

/// The parts of a [`KeyRecord`] once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub wrapped: Vec<u8>,
}

impl KeyRecord {
    /// A record for a data key `key_id` wrapped (with `nonce`) under the key
    /// derived from the passphrase and `salt`.
    pub fn new(salt: &[u8], key_id: &[u8], nonce: &[u8], wrapped: &[u8]) -> KeyRecord {
        KeyRecord {
            format: FORMAT,
            kdf: KDF.into(),
            iterations: ITERATIONS,
            salt: base64url::encode(salt),
            cipher: CIPHER.into(),
            key_id: base64url::encode(key_id),
            wrapped_key: base64url::encode(&[nonce, wrapped].concat()),
        }
    }

    /// Reads a stored record. Never panics, whatever the text.
    pub fn parse(text: &str) -> Result<KeyRecord, VaultError> {
        let names = ["format", "kdf", "iterations", "salt", "cipher", "key_id", "wrapped_key"];
        let record =
            read_versioned(text, "the lock's record", ("format", FORMAT), &names, |f, format| {
                Some(KeyRecord {
                    format,
                    kdf: f.text("kdf")?,
                    iterations: f.number("iterations")?,
                    salt: f.text("salt")?,
                    cipher: f.text("cipher")?,
                    key_id: f.text("key_id")?,
                    wrapped_key: f.text("wrapped_key")?,
                })
            })?;
        record.check()?;
        Ok(record)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks every part for range, not only shape.
    pub fn check(&self) -> Result<Checked, VaultError> {
        let damaged = |what: &str| VaultError::Damaged(format!("the lock's {what} is not valid"));
        if self.format > FORMAT {
            return Err(VaultError::Newer(self.format));
        }
        if self.format == 0 || self.kdf != KDF || self.cipher != CIPHER {
            return Err(damaged("kind"));
        }
        if !(ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(damaged("iteration count"));
        }
        let salt = base64url::decode(&self.salt).filter(|s| s.len() == SALT_BYTES);
        let key_id = base64url::decode(&self.key_id).filter(|k| k.len() == KEY_ID_BYTES);
        let wrapped = base64url::decode(&self.wrapped_key)
            .filter(|w| w.len() == NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES);
        let (Some(salt), Some(_), Some(wrapped)) = (salt, key_id, wrapped) else {
            return Err(damaged("key"));
        };
        let (nonce, wrapped) = wrapped.split_at(NONCE_BYTES);
        Ok(Checked {
            iterations: self.iterations,
            salt,
            nonce: nonce.to_vec(),
            wrapped: wrapped.to_vec(),
        })
    }

    /// The associated data of the wrapped key: every parameter, so changing
    /// one (fewer iterations, another salt) makes the key fail to unwrap.
    pub fn wrapping_aad(&self) -> Vec<u8> {
        format!(
            "tandem-vault/{}/{}/{}/{}/{}/{}",
            self.format, self.kdf, self.iterations, self.salt, self.cipher, self.key_id
        )
        .into_bytes()
    }

    /// The associated data of the value stored under `name`: the data key
    /// and the storage key, so a value opens only where it was written.
    pub fn value_aad(&self, name: &str) -> Vec<u8> {
        format!("tandem-vault/{}/{}\n{name}", self.cipher, self.key_id).into_bytes()
    }
}

/// The lock's settings on this device, and when it last locked: stored
/// plain beside the record (no one's words are in it), so every tab,
/// locked or not, reads it, and a new `locked_at` locks them all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub struct LockSettings {
    /// Minutes without use (in any tab) before Tandem locks itself.
    pub idle_minutes: u32,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub locked_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The idle times offered, in minutes.
pub const IDLE_CHOICES: [u32; 6] = [1, 5, 10, 15, 30, 60];
/// The idle time until the person picks another.
pub const DEFAULT_IDLE_MINUTES: u32 = 10;

impl Default for LockSettings {
    fn default() -> LockSettings {
        LockSettings { idle_minutes: DEFAULT_IDLE_MINUTES, locked_at: None }
    }
}

impl LockSettings {
    /// Reads stored settings; anything unreadable or out of range is the
    /// default. Never panics.
    pub fn parse(text: &str) -> LockSettings {
        let read = || {
            let fields = Fields::parse(text, &["idle_minutes", "locked_at"])?;
            fields.none_twice().then_some(())?;
            let locked_at = match fields.optional_text("locked_at")? {
                Some(text) => Some(stored_time::read_instant(text)?.to_utc()),
                None => None,
            };
            Some(LockSettings { idle_minutes: fields.number("idle_minutes")?, locked_at })
        };
        let mut settings = read().unwrap_or_default();
        if !IDLE_CHOICES.contains(&settings.idle_minutes) {
            settings.idle_minutes = DEFAULT_IDLE_MINUTES;
        }
        settings
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Whether a stored value is sealed (else it is plain, as before a lock).
pub fn is_sealed(value: &str) -> bool {
    value.starts_with(SEALED_PREFIX)
}

/// A sealed value's text.
pub fn write_sealed(nonce: &[u8], ciphertext: &[u8]) -> String {
    format!("{SEALED_PREFIX}{}", codec::pack_bytes(&[nonce, ciphertext].concat()))
}

/// A sealed value's nonce and ciphertext (with its tag). Never panics.
pub fn read_sealed(value: &str) -> Result<(Vec<u8>, Vec<u8>), VaultError> {
    let damaged = || VaultError::Damaged("a stored value is cut short or changed".into());
    let body = value.strip_prefix(SEALED_PREFIX).ok_or_else(damaged)?;
    let bytes = codec::unpack_bytes(body).map_err(|_| damaged())?;
    if bytes.len() < NONCE_BYTES + TAG_BYTES {
        return Err(damaged());
    }
    let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
    Ok((nonce.to_vec(), ciphertext.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> KeyRecord {
        KeyRecord::new(&[1; SALT_BYTES], &[2; KEY_ID_BYTES], &[3; NONCE_BYTES], &[4; 48])
    }

    #[test]
    fn a_record_round_trips_and_checks() {
        let r = record();
        assert_eq!(KeyRecord::parse(&r.to_json()), Ok(r.clone()));
        let parts = r.check().map(|c| (c.iterations, c.salt.len(), c.nonce.len(), c.wrapped.len()));
        assert_eq!(parts, Ok((600_000, 16, 12, 48)));
    }

    #[test]
    fn a_record_out_of_range_is_refused() {
        type Change = Box<dyn Fn(&mut KeyRecord)>;
        let cases: Vec<(&str, Change)> = vec![
            ("too few iterations", Box::new(|r| r.iterations = 1_000)),
            ("too many iterations", Box::new(|r| r.iterations = u32::MAX)),
            ("short salt", Box::new(|r| r.salt = base64url::encode(&[1; 8]))),
            ("not base64", Box::new(|r| r.wrapped_key = "!!".into())),
            ("short key", Box::new(|r| r.wrapped_key = base64url::encode(&[1; 20]))),
            ("other kdf", Box::new(|r| r.kdf = "MD5".into())),
            ("other cipher", Box::new(|r| r.cipher = "ROT13".into())),
            ("format 0", Box::new(|r| r.format = 0)),
        ];
        for (what, change) in cases {
            let mut r = record();
            change(&mut r);
            assert!(matches!(r.check(), Err(VaultError::Damaged(_))), "{what}");
            assert!(KeyRecord::parse(&r.to_json()).is_err(), "{what}");
        }
    }

    #[test]
    fn a_newer_record_is_named() {
        let mut r = record();
        r.format = 7;
        assert_eq!(KeyRecord::parse(&r.to_json()), Err(VaultError::Newer(7)));
        let newer = r#"{"format": 9, "argon2": {"memory": 65536}}"#;
        assert_eq!(KeyRecord::parse(newer), Err(VaultError::Newer(9)));
    }

    #[test]
    fn every_parameter_is_bound_to_the_wrapped_key() {
        let r = record();
        let mut fewer = r.clone();
        fewer.iterations += 1;
        let mut salted = r.clone();
        salted.salt = base64url::encode(&[9; SALT_BYTES]);
        assert_ne!(r.wrapping_aad(), fewer.wrapping_aad());
        assert_ne!(r.wrapping_aad(), salted.wrapping_aad());
        // The data's associated data survives a new passphrase (new salt).
        assert_eq!(r.value_aad("tandem.doc"), salted.value_aad("tandem.doc"));
        assert_ne!(r.value_aad("tandem.doc"), r.value_aad("tandem.meta"));
    }

    #[test]
    fn lock_settings_out_of_range_are_the_default() {
        assert_eq!(LockSettings::parse("not json"), LockSettings::default());
        assert_eq!(LockSettings::parse(r#"{"idle_minutes": 0}"#).idle_minutes, 10);
        assert_eq!(LockSettings::parse(r#"{"idle_minutes": 99999}"#).idle_minutes, 10);
        let s =
            LockSettings { idle_minutes: 5, locked_at: Some(crate::model::test_support::now()) };
        assert_eq!(LockSettings::parse(&s.to_json()), s);
    }

    #[test]
    fn sealed_values_round_trip_and_damage_is_refused() {
        let text = write_sealed(&[5; NONCE_BYTES], &[6; 40]);
        assert!(is_sealed(&text) && !is_sealed("{\"plain\": true}"));
        assert_eq!(read_sealed(&text), Ok((vec![5; 12], vec![6; 40])));
        let cut: String = text.chars().take(10).collect();
        for bad in ["TV1.", "TV1.AAAA", "TV1.3:!!!!", "TV1.40:", "XX1.AAAA", &cut] {
            assert!(matches!(read_sealed(bad), Err(VaultError::Damaged(_))), "{bad}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn reading_any_text_never_panics(text in ".{0,300}") {
            let _ = KeyRecord::parse(&text);
            let _ = read_sealed(&text);
            let _ = read_sealed(&format!("{SEALED_PREFIX}{text}"));
        }

        #[test]
        fn any_record_json_is_checked_without_panicking(
            format in any::<u32>(), iterations in any::<u32>(),
            salt in "[A-Za-z0-9_-]{0,40}", key in "[A-Za-z0-9_-]{0,120}",
        ) {
            let json = serde_json::json!({
                "format": format, "kdf": KDF, "iterations": iterations, "salt": salt,
                "cipher": CIPHER, "key_id": salt, "wrapped_key": key,
            });
            let _ = KeyRecord::parse(&json.to_string());
        }

        /// The record's reader says what serde's derived reader said.
        #[test]
        fn records_are_read_as_serde_reads_them(text in record_objects()) {
            prop_assert_eq!(KeyRecord::parse(&text), serde_reads_record(&text));
        }

        #[test]
        fn settings_are_read_as_serde_reads_them(text in settings_objects()) {
            prop_assert_eq!(LockSettings::parse(&text), serde_reads_settings(&text));
        }
    }

    /// How the record was read before [`fields`]: its format first, then
    /// the whole record with serde's derived reader.
    fn serde_reads_record(text: &str) -> Result<KeyRecord, VaultError> {
        #[derive(serde::Deserialize)]
        struct Header {
            format: u32,
        }
        let unreadable = || VaultError::Damaged("the lock's record is not readable".into());
        let header: Header = serde_json::from_str(text).map_err(|_| unreadable())?;
        if header.format > FORMAT {
            return Err(VaultError::Newer(header.format));
        }
        let record: KeyRecord = serde_json::from_str(text).map_err(|_| unreadable())?;
        record.check()?;
        Ok(record)
    }

    fn serde_reads_settings(text: &str) -> LockSettings {
        let mut settings: LockSettings = serde_json::from_str(text).unwrap_or_default();
        if !IDLE_CHOICES.contains(&settings.idle_minutes) {
            settings.idle_minutes = DEFAULT_IDLE_MINUTES;
        }
        settings
    }

    fn record_objects() -> BoxedStrategy<String> {
        use fields::objects::{bytes, number, object, text};
        object(vec![
            ("format", number(1, FORMAT)),
            ("kdf", text(KDF.into(), vec!["PBKDF2".into()])),
            ("iterations", number(ITERATIONS, MAX_ITERATIONS)),
            ("salt", bytes(SALT_BYTES)),
            ("cipher", text(CIPHER.into(), vec![])),
            ("key_id", bytes(KEY_ID_BYTES)),
            ("wrapped_key", bytes(NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES)),
        ])
    }

    fn settings_objects() -> BoxedStrategy<String> {
        use fields::objects::{object, one_of, text};
        let near = ["2026-11-30T10:00:00.5+01:00", "2026-13-01T00:00:00Z", "2026-11-30"];
        let locked_at = prop_oneof![
            3 => text("2026-11-30T10:00:00Z".into(), near.map(String::from).to_vec()),
            1 => Just(serde_json::Value::Null),
        ];
        prop_oneof![
            object(vec![("idle_minutes", one_of(&IDLE_CHOICES)), ("locked_at", locked_at.boxed())]),
            // As written before the first lock.
            object(vec![("idle_minutes", one_of(&IDLE_CHOICES))]),
        ]
        .boxed()
    }
}
