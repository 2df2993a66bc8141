//! The vault's cryptography, done by the browser (`SubtleCrypto`): deriving
//! the key-encryption key from the passphrase, wrapping and unwrapping the
//! data key, sealing and opening values. Keys stay `CryptoKey`s the page's
//! code cannot read: the data key in use is not extractable, and the
//! passphrase-derived key only wraps and unwraps.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AesDerivedKeyParams, AesGcmParams, AesKeyGenParams, Crypto, CryptoKey, Pbkdf2Params,
    SubtleCrypto,
};

use super::protected::{self, Protected};
use super::{
    read_sealed, write_sealed, KeyRecord, VaultError, KEY_ID_BYTES, NONCE_BYTES, SALT_BYTES,
};

/// An unlocked vault: the data key, in memory only, and its record.
/// Dropping it (locking) leaves nothing that opens the data.
pub struct Vault {
    record: KeyRecord,
    data_key: CryptoKey,
}

impl Vault {
    /// A new data key, wrapped under `passphrase`: the vault, open, and the
    /// record to store.
    pub async fn create(passphrase: &str) -> Result<Vault, VaultError> {
        let (subtle, crypto) = subtle()?;
        let salt = random::<SALT_BYTES>(&crypto)?;
        let key_id = random::<KEY_ID_BYTES>(&crypto)?;
        // Extractable only for the moment it is wrapped.
        let fresh: CryptoKey = call(subtle.generate_key_with_object(
            &AesKeyGenParams::new("AES-GCM", 256),
            true,
            &usages(&["encrypt", "decrypt"]),
        ))
        .await?;
        let record = wrap(&subtle, &crypto, &fresh, passphrase, &salt, &key_id).await?;
        Vault::unlock(&record, passphrase).await
    }

    /// Opens the vault of `record` with `passphrase`.
    pub async fn unlock(record: &KeyRecord, passphrase: &str) -> Result<Vault, VaultError> {
        let data_key = unwrap(record, passphrase, false).await?;
        Ok(Vault { record: record.clone(), data_key })
    }

    /// The same data key under `new` (checked against `old` first): the
    /// record to store in place of `record`, in one write.
    pub async fn change_passphrase(
        record: &KeyRecord,
        old: &str,
        new: &str,
    ) -> Result<KeyRecord, VaultError> {
        let (subtle, crypto) = subtle()?;
        let data_key = unwrap(record, old, true).await?;
        let salt = random::<SALT_BYTES>(&crypto)?;
        let key_id = crate::model::base64url::decode(&record.key_id)
            .ok_or_else(|| VaultError::Damaged("the lock's key is not valid".into()))?;
        wrap(&subtle, &crypto, &data_key, new, &salt, &key_id).await
    }

    /// The vault another tab opened: its record and data key, as that tab
    /// posted them (see `state::lock`). Refused when the key is not one.
    pub fn from_key(record: KeyRecord, key: JsValue) -> Option<Vault> {
        Some(Vault { record, data_key: key.dyn_into().ok()? })
    }

    /// The data key, to post to this app's other tabs (a `CryptoKey` is
    /// posted as a key, not as bytes: it stays unreadable there too).
    pub fn data_key(&self) -> &CryptoKey {
        &self.data_key
    }

    pub fn record(&self) -> &KeyRecord {
        &self.record
    }

    /// `plain` sealed for the storage key `name`, under a fresh nonce.
    pub async fn seal(&self, name: &str, plain: &[u8]) -> Result<String, VaultError> {
        let (subtle, crypto) = subtle()?;
        let nonce = random::<NONCE_BYTES>(&crypto)?;
        let params = gcm(&nonce, &self.record.value_aad(name));
        let sealed: js_sys::ArrayBuffer =
            call(subtle.encrypt_with_object_and_u8_array(&params, &self.data_key, plain)).await?;
        Ok(write_sealed(&nonce, &Uint8Array::new(&sealed).to_vec()))
    }

    /// The plain bytes of a value sealed for `name`; refused when it was cut
    /// short, changed, moved from another key or sealed under another key.
    pub async fn open(&self, name: &str, sealed: &str) -> Result<Vec<u8>, VaultError> {
        let (subtle, _) = subtle()?;
        let (nonce, ciphertext) = read_sealed(sealed)?;
        let params = gcm(&nonce, &self.record.value_aad(name));
        let plain: js_sys::ArrayBuffer =
            call(subtle.decrypt_with_object_and_u8_array(&params, &self.data_key, &ciphertext))
                .await
                .map_err(|_| VaultError::Damaged("a stored value was changed".into()))?;
        Ok(Uint8Array::new(&plain).to_vec())
    }
}

/// `text` encrypted with `passphrase` as a protected file (see
/// [`super::protected`]): a fresh salt and nonce each time.
pub async fn protect(passphrase: &str, text: &str) -> Result<String, VaultError> {
    let (subtle, crypto) = subtle()?;
    let salt = random::<SALT_BYTES>(&crypto)?;
    let nonce = random::<NONCE_BYTES>(&crypto)?;
    // The parameters are the associated data; they do not include the data.
    let header = Protected::new(&salt, &nonce, &[]);
    let key = derive(&subtle, passphrase, &salt, header.iterations, &["encrypt"]).await?;
    let sealed: js_sys::ArrayBuffer = call(subtle.encrypt_with_object_and_u8_array(
        &gcm(&nonce, &header.aad()),
        &key,
        &protected::to_plain(text),
    ))
    .await?;
    Ok(Protected::new(&salt, &nonce, &Uint8Array::new(&sealed).to_vec()).to_text())
}

