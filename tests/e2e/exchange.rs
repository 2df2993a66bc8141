//! Two people, two devices, no server: the mentee invites the mentor by a
//! link, the mentor joins and answers, the answer comes back as a pasted
//! text, and a bundle changed on the way is refused; each signs on their own
//! device; a text written on both at once is kept; a week's agenda, summary,
//! items and feedback travel by link, file and text until both devices hold
//! the same mentorship; the share sheet and "Open with" hand bundles over.

use crate::flows::{
    add_action_item, add_agenda_topic, answer_every_theme, download_protected, follow, go_to,
    mentorship_id, new_mentorship, open_protected, open_theme, plan_session, settle_every_theme,
    sign, wait_for_service_worker, write_summary, write_the_agreement, ItemForm, Protected,
    Section,
};
use crate::support::{Browser, Site};

/// Downloads what the Exchange page has ready to send, as its text.
async fn send(b: &Browser, mentorship: &str) -> String {
    b.open(&format!("/m/{mentorship}/exchange")).await;
    b.wait_text("main h1", "Exchange").await;
    b.wait_for("[data-send-summary]").await;
    b.click_labelled("Download as a file (.txt)").await;
    b.wait_text("[data-sent]", "Next time, only what changes").await;
    b.wait_download_text(".txt").await
}

/// Priya's new mentorship with Daniel on her device, and his device, which
/// does not hold it yet: (the site, hers, his, the mentorship's id).
async fn two_devices() -> (Site, Browser, Browser, String) {
    let (site, mentee) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    let id = mentorship_id(&mentee).await;
    let mentor = Browser::start(&site.url("")).await;
    (site, mentee, mentor, id)
}

/// The mentor joins the mentorship by the mentee's invitation link.
async fn join_by_link(mentee: &Browser, mentor: &Browser, mentorship: &str) {
    let invitation = send(mentee, mentorship).await;
    mentor.goto(&format!("/receive#{invitation}")).await;
    follow(mentor, "Join as the mentor", "Overview").await;
}

#[tokio::test]
async fn a_pair_invites_joins_and_exchanges_answers_on_two_devices() {
    let (_site, mentee, mentor, id) = two_devices().await;
    open_theme(&mentee, &id, "meetings").await;
    mentee.fill("#t-mentee-text", "Every week, early.").await;
    mentee.wait_saved().await;
    let invitation = send(&mentee, &id).await;
    assert!(invitation.starts_with("TB1."), "{invitation:.20}");
    assert!(!mentee.exists("[data-link-too-long]").await, "an invitation fits in a link");

    // The mentor opens the link on their own device and joins.
    mentor.goto(&format!("/receive#{invitation}")).await;
    mentor.wait_text("[data-receive-preview]", "Join this mentorship?").await;
    let text = mentor.wait_text("[data-receive-preview]", "From Priya Shah, the mentee").await;
    assert!(text.contains("You join as the mentor"), "{text}");
    assert_eq!(mentor.eval("return location.hash").await, "", "the fragment is gone at once");
    follow(&mentor, "Join as the mentor", "Overview").await;
    mentor.wait_page_text("You, the mentor").await;
    open_theme(&mentor, &id, "meetings").await;
    mentor.wait_value("#t-mentee-text", "Every week, early.").await;
    // Her view is hers: on his device it can be read, not changed.
    assert_eq!(mentor.attr("#t-mentee-text", "disabled").await.as_deref(), Some("true"));
    assert_eq!(mentor.attr("#t-mentor-text", "disabled").await, None);

    // The mentor answers; the answer goes back as pasted text.
    mentor.fill("#t-mentor-text", "Fortnightly suits me better.").await;
    mentor.wait_saved().await;
    let answer = send(&mentor, &id).await;
    read_pasted(&mentee, &id, &format!("Here you go: {answer}")).await;
    mentee.wait_text("[data-receive-preview]", "From Daniel Okafor, the mentor").await;
    mentee.wait_text("[data-receive-changes]", "Themes: 1 changed").await;
    follow(&mentee, "Receive it", "Overview").await;
    mentee.wait_page_text("You, the mentee").await;
    open_theme(&mentee, &id, "meetings").await;
    mentee.wait_value("#t-mentor-text", "Fortnightly suits me better.").await;

    // The same text with one character changed is refused, and says why.
    let mut tampered = answer.into_bytes();
    let i = tampered.len() / 2;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("ascii");
    read_pasted(&mentee, &id, &tampered).await;
    mentee.wait_text("[data-error]", "changed on the way").await;
    assert!(!mentee.exists("[data-receive-preview]").await);
}

