//! A first-time pair, walked through on a phone and with the keyboard only:
//! the places a person would trip over, each checked where it was found —
//! at 360 px, with Tab and Escape, after a reload.

use chrono::{Duration, Local};

use crate::flows::{
    add_action_item, add_goal, go_to, mentorship_id, new_mentorship, new_mentorship_on_theme,
    open_theme, tick_action_item, undo, ItemForm, Section,
};
use crate::support::Browser;

const TAB: &str = "\u{E004}";
const ESCAPE: &str = "\u{E00C}";
const ENTER: &str = "\u{E007}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";

/// Waits for the focus to be on the control a person would call `name`
/// (its `aria-label`, else its text).
async fn focus_lands_on(b: &Browser, name: &str, after: &str) {
    let script = format!(
        "const el = document.activeElement; \
         const name = (el.getAttribute('aria-label') || el.textContent).replace(/\\s+/g, ' ').trim(); \
         return name === {name:?}"
    );
    b.wait_until(&format!("the focus is on {name:?} after {after}"), &script).await;
}

/// Whether every element matching `css` lies inside the window's width.
async fn all_within_width(b: &Browser, css: &str) -> bool {
    let script = format!(
        "return [...document.querySelectorAll({})].every(el => el.getBoundingClientRect().right <= document.documentElement.clientWidth)",
        serde_json::to_string(css).unwrap_or_default()
    );
    b.eval(&script).await.as_bool().unwrap_or(false)
}

/// A number the page measures with a script returning it.
async fn measure(b: &Browser, script: &str) -> f64 {
    b.eval(script).await.as_f64().unwrap_or(f64::NAN)
}

/// Waits until the confirmation has closed and the keyboard is back on the
/// button that opened it ("Delete mentorship"); `how` says how it closed.
async fn dialog_closed_focus_returned(b: &Browser, how: &str) {
    b.wait_until("the dialog closes", "return !document.querySelector('[role=alertdialog]')").await;
    b.wait_until(
        &format!("focus returns to the opener{how}"),
        "return document.activeElement.textContent.trim() === 'Delete mentorship'",
    )
    .await;
}

/// Yesterday, in the browser's (and this machine's) time zone.
fn yesterday() -> chrono::NaiveDate {
    (Local::now() - Duration::days(1)).date_naive()
}

#[tokio::test]
async fn on_a_phone_every_section_theme_status_and_target_is_there() {
    let (_site, b) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    b.set_width(360).await;
    let id = mentorship_id(&b).await;
    // All eight sections are on screen: none hides past the edge.
    assert_eq!(b.count(".section-nav a").await, 8);
    assert!(all_within_width(&b, ".section-nav a").await, "a section is off screen");
    // The conversation fits, and each theme shows where it stands.
    open_theme(&b, &id, "meetings").await;
    assert_eq!(b.overflow_x().await, 0, "too wide: {:?}", b.too_wide().await);
    let chips = "return [...document.querySelectorAll('.theme-nav .chip')].filter(c => c.getClientRects().length).length";
    assert_eq!(measure(&b, chips).await, 14.0, "every theme's status is shown");
    // The progress bar wears the theme's colour, not the browser's blue.
    let accent = b
        .eval(
            "return getComputedStyle(document.querySelector('#conversation-progress')).accentColor",
        )
        .await;
    let brand = b
        .eval(
            "return getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()",
        )
        .await;
    assert_eq!(
        accent.as_str().map(|a| a.replace(' ', "")),
        Some("rgb(47,111,94)".into()),
        "{brand}"
    );
    // Rating choices are big enough to tap (44 px).
    go_to(&b, Section::Review).await;
    b.click_labelled("Check in as the mentee").await;
    let smallest = "return Math.min(...[...document.querySelectorAll('.rating .radio')].map(l => Math.min(l.offsetWidth, l.offsetHeight)))";
    assert!(measure(&b, smallest).await >= 44.0, "a rating is smaller than 44 px");
    // The errors of a form are listed under their heading, not far right.
    b.click_labelled("Save check-in").await;
    b.wait_text("[data-side=mentee] [data-error]", "working as expected").await;
    go_to(&b, Section::Goals).await;
    b.click_labelled("Add a goal").await;
    b.click_labelled("Add goal").await;
    b.wait_for(".error-summary li").await;
    let indent = "const s = document.querySelector('.error-summary'); \
        return s.querySelector('ul').getBoundingClientRect().left - s.getBoundingClientRect().left";
    assert!(measure(&b, indent).await < 60.0, "the error list is pushed aside");
}

