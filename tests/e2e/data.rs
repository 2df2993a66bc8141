//! The data & privacy page: backups and restores, bad files refused with
//! the data intact, unreadable stored data kept aside, deleting everything.

use crate::flows::start_mentorship;
use crate::support::{Browser, Site};

const BAD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad-backups/");

#[tokio::test]
async fn a_malformed_backup_is_refused_and_nothing_changes() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Keep me").await;
    let before = b.storage_snapshot().await;

    b.open("/data").await;
    for (file, says) in [
        ("truncated--cut-in-the-middle.json", "truncated"),
        ("not-ours--other-format.json", "not a Tandem backup"),
        ("newer--schema-99.json", "newer version of Tandem"),
        ("wrong-shape--name-is-a-number.json", "damaged"),
    ] {
        let input = b.find("#restore-file").await;
        input
            .send_keys(&format!("{BAD}{file}"))
            .await
            .expect("choose file");
        let text = b.wait_text("[data-error]", says).await;
        assert!(
            text.contains("Your current data was not changed"),
            "{file}: {text}"
        );
        b.eval("document.querySelector('#restore-file').value = ''; return true")
            .await;
    }
    let after = b.storage_snapshot().await;
    assert_eq!(before, after, "storage is untouched");
    b.open("/").await;
    b.wait_text(".mentorship-list", "Keep me").await;
    b.quit().await;
}

#[tokio::test]
async fn a_downloaded_backup_restores_after_everything_is_deleted() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Backed up").await;
    b.open("/data").await;
    b.click_labelled("Download backup").await;
    let file = b.wait_download(".json").await;
    let text = std::fs::read_to_string(&file).expect("backup file");
    assert!(
        text.contains("\"format\": \"tandem-backup\"") && text.contains("Backed up"),
        "{text}"
    );

    b.click_labelled("Delete everything…").await;
    let message = b.wait_text("[role=alertdialog]", "cannot be undone").await;
    assert!(
        message.contains("1 mentorship (Ada Lovelace & Charles Babbage)"),
        "{message}"
    );
    b.click_labelled("Delete everything").await;
    b.wait_page_text("was deleted").await;
    let keys = b.storage_keys().await;
    assert_eq!(
        keys,
        vec!["tandem.meta".to_string()],
        "only the new header remains"
    );

    let input = b.find("#restore-file").await;
    input
        .send_keys(file.to_str().expect("path"))
        .await
        .expect("choose file");
    let preview = b
        .wait_text("[data-restore=preview]", "holds 1 mentorship with")
        .await;
    assert!(preview.contains("Added"), "{preview}");
    b.click_labelled("Merge into what is here").await;
    b.wait_page_text("The backup was merged").await;
    b.open("/").await;
    b.wait_text(".mentorship-list", "Backed up").await;
    b.reload().await;
    b.wait_text(".mentorship-list", "Backed up").await;
    b.quit().await;
}

#[tokio::test]
async fn unreadable_stored_data_is_reported_kept_and_offered_for_download() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Readable").await;
    let garbage = "{\"schema\":1,\"doc\":{\"mentorship\":";
    b.eval(&format!(
        "localStorage.setItem('tandem.m.11111111-2222-4333-8444-555555555555', {}); return true",
        serde_json::to_string(garbage).expect("json")
    ))
    .await;
    b.reload().await;
    b.wait_text("[data-problem=storage]", "could not be read")
        .await;
    // The readable mentorship is still there, and editing it saves.
    b.open("/").await;
    b.wait_text(".mentorship-list", "Readable").await;
    b.open("/data").await;
    b.click_labelled("Download it as it is").await;
    let file = b.wait_download(".txt").await;
    assert_eq!(std::fs::read_to_string(file).expect("raw"), garbage);
    let stored = b
        .eval("return localStorage.getItem('tandem.m.11111111-2222-4333-8444-555555555555')")
        .await;
    assert_eq!(stored.as_str(), Some(garbage), "kept untouched");
    b.quit().await;
}

#[tokio::test]
async fn a_full_store_warns_keeps_the_work_and_offers_a_backup() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    // Another app on this origin has used up the space.
    b.eval(
        "let chunk = 'x'.repeat(1 << 20), n = 0;
         for (;;) { try { localStorage.setItem('filler-' + n++, chunk); }
                    catch (e) { if (chunk.length <= 64) break; chunk = chunk.slice(0, chunk.length / 2); } }
         return n",
    )
    .await;
    crate::flows::try_start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Written while full")
        .await;
    let banner = b.wait_text("[data-problem=save]", "Storage is full").await;
    assert!(banner.contains("kept in this tab"), "{banner}");
    b.wait_for("[data-save-state=error]").await;
    // The work is still here, and a backup holds it.
    b.wait_page_text("Written while full").await;
    b.click("[data-problem=save] button").await;
    let file = b.wait_download(".json").await;
    assert!(std::fs::read_to_string(file)
        .expect("backup")
        .contains("Written while full"));
    // Once space is freed, the next change saves it.
    b.eval("Object.keys(localStorage).filter(k => k.startsWith('filler-')).forEach(k => localStorage.removeItem(k)); return true").await;
    b.click_labelled("Edit details").await;
    b.click_labelled("Save details").await;
    b.wait_saved().await;
    b.reload().await;
    b.wait_page_text("Written while full").await;
    b.quit().await;
}
