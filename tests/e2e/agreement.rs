//! The expectations conversation and the signed agreement, as a pair does it.

use crate::flows::{
    follow, go_to, mentorship_id, new_mentorship, new_mentorship_on_theme, open_theme,
    settle_every_theme, sign, update_the_draft, write_the_agreement, Section,
};

#[tokio::test]
async fn a_pair_settles_every_theme_signs_and_amends_the_agreement() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    settle_every_theme(&b).await;

    // The conversation resumes where it stands after a reload.
    b.reload_and_see(".progress-summary", "14 of 14 settled").await;

    follow(&b, "Every theme is settled: write the agreement →", "Mentoring agreement").await;
    b.click_labelled("Write the agreement").await;
    // The settled consensus is in the text.
    b.wait_text_with(
        ".document",
        "Mentoring agreement",
        &["We meet weekly, for 60 minutes", "No-fault conclusion"],
    )
    .await;

    // Edit the draft.
    b.click_labelled("Edit the text").await;
    b.type_keys("#agreement-body", "\nWe review this agreement at the first check-in.").await;
    b.wait_text(".preview", "We review this agreement at the first check-in.").await;
    b.click_labelled("Done editing").await;
    b.wait_text(".document", "We review this agreement at the first check-in.").await;

    // Signing needs the exact name, then both.
    sign(&b, "mentee", "Ada").await;
    b.wait_text(
        "[data-side=mentee] .field-error",
        "exactly as given in the mentorship: Ada Lovelace",
    )
    .await;
    sign(&b, "mentee", "Ada Lovelace").await;
    b.wait_text("[data-side=mentee] .signed", "Signed “Ada Lovelace”").await;
    b.wait_text("[data-state]", "Awaiting one signature").await;
    sign(&b, "mentor", "Charles Babbage").await;
    b.wait_text("[data-state]", "Signed by both").await;
    let fingerprint = b.text("[data-fingerprint]").await;
    assert_eq!(fingerprint.len(), 19, "{fingerprint}");
    b.wait_page_text("if your partner's copy shows the same code, you both signed the same text")
        .await;
    b.wait_saved().await;

    // After a reload it is frozen: same fingerprint, no editing.
    b.reload().await;
    b.wait_for("[data-frozen=true]").await;
    assert_eq!(b.text("[data-fingerprint]").await, fingerprint);
    assert!(!b.exists("#sign-mentee").await);
    assert!(!b.page_text().await.contains("Edit the text"));
    go_to(&b, Section::Overview).await;
    b.wait_page_text("Active").await;
    b.wait_text(".next-step-card", "Next step: plan the first session").await;

    // An amendment is version 2, a draft to sign again; version 1 stays.
    go_to(&b, Section::Agreement).await;
    b.click_labelled("Amend the agreement").await;
    b.fill("#amend-note", "Fortnightly from April").await;
    b.click_labelled("Start the amendment").await;
    b.wait_text("#version-title", "Version 2").await;
    b.wait_text("[data-state]", "Draft").await;
    assert!(b.exists("#sign-mentee").await);
    b.wait_text_with(".versions", "Version 1", &["Signed by both"]).await;
    b.click_labelled("Version 1").await;
    b.wait_text("#version-title", "Version 1").await;
    assert_eq!(
        b.text("[data-fingerprint]").await,
        fingerprint,
        "the earlier version is readable as signed"
    );

    // The print view is the document alone.
    b.click_labelled("Print view").await;
    b.wait_text(".print-document", "Mentoring agreement").await;
    b.wait_text(".print-document", &fingerprint).await;
    assert!(!b.exists("header.app-header").await, "no app header");
    assert_eq!(b.count("nav").await, 0, "no navigation");
}

#[tokio::test]
async fn signing_is_blocked_until_every_theme_is_settled() {
    let (_site, b) = new_mentorship("Grace Hopper", "Alan Turing", "Compilers").await;
    write_the_agreement(&b).await;
    b.wait_text_with(
        "[data-unsettled]",
        "Not settled yet",
        &["Confidentiality", "Goals and focus"],
    )
    .await;
    // The button says it cannot sign yet, and why, right beside it — and
    // trying anyway signs nothing and says why again.
    let button = "[data-side=mentee] button[type=submit]";
    assert_eq!(b.attr(button, "aria-disabled").await.as_deref(), Some("true"));
    let why = b.attr(button, "aria-describedby").await.expect("described by the reason");
    let reason = b.text(&format!("#{why}")).await;
    assert!(
        reason.contains("once every theme is settled") && reason.contains("Confidentiality"),
        "{reason}"
    );
    b.fill("#sign-mentee", "Grace Hopper").await;
    b.click(button).await;
    b.wait_text("[data-side=mentee] [data-error]", "Settle every theme").await;
    assert!(b.exists("#sign-mentee").await, "not signed");
    let doc = b.text(".document").await;
    assert!(doc.contains("To be agreed."), "{doc}");
}

#[tokio::test]
async fn two_windows_answering_different_themes_keep_both_answers() {
    let (_site, b, id) =
        new_mentorship_on_theme("Ada Lovelace", "Charles Babbage", "Leadership", "goals").await;
    let first = b.window().await;
    let second = b.open_window().await;
    open_theme(&b, &id, "meetings").await;

    // Both type at once, in the same mentorship.
    b.fill("#t-mentor-text", "Fortnightly suits me better.").await;
    b.switch_to(&first).await;
    b.fill("#t-mentee-text", "Grow into leading a team.").await;
    b.wait_saved().await;
    b.switch_to(&second).await;
    b.wait_saved().await;

    // Each window sees the other's answer, and both survive a reload.
    open_theme(&b, &id, "goals").await;
    b.wait_value("#t-mentee-text", "Grow into leading a team.").await;
    b.switch_to(&first).await;
    open_theme(&b, &id, "meetings").await;
    b.wait_value("#t-mentor-text", "Fortnightly suits me better.").await;
}

