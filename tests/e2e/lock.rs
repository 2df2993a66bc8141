//! Locking Tandem with a passphrase: everything stored is encrypted, the
//! lock screen opens only with the right passphrase (a wrong one waits
//! longer each time), tabs lock and open together, the idle time locks,
//! the passphrase changes and the lock comes off, and a forgotten
//! passphrase leaves the way of deleting everything.

use crate::flows::{
    choose_backup, download_protected, first_visit, follow, go_home, home_lists, merge_backup,
    new_mentorship, open_protected, plan_session, Protected,
};
use crate::support::Browser;

const PASSPHRASE: &str = "correct horse battery staple";
/// Words a test wrote, none of which may be stored readable once locked.
const WRITTEN: [&str; 5] = ["Priya", "Daniel", "Leadership", "budget worries", "Kickoff"];

/// Starts a mentorship with a session and a private note, then locks it.
async fn locked_mentorship() -> (crate::support::Site, Browser, String) {
    let (site, b) = new_mentorship("Priya Raman", "Daniel Okafor", "Leadership").await;
    plan_session(&b, "2030-01-15", "10:00", "Kickoff").await;
    let session = b.path().await;
    b.fill("#private-note", "The budget worries me more than I said.").await;
    b.wait_saved().await;
    // Before the lock, what the test wrote can be read off the disk.
    let before = readable(&b).await;
    for words in WRITTEN {
        assert!(before.contains(words), "{words:?} is stored (so the check below means something)");
    }
    set_passphrase(&b).await;
    (site, b, session)
}

/// Everything storage holds, as anyone with the disk could read it: each
/// value as stored and, when it is Tandem's packed format, unpacked.
async fn readable(b: &Browser) -> String {
    let snapshot = b.storage_snapshot().await;
    let mut all = String::new();
    for (key, value) in snapshot.as_object().into_iter().flatten() {
        let value = value.as_str().unwrap_or_default();
        all.push_str(&format!("{key}={value}\n"));
        if let Ok(json) = tandem::storage::codec::decode(value) {
            all.push_str(&json);
        }
    }
    all
}

/// Types a passphrase and its repetition in the lock settings and asks to
/// lock Tandem with it.
async fn lock_with(b: &Browser, passphrase: &str, again: &str) {
    b.fill("#new-passphrase", passphrase).await;
    b.fill("#passphrase-again", again).await;
    b.click_labelled("Lock Tandem with this passphrase").await;
}

async fn set_passphrase(b: &Browser) {
    b.open("/data").await;
    b.wait_text("#lock", "Lock with a passphrase").await;
    assert!(
        b.text("#lock ~ .banner-warn, section[aria-labelledby=lock]")
            .await
            .contains("A forgotten passphrase cannot be recovered"),
        "the warning is said before"
    );
    b.click_labelled("Download a backup first").await;
    let backup = b.wait_download_text(".json").await;
    assert!(backup.contains("\"Leadership\""), "the backup holds everything");
    // Too short, then typed differently: refused, nothing locked.
    lock_with(b, "short", "short").await;
    b.wait_text("#new-passphrase-error", "at least 10 characters").await;
    lock_with(b, PASSPHRASE, "correct horse battery stapler").await;
    b.wait_text("#passphrase-again-error", "differ").await;
    // Said aloud too: the form's summary of errors is an alert.
    b.wait_text("form[aria-label='Set a passphrase'] [role=alert]", "differ").await;
    assert!(!b.storage_keys().await.contains(&"tandem.vault".to_string()));
    lock_with(b, PASSPHRASE, PASSPHRASE).await;
    b.wait_page_text("Tandem is now locked with your passphrase").await;
    b.wait_text("[data-lock-status]", "encrypted").await;
    all_sealed(b).await;
}

/// Waits until every stored value of the library is sealed, then checks
/// that no byte of storage holds the words the test wrote.
async fn all_sealed(b: &Browser) {
    b.wait_until(
        "every value sealed",
        "return Object.keys(localStorage).filter(k => !['tandem.meta', 'tandem.vault', 'tandem.lock'].includes(k)).every(k => localStorage.getItem(k).startsWith('TV1.'))",
    )
    .await;
    let stored = readable(b).await;
    for words in WRITTEN {
        assert!(!stored.contains(words), "{words:?} is stored readable: {stored}");
    }
    // Cache Storage holds the app's files, never its data.
    let cached = b
        .eval(
            "return (async () => { let all = ''; for (const name of await caches.keys()) { const c = await caches.open(name); for (const r of await c.keys()) { if (!/\\.wasm$/.test(r.url)) { all += await (await c.match(r)).text(); } } } return all; })()",
        )
        .await
        .to_string();
    for words in WRITTEN {
        assert!(!cached.contains(words), "{words:?} is in Cache Storage");
    }
}