#[tokio::test]
async fn with_the_keyboard_only_focus_follows_the_person() {
    let (_site, b) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    // A new page: its own title, and the keyboard on its heading.
    go_to(&b, Section::Goals).await;
    b.wait_until("focus is on the heading", "return document.activeElement.tagName === 'H1'").await;
    go_to(&b, Section::Overview).await;
    assert_eq!(
        b.client.title().await.unwrap_or_default(),
        "Overview · Priya Shah & Daniel Okafor · Tandem"
    );
    b.wait_until("focus is on the heading", "return document.activeElement.tagName === 'H1'").await;
    // The Overview says what comes next and what "Forming" means.
    b.wait_text(".next-step-card", "Next step: have the expectations conversation").await;
    b.wait_text(".details", "Forming — Getting to know each other").await;
    // A confirmation holds the keyboard, Escape closes it, focus goes back.
    b.click_labelled("Delete mentorship").await;
    b.wait_for("[role=alertdialog]").await;
    assert_eq!(b.focused().await, "BUTTON: Cancel");
    b.press(TAB).await;
    assert_eq!(b.focused().await, "BUTTON: Delete this mentorship");
    b.press(TAB).await;
    assert_eq!(b.focused().await, "BUTTON: Cancel", "Tab stays inside");
    b.press(SHIFT_TAB).await;
    assert_eq!(b.focused().await, "BUTTON: Delete this mentorship", "and so does Shift+Tab");
    b.press(ESCAPE).await;
    dialog_closed_focus_returned(&b, "").await;
    // Cancel, pressed from the keyboard, gives the focus back too.
    b.press(ENTER).await;
    b.wait_for("[role=alertdialog]").await;
    b.press(ENTER).await;
    dialog_closed_focus_returned(&b, " after Cancel").await;
    // An opened form takes the keyboard at its first field.
    b.click_labelled("Edit details").await;
    b.wait_until("the first field has focus", "return document.activeElement.id === 'm-mentee'")
        .await;
    // Next in the conversation moves the keyboard to the new theme's heading.
    go_to(&b, Section::Expectations).await;
    let first = b.text("#theme-title").await;
    b.eval("document.querySelector('.pager a.button:not(.secondary)').focus(); return true").await;
    b.press(ENTER).await;
    b.wait_until(
        "the next theme's heading has focus",
        "return document.activeElement.id === 'theme-title'",
    )
    .await;
    let second = b.text("#theme-title").await;
    assert_ne!(second, first);
    // Enter again, on the heading, skips nothing.
    b.press(ENTER).await;
    b.wait_saved().await;
    assert_eq!(b.text("#theme-title").await, second, "a second Enter skipped a theme");
    // Home says the rhythm is a suggestion until the pair agrees it.
    b.open("/").await;
    b.wait_text("[data-rhythm]", "suggested weekly").await;
}

#[tokio::test]
async fn nothing_typed_is_lost_or_changed_behind_your_back() {
    let (_site, b, _) =
        new_mentorship_on_theme("Priya Shah", "Daniel Okafor", "Leading a team", "meetings").await;
    // A suggestion replacing typed words can be undone.
    let typed = "Every other Tuesday, early.";
    b.fill("#t-mentee-text", typed).await;
    b.click("[data-suggest=mentee]").await;
    let replaced = "The mentee's answer was replaced by the suggestion";
    undo(&b, replaced, "#t-mentee-text", typed).await;
    // So can starting the consensus from one partner's answer.
    b.fill("#t-consensus-text", "Our own words.").await;
    b.click_labelled("Start from the mentee's answer").await;
    b.wait_value("#t-consensus-text", typed).await;
    undo(&b, "replaced", "#t-consensus-text", "Our own words.").await;
    // A number is saved as it is typed: no need to leave the field.
    b.fill("#t-mentee-length_minutes", "36").await;
    b.wait_saved().await;
    b.reload().await;
    b.wait_value("#t-mentee-length_minutes", "36").await;

    // Action items: added above the list, edited, ticked with an undo, deleted.
    go_to(&b, Section::ActionItems).await;
    let form = ItemForm::ActionItemsPage;
    add_action_item(&b, form, "Draft the proposal", None, yesterday(), None).await;
    // The add form's date comes before every row's date.
    let form_first = "const dates = [...document.querySelectorAll('main input[type=date]')]; \
        return dates.length > 1 && dates[0].id === 'new-item-due'";
    assert_eq!(b.eval(form_first).await, serde_json::Value::Bool(true), "the add form comes first");
    b.click("[aria-label='Edit “Draft the proposal”']").await;
    b.wait_until("the edit form has focus", "return document.activeElement.id.endsWith('-text')")
        .await;
    b.fill("[id^=edit-][id$=-text]", "Draft the proposal and send it").await;
    b.click_labelled("Save action item").await;
    b.wait_text(".items", "Draft the proposal and send it").await;
    tick_action_item(&b, "Draft the proposal and send it").await;
    b.wait_text(".toggled", "is marked done").await;
    b.wait_text("[data-count]", "0 action items").await;
    b.click_labelled("Undo").await;
    b.wait_text("[data-count]", "1 action item,").await;
    b.click("[aria-label='Delete “Draft the proposal and send it”']").await;
    b.click_labelled("Delete action item").await;
    b.wait_text("[data-count]", "0 action items").await;

    // Deleting a goal asks first.
    add_goal(&b, "Lead a project", None).await;
    b.click("[aria-label='Delete “Lead a project”']").await;
    b.wait_text("[role=alertdialog]", "Delete the goal “Lead a project”").await;
    b.click_labelled("Cancel").await;
    b.wait_text(".goals", "Lead a project").await;
}

