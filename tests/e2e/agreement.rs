//! The expectations conversation and the signed agreement, as a pair does it.

use crate::flows::start_mentorship;
use crate::support::{Browser, Site};

/// Goes through every theme on one device: both take the suggestion, they
/// disagree on the meeting length and settle it; everything else they agree.
async fn settle_every_theme(b: &Browser) {
    b.click_labelled("Expectations").await;
    b.wait_text("main h1", "Expectations conversation").await;
    let total = b.count(".theme-nav li").await;
    assert_eq!(total, 14, "every built-in theme is offered");
    for n in 0..total {
        b.wait_for("#theme-title").await;
        if b.exists("[data-suggest=mentee]").await {
            b.click("[data-suggest=mentee]").await;
            b.click("[data-suggest=mentor]").await;
        }
        let title = b.text("#theme-title").await;
        if title.contains("Meeting cadence") {
            // A number is saved when the field is left (Tab).
            b.fill("#t-mentor-length_minutes", "45\u{E004}").await;
            let diff = b.wait_text(".differences", "Length").await;
            assert!(diff.contains("60 minutes") && diff.contains("45 minutes"), "{diff}");
            b.wait_text(".theme-head .chip", "To discuss").await;
            b.click_labelled("Start from the mentee's answer").await;
        } else {
            b.click_labelled("We agree: use our answers").await;
        }
        b.wait_text(".theme-head .chip", "Settled").await;
        if n + 1 < total {
            b.click(".pager a.button:not(.secondary)").await;
            b.wait_until("the next theme is shown", &format!("return document.querySelector('.theme-nav a.current') === document.querySelectorAll('.theme-nav a')[{}]", n + 1)).await;
        }
    }
    b.wait_text(".progress-summary", "14 of 14 settled").await;
}

#[tokio::test]
async fn a_pair_settles_every_theme_signs_and_amends_the_agreement() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Leadership").await;
    settle_every_theme(&b).await;

    // The conversation resumes where it stands after a reload.
    b.reload().await;
    b.wait_text(".progress-summary", "14 of 14 settled").await;

    b.click_labelled("Every theme is settled: write the agreement →").await;
    b.wait_text("main h1", "Mentoring agreement").await;
    b.click_labelled("Write the agreement").await;
    let doc = b.wait_text(".document", "Mentoring agreement").await;
    assert!(
        doc.contains("We meet weekly, for 60 minutes"),
        "the settled consensus is in the text: {doc}"
    );
    assert!(doc.contains("No-fault conclusion"));

    // Edit the draft.
    b.click_labelled("Edit the text").await;
    let body = b.find("#agreement-body").await;
    body.send_keys("\nWe review this agreement at the first check-in.").await.expect("type");
    b.click_labelled("Done editing").await;
    b.wait_text(".document", "We review this agreement at the first check-in.").await;

    // Signing needs the exact name, then both.
    b.fill("#sign-mentee", "Ada").await;
    b.click_labelled("Sign as mentee").await;
    b.wait_text(
        "[data-side=mentee] .field-error",
        "exactly as given in the mentorship: Ada Lovelace",
    )
    .await;
    b.fill("#sign-mentee", "Ada Lovelace").await;
    b.click_labelled("Sign as mentee").await;
    b.wait_text("[data-side=mentee] .signed", "Signed “Ada Lovelace”").await;
    b.wait_text("[data-state]", "Awaiting one signature").await;
    b.fill("#sign-mentor", "Charles Babbage").await;
    b.click_labelled("Sign as mentor").await;
    b.wait_text("[data-state]", "Signed by both").await;
    let fingerprint = b.text("[data-fingerprint]").await;
    assert_eq!(fingerprint.len(), 19, "{fingerprint}");
    b.wait_saved().await;

    // After a reload it is frozen: same fingerprint, no editing.
    b.reload().await;
    b.wait_for("[data-frozen=true]").await;
    assert_eq!(b.text("[data-fingerprint]").await, fingerprint);
    assert!(!b.exists("#sign-mentee").await);
    assert!(!b.page_text().await.contains("Edit the text"));
    b.click_labelled("Overview").await;
    b.wait_page_text("Active").await;

    // An amendment is version 2, a draft to sign again; version 1 stays.
    b.click_labelled("Agreement").await;
    b.click_labelled("Amend the agreement").await;
    b.fill("#amend-note", "Fortnightly from April").await;
    b.click_labelled("Start the amendment").await;
    b.wait_text("#version-title", "Version 2").await;
    b.wait_text("[data-state]", "Draft").await;
    assert!(b.exists("#sign-mentee").await);
    let list = b.wait_text(".versions", "Version 1").await;
    assert!(list.contains("Signed by both"), "{list}");
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
    b.quit().await;
}

