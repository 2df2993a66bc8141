//! Starting, editing and deleting mentorships; everything survives a reload;
//! two windows editing at once keep both changes.

use crate::flows::{
    ask_to_delete, first_visit, follow, go_home, home_keeps, home_lists, new_mentorship,
    start_mentorship,
};

#[tokio::test]
async fn a_new_mentorship_is_there_after_a_reload() {
    let (_site, b) = first_visit("/").await;
    b.wait_page_text("How Tandem works").await;

    // A blank name is refused with a message next to the field.
    b.click_labelled("Start a mentorship").await;
    b.fill_labelled("Mentee's full name (required)", "   ").await;
    b.click_labelled("Start mentorship").await;
    b.wait_text("#m-mentee-error", "required").await;
    assert_eq!(b.attr("#m-mentee", "aria-invalid").await.as_deref(), Some("true"));

    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Engineering leadership").await;
    b.wait_page_text("You, the mentee").await;
    b.reload().await;
    b.wait_page_text("Engineering leadership").await;
    home_keeps(&b, "Ada Lovelace & Charles Babbage").await;
}

#[tokio::test]
async fn details_can_be_edited_and_a_mentorship_deleted_after_confirmation() {
    let (_site, b) = new_mentorship("Grace Hopper", "Alan Turing", "Compilers").await;
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Compilers and teaching").await;
    b.set_value_labelled("Planned end", "2020-01-01").await;
    b.click_labelled("Save details").await;
    b.wait_text("#m-end-error", "cannot be before the start date").await;
    b.set_value_labelled("Planned end", "2099-06-30").await;
    b.click_labelled("Save details").await;
    b.wait_page_text("Compilers and teaching").await;
    b.wait_page_text("30 June 2099").await;

    ask_to_delete(&b, "Delete mentorship", &["Grace Hopper & Alan Turing"]).await;
    // Cancel keeps it; confirm deletes it.
    b.click_labelled("Cancel").await;
    b.wait_page_text("Compilers and teaching").await;
    b.click_labelled("Delete mentorship").await;
    follow(&b, "Delete this mentorship", "Your mentorships").await;
    b.wait_page_text("was deleted from this device").await;
    b.reload().await;
    assert!(!b.page_text().await.contains("Grace Hopper & Alan Turing"));
}

#[tokio::test]
async fn two_windows_editing_at_once_keep_both_changes() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "First focus").await;
    let first = b.window().await;
    let ada_path = b.path().await;

    // A second window of the same browser: same storage.
    let second = b.open_window().await;
    home_lists(&b, "Ada Lovelace").await;

    // Window 1 edits Ada's mentorship while window 2 starts another one.
    b.switch_to(&first).await;
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Edited in window one").await;
    b.switch_to(&second).await;
    start_mentorship(&b, "Grace Hopper", "Alan Turing", "Started in window two").await;
    b.switch_to(&first).await;
    b.click_labelled("Save details").await;
    b.wait_page_text("Edited in window one").await;

    // Window 1 sees window 2's new mentorship without reloading.
    go_home(&b).await;
    b.wait_text(".mentorship-list", "Grace Hopper & Alan Turing").await;
    b.wait_text(".mentorship-list", "Edited in window one").await;
    // And window 2 sees window 1's edit.
    b.switch_to(&second).await;
    go_home(&b).await;
    b.wait_text(".mentorship-list", "Edited in window one").await;

    // Both survive a reload (the save is not last-writer-wins).
    b.reload().await;
    b.wait_text_with(".mentorship-list", "Started in window two", &["Edited in window one"]).await;
    b.goto(&ada_path).await;
    b.wait_page_text("Edited in window one").await;
}

#[tokio::test]
async fn an_edit_is_saved_even_when_the_tab_closes_at_once() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Before").await;
    b.click_labelled("Edit details").await;
    b.fill_labelled("Focus", "Saved on the way out").await;
    // Save and leave in the same moment, before the debounced save would run.
    b.eval("document.querySelector('form button[type=submit]').click(); location.reload(); return true").await;
    b.wait_for("main h1").await;
    b.wait_page_text("Saved on the way out").await;
}