#[tokio::test]
async fn typing_an_answer_keeps_the_cursor_in_the_field() {
    let (_site, b, _) =
        new_mentorship_on_theme("Ada Lovelace", "Charles Babbage", "Leadership", "meetings").await;
    for (field, keys, expected) in [
        ("#t-mentee-length_minutes", ["4", "5"], "45"),
        ("#t-mentee-text", ["Week", "ly"], "Weekly"),
    ] {
        b.click(field).await;
        for k in keys {
            // Each keystroke saves; the next one must still land in the same field.
            b.client.active_element().await.expect("focused").send_keys(k).await.expect("type");
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        }
        assert_eq!(b.value(field).await, expected, "{field}");
        let focused = b.eval("return document.activeElement.id").await;
        assert_eq!(focused.as_str(), Some(field.trim_start_matches('#')), "focus stays in {field}");
    }
}

#[tokio::test]
async fn a_draft_follows_the_conversation_and_an_optional_theme_can_be_left_out() {
    let (_site, b) = new_mentorship("Mary Somerville", "John Herschel", "Astronomy").await;
    let id = mentorship_id(&b).await;
    write_the_agreement(&b).await;
    b.wait_text(".document", "To be agreed.").await;
    assert!(!b.exists("[data-drift]").await, "a fresh draft says what the conversation says");

    // Settle one theme, and mark an optional one not needed.
    open_theme(&b, &id, "confidentiality").await;
    b.click("[data-suggest=mentee]").await;
    b.click("[data-suggest=mentor]").await;
    b.click_labelled("We agree: use our answers").await;
    b.wait_text(".theme-head .chip", "Settled").await;
    open_theme(&b, &id, "extras").await;
    b.wait_text("[data-not-needed]", "Optional").await;
    b.click_labelled("Not needed for us").await;
    b.wait_text(".theme-head .chip", "Not needed").await;
    b.wait_text(".progress-summary", "2 of 14 settled (1 of them not needed)").await;
    open_theme(&b, &id, "goals").await;
    assert!(!b.exists("[data-not-needed]").await, "every agreement needs goals");

    // The draft says what changed, and one click brings it up to date.
    go_to(&b, Section::Agreement).await;
    b.wait_text_with(
        "[data-drift]",
        "changed since this draft was written",
        &["Confidentiality", "Additional arrangements"],
    )
    .await;
    update_the_draft(&b).await;
    b.wait_text(".document", "no arrangements beyond our meetings are needed").await;
    let confidentiality = b.text(".document").await;
    let section = confidentiality.split("Confidentiality").nth(1).unwrap_or_default();
    assert!(!section.trim_start().starts_with("To be agreed"), "{confidentiality}");
    assert!(!b.exists("[data-drift]").await);

    // Needed after all: it is open again, and the draft is flagged again.
    open_theme(&b, &id, "extras").await;
    b.click_labelled("We need it after all").await;
    b.wait_text(".theme-head .chip", "Not started").await;
    go_to(&b, Section::Agreement).await;
    b.wait_text("[data-drift]", "Additional arrangements").await;
}

#[tokio::test]
async fn a_change_after_signing_is_flagged_and_amending_brings_it_in() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    let id = mentorship_id(&b).await;
    settle_every_theme(&b).await;
    write_the_agreement(&b).await;
    sign(&b, "mentee", "Ada Lovelace").await;
    b.wait_text("[data-state]", "Awaiting one signature").await;
    sign(&b, "mentor", "Charles Babbage").await;
    b.wait_text("[data-state]", "Signed by both").await;

    // The pair rewrite their consensus on confidentiality.
    open_theme(&b, &id, "confidentiality").await;
    b.fill("#t-consensus-text", "Nothing we say leaves the room, not even to HR.").await;
    b.wait_saved().await;

    go_to(&b, Section::Agreement).await;
    b.wait_text_with("[data-drift]", "since this version was signed", &["Confidentiality"]).await;
    b.click_labelled("Amend it to match").await;
    assert_eq!(
        b.value("#amend-note").await,
        "Brought up to date with the conversation: Confidentiality."
    );
    b.click_labelled("Start the amendment").await;
    b.wait_text("#version-title", "Version 2").await;
    b.wait_text("[data-drift]", "changed since this draft was written").await;
    update_the_draft(&b).await;
    b.wait_text(".document", "not even to HR").await;
    assert!(!b.exists("[data-drift]").await);
    b.click_labelled("Version 1").await;
    b.wait_text("#version-title", "Version 1").await;
    assert!(!b.text(".document").await.contains("not even to HR"), "version 1 stays as signed");
    assert!(!b.exists("[data-drift]").await, "only the latest version follows the conversation");
}

#[tokio::test]
async fn a_theme_of_the_pairs_own_joins_the_conversation() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    go_to(&b, Section::Expectations).await;
    b.click_labelled("Add a theme of your own").await;

    // Nothing typed: the form says what is missing, by the field too.
    b.click_labelled("Add theme").await;
    b.wait_text(".error-summary", "The theme's title").await;
    b.wait_text("#new-theme-title-error", "The theme's title").await;

    b.fill("#new-theme-title", "Working hours").await;
    b.fill_labelled("Question to answer", "When may we message each other?").await;
    b.click_labelled("Add theme").await;
    // It opens at once, and the conversation counts it after a reload.
    b.wait_text("#theme-title", "Working hours").await;
    assert!(!b.exists("#new-theme-title").await, "the form closes");
    b.reload_and_see(".progress-summary", "0 of 15 settled").await;
    b.wait_text("#theme-title", "Working hours").await;
}
