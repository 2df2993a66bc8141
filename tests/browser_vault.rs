//! The vault's cryptography in headless Chromium (WebCrypto): values round
//! trip; a wrong passphrase, a changed value, a value moved to another key
//! and a changed parameter are refused; a passphrase change interrupted
//! before its one write leaves the old passphrase working.
#![cfg(target_arch = "wasm32")]

use tandem::storage::vault::webcrypto::Vault;
use tandem::storage::vault::{KeyRecord, VaultError, ITERATIONS, SEALED_PREFIX};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PHRASE: &str = "correct horse battery staple";
const NOTE: &[u8] = "Priya's private note: the budget worries me.".as_bytes();

#[wasm_bindgen_test]
async fn a_value_sealed_opens_with_the_passphrase_and_hides_its_text() {
    let vault = Vault::create(PHRASE).await.expect("created");
    assert_eq!(vault.record().iterations, ITERATIONS);
    let sealed = vault.seal("tandem.doc.1", NOTE).await.expect("sealed");
    assert!(sealed.starts_with(SEALED_PREFIX));
    assert!(!sealed.contains("budget") && !sealed.contains("private"));
    // Opened again from the stored record, as after a reload.
    let record = KeyRecord::parse(&vault.record().to_json()).expect("record");
    let reopened = Vault::unlock(&record, PHRASE).await.expect("unlocked");
    assert_eq!(reopened.open("tandem.doc.1", &sealed).await.as_deref(), Ok(NOTE));
    // A fresh nonce per write: the same text never seals the same way.
    let again = vault.seal("tandem.doc.1", NOTE).await.expect("sealed");
    assert_ne!(sealed, again);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_is_refused() {
    let vault = Vault::create(PHRASE).await.expect("created");
    let wrong = Vault::unlock(vault.record(), "correct horse battery stapler").await;
    assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
    assert_eq!(Vault::unlock(vault.record(), "").await.err(), Some(VaultError::WrongPassphrase));
}

#[wasm_bindgen_test]
async fn a_changed_or_moved_value_is_refused() {
    let vault = Vault::create(PHRASE).await.expect("created");
    let sealed = vault.seal("tandem.doc.1", NOTE).await.expect("sealed");
    // One character changed in the ciphertext.
    let mut bytes = sealed.clone().into_bytes();
    let i = bytes.len() - 10;
    bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(bytes).expect("ascii");
    assert!(matches!(vault.open("tandem.doc.1", &changed).await, Err(VaultError::Damaged(_))));
    // Cut short.
    let short = &sealed[..sealed.len() / 2];
    assert!(matches!(vault.open("tandem.doc.1", short).await, Err(VaultError::Damaged(_))));
    // Moved to another key.
    assert!(matches!(vault.open("tandem.doc.2", &sealed).await, Err(VaultError::Damaged(_))));
    // Sealed under another data key (another vault, same passphrase).
    let other = Vault::create(PHRASE).await.expect("created");
    assert!(matches!(other.open("tandem.doc.1", &sealed).await, Err(VaultError::Damaged(_))));
}

#[wasm_bindgen_test]
async fn a_changed_parameter_in_the_record_is_refused() {
    let vault = Vault::create(PHRASE).await.expect("created");
    let mut more = vault.record().clone();
    more.iterations += 1;
    assert_eq!(Vault::unlock(&more, PHRASE).await.err(), Some(VaultError::WrongPassphrase));
    let mut other_id = vault.record().clone();
    other_id.key_id = tandem::model::base64url::encode(&[7; 16]);
    assert_eq!(Vault::unlock(&other_id, PHRASE).await.err(), Some(VaultError::WrongPassphrase));
    let mut fewer = vault.record().clone();
    fewer.iterations = 1_000;
    assert!(matches!(Vault::unlock(&fewer, PHRASE).await, Err(VaultError::Damaged(_))));
}

#[wasm_bindgen_test]
async fn a_passphrase_change_keeps_the_data_and_is_one_write() {
    let vault = Vault::create(PHRASE).await.expect("created");
    let sealed = vault.seal("tandem.doc.1", NOTE).await.expect("sealed");
    let old_record = vault.record().clone();
    let wrong = Vault::change_passphrase(&old_record, "not it", "new phrase, longer").await;
    assert_eq!(wrong.err(), Some(VaultError::WrongPassphrase));
    let new_record =
        Vault::change_passphrase(&old_record, PHRASE, "new phrase, longer").await.expect("changed");
    assert_ne!(new_record.salt, old_record.salt, "a new salt");
    assert_eq!(new_record.key_id, old_record.key_id, "the same data key");
    // Interrupted before the new record was written: the old one still opens.
    let before = Vault::unlock(&old_record, PHRASE).await.expect("old still opens");
    assert_eq!(before.open("tandem.doc.1", &sealed).await.as_deref(), Ok(NOTE));
    // Written: the new passphrase opens the same data; the old one does not.
    let after = Vault::unlock(&new_record, "new phrase, longer").await.expect("new opens");
    assert_eq!(after.open("tandem.doc.1", &sealed).await.as_deref(), Ok(NOTE));
    assert_eq!(Vault::unlock(&new_record, PHRASE).await.err(), Some(VaultError::WrongPassphrase));
}
