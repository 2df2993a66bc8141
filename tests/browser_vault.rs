//! The vault's cryptography in headless Chromium (WebCrypto): values round
//! trip; a wrong passphrase, a changed value, a value moved to another key
//! and a changed parameter are refused; a passphrase change interrupted
//! before its one write leaves the old passphrase working; the open vault
//! over the real `localStorage` seals what it finds plain and every write,
//! in order, and reads it all back; a value that does not open is handed on
//! as it is stored (kept aside, never overwritten).
#![cfg(target_arch = "wasm32")]

use tandem::storage::vault::sealed::SealedStorage;
use tandem::storage::vault::webcrypto::Vault;
use tandem::storage::vault::{
    read_sealed, write_sealed, KeyRecord, VaultError, ITERATIONS, SEALED_PREFIX,
};
use tandem::storage::web::BrowserStorage;
use tandem::storage::{Backend, Namespace, Repository};
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
    // One bit changed in the ciphertext.
    let (nonce, mut ciphertext) = read_sealed(&sealed).expect("ours");
    let i = ciphertext.len() - 10;
    ciphertext[i] ^= 1;
    let changed = write_sealed(&nonce, &ciphertext);
    assert!(matches!(vault.open("tandem.doc.1", &changed).await, Err(VaultError::Damaged(_))));
    // Cut short.
    let short: String = sealed.chars().take(sealed.chars().count() / 2).collect();
    assert!(matches!(vault.open("tandem.doc.1", &short).await, Err(VaultError::Damaged(_))));
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

/// A deployment's keys of its own, so tests do not meet each other's.
fn keys(name: &str) -> Namespace {
    let keys = Namespace::for_base(&format!("/vault-test-{name}"));
    for key in BrowserStorage.keys().expect("keys") {
        if keys.parse(&key).is_some() {
            BrowserStorage.remove(&key).expect("removed");
        }
    }
    keys
}

fn stored_values(keys: &Namespace) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = BrowserStorage
        .keys()
        .expect("keys")
        .into_iter()
        .filter(|k| keys.parse(k).is_some())
        .map(|k| {
            let v = BrowserStorage.get(&k).expect("get").unwrap_or_default();
            (k, v)
        })
        .collect();
    all.sort();
    all
}

#[wasm_bindgen_test]
async fn the_open_vault_seals_what_it_finds_and_every_write_and_reads_it_back() {
    let keys = keys("seal");
    // A library stored plain, as before the lock.
    let lib = tandem::model::sample::library(2, 3, chrono::Utc::now());
    let (mut plain, _) = Repository::open(BrowserStorage, keys.clone());
    plain.replace_all(&lib).expect("stored");
    let vault = Vault::create(PHRASE).await.expect("created");
    let record = vault.record().clone();
    let sealed = SealedStorage::open(keys.clone(), vault).await.expect("opened");
    sealed.settle().await.expect("sealed");
    for (key, value) in stored_values(&keys) {
        let header = key.ends_with(".meta");
        assert_eq!(value.starts_with(SEALED_PREFIX), !header, "{key}");
    }
    // Writes through the repository are sealed too, in order.
    let (mut repo, loaded) = Repository::open(sealed.clone(), keys.clone());
    assert_eq!(loaded.library.mentorships.len(), 2);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let mut doc = loaded.library.mentorships[0].clone();
    doc.mentorship.focus = "Sealed focus words".into();
    repo.save_doc(&doc).expect("saved");
    assert!(sealed.waiting() > 0, "stored later");
    sealed.settle().await.expect("stored");
    assert!(!format!("{:?}", stored_values(&keys)).contains("Sealed focus words"));

    // Opened again, as after a reload: everything reads back.
    let again = Vault::unlock(&record, PHRASE).await.expect("unlocked");
    let reopened = SealedStorage::open(keys.clone(), again).await.expect("opened");
    let (_, loaded) = Repository::open(reopened, keys.clone());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let focus: Vec<String> =
        loaded.library.mentorships.iter().map(|d| d.mentorship.focus.clone()).collect();
    assert!(focus.contains(&"Sealed focus words".to_string()), "{focus:?}");
}

#[wasm_bindgen_test]
async fn a_sealed_value_that_does_not_open_is_kept_aside_and_never_overwritten() {
    let keys = keys("damaged");
    let vault = Vault::create(PHRASE).await.expect("created");
    let sealed = SealedStorage::open(keys.clone(), vault).await.expect("opened");
    let (mut repo, _) = Repository::open(sealed.clone(), keys.clone());
    let lib = tandem::model::sample::library(1, 1, chrono::Utc::now());
    repo.replace_all(&lib).expect("stored");
    sealed.settle().await.expect("stored");
    let id = lib.mentorships[0].id();
    let key = repo.doc_key(id);
    // Another data key's value put in its place.
    let other = Vault::create(PHRASE).await.expect("created");
    let foreign = other.seal(&key, b"not this vault's").await.expect("sealed");
    BrowserStorage.set(&key, &foreign).expect("set");

    let record = sealed.vault().record().clone();
    let again = Vault::unlock(&record, PHRASE).await.expect("unlocked");
    let reopened = SealedStorage::open(keys.clone(), again).await.expect("opened");
    let (mut repo, loaded) = Repository::open(reopened.clone(), keys.clone());
    assert_eq!(loaded.library.mentorships.len(), 0);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(repo.save_doc(&lib.mentorships[0]).is_err(), "held back");
    reopened.settle().await.expect("nothing to store");
    assert_eq!(BrowserStorage.get(&key).expect("get").as_deref(), Some(foreign.as_str()));
}