/// The text of a protected file, if `passphrase` is the right one.
pub async fn unprotect(file: &str, passphrase: &str) -> Result<String, VaultError> {
    let (subtle, _) = subtle()?;
    let protected = Protected::parse(file)?;
    let parts = protected.parts()?;
    let key = derive(&subtle, passphrase, &parts.salt, parts.iterations, &["decrypt"]).await?;
    let promise = subtle.decrypt_with_object_and_u8_array(
        &gcm(&parts.nonce, &protected.aad()),
        &key,
        &parts.ciphertext,
    );
    // A wrong passphrase derives another key: the tag does not match (nor
    // does it when the file was changed: the two cannot be told apart).
    let plain: js_sys::ArrayBuffer =
        call(promise).await.map_err(|_| VaultError::WrongPassphrase)?;
    protected::from_plain(&Uint8Array::new(&plain).to_vec())
        .ok_or_else(|| VaultError::Damaged("the protected file's content is not Tandem's".into()))
}

/// Wraps `data_key` under the key derived from `passphrase` and `salt`.
async fn wrap(
    subtle: &SubtleCrypto,
    crypto: &Crypto,
    data_key: &CryptoKey,
    passphrase: &str,
    salt: &[u8],
    key_id: &[u8],
) -> Result<KeyRecord, VaultError> {
    let nonce = random::<NONCE_BYTES>(crypto)?;
    // The record's parameters are the associated data; they do not include
    // the wrapped key itself.
    let parameters = KeyRecord::new(salt, key_id, &nonce, &[]);
    let kek = derive(subtle, passphrase, salt, parameters.iterations, WRAPPING).await?;
    let wrapped: js_sys::ArrayBuffer = call(subtle.wrap_key_with_object(
        "raw",
        data_key,
        &kek,
        &gcm(&nonce, &parameters.wrapping_aad()),
    ))
    .await?;
    Ok(KeyRecord::new(salt, key_id, &nonce, &Uint8Array::new(&wrapped).to_vec()))
}

/// The data key of `record`, if `passphrase` is the right one.
async fn unwrap(
    record: &KeyRecord,
    passphrase: &str,
    extractable: bool,
) -> Result<CryptoKey, VaultError> {
    let (subtle, _) = subtle()?;
    let checked = record.check()?;
    let kek = derive(&subtle, passphrase, &checked.salt, checked.iterations, WRAPPING).await?;
    let promise = subtle.unwrap_key_with_u8_array_and_object_and_object(
        "raw",
        &checked.wrapped,
        &kek,
        &gcm(&checked.nonce, &record.wrapping_aad()),
        &AesKeyGenParams::new("AES-GCM", 256),
        extractable,
        &usages(&["encrypt", "decrypt"]),
    );
    // A wrong passphrase derives another key: the tag does not match.
    call(promise).await.map_err(|_| VaultError::WrongPassphrase)
}

/// What the key-encryption key is for.
const WRAPPING: &[&str] = &["wrapKey", "unwrapKey"];

/// An AES-GCM key for `uses`: PBKDF2-SHA256 of the passphrase and salt.
async fn derive(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
    uses: &[&str],
) -> Result<CryptoKey, VaultError> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base: CryptoKey =
        call(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"])))
            .await?;
    let params = Pbkdf2Params::new(
        "PBKDF2",
        &JsValue::from_str("SHA-256"),
        iterations,
        &Uint8Array::from(salt),
    );
    call(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &AesDerivedKeyParams::new("AES-GCM", 256),
        false,
        &usages(uses),
    ))
    .await
}

fn gcm(nonce: &[u8], aad: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(nonce));
    params.set_additional_data(&Uint8Array::from(aad));
    params
}

fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

fn subtle() -> Result<(SubtleCrypto, Crypto), VaultError> {
    let unavailable = || {
        VaultError::Unavailable(
            "it offers no Web Crypto here (an https:// address is needed)".into(),
        )
    };
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(unavailable)?;
    let subtle = js_sys::Reflect::get(&crypto, &JsValue::from_str("subtle"))
        .ok()
        .filter(|s| s.is_object())
        .ok_or_else(unavailable)?;
    Ok((subtle.unchecked_into(), crypto))
}

fn random<const N: usize>(crypto: &Crypto) -> Result<[u8; N], VaultError> {
    let mut bytes = [0u8; N];
    crypto
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| VaultError::Unavailable("it gave no random numbers".into()))?;
    Ok(bytes)
}

/// Awaits a `SubtleCrypto` promise and takes its result as `T`.
async fn call<T: JsCast>(promise: Result<js_sys::Promise, JsValue>) -> Result<T, VaultError> {
    let failed = |e: JsValue| {
        let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| "an error".into());
        VaultError::Unavailable(format!("the browser's cryptography failed ({name})"))
    };
    let value = JsFuture::from(promise.map_err(failed)?).await.map_err(failed)?;
    value.dyn_into::<T>().map_err(|_| VaultError::Unavailable("an unexpected result".into()))
}
