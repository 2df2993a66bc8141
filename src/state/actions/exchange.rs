//! Sending a mentorship to the partner's device (or one's own other device)
//! and receiving what they sent: the bundle is built and read in
//! [`crate::model::exchange`]; here it meets this device's bookkeeping and
//! the store.

use leptos::prelude::*;
use uuid::Uuid;

use crate::browser;
use crate::model::dates;
use crate::model::exchange::receive::Context;
use crate::model::exchange::{receive, text, Bundle, Fingerprints, Received};
use crate::model::record;
use crate::model::Side;
use crate::state::{ActionError, ActionResult, IfClosed, Store};

/// Links longer than this are too long for many mail and chat apps.
pub const LINK_LIMIT: usize = 2_000;
/// The page a link opens (its fragment holds the bundle).
pub const RECEIVE_PATH: &str = "receive";

/// What is ready to send, built before the person picks how (so sharing
/// happens inside their tap).
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub mentorship: Uuid,
    /// Only what changed since the last send (else everything).
    pub partial: bool,
    /// Nothing was sent from this device before: an invitation.
    pub first: bool,
    /// The bundle as text (`TB1.…`).
    pub text: String,
    /// The link that opens it, when short enough for mail and chat apps.
    pub link: Option<String>,
    pub file_name: String,
    /// What it holds, in words ("3 sessions, 1 goal…").
    pub summary: String,
    /// What the receiver will hold once it arrives: remembered when sent.
    fingerprints: Fingerprints,
}

/// Builds what to send about `mentorship`: only what changed since this
/// device last sent it, unless `whole` (or nothing was sent before).
/// `origin` is the app's address (`https://…/app/`) for the link.
pub fn prepare(
    store: &Store,
    mentorship: Uuid,
    whole: bool,
    origin: &str,
) -> ActionResult<Outgoing> {
    store.flush();
    let doc = store
        .doc_untracked(mentorship)
        .ok_or_else(|| ActionError::refused("This mentorship is no longer on this device."))?;
    let device = store.device();
    let now = browser::now();
    let exchanges = device.exchanges(mentorship);
    let first = exchanges.sent.is_none();
    // One record of what was sent serves one other device: until one has
    // answered (an invitation may be opened late) and with more than one (a
    // phone and a laptop), each bundle is whole, so none misses anything.
    let whole = whole || exchanges.known.len() != 1;
    let mut bundle = match exchanges.sent.as_ref().filter(|_| !whole) {
        Some(known) => Bundle::changes(&doc, known, device.id, now),
        None => Bundle::whole(&doc, device.id, now),
    };
    bundle.acked = exchanges.last_received;
    let text = text::write(&bundle);
    let link = format!("{}{RECEIVE_PATH}#{text}", origin);
    // Deleted records travel as tombstones: said as deletions.
    let summary = bundle.doc.counts().shared_in_words(bundle.doc.deletions());
    Ok(Outgoing {
        mentorship,
        partial: bundle.partial,
        first,
        link: (link.len() <= LINK_LIMIT).then_some(link),
        file_name: format!(
            "tandem-{}-{}.txt",
            slug(doc.mentorship.name(doc.mentorship.my_role.other())),
            dates::stamp(&now)
        ),
        text,
        summary,
        fingerprints: Fingerprints::of(&doc),
    })
}

/// Remembers that `outgoing` went out: the next bundle carries only what
/// changes after it.
pub fn mark_sent(store: &Store, outgoing: &Outgoing) -> ActionResult {
    store
        .change_device(|d| d.sent(outgoing.mentorship, outgoing.fingerprints.clone()))
        .map_err(|e| ActionError::failed(format!("It was sent, but this device could not note it ({e}); the next send will carry everything.")))
}

/// Downloads what is ready to send as a `.txt` file (the type every share
/// sheet and mail app takes).
pub fn download(store: &Store, outgoing: &Outgoing) -> ActionResult {
    browser::download(&outgoing.file_name, "text/plain", &outgoing.text)
        .map_err(|e| ActionError::failed(format!("The file could not be made: {e}.")))?;
    mark_sent(store, outgoing)
}

/// Downloads what is ready to send as a `.txt` file protected with a
/// passphrase (told to the partner another way): a file that may sit in a
/// mailbox unread.
pub async fn download_protected(
    store: Store,
    outgoing: Outgoing,
    passphrase: String,
    again: String,
) -> ActionResult {
    let fields = ("bundle-passphrase", "bundle-passphrase-again");
    let file = super::lock::protected_file(&passphrase, &again, fields, &outgoing.text).await?;
    let name = outgoing.file_name.replace(".txt", "-protected.txt");
    browser::download(&name, "text/plain", &file)
        .map_err(|e| ActionError::failed(format!("The file could not be made: {e}.")))?;
    mark_sent(&store, &outgoing)
}

