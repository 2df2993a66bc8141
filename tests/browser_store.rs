//! The reactive store and its actions, in the browser: debounced saves,
//! failures kept pending and reported by severity, closed mentorships
//! refused, what actions say when they refuse, and the data actions —
//! restoring, deleting everything — saying what really happened.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tandem::model::mentorship::MentorshipForm;
use tandem::model::session_form::SessionForm;
use tandem::model::{sample, Library, Side};
use tandem::state::actions::{data, mentorships, review, sessions};
use tandem::state::{ActionError, Backup, SaveError, Store};
use tandem::storage::memory::MemoryBackend;
use tandem::storage::{Backend, Namespace, Repository};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

use support::now;

/// Starts a mentorship through the action a person's form calls, as the
/// mentor (so the profile's name stays the same across mentorships).
fn start(store: &Store, mentee: &str) -> Uuid {
    let form = MentorshipForm {
        mentee: mentee.into(),
        mentor: "Charles Babbage".into(),
        my_role: Side::Mentor,
        start_date: "2026-03-02".into(),
        ..Default::default()
    };
    mentorships::create(store, &form).expect("a valid mentorship")
}

/// Plans a session a week from now.
fn plan_session(store: &Store, m: Uuid) -> Uuid {
    let next_week = chrono::Local::now().date_naive() + chrono::Duration::days(7);
    let form = SessionForm {
        date: next_week.to_string(),
        time: "10:00".into(),
        duration_minutes: "60".into(),
        ..Default::default()
    };
    sessions::plan(store, m, &form).expect("a valid session")
}

/// Runs `test` with a store over fresh storage, inside a reactive owner.
fn with_store<R>(test: impl FnOnce(&MemoryBackend, Store) -> R) -> R {
    let owner = Owner::new();
    owner.with(|| {
        let backend = MemoryBackend::new();
        let store = Store::open(Box::new(backend.clone()), None, Namespace::root());
        test(&backend, store)
    })
}

#[wasm_bindgen_test]
fn a_flush_with_mixed_failures_keeps_retrying_what_did_not_fit() {
    with_store(|backend, store| {
        let unreadable = start(&store, "Unreadable");
        store.flush();
        // Its stored copy is damaged behind the app's back: it must not be
        // overwritten. Another save fails because storage is full: that one
        // must not be forgotten.
        backend.plant(&Namespace::root().doc(0, unreadable), "damaged");
        backend.set_quota(Some(backend.used() + 10));
        start(&store, "Too big to fit");
        mentorships::update(
            &store,
            unreadable,
            &MentorshipForm {
                mentee: "Unreadable".into(),
                mentor: "Charles Babbage".into(),
                my_role: Side::Mentor,
                start_date: "2026-03-02".into(),
                focus: "edited".into(),
                ..Default::default()
            },
        )
        .expect("valid");
        store.flush();
        let status = store.status().get_untracked();
        assert_eq!(status.save_error, Some(SaveError::Full), "the most serious failure is shown");
        assert_eq!(status.pending, 1, "the document that did not fit is still pending");

        backend.set_quota(None);
        store.flush();
        let status = store.status().get_untracked();
        assert_eq!(status.save_error, None);
        assert_eq!(status.pending, 0);
        assert!(status.last_saved.is_some());
    });
}

#[wasm_bindgen_test]
fn changes_to_a_closed_mentorship_are_refused_until_it_reopens() {
    with_store(|_, store| {
        let m = start(&store, "Archived");
        review::start_conclusion(&store, m, Side::Mentee).expect("start");
        review::close(&store, m).expect("close");
        let refused = sessions::plan(&store, m, &SessionForm::default()).expect_err("closed");
        assert!(matches!(refused, ActionError::Invalid(_) | ActionError::Refused(_)));
        assert_eq!(
            review::close(&store, m),
            Err(ActionError::refused("This mentorship is already closed."))
        );
        review::reopen(&store, m).expect("a closed mentorship can be reopened");
        plan_session(&store, m);
    });
}