async fn unlock(b: &Browser, passphrase: &str) {
    b.wait_text("main h1", "Tandem is locked").await;
    b.fill("#passphrase", passphrase).await;
    b.click_labelled("Unlock").await;
}

#[tokio::test]
async fn a_passphrase_encrypts_everything_and_only_the_right_one_opens_it() {
    let (_site, b, session) = locked_mentorship().await;
    follow(&b, "Lock now", "Tandem is locked").await;
    assert_eq!(b.eval("return document.title").await, "Locked · Tandem");
    all_sealed(&b).await;

    // A reload opens on the lock screen, focus in the passphrase.
    b.reload().await;
    b.wait_text("main h1", "Tandem is locked").await;
    assert!(!b.page_text().await.contains("Priya"), "nothing shows while locked");
    assert_eq!(b.eval("return document.activeElement.id").await, "passphrase");

    // Nothing typed is no try: it asks, and does not wait.
    unlock(&b, "").await;
    b.wait_text("#passphrase-error", "Enter your passphrase").await;
    assert_eq!(b.text("[data-lock-wait]").await, "");
    // A wrong passphrase is refused, and the next try waits.
    unlock(&b, "correct horse battery stapler").await;
    b.wait_text("#passphrase-error", "That passphrase does not open Tandem").await;
    b.wait_text("[data-lock-wait]", "You can try again in").await;
    unlock(&b, "another wrong one").await;
    b.wait_text("[data-lock-wait]", "You can try again in").await;
    b.wait_until(
        "the wait is over",
        "return document.querySelector('[data-lock-wait]').textContent === ''",
    )
    .await;

    // The right one opens everything, on the page asked for.
    b.open(&session).await;
    unlock(&b, PASSPHRASE).await;
    b.wait_value("#private-note", "The budget worries me more than I said.").await;
    // The keyboard is on the page's heading, as after any new page (it was
    // on nothing: the lock screen had gone with it).
    b.wait_until("the focus is on the heading", "return document.activeElement.tagName === 'H1'")
        .await;
    // Edits while open are sealed too.
    b.fill("#private-note", "The budget worries me; Kickoff went well.").await;
    b.wait_saved().await;
    all_sealed(&b).await;
    b.reload().await;
    unlock(&b, PASSPHRASE).await;
    b.wait_value("#private-note", "The budget worries me; Kickoff went well.").await;

    // Closing at once after typing: the browser asks first (the change is
    // sealed a moment after it is saved); staying, nothing is lost.
    // (WebDriver accepts that question itself, so the test asks the page
    // the way the browser does.)
    let leaving = "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented";
    b.fill("#private-note", "Typed just before closing.").await;
    assert_eq!(b.eval(leaving).await, true, "the browser asks before leaving");
    all_sealed(&b).await;
    assert_eq!(b.eval(leaving).await, false, "once sealed, it does not ask");
    b.reload().await;
    unlock(&b, PASSPHRASE).await;
    b.wait_value("#private-note", "Typed just before closing.").await;
}

#[tokio::test]
async fn tabs_lock_and_open_together_and_the_idle_time_locks_them() {
    let (_site, b, _) = locked_mentorship().await;
    let first = b.window().await;
    // A second tab opens already open: the first one is.
    let second = b.open_window().await;
    b.open("/").await;
    b.wait_text(".mentorship-list", "Priya Raman").await;

    // Locking in one locks both.
    follow(&b, "Lock now", "Tandem is locked").await;
    b.switch_to(&first).await;
    b.wait_text("main h1", "Tandem is locked").await;

    // Opening one opens both.
    unlock(&b, PASSPHRASE).await;
    b.wait_text("main h1", "Data & privacy").await;
    b.switch_to(&second).await;
    b.wait_text(".mentorship-list", "Priya Raman").await;

    // Half a minute before the idle time (10 minutes) is up, a tab on
    // screen says so; using it keeps it open.
    b.switch_to(&first).await;
    let later = |minutes: f64| {
        format!(
            "window.realNow = window.realNow || Date.now; \
             Date.now = () => window.realNow() + {minutes} * 60 * 1000; return true"
        )
    };
    b.eval(&later(9.5)).await;
    b.wait_text("[data-idle-warning]", "Tandem locks in half a minute").await;
    b.click_labelled("Keep Tandem open").await;
    b.wait_until("the warning goes", "return !document.querySelector('[data-idle-warning]')").await;
    tokio::time::sleep(std::time::Duration::from_secs(6)).await;
    assert!(!b.exists("[data-idle-warning]").await, "used: no warning at the next check");
    assert_eq!(b.text("main h1").await, "Data & privacy", "still open");

    // Eleven minutes without use (the clock moved on): both lock.
    b.eval(&later(9.5 + 11.0)).await;
    b.wait_text("main h1", "Tandem is locked").await;
    b.switch_to(&second).await;
    b.wait_text("main h1", "Tandem is locked").await;
}

