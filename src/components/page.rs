//! What every page does when it opens: it names the browser tab after itself
//! ("Sessions · Priya & Daniel · Tandem") and, when the person navigated to
//! it (not on the first load), moves keyboard focus to its heading so a
//! screen reader announces the new page and Tab starts from there.

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

use super::button::Button;
use super::when::When;
use crate::browser;
use crate::state::use_current;

/// Set once the first page has opened: every later page was navigated to.
static OPENED_BEFORE: AtomicBool = AtomicBool::new(false);

/// Whether a page has opened since the app was mounted, provided by the
/// layout. Until one has, `<main>` is empty: a first visit or reload straight
/// to a page whose code is still on its way (`PageLoading` says so).
#[derive(Clone, Copy)]
pub struct PageOpened(pub RwSignal<bool>);

/// Names the tab after the page (followed by "· Tandem") and moves focus to
/// the page's `<h1>` when the person navigated here. Every page calls it.
pub fn page_title(title: impl Fn() -> String + Send + Sync + 'static) {
    if let Some(PageOpened(opened)) = use_context() {
        if !opened.get_untracked() {
            opened.set(true);
        }
    }
    Effect::new(move |_| browser::set_title(&format!("{} · Tandem", title())));
    if OPENED_BEFORE.swap(true, Ordering::Relaxed) {
        request_animation_frame(|| browser::focus_selector("main h1"));
    }
}

/// The next page to open moves the focus to its heading, as one navigated
/// to does: the app shown anew once it is unlocked.
pub fn focus_the_next_heading() {
    OPENED_BEFORE.store(true, Ordering::Relaxed);
}

/// The title of a section of the current mentorship: "Sessions · Priya &
/// Daniel".
pub fn section_title(section: &'static str) {
    let current = use_current();
    page_title(move || format!("{section} · {}", current.title()));
}

/// The title of one part of a section: "Confidentiality · Expectations ·
/// Priya & Daniel".
pub fn part_title(section: &'static str, part: impl Fn() -> String + Send + Sync + 'static) {
    let current = use_current();
    page_title(move || format!("{} · {section} · {}", part(), current.title()));
}

/// A section page's heading, and the button that opens its form to add one
/// more (a goal, a session): hidden while the form is open and when the
/// mentorship is read-only.
#[component]
pub fn PageHead(title: &'static str, add: &'static str, adding: RwSignal<bool>) -> impl IntoView {
    let current = use_current();
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <When when=move || !adding.get() && !current.read_only()>
                <Button on_click=move |()| adding.set(true)>{add}</Button>
            </When>
        </div>
    }
}