#[tokio::test]
async fn signing_is_blocked_until_every_theme_is_settled() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Grace Hopper", "Alan Turing", "Compilers").await;
    b.click_labelled("Agreement").await;
    b.click_labelled("Write the agreement").await;
    let warning = b.wait_text("[data-unsettled]", "Not settled yet").await;
    assert!(
        warning.contains("Confidentiality") && warning.contains("Goals and focus"),
        "{warning}"
    );
    let disabled = b
        .find("[data-side=mentee] button[type=submit]")
        .await
        .attr("disabled")
        .await
        .ok()
        .flatten();
    assert!(disabled.is_some(), "the sign button is disabled");
    let doc = b.text(".document").await;
    assert!(doc.contains("To be agreed."), "{doc}");
    b.quit().await;
}

#[tokio::test]
async fn two_windows_answering_different_themes_keep_both_answers() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Leadership").await;
    let id: String = b
        .eval("return location.pathname.split('/')[2]")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    let first = b.client.window().await.expect("window");
    b.open(&format!("/m/{id}/conversation?theme=goals")).await;
    let second = b.client.new_window(false).await.expect("window").handle;
    b.client.switch_to_window(second.clone()).await.expect("switch");
    b.open(&format!("/m/{id}/conversation?theme=meetings")).await;

    // Both type at once, in the same mentorship.
    b.fill("#t-mentor-text", "Fortnightly suits me better.").await;
    b.client.switch_to_window(first.clone()).await.expect("switch");
    b.fill("#t-mentee-text", "Grow into leading a team.").await;
    b.wait_saved().await;
    b.client.switch_to_window(second.clone()).await.expect("switch");
    b.wait_saved().await;

    // Each window sees the other's answer, and both survive a reload.
    b.open(&format!("/m/{id}/conversation?theme=goals")).await;
    b.wait_until(
        "window two shows window one's answer",
        "return document.querySelector('#t-mentee-text').value === 'Grow into leading a team.'",
    )
    .await;
    b.client.switch_to_window(first.clone()).await.expect("switch");
    b.open(&format!("/m/{id}/conversation?theme=meetings")).await;
    b.wait_until(
        "both answers are stored",
        "return document.querySelector('#t-mentor-text').value === 'Fortnightly suits me better.'",
    )
    .await;
    b.quit().await;
}

#[tokio::test]
async fn typing_an_answer_keeps_the_cursor_in_the_field() {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Leadership").await;
    let id: String = b
        .eval("return location.pathname.split('/')[2]")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string();
    b.open(&format!("/m/{id}/conversation?theme=meetings")).await;
    for (field, keys, expected) in [
        ("#t-mentee-length_minutes", ["4", "5"], "45"),
        ("#t-mentee-text", ["Week", "ly"], "Weekly"),
    ] {
        let el = b.find(field).await;
        el.click().await.expect("focus");
        for k in keys {
            // Each keystroke saves; the next one must still land in the same field.
            b.client.active_element().await.expect("focused").send_keys(k).await.expect("type");
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        }
        let value = b.eval(&format!("return document.querySelector('{field}').value")).await;
        assert_eq!(value.as_str(), Some(expected), "{field}");
        let focused = b.eval("return document.activeElement.id").await;
        assert_eq!(focused.as_str(), Some(field.trim_start_matches('#')), "focus stays in {field}");
    }
    b.quit().await;
}
