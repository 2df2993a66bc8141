//! Steps several journeys share, written as a person does them: open Tandem
//! for the first time, start a mentorship, go to one of its sections, settle
//! the conversation, sign, plan a session, add an action item.

use crate::support::{Browser, Site};

/// A fresh copy of the site and a browser that has never seen it (no
/// storage, no service worker), on the page at `path`. Keep the site for as
/// long as the browser is used.
pub async fn first_visit(path: &str) -> (Site, Browser) {
    let site = Site::start();
    let b = Browser::start(&site.url("")).await;
    b.open(path).await;
    (site, b)
}

/// A first visit that starts a mentorship at once (see [`start_mentorship`]).
pub async fn new_mentorship(mentee: &str, mentor: &str, focus: &str) -> (Site, Browser) {
    let (site, b) = first_visit("/").await;
    start_mentorship(&b, mentee, mentor, focus).await;
    (site, b)
}

/// A new mentorship (see [`new_mentorship`]) with one theme of its
/// expectations conversation open: (the site, the browser, its id).
pub async fn new_mentorship_on_theme(
    mentee: &str,
    mentor: &str,
    focus: &str,
    theme: &str,
) -> (Site, Browser, String) {
    let (site, b) = new_mentorship(mentee, mentor, focus).await;
    let id = mentorship_id(&b).await;
    open_theme(&b, &id, theme).await;
    (site, b, id)
}

/// Starts a mentorship from the home page and waits for it to be saved.
pub async fn start_mentorship(b: &Browser, mentee: &str, mentor: &str, focus: &str) {
    try_start_mentorship(b, mentee, mentor, focus).await;
    b.wait_saved().await;
}

/// Starts a mentorship and waits for its overview (saved or not).
pub async fn try_start_mentorship(b: &Browser, mentee: &str, mentor: &str, focus: &str) {
    b.open("/").await;
    b.click_labelled("Start a mentorship").await;
    b.fill_labelled("Mentee's full name (required)", mentee).await;
    b.fill_labelled("Mentor's full name (required)", mentor).await;
    b.fill_labelled("Focus", focus).await;
    b.click_labelled("Start mentorship").await;
    b.wait_text("main h1", "Overview").await;
    b.wait_text("main .eyebrow", mentee).await;
}

/// The id of the mentorship whose page is open (`/m/<id>/…`).
pub async fn mentorship_id(b: &Browser) -> String {
    let path = b.path().await;
    path.split('/').nth(2).unwrap_or_default().to_string()
}

/// Presses the button or follows the link labelled `label` and waits for
/// the page headed `heading`.
pub async fn follow(b: &Browser, label: &str, heading: &str) {
    b.click_labelled(label).await;
    b.wait_text("main h1", heading).await;
}

/// Follows "Home" in the header to the list of mentorships.
pub async fn go_home(b: &Browser) {
    follow(b, "Home", "Your mentorships").await;
}

/// Opens the home page and waits until its list of mentorships shows
/// `text`; returns the list's text.
pub async fn home_lists(b: &Browser, text: &str) -> String {
    b.open("/").await;
    b.wait_text(".mentorship-list", text).await
}

/// Checks that the home page lists `text`, and still does after a reload
/// (it was saved).
pub async fn home_keeps(b: &Browser, text: &str) {
    home_lists(b, text).await;
    b.reload_and_see(".mentorship-list", text).await;
}

/// A section of a mentorship, as its navigation names it.
#[derive(Clone, Copy, Debug)]
pub enum Section {
    Overview,
    Expectations,
    Agreement,
    Goals,
    ActionItems,
    Sessions,
    Review,
}

impl Section {
    fn link(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Expectations => "Expectations",
            Section::Agreement => "Agreement",
            Section::Goals => "Goals",
            Section::ActionItems => "Action items",
            Section::Sessions => "Sessions",
            Section::Review => "Review",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Expectations => "Expectations conversation",
            Section::Agreement => "Mentoring agreement",
            Section::Goals => "Goals",
            Section::ActionItems => "Action items",
            Section::Sessions => "Sessions",
            Section::Review => "Check-ins and conclusion",
        }
    }
}

