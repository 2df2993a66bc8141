//! The data & privacy page: backups and restores, bad files refused with
//! the data intact, unreadable stored data kept aside, deleting everything.

use crate::flows::{
    ask_to_delete, choose_backup, first_visit, follow, home_keeps, home_lists, merge_backup,
    new_mentorship, try_start_mentorship,
};
use crate::support::Browser;

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad-backups/");

#[tokio::test]
async fn a_malformed_backup_is_refused_and_nothing_changes() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Keep me").await;
    let before = b.storage_snapshot().await;

    b.open("/data").await;
    for (file, says) in [
        ("truncated--cut-in-the-middle.json", "truncated"),
        ("not-ours--other-format.json", "not a Tandem backup"),
        ("newer--schema-99.json", "newer version of Tandem"),
        ("wrong-shape--name-is-a-number.json", "damaged"),
    ] {
        choose_backup(&b, &format!("{BAD}{file}")).await;
        b.wait_text_with("[data-error]", says, &["Your current data was not changed"]).await;
        b.eval("document.querySelector('#restore-file').value = ''; return true").await;
    }
    let after = b.storage_snapshot().await;
    assert_eq!(before, after, "storage is untouched");
    home_lists(&b, "Keep me").await;
}

#[tokio::test]
async fn a_downloaded_backup_restores_after_everything_is_deleted() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Backed up").await;
    b.open("/data").await;
    b.click_labelled("Download backup").await;
    let file = b.wait_download(".json").await;
    let text = std::fs::read_to_string(&file).expect("backup file");
    assert!(text.contains("\"format\": \"tandem-backup\"") && text.contains("Backed up"), "{text}");

    let everything = ["1 mentorship (Ada Lovelace & Charles Babbage)"];
    ask_to_delete(&b, "Delete everything…", &everything).await;
    b.click_labelled("Delete everything").await;
    b.wait_page_text("was deleted").await;
    let keys = b.storage_keys().await;
    assert_eq!(keys, vec!["tandem.meta".to_string()], "only the new header remains");

    choose_backup(&b, file.to_str().expect("path")).await;
    b.wait_text_with("[data-restore=preview]", "holds 1 mentorship with", &["Added"]).await;
    merge_backup(&b).await;
    home_keeps(&b, "Backed up").await;
}

#[tokio::test]
async fn unreadable_stored_data_is_reported_kept_and_offered_for_download() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Readable").await;
    let garbage = "{\"schema\":1,\"doc\":{\"mentorship\":";
    b.eval(&format!(
        "localStorage.setItem('tandem.m.11111111-2222-4333-8444-555555555555', {}); return true",
        serde_json::to_string(garbage).expect("json")
    ))
    .await;
    b.reload_and_see("[data-problem=storage]", "could not be read").await;
    // The readable mentorship is still there, and editing it saves.
    home_lists(&b, "Readable").await;
    b.open("/data").await;
    b.click_labelled("Download it as it is").await;
    assert_eq!(b.wait_download_text(".txt").await, garbage);
    let stored = b
        .eval("return localStorage.getItem('tandem.m.11111111-2222-4333-8444-555555555555')")
        .await;
    assert_eq!(stored.as_str(), Some(garbage), "kept untouched");
}

/// Another app on this origin uses up the space.
async fn fill_storage(b: &Browser) {
    b.eval(
        "let chunk = 'x'.repeat(1 << 20), n = 0;
         for (;;) { try { localStorage.setItem('filler-' + n++, chunk); }
                    catch (e) { if (chunk.length <= 64) break; chunk = chunk.slice(0, chunk.length / 2); } }
         return n",
    )
    .await;
}

/// The other app frees the space it took.
async fn free_storage(b: &Browser) {
    b.eval("Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k)); return true").await;
}

#[tokio::test]
async fn a_full_store_warns_keeps_the_work_and_offers_a_backup() {
    let (_site, b) = first_visit("/").await;
    fill_storage(&b).await;
    try_start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Written while full").await;
    b.wait_text_with("[data-problem=save]", "Storage is full", &["kept in this tab"]).await;
    b.wait_for("[data-save-state=error]").await;
    // The work is still here, and a backup holds it.
    b.wait_page_text("Written while full").await;
    b.click("[data-problem=save] button").await;
    let backup = b.wait_download_text(".json").await;
    assert!(backup.contains("Written while full"), "{backup}");
    // Once space is freed, the next change saves it.
    free_storage(&b).await;
    b.click_labelled("Edit details").await;
    b.click_labelled("Save details").await;
    b.wait_saved().await;
    b.reload().await;
    b.wait_page_text("Written while full").await;
}

#[tokio::test]
async fn deleting_everything_with_unsaved_changes_says_only_what_happened() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Saved before").await;
    // A change that cannot be saved: it waits in this tab.
    fill_storage(&b).await;
    try_start_mentorship(&b, "Grace Hopper", "Charles Babbage", "Written while full").await;
    b.wait_text("[data-problem=save]", "Storage is full").await;

    // Within the app (a page load would drop the tab's unsaved change).
    follow(&b, "Data & privacy", "Data & privacy").await;
    ask_to_delete(&b, "Delete everything…", &["2 mentorships"]).await;
    b.click_labelled("Delete everything").await;
    b.wait_page_text("was deleted").await;

    // Nothing claims another tab did it, nothing is offered back, nothing
    // waits to be saved.
    let page = b.page_text().await;
    assert!(!page.contains("Another tab"), "{page}");
    assert!(!b.exists("[data-problem=rescued]").await, "{page}");
    assert!(!b.exists("[data-problem=save]").await, "{page}");
    let ours: Vec<String> =
        b.storage_keys().await.into_iter().filter(|k| k.starts_with("tandem")).collect();
    assert_eq!(ours, vec!["tandem.meta".to_string()], "only the new header remains");

    // And nothing comes back once there is room again.
    free_storage(&b).await;
    b.reload().await;
    let page = b.page_text().await;
    assert!(!page.contains("Written while full") && !page.contains("Saved before"), "{page}");
}
