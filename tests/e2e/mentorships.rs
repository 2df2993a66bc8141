//! Starting, editing and deleting mentorships; everything survives a reload;
//! two windows editing at once keep both changes.

use crate::flows::start_mentorship;
use crate::support::{Browser, Site};

#[tokio::test]
async fn a_new_mentorship_is_there_after_a_reload() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    b.wait_page_text("How Tandem works").await;

    // A blank name is refused with a message next to the field.
    b.click_labelled("Start a mentorship").await;
    b.fill_labelled("Mentee's full name (required)", "   ").await;
    b.click_labelled("Start mentorship").await;
    b.wait_text("#m-mentee-error", "required").await;
    assert_eq!(
        b.find("#m-mentee").await.attr("aria-invalid").await.ok().flatten().as_deref(),
        Some("true")
    );

    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Engineering leadership").await;
    b.wait_page_text("You, the mentee").await;
    b.reload().await;
    b.wait_page_text("Engineering leadership").await;
    b.open("/").await;
    b.wait_text(".mentorship-list", "Ada Lovelace & Charles Babbage").await;
    b.reload().await;
    b.wait_text(".mentorship-list", "Ada Lovelace & Charles Babbage").await;
    b.quit().await;
}

#[tokio::test]
async fn details_can_be_edited_and_a_mentorship_deleted_after_confirmation() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Grace Hopper", "Alan Turing", "Compilers").await;
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Compilers and teaching").await;
    b.set_value_labelled("Planned end", "2020-01-01").await;
    b.click_labelled("Save details").await;
    b.wait_text("#m-end-error", "cannot be before the start date").await;
    b.set_value_labelled("Planned end", "2099-06-30").await;
    b.click_labelled("Save details").await;
    b.wait_page_text("Compilers and teaching").await;
    b.wait_page_text("30 June 2099").await;

    b.click_labelled("Delete mentorship").await;
    let message = b.wait_text("[role=alertdialog]", "cannot be undone").await;
    assert!(message.contains("Grace Hopper & Alan Turing"), "{message}");
    // Cancel keeps it; confirm deletes it.
    b.click_labelled("Cancel").await;
    b.wait_page_text("Compilers and teaching").await;
    b.click_labelled("Delete mentorship").await;
    b.click_labelled("Delete this mentorship").await;
    b.wait_text("main h1", "Your mentorships").await;
    b.wait_page_text("was deleted from this device").await;
    b.reload().await;
    assert!(!b.page_text().await.contains("Grace Hopper & Alan Turing"));
    b.quit().await;
}

#[tokio::test]
async fn two_windows_editing_at_once_keep_both_changes() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "First focus").await;
    let first = b.client.window().await.expect("window");
    let ada_path: String =
        b.eval("return location.pathname").await.as_str().unwrap_or_default().to_string();

    // A second window of the same browser: same storage.
    let second = b.client.new_window(false).await.expect("new window").handle;
    b.client.switch_to_window(second.clone()).await.expect("switch");
    b.open("/").await;
    b.wait_text(".mentorship-list", "Ada Lovelace").await;

    // Window 1 edits Ada's mentorship while window 2 starts another one.
    b.client.switch_to_window(first.clone()).await.expect("switch");
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Edited in window one").await;
    b.client.switch_to_window(second.clone()).await.expect("switch");
    start_mentorship(&b, "Grace Hopper", "Alan Turing", "Started in window two").await;
    b.client.switch_to_window(first.clone()).await.expect("switch");
    b.click_labelled("Save details").await;
    b.wait_page_text("Edited in window one").await;

    // Window 1 sees window 2's new mentorship without reloading.
    b.click_labelled("Home").await;
    b.wait_text(".mentorship-list", "Grace Hopper & Alan Turing").await;
    b.wait_text(".mentorship-list", "Edited in window one").await;
    // And window 2 sees window 1's edit.
    b.client.switch_to_window(second.clone()).await.expect("switch");
    b.click_labelled("Home").await;
    b.wait_text(".mentorship-list", "Edited in window one").await;

    // Both survive a reload (the save is not last-writer-wins).
    b.reload().await;
    let list = b.wait_text(".mentorship-list", "Started in window two").await;
    assert!(list.contains("Edited in window one"), "{list}");
    b.goto(&ada_path).await;
    b.wait_page_text("Edited in window one").await;
    b.quit().await;
}

#[tokio::test]
async fn an_edit_is_saved_even_when_the_tab_closes_at_once() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Before").await;
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Saved on the way out").await;
    // Save and leave in the same moment, before the debounced save would run.
    b.eval("document.querySelector('form button[type=submit]').click(); location.reload(); return true").await;
    b.wait_for("main h1").await;
    b.wait_page_text("Saved on the way out").await;
    b.quit().await;
}