/// The address of every section of mentorship `m`, overview first.
pub fn section_pages(m: uuid::Uuid) -> Vec<String> {
    use tandem::paths;
    [
        paths::mentorship,
        paths::conversation,
        paths::agreement,
        paths::goals,
        paths::actions,
        paths::sessions,
        paths::review,
        paths::exchange,
    ]
    .iter()
    .map(|page| page(m))
    .collect()
}

/// Follows a section's link in the mentorship's navigation and waits for
/// that section's page.
pub async fn go_to(b: &Browser, section: Section) {
    follow(b, section.link(), section.heading()).await;
}

/// Opens one theme of the expectations conversation by its address.
pub async fn open_theme(b: &Browser, mentorship: &str, theme: &str) {
    b.open(&format!("/m/{mentorship}/conversation?theme={theme}")).await;
}

/// Goes through every theme on one device: both take the suggestion (where
/// not answered yet), they disagree on the meeting length (the mentor says
/// 45 minutes) and settle it; everything else they agree.
pub async fn settle_every_theme(b: &Browser) {
    for_every_theme(b, async |b, title| {
        for side in ["mentee", "mentor"] {
            if b.exists(&format!("[data-suggest={side}]")).await {
                b.click(&format!("[data-suggest={side}]")).await;
            }
        }
        if title.contains("Meeting cadence") {
            if b.attr("#t-mentor-length_minutes", "disabled").await.is_none() {
                // A number is saved when the field is left (Tab).
                b.fill("#t-mentor-length_minutes", "45\u{E004}").await;
            }
            b.wait_text_with(".differences", "Length", &["60 minutes", "45 minutes"]).await;
            b.wait_text(".theme-head .chip", "To discuss").await;
            b.click_labelled("Start from the mentee's answer").await;
        } else {
            b.click_labelled("We agree: use our answers").await;
        }
        b.wait_text(".theme-head .chip", "Settled").await;
    })
    .await;
    b.wait_text(".progress-summary", "14 of 14 settled").await;
}

/// One side (`"mentee"` or `"mentor"`) answers every theme on their own
/// device: the suggestion, and for the mentor 45-minute meetings.
pub async fn answer_every_theme(b: &Browser, side: &'static str) {
    for_every_theme(b, async move |b, title| {
        b.click(&format!("[data-suggest={side}]")).await;
        if side == "mentor" && title.contains("Meeting cadence") {
            b.fill("#t-mentor-length_minutes", "45\u{E004}").await;
        }
        b.wait_saved().await;
    })
    .await;
}

/// Opens the Expectations section and does `step` on each of the 14 themes
/// in turn (given the theme's title), moving on with the pager.
async fn for_every_theme(b: &Browser, step: impl AsyncFn(&Browser, String)) {
    go_to(b, Section::Expectations).await;
    let total = b.count(".theme-nav li").await;
    assert_eq!(total, 14, "every built-in theme is offered");
    for n in 0..total {
        b.wait_for("#theme-title").await;
        step(b, b.text("#theme-title").await).await;
        if n + 1 < total {
            b.click(".pager a.button:not(.secondary)").await;
            b.wait_until("the next theme is shown", &format!("return document.querySelector('.theme-nav a.current') === document.querySelectorAll('.theme-nav a')[{}]", n + 1)).await;
        }
    }
}

/// Presses "Undo" once the undo banner says `says` (what was replaced),
/// and waits until the control `field` holds `value` again.
pub async fn undo(b: &Browser, says: &str, field: &str, value: &str) {
    b.wait_text(".undo", says).await;
    b.click_labelled("Undo").await;
    b.wait_value(field, value).await;
}

/// Opens the Agreement section and writes the first draft.
pub async fn write_the_agreement(b: &Browser) {
    go_to(b, Section::Agreement).await;
    b.click_labelled("Write the agreement").await;
}

/// Brings the agreement's draft up to date with the conversation and waits
/// until the page says it did.
pub async fn update_the_draft(b: &Browser) {
    b.click_labelled("Update the draft").await;
    b.wait_page_text("The draft now says what the conversation says.").await;
}

/// Types a name in one side's signature field ("mentee" or "mentor") and
/// signs with it.
pub async fn sign(b: &Browser, side: &str, name: &str) {
    b.fill(&format!("#sign-{side}"), name).await;
    b.click_labelled(&format!("Sign as {side}")).await;
}

