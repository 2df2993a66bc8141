//! A session's life: planned, agenda written and sent (the calendar file
//! parses), held, summary with new action items that show up in the next
//! agenda; a cancellation at short notice is flagged and kept.

use chrono::{Duration, Local};
use icalendar::{Calendar, CalendarComponent, Component};

use crate::flows::{
    add_action_item, add_agenda_topic, go_to, new_mentorship, plan_session, write_summary,
    ItemForm, Section,
};

#[tokio::test]
async fn plan_agenda_send_hold_summarise_and_the_items_reach_the_next_agenda() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    let day = (Local::now() + Duration::days(3)).date_naive();
    plan_session(&b, &day.to_string(), "10:00", "Choosing a project").await;
    b.wait_text("[data-agenda-state]", "Agenda not started").await;

    // The agenda: an update, two topics put in priority order with the keyboard.
    b.fill("#agenda-update", "Talked to my manager.").await;
    for topic in ["How to ask, and when", "Which of the two projects?"] {
        add_agenda_topic(&b, topic).await;
    }
    b.click("[aria-label='Move topic 2 up']").await;
    b.wait_value(".topics li:first-child input", "Which of the two projects?").await;
    b.fill("#agenda-input", "Your experience of a first lead role.").await;
    b.wait_text("[data-agenda-state]", "Agenda in draft").await;

    // Add it to the calendar: the file downloads and parses. Downloading or
    // copying is not sending: the agenda stays a draft until marked sent.
    b.click_labelled("Calendar event (.ics)").await;
    let text = b.wait_download_text(".ics").await;
    let cal: Calendar = text.parse().expect("a valid iCalendar file");
    let event = cal
        .components
        .iter()
        .find_map(|c| if let CalendarComponent::Event(e) = c { Some(e) } else { None })
        .expect("an event");
    assert_eq!(
        event.get_summary(),
        Some("Mentoring — Ada Lovelace & Charles Babbage: Choosing a project")
    );
    let description = event.get_description().unwrap_or_default();
    assert!(
        description.contains("1. Which of the two projects?")
            && description.contains("2. How to ask, and when"),
        "{description}"
    );
    assert!(text.contains("BEGIN:VALARM"));
    b.wait_text("[data-send=agenda] [role=status]", "Once you have sent the agenda").await;
    assert!(b.text("[data-agenda-state]").await.contains("Agenda in draft"));
    b.click_labelled("Copy the agenda as text").await;
    b.wait_until(
        "copying answered",
        "const t = document.querySelector('[data-send=agenda]').textContent; \
         return t.includes('Copied.') || t.includes('Copying failed')",
    )
    .await;
    assert!(
        b.text("[data-agenda-state]").await.contains("Agenda in draft"),
        "copying is not sending"
    );
    b.click_labelled("Mark the agenda as sent").await;
    b.wait_text("[data-agenda-state]", "Agenda sent").await;
    // A mistake can be taken back, and redone.
    b.click_labelled("Undo: the agenda is not sent").await;
    b.wait_text("[data-agenda-state]", "Agenda in draft").await;
    b.click_labelled("Mark the agenda as sent").await;
    b.wait_text("[data-agenda-state]", "Agenda sent").await;

    // After the meeting: two new action items and the next meeting.
    // The session is next week: marking it held before it starts is asked
    // about first.
    b.click_labelled("Mark as held: write the summary").await;
    b.wait_text("[role=alertdialog]", "This session has not started yet").await;
    b.click_labelled("Mark it as held").await;
    write_summary(&b, "We compared two projects.", "Billing rewrite.").await;
    for (what, owner) in
        [("Ask for the billing project", "mentee"), ("Introduce Ada to the billing lead", "mentor")]
    {
        let due = day + Duration::days(5);
        add_action_item(&b, ItemForm::SessionSummary, what, Some(owner), due, None).await;
    }
    b.click("#rating-mentee-5").await;
    let next_day = day + Duration::days(7);
    b.set_value("#next-date", &next_day.to_string()).await;
    b.set_value("#next-time", "10:00").await;
    b.click_labelled("Plan it as the next session").await;
    b.wait_page_text("Planned: it is on the sessions list.").await;
    b.wait_saved().await;
    // Held: the Overview says what comes next.
    go_to(&b, Section::Overview).await;
    b.wait_text(".next-step-card", "Next step: send the summary of the last session").await;

    // The next session's agenda pulls in both partners' new items, first.
    go_to(&b, Section::Sessions).await;
    b.wait_text_with(
        ".session-list",
        &format!("{}", next_day.format("%-d")),
        &["Agenda not started"],
    )
    .await;
    b.click(".session-list li:last-child a").await;
    b.wait_text("main h1", "Session —").await;
    b.wait_text_with(
        ".agenda-editor .pulled-items",
        "Ask for the billing project",
        &[
            "Ada Lovelace: Ask for the billing project",
            "Charles Babbage: Introduce Ada to the billing lead",
        ],
    )
    .await;
    b.reload_and_see(".agenda-editor .pulled-items", "Introduce Ada to the billing lead").await;
}

#[tokio::test]
async fn a_short_notice_cancellation_is_flagged_and_kept() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    let soon = Local::now() + Duration::hours(3);
    plan_session(
        &b,
        &soon.date_naive().to_string(),
        &soon.format("%H:%M").to_string(),
        "Quick check-in",
    )
    .await;
    // Within the suggested 24 hours and no agenda sent: flagged late (the
    // pair has not agreed a lead time: the app says "suggested").
    b.wait_text("[data-agenda-late]", "the suggestion (until you agree it) is to send it").await;
    b.click_labelled("Cancel session").await;
    b.click("#change-by-mentor").await;
    b.fill("#change-reason", "Ill").await;
    b.click_labelled("Cancel the session").await;
    b.wait_text("[data-session-status]", "Cancelled").await;
    b.wait_text_with(
        "[data-change]",
        "Cancelled by the mentor",
        &["less than the suggested 24 hours", "Reason: Ill."],
    )
    .await;
    assert!(b.exists("li.short-notice").await);
    // A cancelled session has nothing to prepare: no agenda, nothing to send.
    b.wait_text("[aria-labelledby=agenda-title]", "there is no agenda to send").await;
    assert!(!b.exists("#agenda-update").await && !b.exists("[data-send=agenda]").await);
    b.reload_and_see("[data-change]", "less than the suggested 24 hours").await;
}

#[tokio::test]
async fn a_session_under_way_is_marked_held_in_one_step() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    let started = Local::now() - Duration::minutes(30);
    let (day, time) = (started.date_naive().to_string(), started.format("%H:%M").to_string());
    plan_session(&b, &day, &time, "Under way").await;
    // It has started: the button is the page's main action, and asks nothing.
    let hold = "Mark as held: write the summary";
    let primary = format!(
        "return [...document.querySelectorAll('main button')].some(x => x.textContent.trim() === {hold:?} && !x.classList.contains('secondary'))"
    );
    b.wait_until("marking it held is the main action", &primary).await;
    b.click_labelled(hold).await;
    b.wait_for("#summary-notes").await;
    assert!(!b.exists("[role=alertdialog]").await, "nothing to confirm once it has started");
}