#[tokio::test]
async fn the_passphrase_changes_and_the_lock_comes_off() {
    let (_site, b, session) = locked_mentorship().await;
    // A shorter idle time is kept.
    b.select("#idle", "5").await;
    b.reload().await;
    unlock(&b, PASSPHRASE).await;
    b.wait_value("#idle", "5").await;

    b.click("details:has(#current-passphrase) summary").await;
    b.fill("#current-passphrase", "not the passphrase").await;
    b.fill("#new-passphrase", "a new passphrase, longer").await;
    b.fill("#passphrase-again", "a new passphrase, longer").await;
    b.click_labelled("Use the new passphrase").await;
    b.wait_text("#current-passphrase-error", "not the current passphrase").await;
    b.fill("#current-passphrase", PASSPHRASE).await;
    b.click_labelled("Use the new passphrase").await;
    b.wait_page_text("The passphrase is changed").await;
    for field in ["#current-passphrase", "#new-passphrase", "#passphrase-again"] {
        assert_eq!(b.value(field).await, "", "{field} is emptied once it worked");
    }

    b.reload().await;
    unlock(&b, PASSPHRASE).await;
    b.wait_text("#passphrase-error", "does not open").await;
    b.wait_until(
        "the wait is over",
        "return document.querySelector('[data-lock-wait]').textContent === ''",
    )
    .await;
    unlock(&b, "a new passphrase, longer").await;
    b.wait_text("main h1", "Data & privacy").await;

    // Removing the lock stores everything plain again.
    b.click("details:has(#remove-passphrase) summary").await;
    b.fill("#remove-passphrase", "a new passphrase, longer").await;
    b.click_labelled("Remove the lock and decrypt").await;
    b.wait_page_text("The lock is removed").await;
    let keys = b.storage_keys().await;
    assert!(!keys.contains(&"tandem.vault".to_string()), "{keys:?}");
    let stored = b.storage_snapshot().await.to_string();
    assert!(!stored.contains("TV1."), "nothing sealed is left: {stored}");
    b.reload().await;
    b.open(&session).await;
    b.wait_value("#private-note", "The budget worries me more than I said.").await;
}

#[tokio::test]
async fn a_forgotten_passphrase_leaves_deleting_everything() {
    let (_site, b, _) = locked_mentorship().await;
    follow(&b, "Lock now", "Tandem is locked").await;
    b.click("details summary").await;
    b.click_labelled("Delete everything on this device…").await;
    follow(&b, "Delete everything", "Data & privacy").await;
    assert!(b.exists("#new-passphrase").await, "no lock any more");
    let keys = b.storage_keys().await;
    assert!(keys.iter().all(|k| !k.starts_with("tandem.") || k == "tandem.meta"), "{keys:?}");
    b.open("/").await;
    b.wait_text("main h1", "Your mentorships").await;
    assert!(!b.page_text().await.contains("Priya"));

    // A lock whose record is damaged (or from a newer Tandem) says so, asks
    // for no passphrase it cannot take, and still lets everything go.
    b.eval("localStorage.setItem('tandem.vault', '{\"format\": 1, \"kdf\": ') ; return true").await;
    b.reload().await;
    b.wait_text("[data-lock-problem]", "not readable").await;
    assert!(!b.exists("#passphrase").await);
    b.eval("localStorage.setItem('tandem.vault', '{\"format\": 9}') ; return true").await;
    b.reload().await;
    b.wait_text("[data-lock-problem]", "newer version of Tandem").await;
    b.click("details summary").await;
    b.click_labelled("Delete everything on this device…").await;
    follow(&b, "Delete everything", "Your mentorships").await;
}

/// The lock's pages at a phone's, a tablet's and a laptop's width, light
/// and dark: nothing wider than the screen, no accessibility rule broken,
/// no two controls named alike. With `TANDEM_SCREENSHOTS=<dir>`, pictures.
async fn check_screens(b: &Browser, name: &str, problems: &mut Vec<String>) {
    let pictures = std::env::var("TANDEM_SCREENSHOTS").ok().map(std::path::PathBuf::from);
    for dark in [false, true] {
        b.set_dark(dark).await;
        for width in [360, 768, 1280] {
            b.set_width(width).await;
            let overflow = b.overflow_x().await;
            if overflow > 0 {
                problems.push(format!("{name} at {width} px: {:?}", b.too_wide().await));
            }
            if width != 768 {
                for v in b.accessibility_violations().await {
                    problems.push(format!("{name} ({width} px, dark {dark}): {v}"));
                }
                for shared in b.shared_control_names().await {
                    problems.push(format!("{name}: controls named alike: {shared}"));
                }
            }
            if let Some(dir) = &pictures {
                let scheme = if dark { "dark" } else { "light" };
                b.screenshot(&dir.join(format!("lock-{name}-{width}-{scheme}.png"))).await;
            }
        }
    }
    b.set_dark(false).await;
    b.set_width(1280).await;
}