#[wasm_bindgen_test]
fn a_too_long_reason_to_move_or_cancel_says_so() {
    with_store(|_, store| {
        let m = start(&store, "Ada Lovelace");
        let s = plan_session(&store, m);
        let long = "x".repeat(501);
        let next_month = chrono::Local::now().date_naive() + chrono::Duration::days(30);

        let moved = sessions::reschedule(
            &store,
            m,
            s,
            &next_month.to_string(),
            "10:00",
            Side::Mentee,
            &long,
        )
        .expect_err("too long");
        assert_eq!(moved.field_errors()[0].field, "reason", "{moved}");
        assert!(moved.to_string().contains("too long"), "{moved}");

        let cancelled = sessions::cancel(&store, m, s, Side::Mentee, &long).expect_err("too long");
        assert_eq!(cancelled.field_errors()[0].field, "reason", "{cancelled}");
        assert!(!cancelled.to_string().contains("still to happen"), "{cancelled}");

        // Once cancelled, it really is no longer a session still to happen.
        sessions::cancel(&store, m, s, Side::Mentee, "Ill").expect("cancelled");
        let again = sessions::cancel(&store, m, s, Side::Mentee, "Ill").expect_err("twice");
        assert_eq!(again.to_string(), "Only a session still to happen can be cancelled.");
    });
}

#[wasm_bindgen_test]
fn deleting_a_mentorship_says_so_on_the_next_page() {
    with_store(|_, store| {
        let m = start(&store, "Grace Hopper");
        mentorships::delete(&store, m);
        assert!(store.doc_untracked(m).is_none());
        let notice = store.status().get_untracked().notice.expect("a notice");
        assert!(notice.contains("Grace Hopper & Charles Babbage"), "{notice}");
    });
}

/// The root deployment's storage as a fresh tab would load it.
fn stored(backend: &MemoryBackend) -> Library {
    Repository::open(backend.clone(), Namespace::root()).1.library
}

/// A store over storage that already holds two mentorships and a profile.
fn store_with_data(backend: &MemoryBackend) -> Store {
    let (mut repo, _) = Repository::open(backend.clone(), Namespace::root());
    let lib = sample::library(2, 2, now());
    for d in &lib.mentorships {
        repo.save_doc(d).expect("save");
    }
    repo.save_profile(&lib.profile).expect("profile");
    Store::open(Box::new(backend.clone()), None, Namespace::root())
}

/// A backup of two other mentorships and another profile name.
fn a_backup() -> Backup {
    let mentorships = vec![sample::mentorship(11, 1, now()), sample::mentorship(12, 1, now())];
    let mut library = Library { mentorships, ..Default::default() };
    library.profile.name = "Grace Hopper".into();
    library.sort();
    Backup { exported_at: Some(now()), schema: 1, library, clamped: 0 }
}

#[wasm_bindgen_test]
fn a_merge_is_refused_when_storage_cannot_take_it_and_reports_what_did_not_save() {
    let owner = Owner::new();
    owner.with(|| {
        let backend = MemoryBackend::new();
        let store = store_with_data(&backend);
        let before = store.library().get_untracked();
        let stored_before = backend.keys().expect("keys");
        let backup = a_backup();

        backend.set_unavailable(true);
        let refused = data::restore_merge(&store, &backup).expect_err("refused");
        assert!(refused.to_string().contains("Nothing was changed"), "{refused}");
        assert_eq!(store.library().get_untracked(), before, "nothing merged in this tab");
        backend.set_unavailable(false);
        assert_eq!(backend.keys().expect("keys"), stored_before);

        // Room for a small save, not for the backup's mentorships.
        backend.set_quota(Some(backend.used() + 1_500));
        let unsaved = data::restore_merge(&store, &backup).expect_err("not all saved");
        let message = unsaved.to_string();
        let title = backup.library.mentorships[0].mentorship.title();
        assert!(message.contains(&format!("“{title}” (storage is full)")), "{message}");
        assert!(message.contains("kept in this tab"), "{message}");
        assert!(store.doc_untracked(backup.library.mentorships[0].id()).is_some(), "kept");
        assert!(store.status().get_untracked().pending > 0, "and saving is retried");

        backend.set_quota(None);
        let done = data::restore_merge(&store, &backup).expect("merged");
        assert!(done.starts_with("The backup was merged"), "{done}");
        assert_eq!(stored(&backend).live().count(), 4);
    });
}

