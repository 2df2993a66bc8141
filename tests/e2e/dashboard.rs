//! Goals, action items and the dashboard's numbers; the no-fault conclusion
//! makes a mentorship read-only and produces its final summary.

use chrono::{Duration, Local};

use crate::flows::{
    add_action_item, add_goal, go_home, go_to, new_mentorship, tick_action_item, ItemForm, Section,
};

#[tokio::test]
async fn the_dashboard_counts_goals_and_items_and_follows_a_done_item() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    go_home(&b).await;
    b.wait_text(".mentorship-card", "Next step: have the expectations conversation").await;
    b.wait_text("[data-agreement]", "Agreement: Not started").await;

    // A goal with two milestones, one done.
    b.click(".mentorship-card h2 a").await;
    add_goal(&b, "Lead a team project", Some("One project led end to end")).await;
    for ms in ["Pick the project", "Kick-off meeting"] {
        b.fill(".goal form.add-topic input[type=text]", ms).await;
        b.click_labelled("Add milestone").await;
        b.wait_text(".milestones", ms).await;
    }
    b.click(".milestones li:first-child input[type=checkbox]").await;
    b.wait_text(".goal .progress", "1 of 2 done (50%)").await;

    // Two action items: the mentee's overdue (linked to the goal), the mentor's due this week.
    go_to(&b, Section::ActionItems).await;
    let today = Local::now().date_naive();
    for (text, owner, due, goal) in [
        ("Draft the proposal", "mentee", today - Duration::days(1), Some("Lead a team project")),
        ("Send two articles", "mentor", today + Duration::days(3), None),
    ] {
        add_action_item(&b, ItemForm::ActionItemsPage, text, Some(owner), due, goal).await;
    }
    b.wait_for(".item.overdue").await;
    b.wait_saved().await;

    go_home(&b).await;
    b.wait_text_with(
        "[data-items]",
        "Ada Lovelace: 1 overdue",
        &["Charles Babbage: 1 due this week"],
    )
    .await;
    b.wait_text(".goal-progress", "1 of 3 done (33%)").await;

    // Marking the overdue item done updates the numbers.
    b.click(".mentorship-card h2 a").await;
    go_to(&b, Section::ActionItems).await;
    tick_action_item(&b, "Draft the proposal").await;
    b.wait_text("[data-count]", "1 action item,").await;
    go_home(&b).await;
    let items = b.wait_text("[data-items]", "Charles Babbage: 1 due this week").await;
    assert!(!items.contains("overdue"), "{items}");
    b.wait_text(".goal-progress", "2 of 3 done (67%)").await;
    b.wait_text("[data-follow-through]", "0 of 1 action item due in the last 90 days done on time")
        .await;
    b.reload_and_see(".goal-progress", "2 of 3 done (67%)").await;

    // The goal's buttons carry its title in their names: achieved, active
    // again, then opened for editing.
    b.click(".mentorship-card h2 a").await;
    go_to(&b, Section::Goals).await;
    b.click("[aria-label='Mark achieved “Lead a team project”']").await;
    b.wait_text("[data-goal-status]", "Achieved").await;
    b.click("[aria-label='Make active again “Lead a team project”']").await;
    b.wait_text("[data-goal-status]", "Active").await;
    b.click("[aria-label='Edit “Lead a team project”']").await;
    b.wait_for(".goal input[id^='goal-title-']").await;
}

#[tokio::test]
async fn concluding_makes_it_read_only_and_writes_the_final_summary() {
    let (_site, b) = new_mentorship("Ada Lovelace", "Charles Babbage", "Leadership").await;
    go_to(&b, Section::Review).await;

    // A check-in from the mentee.
    b.click_labelled("Check in as the mentee").await;
    for q in 0..5 {
        b.click(&format!("#ci-mentee-{q}-4")).await;
    }
    b.click("#ci-mentee-yes").await;
    b.fill("#ci-mentee-comment", "Going well").await;
    b.click_labelled("Save check-in").await;
    b.wait_text(
        "[data-side=mentee] .checkin-history",
        "working as expected (average 4.0 of 5) — “Going well”",
    )
    .await;

    b.click_labelled("Start the conclusion").await;
    b.fill("#learned-mentee", "To ask for what I want.").await;
    b.fill("#stay-in-touch", "Coffee every quarter.").await;
    b.wait_text(".final-summary", "To ask for what I want.").await;
    b.click_labelled("Close the mentorship").await;
    b.click_labelled("Close it").await;
    b.wait_text("[data-closed]", "Read-only and archived").await;
    b.wait_saved().await;

    // Read-only everywhere, still readable.
    b.reload().await;
    b.wait_page_text("This mentorship is closed and archived").await;
    b.wait_text_with(".final-summary", "What Ada Lovelace learned", &["Coffee every quarter."])
        .await;
    assert!(!b.page_text().await.contains("Next check-in by"), "no check-in is due once closed");
    go_to(&b, Section::Overview).await;
    assert!(!b.page_text().await.contains("Edit details"), "no editing once closed");
    go_to(&b, Section::Goals).await;
    assert!(!b.exists("main button").await || !b.page_text().await.contains("Add a goal"));
    go_home(&b).await;
    b.wait_text(".archived", "Ada Lovelace & Charles Babbage").await;

    // The print view of the final summary has no navigation; reopening works.
    b.click(".archived h2 a").await;
    go_to(&b, Section::Review).await;
    b.click_labelled("Print view").await;
    b.wait_text(".print-document", "Mentorship summary: Ada Lovelace & Charles Babbage").await;
    assert_eq!(b.count("nav").await, 0);
    b.client.back().await.expect("back");
    b.click_labelled("Reopen the mentorship").await;
    go_to(&b, Section::Overview).await;
    b.wait_page_text("Edit details").await;
}