#[tokio::test]
async fn the_lock_screen_and_its_settings_fit_every_screen_and_break_no_rule() {
    let (_site, b) = new_mentorship("Priya", "Daniel", "Leadership").await;
    let mut problems = Vec::new();
    b.open("/data").await;
    check_screens(&b, "data-unlocked", &mut problems).await;
    set_passphrase(&b).await;
    b.click("details:has(#current-passphrase) summary").await;
    b.click("details:has(#remove-passphrase) summary").await;
    check_screens(&b, "data-locked", &mut problems).await;
    // The header with "Lock now" in it.
    go_home(&b).await;
    check_screens(&b, "home-locked", &mut problems).await;
    b.click_labelled("Lock now").await;
    unlock(&b, "not it, not it").await;
    b.wait_text("#passphrase-error", "does not open").await;
    b.click("details summary").await;
    check_screens(&b, "lock-screen", &mut problems).await;
    // Keyboard only: the passphrase, then Unlock.
    b.wait_until(
        "the wait is over",
        "return document.querySelector('[data-lock-wait]').textContent === ''",
    )
    .await;
    b.reload().await;
    assert_eq!(b.eval("return document.activeElement.id").await, "passphrase");
    b.press(&format!("{PASSPHRASE}\u{E007}")).await;
    b.wait_text("main h1", "Your mentorships").await;
    // Links work in the app the lock opened (its router is the only one).
    follow(&b, "Data & privacy", "Data & privacy").await;
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[tokio::test]
async fn a_protected_backup_opens_only_with_its_passphrase() {
    let (_site, b) = new_mentorship("Priya Raman", "Daniel Okafor", "Protected focus").await;
    b.open("/data").await;
    download_protected(&b, Protected::BACKUP, "short", "short").await;
    b.wait_text("#backup-passphrase-error", "at least 10 characters").await;
    let long = "backup passphrase, long";
    download_protected(&b, Protected::BACKUP, long, long).await;
    let file = b.wait_download("-protected.json").await;
    // It says so, and the passphrase is no longer on the screen.
    b.wait_text("details:has(#backup-passphrase) [role=status]", "Downloaded").await;
    assert_eq!(b.value("#backup-passphrase").await, "");
    assert_eq!(b.value("#backup-passphrase-again").await, "");
    let text = std::fs::read_to_string(&file).expect("the file");
    assert!(text.contains("\"format\":\"tandem-protected\""), "{text}");
    assert!(!text.contains("Priya") && !text.contains("Protected focus"), "{text}");

    // On a device that has none of it: a wrong passphrase changes nothing.
    b.click_labelled("Delete everything…").await;
    b.click_labelled("Delete everything").await;
    b.wait_page_text("was deleted").await;
    let before = b.storage_snapshot().await;
    choose_backup(&b, file.to_str().expect("path")).await;
    open_protected(&b, Protected::BACKUP, "not the passphrase").await;
    b.wait_text("#backup-open-passphrase-error", "does not open this backup").await;
    assert_eq!(b.storage_snapshot().await, before, "nothing changed");
    // The right one shows what it holds, and restores it.
    open_protected(&b, Protected::BACKUP, long).await;
    b.wait_text_with("[data-restore=preview]", "holds 1 mentorship with", &["Added"]).await;
    merge_backup(&b).await;
    home_lists(&b, "Protected focus").await;
}

#[tokio::test]
async fn unlocking_is_timed_for_the_bench() {
    let (_site, b, _) = locked_mentorship().await;
    b.open("/").await;
    unlock(&b, PASSPHRASE).await;
    b.wait_text(".mentorship-list", "&").await;
    let names = b.eval("return performance.getEntries().map(e => e.name)").await;
    let names = names.to_string();
    assert!(names.contains("tandem:unlock\"") && names.contains("tandem:unlock-key"), "{names}");
}

#[tokio::test]
async fn with_storage_blocked_the_app_opens_and_says_so_instead_of_locking() {
    let (_site, b) = first_visit("/").await;
    // As a browser that blocks this site's storage does.
    b.before_every_page(
        "Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });",
    )
    .await;
    b.reload().await;
    b.wait_text("main h1", "Your mentorships").await;
    b.wait_text("[data-problem=storage]", "not letting Tandem save anything").await;
}