#[wasm_bindgen_test]
fn deleting_everything_drops_unsaved_changes_and_the_rescued_copy() {
    with_store(|backend, store| {
        start(&store, "Ada Lovelace");
        store.flush();
        // A change not saved yet: deleting everything takes it too, and
        // nothing says another tab did anything.
        start(&store, "Unsaved");
        assert_eq!(store.status().get_untracked().pending, 1);
        data::delete_everything(&store).expect("deleted");
        assert!(!store.has_rescued(), "no rescued copy of what was asked to go");
        let status = store.status().get_untracked();
        assert_eq!((status.pending, status.save_error), (0, None));
        let notice = status.notice.expect("a notice");
        assert_eq!(notice, "Everything Tandem stored on this device was deleted.");
        assert_eq!(store.library().get_untracked().live().count(), 0);

        // Another tab deletes everything while this one has a change it has
        // not saved: that change is rescued here...
        start(&store, "Grace Hopper");
        store.flush();
        start(&store, "Rescued");
        let (mut other_tab, _) = Repository::open(backend.clone(), Namespace::root());
        other_tab.delete_all().expect("deleted in the other tab");
        store.flush();
        assert!(store.has_rescued());
        // ...until this tab deletes everything itself, with a new unsaved change.
        start(&store, "Unsaved again");
        data::delete_everything(&store).expect("deleted");
        assert!(!store.has_rescued());
        assert_eq!(store.status().get_untracked().pending, 0);
        store.flush();
        assert_eq!(backend.keys().expect("keys"), vec![Namespace::root().meta()]);
    });
}

/// Restores `backup` by replacing, with storage stopping after `n` writes
/// (reads too when `reads_stop_too`). Returns what the action said, what
/// the tab showed before and after, and what a fresh tab then finds stored.
fn replace_stopped(
    backup: &Backup,
    n: usize,
    reads_stop_too: bool,
) -> (Result<(), ActionError>, Library, Library, Library) {
    let owner = Owner::new();
    owner.with(|| {
        let backend = MemoryBackend::new();
        let store = store_with_data(&backend);
        let before = store.library().get_untracked();
        if reads_stop_too {
            backend.stop_after_writes(Some(n));
        } else {
            backend.fail_writes_after(Some(n));
        }
        let result = data::restore_replace(&store, backup);
        backend.stop_after_writes(None);
        (result, before, store.library().get_untracked(), stored(&backend))
    })
}