/// Plans a session from the Sessions section, with a video link, and waits
/// for the new session's page.
pub async fn plan_session(b: &Browser, date: &str, time: &str, topic: &str) {
    go_to(b, Section::Sessions).await;
    b.click_labelled("Plan a session").await;
    b.set_value("#s-date", date).await;
    b.set_value("#s-time", time).await;
    b.fill("#s-topic", topic).await;
    b.fill("#s-link", "https://meet.example.org/ada-charles").await;
    b.click_labelled("Plan session").await;
    b.wait_text("main h1", "Session —").await;
}

/// Adds a topic to the open session's agenda and waits until it is listed.
pub async fn add_agenda_topic(b: &Browser, topic: &str) {
    b.fill("#new-topic", topic).await;
    b.click_labelled("Add").await;
    b.wait_until(
        "the topic is listed",
        &format!("return [...document.querySelectorAll('.topics input')].some(i => i.value === {topic:?})"),
    )
    .await;
}

/// Writes the notes and decisions of the open session's summary.
pub async fn write_summary(b: &Browser, notes: &str, decisions: &str) {
    b.fill("#summary-notes", notes).await;
    b.fill("#summary-decisions", decisions).await;
}

/// Adds a goal from the Goals section, with how its success is measured if
/// given, and waits for it to be listed.
pub async fn add_goal(b: &Browser, title: &str, measure: Option<&str>) {
    go_to(b, Section::Goals).await;
    b.click_labelled("Add a goal").await;
    b.fill("#goal-title-new", title).await;
    if let Some(measure) = measure {
        b.fill("#goal-measure-new", measure).await;
    }
    b.click_labelled("Add goal").await;
    b.wait_text(".goal h2", title).await;
}

/// Ticks the action item `text` done (or not done again).
pub async fn tick_action_item(b: &Browser, text: &str) {
    b.click(&format!("[data-item='{text}'] input[type=checkbox]")).await;
}

/// Where an action item is added: the same form stands on the Action items
/// page and in a session's summary.
#[derive(Clone, Copy, Debug)]
pub enum ItemForm {
    ActionItemsPage,
    SessionSummary,
}

impl ItemForm {
    /// What the form's control ids start with.
    fn prefix(self) -> &'static str {
        match self {
            ItemForm::ActionItemsPage => "new-item",
            ItemForm::SessionSummary => "item",
        }
    }

    /// Where the items it adds are listed.
    fn list(self) -> &'static str {
        match self {
            ItemForm::ActionItemsPage => ".items",
            ItemForm::SessionSummary => ".new-items",
        }
    }
}

/// Adds an action item for `owner` ("mentee" or "mentor"; `None` keeps the
/// form's default) due on `due`,
/// linked to the goal titled `goal` if any, and waits for it to be listed.
pub async fn add_action_item(
    b: &Browser,
    form: ItemForm,
    text: &str,
    owner: Option<&str>,
    due: chrono::NaiveDate,
    goal: Option<&str>,
) {
    let id = |control: &str| format!("#{}-{control}", form.prefix());
    b.fill(&id("text"), text).await;
    // `None` keeps the form's own choice (this device's side).
    if let Some(owner) = owner {
        b.select(&id("owner"), owner).await;
    }
    b.set_value(&id("due"), &due.to_string()).await;
    if let Some(goal) = goal {
        b.find(&id("goal")).await.select_by_label(goal).await.expect("goal");
    }
    b.click_labelled("Add action item").await;
    b.wait_text(form.list(), text).await;
}

/// Asks to delete with the button labelled `button` and waits for the
/// confirmation, which warns that it cannot be undone and names each of
/// `naming`; returns its text.
pub async fn ask_to_delete(b: &Browser, button: &str, naming: &[&str]) -> String {
    b.click_labelled(button).await;
    b.wait_text_with("[role=alertdialog]", "cannot be undone", naming).await
}

/// Chooses a backup file on the Data & privacy page.
pub async fn choose_backup(b: &Browser, file: &str) {
    b.type_keys("#restore-file", file).await;
}

/// Merges the backup chosen (and read) into what is here, and waits until
/// the page says so.
pub async fn merge_backup(b: &Browser) {
    b.click_labelled("Merge into what is here").await;
    b.wait_page_text("The backup was merged").await;
}

/// A file protected with a passphrase of its own: a backup (Data &
/// privacy) or a bundle for the partner (Exchange). The same two forms
/// protect one and open one.
#[derive(Clone, Copy, Debug)]
pub struct Protected {
    /// What the forms' control ids start with.
    prefix: &'static str,
    download_button: &'static str,
    open_button: &'static str,
}