/// Pastes `text` on the Exchange page of `mentorship` and reads it: what it
/// would change, or why it is refused, is shown next.
async fn read_pasted(b: &Browser, mentorship: &str, text: &str) {
    b.open(&format!("/m/{mentorship}/exchange")).await;
    b.fill("#receive-text", text).await;
    b.click_labelled("Read it").await;
}

/// Receives `text` on the Exchange page of `mentorship` and waits for the
/// overview it lands on.
async fn receive(b: &Browser, mentorship: &str, text: &str) {
    read_pasted(b, mentorship, text).await;
    b.wait_for("[data-receive-preview]").await;
    follow(b, "Receive it", "Overview").await;
}

#[tokio::test]
async fn each_answers_and_signs_on_their_own_device_and_both_see_it_signed_by_both() {
    let (site, mentee) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    let id = mentorship_id(&mentee).await;
    // She answers every theme on her laptop and invites him; the
    // invitation travels as a file.
    answer_every_theme(&mentee, "mentee").await;
    let invitation = send(&mentee, &id).await;
    let mentor = Browser::start(&site.url("")).await;
    let file = std::env::temp_dir().join(format!("tandem-invitation-{id}.txt"));
    std::fs::write(&file, &invitation).expect("write the file");
    mentor.open("/receive").await;
    mentor.type_keys("#receive-file", &file.display().to_string()).await;
    follow(&mentor, "Join as the mentor", "Overview").await;

    // He answers every theme on his own device; his answers come back.
    answer_every_theme(&mentor, "mentor").await;
    let answers = send(&mentor, &id).await;
    receive(&mentee, &id, &answers).await;
    // She sees both views and where they differ, and they settle it.
    settle_every_theme(&mentee).await;
    write_the_agreement(&mentee).await;
    // His signature is his to give: her device does not offer it.
    mentee.wait_text("[data-side=mentor]", "signs on their own device").await;
    assert!(!mentee.exists("#sign-mentor").await);
    sign(&mentee, "mentee", "Ada Lovelace").await;
    mentee.wait_text("[data-state]", "Awaiting one signature").await;
    mentee.wait_saved().await;
    let agreement = send(&mentee, &id).await;

    receive(&mentor, &id, &agreement).await;
    go_to(&mentor, Section::Agreement).await;
    assert!(!mentor.exists("#sign-mentee").await, "her signature is not his to give");
    sign(&mentor, "mentor", "Charles Babbage").await;
    mentor.wait_text("[data-state]", "Signed by both").await;
    let his = mentor.text("[data-fingerprint]").await;
    mentor.wait_saved().await;

    let signed = send(&mentor, &id).await;
    receive(&mentee, &id, &signed).await;
    go_to(&mentee, Section::Agreement).await;
    mentee.wait_text("[data-state]", "Signed by both").await;
    assert_eq!(mentee.text("[data-fingerprint]").await, his, "the same text, signed by both");
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn a_text_written_on_both_devices_at_once_is_kept_until_one_chooses() {
    let (_site, mentee, mentor, id) = two_devices().await;
    join_by_link(&mentee, &mentor, &id).await;

    // Both write the consensus on meetings before hearing from the other.
    for (b, text) in [(&mentee, "Weekly, on Tuesdays."), (&mentor, "Fortnightly, on Fridays.")] {
        open_theme(b, &id, "meetings").await;
        b.fill("#t-consensus-text", text).await;
        b.wait_saved().await;
    }
    let hers = send(&mentee, &id).await;
    let his = send(&mentor, &id).await;
    receive(&mentee, &id, &his).await;
    receive(&mentor, &id, &hers).await;
    // His device knows what she had when she invited him, so it tells her
    // change from a copy; the conflict travels back with his next bundle.
    mentor.wait_text("[data-conflict-banner]", "1 text written on both devices at once").await;
    let with_conflict = send(&mentor, &id).await;
    receive(&mentee, &id, &with_conflict).await;

    // Both devices hold the same two versions: his (later) stands.
    for b in [&mentee, &mentor] {
        b.wait_text("[data-conflict-banner]", "1 text written on both devices at once").await;
        b.open(&format!("/m/{id}/exchange")).await;
        b.wait_text("[data-conflicts]", "Fortnightly, on Fridays.").await;
        b.wait_text("[data-conflicts] [data-kept]", "Weekly, on Tuesdays.").await;
    }
    // She takes her version; once he receives it, it is settled on both.
    mentee.click("[aria-label^='Use the other version (1: The consensus on']").await;
    mentee.wait_saved().await;
    assert!(!mentee.exists("[data-conflicts]").await);
    open_theme(&mentee, &id, "meetings").await;
    mentee.wait_value("#t-consensus-text", "Weekly, on Tuesdays.").await;
    let settled = send(&mentee, &id).await;
    receive(&mentor, &id, &settled).await;
    assert!(!mentor.exists("[data-conflict-banner]").await);
    open_theme(&mentor, &id, "meetings").await;
    mentor.wait_value("#t-consensus-text", "Weekly, on Tuesdays.").await;
}

#[tokio::test]
async fn the_share_sheet_hands_a_bundle_to_the_app_without_the_network() {
    let (site, mentee, mentor, id) = two_devices().await;
    let invitation = send(&mentee, &id).await;
    mentor.open("/").await;
    wait_for_service_worker(&mentor).await;
    let asked_before = site.requests_for("/receive");
    // What the share sheet does for an installed app (the manifest's
    // share_target): a form POST to receive, with the shared message, from
    // outside the app (the app's own pages allow no form to post anywhere).
    let message = format!("Join me on Tandem: {invitation}");
    let page = format!(
        "<form method=post enctype=multipart/form-data action='{}'>\
         <textarea name=text>{message}</textarea></form>\
         <script>document.forms[0].submit()</script>",
        site.url("/receive")
    );
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(page);
    mentor.goto(&format!("data:text/html;base64,{encoded}")).await;
    mentor.wait_text("[data-receive-preview]", "From Priya Shah, the mentee").await;
    assert_eq!(mentor.eval("return location.hash").await, "", "the fragment is gone at once");
    assert_eq!(site.requests_for("/receive"), asked_before, "the bundle never left the device");
}

#[tokio::test]
async fn a_file_opened_with_the_installed_app_is_read_on_arrival() {
    let (_site, mentee, mentor, id) = two_devices().await;
    let invitation = send(&mentee, &id).await;
    // What desktop Chromium does for an installed app opened on a `.txt`
    // file (the manifest's file_handlers): it opens the handler's page and
    // hands the file to the page's launch queue. `?file=` says which file
    // this stand-in hands over: the invitation, another text, or none it
    // can read.
    mentor
        .before_every_page(&format!(
            "const file = new URLSearchParams(location.search).get('file'); \
             const text = file === 'other' ? 'Shopping: eggs, milk' : {invitation:?}; \
             Object.defineProperty(window, 'launchQueue', {{ configurable: true, value: {{ \
               setConsumer(consume) {{ if (file) consume({{ files: [{{ getFile: async () => {{ \
                 if (file === 'gone') throw new DOMException('gone', 'NotFoundError'); \
                 return new File([text], 'invitation.txt', {{ type: 'text/plain' }}); \
               }} }}] }}) }} \
             }} }});"
        ))
        .await;
    mentor.open("/receive?file=gone").await;
    mentor.wait_text("[data-error]", "The file could not be read").await;
    mentor.open("/receive?file=other").await;
    mentor.wait_text("[data-error]", "no Tandem bundle").await;
    assert!(!mentor.exists("[data-receive-preview]").await);
    mentor.open("/receive?file=invitation").await;
    mentor.wait_text("[data-receive-preview]", "From Priya Shah, the mentee").await;
    follow(&mentor, "Join as the mentor", "Overview").await;
    mentor.wait_page_text("You, the mentor").await;
}

/// Downloads this device's backup and returns its mentorships as the pair
/// shares them: without private notes and without which side this device is.
async fn shared_part_of_backup(b: &Browser) -> (serde_json::Value, String) {
    b.open("/data").await;
    b.click_labelled("Download backup").await;
    let text = b.wait_download_text(".json").await;
    let backup: serde_json::Value = serde_json::from_str(&text).expect("backup is JSON");
    let mut mentorships = backup["mentorships"].clone();
    for doc in mentorships.as_array_mut().expect("mentorships") {
        let doc = doc.as_object_mut().expect("a mentorship");
        doc.remove("private_notes");
        doc["mentorship"].as_object_mut().expect("details").remove("my_role");
    }
    (mentorships, text)
}

#[tokio::test]
async fn a_week_travels_agenda_by_link_summary_and_items_back_by_file() {
    use chrono::{Duration, Local};
    let (site, mentee, mentor, id) = two_devices().await;
    join_by_link(&mentee, &mentor, &id).await;

    // She plans the session and writes the agenda; it goes as a link.
    let day = (Local::now() + Duration::days(3)).date_naive();
    plan_session(&mentee, &day.to_string(), "10:00", "Choosing a project").await;
    mentee.fill("#agenda-update", "Talked to my manager.").await;
    add_agenda_topic(&mentee, "Which of the two projects?").await;
    mentee.fill("#private-note", "Priya's own worry: the budget.").await;
    mentee.wait_saved().await;
    let agenda = send(&mentee, &id).await;
    assert!(!mentee.exists("[data-link-too-long]").await, "a week's agenda fits in a link");
    // The link as a QR code, for his phone next to her laptop: it reads off
    // the screen in either theme.
    mentee.click("details.qr summary").await;
    mentee.wait_for(".qr-code").await;
    for dark in [false, true] {
        mentee.set_dark(dark).await;
        mentee.eval("document.querySelector('.qr-code').scrollIntoView({block: 'center'})").await;
        let png = mentee.find(".qr-code").await.screenshot().await.expect("a screenshot");
        let scanned = crate::qr_reader::read_png(&png).expect("the QR code reads");
        assert_eq!(scanned, format!("{}receive#{agenda}", site.url("/")), "it holds the link");
    }
    mentee.set_dark(false).await;
    // Showing the code is not sending: only she knows whether it was read.
    mentee.reload().await;
    // It names only what it holds (not "0 themes, 0 agreement versions…").
    mentee.wait_text("[data-send-summary]", "Everything shared: 1 session.").await;
    mentee.click("details.qr summary").await;
    mentee.wait_for(".qr-code").await;
    assert!(!mentee.exists("[data-sent]").await, "shown is not sent");
    mentee.click_labelled("It was scanned: mark as sent").await;
    mentee.wait_for("[data-sent]").await;
    mentor.goto(&format!("/receive#{agenda}")).await;
    mentor.wait_text("[data-receive-changes]", "Sessions: 1 added").await;
    follow(&mentor, "Receive it", "Overview").await;
    go_to(&mentor, Section::Sessions).await;
    mentor.click(".session-list li:first-child a").await;
    mentor.wait_value("#agenda-update", "Talked to my manager.").await;
    mentor.wait_value(".topics li:first-child input", "Which of the two projects?").await;
    assert_eq!(mentor.value("#private-note").await, "", "her private note stays on her device");

    // After the meeting he writes the summary, two action items and his
    // feedback; they go back as a file.
    mentor.fill("#private-note", "Daniel's own note: push her on scope.").await;
    mentor.click_labelled("Mark as held: write the summary").await;
    mentor.click_labelled("Mark it as held").await;
    write_summary(&mentor, "We compared two projects.", "Billing rewrite.").await;
    let due = day + Duration::days(5);
    for (what, owner) in [("Ask for the billing project", "mentee"), ("Introduce her", "mentor")] {
        add_action_item(&mentor, ItemForm::SessionSummary, what, Some(owner), due, None).await;
    }
    mentor.click("#rating-mentor-4").await;
    mentor.wait_saved().await;
    let summary = send(&mentor, &id).await;
    let file = std::env::temp_dir().join(format!("tandem-summary-{id}.txt"));
    std::fs::write(&file, &summary).expect("write the file");
    mentee.open(&format!("/m/{id}/exchange")).await;
    mentee.type_keys("#receive-file", &file.display().to_string()).await;
    mentee.wait_text("[data-receive-changes]", "Action items: 2 added").await;
    follow(&mentee, "Receive it", "Overview").await;
    go_to(&mentee, Section::ActionItems).await;
    mentee.wait_text(".items", "Introduce her").await;
    go_to(&mentee, Section::Sessions).await;
    mentee.click(".session-list li:first-child a").await;
    mentee.wait_value("#summary-notes", "We compared two projects.").await;
    // His feedback is his: she reads it, and gives her own.
    assert!(mentee.exists("#rating-mentor-4:checked").await, "his rating arrived");
    assert!(!mentee.exists("#rating-mentor-4:enabled").await, "his rating is his to change");
    mentee.click("#rating-mentee-5").await;
    mentee.wait_saved().await;
    let feedback = send(&mentee, &id).await;
    receive(&mentor, &id, &feedback).await;

    // Both devices hold the same mentorship; each keeps its own private note.
    let (hers, her_backup) = shared_part_of_backup(&mentee).await;
    let (his, his_backup) = shared_part_of_backup(&mentor).await;
    assert_eq!(hers, his, "both devices hold the same mentorship");
    assert!(her_backup.contains("Priya's own worry") && !her_backup.contains("Daniel's own note"));
    assert!(his_backup.contains("Daniel's own note") && !his_backup.contains("Priya's own worry"));
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn a_file_protected_with_a_passphrase_opens_only_with_it() {
    let (_site, mentee, mentor, id) = two_devices().await;
    mentee.open(&format!("/m/{id}/exchange")).await;
    mentee.wait_for("[data-send-summary]").await;
    download_protected(&mentee, Protected::BUNDLE, "our shared phrase", "our shared phrase").await;
    let file = mentee.wait_download("-protected.txt").await;
    let text = std::fs::read_to_string(&file).expect("the file");
    assert!(text.contains("tandem-protected") && !text.contains("TB1."), "{text:.80}");
    mentee.wait_text("[data-sent]", "Next time, only what changes").await;

    mentor.open("/receive").await;
    mentor.type_keys("#receive-file", file.to_str().expect("path")).await;
    open_protected(&mentor, Protected::BUNDLE, "not our phrase").await;
    mentor.wait_text("#bundle-open-passphrase-error", "does not open it").await;
    assert!(!mentor.exists("[data-receive-preview]").await, "nothing read");
    open_protected(&mentor, Protected::BUNDLE, "our shared phrase").await;
    mentor.wait_text("[data-receive-preview]", "From Priya Shah, the mentee").await;
    follow(&mentor, "Join as the mentor", "Overview").await;
}