#[tokio::test]
async fn short_notice_is_said_before_it_is_confirmed() {
    let (_site, b) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    go_to(&b, Section::Sessions).await;
    // A session three hours from now, then cancelled: less than 24 hours.
    let soon = Local::now() + Duration::hours(3);
    b.click_labelled("Plan a session").await;
    b.set_value("#s-date", &soon.date_naive().to_string()).await;
    b.set_value("#s-time", &soon.format("%H:%M").to_string()).await;
    b.click_labelled("Plan session").await;
    b.wait_text("main h1", "Session —").await;
    b.click_labelled("Cancel session").await;
    let warning = b.wait_text("[role=status] [data-short-notice]", "Short notice").await;
    assert!(warning.contains("less than the 24 hours' notice suggested"), "{warning}");
    // Planning the next one says what it copied from this one.
    go_to(&b, Section::Sessions).await;
    b.click_labelled("Plan a session").await;
    b.wait_text("[data-prefilled]", "copied from the session of").await;
}

#[tokio::test]
async fn the_app_badge_counts_what_is_due_from_me() {
    let (_site, b) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    b.before_every_page(
        "navigator.setAppBadge = n => { window.badge = n; return Promise.resolve(); }; \
         navigator.clearAppBadge = () => { window.badge = 0; return Promise.resolve(); };",
    )
    .await;
    b.reload().await;
    b.wait_until("the badge is clear", "return window.badge === 0").await;
    go_to(&b, Section::ActionItems).await;
    let form = ItemForm::ActionItemsPage;
    add_action_item(&b, form, "Book the room", None, yesterday(), None).await;
    b.wait_until("one thing is due from me", "return window.badge === 1").await;
    tick_action_item(&b, "Book the room").await;
    b.wait_until("nothing is due", "return window.badge === 0").await;
}

/// A form that closes, saved or cancelled, gives the focus back to the
/// control that opened it; what leaves the page with the focus (a deleted
/// goal) leaves it on the page's heading. Never on nothing: a keyboard
/// user's next Tab would start from the top. (The focus was on `<body>`
/// after each of these.)
#[tokio::test]
async fn closing_a_form_gives_the_focus_back() {
    let (_site, b) = new_mentorship("Priya Shah", "Daniel Okafor", "Leading a team").await;
    add_goal(&b, "Speak up in meetings", None).await;
    focus_lands_on(&b, "Add a goal", "adding a goal").await;
    b.press(ENTER).await;
    b.wait_for("#goal-title-new").await;
    b.click_labelled("Cancel").await;
    focus_lands_on(&b, "Add a goal", "cancelling a new goal").await;
    let edit = b.attr(".goal .actions-row button", "aria-label").await.expect("Edit is named");
    b.click(".goal .actions-row button").await;
    b.wait_for("form.goal-form").await;
    b.click_labelled("Cancel").await;
    focus_lands_on(&b, &edit, "cancelling an edit").await;
    // A button that goes as it is pressed leaves the focus in its card.
    b.click_labelled("Mark achieved").await;
    b.wait_until(
        "the focus stays in the goal's card",
        "return !!document.activeElement.closest('.goal') && \
         !document.querySelector('.goal').textContent.includes('Mark achieved')",
    )
    .await;
    b.click("button[aria-label='Delete “Speak up in meetings”']").await;
    b.wait_for("[role=alertdialog]").await;
    b.click_labelled("Delete goal").await;
    b.wait_until("the goal is gone", "return !document.querySelector('.goal')").await;
    b.wait_until(
        "the focus is on the page's heading",
        "return document.activeElement.tagName === 'H1'",
    )
    .await;
}