#[wasm_bindgen_test]
async fn another_tabs_sealed_write_is_opened_and_taken_in() {
    let keys = keys("tabs");
    let vault = Vault::create(PHRASE).await.expect("created");
    let record = vault.record().clone();
    let ours = SealedStorage::open(keys.clone(), vault).await.expect("opened");
    let theirs =
        SealedStorage::open(keys.clone(), Vault::unlock(&record, PHRASE).await.expect("unlocked"))
            .await
            .expect("opened");
    let key = format!("{}m.1", keys.prefix());
    theirs.set(&key, "{\"their\":\"words\"}").expect("set");
    theirs.settle().await.expect("stored");
    let stored = BrowserStorage.get(&key).expect("get");
    let opened = ours.take_external(&key, stored).await;
    assert_eq!(opened.as_deref(), Some("{\"their\":\"words\"}"));
    assert_eq!(ours.get(&key).expect("get"), opened, "taken into the mirror");
    assert_eq!(ours.waiting(), 0, "not written back");
}

#[wasm_bindgen_test]
async fn a_sealed_write_storage_cannot_hold_waits_is_reported_and_is_stored_later() {
    let keys = keys("full");
    let vault = Vault::create(PHRASE).await.expect("created");
    let sealed = SealedStorage::open(keys.clone(), vault).await.expect("opened");
    let reports = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = reports.clone();
    sealed.on_stored(move |r| seen.borrow_mut().push(r));
    // Another app on this origin takes all the room there is.
    let filler = "tandem-test-filler";
    let mut size = 1 << 22;
    let mut n = 0;
    while size >= 1024 {
        if BrowserStorage.set(&format!("{filler}{n}"), &"x".repeat(size)).is_ok() {
            n += 1;
        } else {
            size /= 2;
        }
    }
    let key = format!("{}m.1", keys.prefix());
    let words = "{\"note\":\"words that must not be lost\"}".repeat(200);
    sealed.set(&key, &words).expect("taken in memory");
    assert!(sealed.settle().await.is_err(), "storage is full");
    assert_eq!(sealed.waiting(), 1, "the write waits");
    assert_eq!(sealed.get(&key).expect("get").as_deref(), Some(words.as_str()), "still read");
    assert!(reports.borrow().iter().any(|r| r.is_err()), "reported");
    // Room again: the write is stored, sealed.
    for i in 0..n {
        BrowserStorage.remove(&format!("{filler}{i}")).expect("removed");
    }
    sealed.settle().await.expect("stored now");
    assert_eq!(sealed.waiting(), 0);
    let stored = BrowserStorage.get(&key).expect("get").expect("stored");
    assert!(stored.starts_with(SEALED_PREFIX));
    assert_eq!(reports.borrow().last(), Some(&Ok(())));
}

#[wasm_bindgen_test]
async fn a_protected_file_opens_only_with_its_passphrase_and_unchanged() {
    use tandem::storage::vault::protected::{is_protected, Protected};
    use tandem::storage::vault::webcrypto::{protect, unprotect};
    let text = "{\"format\": \"tandem-backup\", \"note\": \"the budget worries me\"}";
    let file = protect(PHRASE, text).await.expect("protected");
    assert!(is_protected(&file) && !file.contains("budget"));
    assert_eq!(unprotect(&file, PHRASE).await.as_deref(), Ok(text));
    assert_eq!(unprotect(&file, "not it").await, Err(VaultError::WrongPassphrase));
    // A field changed (fewer rounds, within range) no longer opens.
    let mut changed = Protected::parse(&file).expect("ours");
    changed.iterations += 1;
    assert_eq!(unprotect(&changed.to_text(), PHRASE).await, Err(VaultError::WrongPassphrase));
    // Not a protected file at all.
    assert!(matches!(unprotect("{}", PHRASE).await, Err(VaultError::Damaged(_))));
}

#[wasm_bindgen_test]
async fn data_stored_by_an_older_schema_is_sealed_and_read_back_migrated() {
    let keys = keys("schema-1");
    let id = "0b7c6a4e-6f0e-4a53-9d2b-6c1f4f1e2a10";
    let p = keys.prefix();
    for (key, value) in [
        (format!("{p}meta"), include_str!("fixtures/schema-1/meta.json")),
        (format!("{p}profile"), include_str!("fixtures/schema-1/profile.json")),
        (format!("{p}m.{id}"), include_str!("fixtures/schema-1/mentorship.packed.txt")),
    ] {
        BrowserStorage.set(&key, value.trim_end()).expect("planted");
    }
    let vault = Vault::create(PHRASE).await.expect("created");
    let record = vault.record().clone();
    SealedStorage::open(keys.clone(), vault).await.expect("opened").settle().await.expect("sealed");
    for (key, value) in stored_values(&keys) {
        assert_eq!(value.starts_with(SEALED_PREFIX), !key.ends_with(".meta"), "{key}");
    }
    let reopened =
        SealedStorage::open(keys.clone(), Vault::unlock(&record, PHRASE).await.expect("unlocked"))
            .await
            .expect("opened");
    let (_, loaded) = Repository::open(reopened, keys.clone());
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    let doc = &loaded.library.mentorships[0];
    assert_eq!((doc.mentorship.mentee.as_str(), doc.goals.len()), ("Ada Lovelace", 2));
}