#[wasm_bindgen_test]
fn restoring_by_replacing_says_what_really_happened() {
    let backup = a_backup();
    let writes = {
        let owner = Owner::new();
        owner.with(|| {
            let backend = MemoryBackend::new();
            let store = store_with_data(&backend);
            let before = backend.writes();
            data::restore_replace(&store, &backup).expect("replaced");
            backend.writes() - before
        })
    };
    for reads_stop_too in [false, true] {
        for n in 0..=writes {
            let case = format!("after {n} of {writes} writes (reads too: {reads_stop_too})");
            let (result, before, shown, stored) = replace_stopped(&backup, n, reads_stop_too);
            match result {
                Ok(()) => {
                    assert_eq!(stored, backup.library, "{case}");
                    assert_eq!(shown, backup.library, "{case}: the tab shows it");
                }
                Err(e) if e.to_string().contains("Nothing was changed") => {
                    assert_eq!(stored, before, "{case}: {e}");
                    assert_eq!(shown, before, "{case}");
                }
                Err(e) => {
                    let message = e.to_string();
                    assert!(message.contains("cannot tell"), "{case}: {message}");
                    assert!(stored == before || stored == backup.library, "{case}: no mix");
                    assert_eq!(shown, before, "{case}: the tab says it still shows the old");
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_paste_longer_than_a_text_can_hold_is_cut_and_saved_not_lost() {
    use tandem::model::expectations::Voice;
    use tandem::model::goal::GoalForm;
    use tandem::model::theme_ref::ThemeRef;
    use tandem::model::validate::TEXT_MAX;
    use tandem::state::actions::{expectations, goals};
    with_store(|backend, store| {
        let m = start(&store, "Ada Lovelace");
        let meetings = ThemeRef::Builtin("meetings");
        let paste = "é".repeat(TEXT_MAX + 10);
        expectations::set_text(&store, m, &meetings, Voice::Partner(Side::Mentee), &paste);
        expectations::set_notes(&store, m, &meetings, &paste);
        review::start_conclusion(&store, m, Side::Mentee).expect("start");
        review::edit_retrospective(&store, m, &paste, |c, text| c.stay_in_touch = text);
        store.flush();
        let lib = stored(backend);
        let doc = lib.get(m).expect("saved");
        assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        let entry = doc.themes.iter().find(|t| t.key == "meetings").expect("answered");
        assert_eq!(entry.mentee.text.chars().count(), TEXT_MAX);
        assert_eq!(entry.notes.chars().count(), TEXT_MAX);
        let kept = doc.conclusion.as_ref().map(|c| c.stay_in_touch.chars().count());
        assert_eq!(kept, Some(TEXT_MAX));

        // A milestone is a line, and a goal holds a bounded list of them.
        let form = GoalForm { title: "Lead a project".into(), ..Default::default() };
        let goal = goals::create(&store, m, &form).expect("a goal");
        let long = goals::add_milestone(&store, m, goal, &"x".repeat(501), "").expect_err("long");
        assert!(long.to_string().contains("too long"), "{long}");
        for n in 0..tandem::model::validate::LIST_MAX {
            goals::add_milestone(&store, m, goal, &format!("Step {n}"), "").expect("room");
        }
        let full = goals::add_milestone(&store, m, goal, "One more", "").expect_err("full");
        assert!(full.to_string().contains("at most"), "{full}");
    });
}

#[wasm_bindgen_test]
fn a_refused_edit_leaves_the_record_as_it_was() {
    use tandem::model::goal::GoalForm;
    use tandem::model::record::Record;
    use tandem::state::actions::{goals, items};
    with_store(|_, store| {
        let m = start(&store, "Ada Lovelace");
        let form = items::ItemForm { text: "Read the paper".into(), ..Default::default() };
        let item = items::add(&store, m, &form).expect("an item");
        let goal =
            goals::create(&store, m, &GoalForm { title: "Lead".into(), ..Default::default() })
                .expect("a goal");
        let before = store.doc_untracked(m).expect("the mentorship");

        // Refused: what needs doing is blank, the due date is no date.
        let blank = items::ItemForm { text: "  ".into(), ..form.clone() };
        items::update(&store, m, item, &blank).expect_err("blank");
        items::change_due(&store, m, item, "2026-02-31").expect_err("no such day");
        // Changes that change nothing: the same due date, the same goal.
        items::change_due(&store, m, item, "").expect("no due date, as before");
        let same = GoalForm { title: "Lead".into(), ..Default::default() };
        goals::update(&store, m, goal, &same).expect("the same goal");

        // A record marked changed would win over the partner's real edit
        // when the two devices' copies merge.
        let after = store.doc_untracked(m).expect("the mentorship");
        let stamp = |d: &tandem::model::MentorshipDoc| {
            (d.actions[0].meta().updated_at, d.goals[0].meta().updated_at)
        };
        assert_eq!(stamp(&after), stamp(&before));
        assert_eq!(after.actions, before.actions);
    });
}