/// The bundle inside a protected file, if `passphrase` opens it. Nothing
/// changes.
pub async fn unprotect(file: String, passphrase: String) -> ActionResult<String> {
    use crate::storage::vault::VaultError;
    crate::storage::vault::webcrypto::unprotect(&file, &passphrase).await.map_err(|e| match e {
        VaultError::WrongPassphrase => ActionError::field(
            "bundle-open-passphrase",
            "That passphrase does not open it (or the file was changed). Nothing changed.",
        ),
        e => ActionError::refused(format!("{e} Nothing changed.")),
    })
}

/// Whether what arrived is a protected file (to ask for its passphrase).
pub fn is_protected(text: &str) -> bool {
    crate::storage::vault::protected::is_protected(text.trim())
}

/// Opens the share sheet with what is ready to send, as a `.txt` file (call
/// it straight from the tap). Cancelling is not a failure.
pub async fn share(store: Store, outgoing: Outgoing) -> ActionResult {
    match browser::share_file(&outgoing.file_name, &outgoing.text).await {
        Ok(()) => mark_sent(&store, &outgoing),
        Err(e) if e == "cancelled" => Ok(()),
        Err(e) => Err(ActionError::failed(format!(
            "Sharing failed ({e}): download the file or copy the text instead."
        ))),
    }
}

/// The largest file taken as a bundle.
pub const MAX_FILE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

/// Reads a picked file's text, for [`open`].
pub async fn read_file(file: web_sys::File) -> ActionResult<String> {
    if file.size() > MAX_FILE_BYTES {
        return Err(ActionError::refused(
            "This file is far larger than anything Tandem sends: it is not a bundle.",
        ));
    }
    browser::read_file(&file)
        .await
        .map_err(|e| ActionError::failed(format!("The file could not be read: {e}.")))
}

/// Reads what was pasted, opened from a link or picked as a file, checks it
/// and works out what receiving it would do. Changes nothing.
/// `expected`: the mentorship it must be for, if one is open.
pub fn open(
    store: &Store,
    pasted: &str,
    expected: Option<Uuid>,
    join_as: Option<Side>,
) -> ActionResult<Received> {
    // Read, checked and merged in memory: what `make bench` times.
    let timer = browser::Timer::start("tandem:receive-preview");
    let bundle = text::read(pasted).map_err(|r| ActionError::refused(r.to_string()))?;
    let device = store.device();
    let id = bundle.mentorship_id();
    let exchanges = device.exchanges(id);
    let context = Context {
        device: device.id,
        known_devices: exchanges.known,
        learned: exchanges.learned,
        sent: exchanges.sent,
        expected,
        join_as,
        now: browser::now(),
    };
    let here = store.library.with_untracked(|lib| lib.get(id).cloned());
    let received = receive(here.as_ref(), &bundle, &context);
    timer.stop();
    received.map_err(|r| ActionError::refused(r.to_string()))
}

/// Receives what [`open`] previewed: merges it (or joins the mentorship),
/// remembers the device it came from, and says what happened.
pub fn confirm(store: &Store, received: Received) -> ActionResult<Uuid> {
    let timer = browser::Timer::start("tandem:receive-merge");
    let id = received.merged.id();
    // Joined meanwhile in another tab: merged, so nothing written there
    // since is lost.
    let here = store.library.with_untracked(|lib| lib.get(id).is_some());
    if here {
        store.change_in(id, IfClosed::Allow, |doc, _| *doc = doc.merge(&received.merged));
    } else {
        store.replace(received.merged.clone());
    }
    let remembered = store.change_device(|d| {
        d.heard_from(id, received.device, received.from);
        let limit = crate::model::integrity::future_limit(browser::now());
        d.received(id, &received.learned, received.sent_at.min(limit));
    });
    store.flush();
    timer.stop();
    let what = if received.joining { "joined" } else { "received" };
    store.set_notice(Some(format!(
        "You {what} what {} sent for “{}”.",
        received.sender, received.title
    )));
    remembered.map_err(|e| {
        ActionError::failed(format!("Received, but this device could not note who sent it ({e})."))
    })?;
    Ok(id)
}

/// Resolves a text written on both devices at once: `take` puts the kept
/// version in place of the one that stood; either way the conflict is
/// closed here, and on the partner's device once it is sent.
pub fn resolve(store: &Store, mentorship: Uuid, conflict: Uuid, take: bool) -> ActionResult {
    store
        .change(mentorship, |doc, now| {
            let c = doc.conflicts.iter().find(|c| c.meta.id == conflict && !c.meta.deleted)?.clone();
            if take && !c.field.write(doc, c.record, &c.text, now) {
                return Some(Err(ActionError::refused(
                    "That text can no longer be changed (it was deleted, or both have signed it): amend or edit it where it is.",
                )));
            }
            record::remove(&mut doc.conflicts, conflict, now);
            Some(Ok(()))
        })
        .flatten()
        .unwrap_or_else(|| Err(ActionError::refused("This was already resolved.")))
}

/// A name as it can stand in a file name: letters and digits, `-` between.
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        "partner".into()
    } else {
        words.join("-")
    }
}