impl Protected {
    pub const BACKUP: Protected = Protected {
        prefix: "backup",
        download_button: "Download a protected backup",
        open_button: "Open the backup",
    };
    pub const BUNDLE: Protected = Protected {
        prefix: "bundle",
        download_button: "Download a protected file (.txt)",
        open_button: "Open it",
    };
}

/// Unfolds the form that protects a file (if it is folded), types the
/// passphrase and its repetition and asks for the download.
pub async fn download_protected(b: &Browser, file: Protected, passphrase: &str, again: &str) {
    let field = format!("#{}-passphrase", file.prefix);
    let form = format!("details:has({field})");
    if b.attr(&form, "open").await.is_none() {
        b.click(&format!("{form} summary")).await;
    }
    b.fill(&field, passphrase).await;
    b.fill(&format!("{field}-again"), again).await;
    b.click_labelled(file.download_button).await;
}

/// Types the passphrase of a protected file that arrived and opens it.
pub async fn open_protected(b: &Browser, file: Protected, passphrase: &str) {
    b.fill(&format!("#{}-open-passphrase", file.prefix), passphrase).await;
    b.click_labelled(file.open_button).await;
}

/// Waits until the service worker controls the page (the app then works
/// offline).
pub async fn wait_for_service_worker(b: &Browser) {
    b.wait_until(
        "the service worker controls the page",
        "return !!navigator.serviceWorker.controller",
    )
    .await;
}

/// Asks the browser to look for a new deploy now (it also does when the
/// person comes back to the tab).
pub async fn check_for_update(b: &Browser) {
    b.eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true").await;
}

/// Marks the page that is open, so that [`wait_until_reloaded`] and
/// [`not_reloaded`] can tell whether it has been loaded again since.
pub async fn tag_page(b: &Browser) {
    b.eval("window.tandemE2eTag = true; return true").await;
}

/// Whether the page tagged by [`tag_page`] is still the one open.
pub async fn not_reloaded(b: &Browser) -> bool {
    b.eval("return window.tandemE2eTag === true").await == serde_json::Value::Bool(true)
}

/// Waits until the page tagged by [`tag_page`] has been replaced by a new
/// load of the app.
pub async fn wait_until_reloaded(b: &Browser) {
    b.wait_until(
        "the page has been loaded again",
        "return !window.tandemE2eTag && !!document.querySelector('main h1')",
    )
    .await;
}

/// Presses "Reload to update" on the open page and waits for the page to
/// load again.
pub async fn reload_to_update(b: &Browser) {
    tag_page(b).await;
    b.click_labelled("Reload to update").await;
    wait_until_reloaded(b).await;
}

/// The wasm file the open page runs: the one its `index.html` names, checked
/// to be the one it loaded, with any page's chunks from the same build's
/// `split-<hash>/` (a page never runs with another build's files).
pub async fn running_wasm(b: &Browser) -> String {
    let found = b
        .eval(
            "const named = [...document.querySelectorAll('script:not([src])')] \
               .map(s => (s.textContent.match(/[\\w.-]+_bg\\.wasm/) || [])[0]).find(Boolean); \
             const loaded = [...new Set(performance.getEntriesByType('resource') \
               .map(e => new URL(e.name).pathname.split('/').slice(-2).join('/')) \
               .filter(n => n.endsWith('.wasm')))]; \
             return [named || null, loaded]",
        )
        .await;
    let named = found[0].as_str().expect("index.html names a wasm file").to_string();
    let loaded: Vec<String> = serde_json::from_value(found[1].clone()).unwrap_or_default();
    let hash = named.trim_start_matches("tandem-").trim_end_matches("_bg.wasm");
    let (main, chunks): (Vec<&String>, Vec<&String>) =
        loaded.iter().partition(|path| path.ends_with("_bg.wasm"));
    assert_eq!(main.len(), 1, "one main module: {loaded:?}");
    assert!(main[0].ends_with(&named), "the page loaded the wasm its index.html names: {loaded:?}");
    let split = format!("split-{hash}/");
    assert!(
        chunks.iter().all(|chunk| chunk.starts_with(&split)),
        "every chunk from {split}: {loaded:?}"
    );
    named
}
