//! The expectations conversation: answers typed by either partner (saved as
//! they are typed), consensus, notes, and the pair's own themes.

use uuid::Uuid;

use crate::model::expectations::{Answer, ThemeEntry, Voice, CUSTOM};
use crate::model::record::{self, Record};
use crate::model::theme_ref::ThemeRef;
use crate::model::{themes, validate, MentorshipDoc, Side};
use crate::state::{ActionError, ActionResult, Store};

/// Changes a theme's entry, creating a built-in theme's entry on first use.
/// Each answer that changed is stamped, so answers merge one by one.
fn with_entry(store: &Store, mentorship: Uuid, theme: &ThemeRef, f: impl FnOnce(&mut ThemeEntry)) {
    store.change(mentorship, |doc: &mut MentorshipDoc, now| {
        let id = theme.entry_id(mentorship);
        if !doc.themes.iter().any(|e| e.id() == id) {
            match theme {
                ThemeRef::Builtin(key) => {
                    doc.themes.push(ThemeEntry::builtin(mentorship, key, now))
                }
                ThemeRef::Custom(_) => return,
            }
        }
        record::update(&mut doc.themes, id, now, |e| {
            let before = e.clone();
            f(e);
            for voice in
                [Voice::Partner(Side::Mentee), Voice::Partner(Side::Mentor), Voice::Consensus]
            {
                if !e.answer(voice).same_as(before.answer(voice)) {
                    let previous = before.answer(voice).updated_at;
                    e.answer_mut(voice).updated_at = record::stamp_part(previous, now);
                }
            }
        });
    });
}

/// Sets one structured answer ("" clears it). A value the field does not
/// accept (a number out of range) is refused with the reason.
pub fn set_value(
    store: &Store,
    mentorship: Uuid,
    theme: &ThemeRef,
    voice: Voice,
    field: &str,
    value: &str,
) -> ActionResult {
    if let ThemeRef::Builtin(key) = theme {
        let spec = themes::theme(key)
            .and_then(|t| t.field(field))
            .ok_or_else(|| ActionError::refused("Unknown question."))?;
        if !value.trim().is_empty() && !spec.accepts(value.trim()) {
            return Err(ActionError::field(
                field,
                match spec.kind {
                    themes::FieldKind::Number { min, max, unit } => {
                        format!("Enter a whole number from {min} to {max} ({unit}).")
                    }
                    _ => "Pick one of the options.".to_string(),
                },
            ));
        }
    }
    with_entry(store, mentorship, theme, |e| e.answer_mut(voice).set(field, value.trim()));
    Ok(())
}

/// Sets the free-text answer (a paste longer than a text can hold is cut,
/// see [`validate::fit_text`]).
pub fn set_text(store: &Store, mentorship: Uuid, theme: &ThemeRef, voice: Voice, text: &str) {
    with_entry(store, mentorship, theme, |e| e.answer_mut(voice).text = validate::fit_text(text));
}

/// Sets the theme's shared notes (cut like an answer).
pub fn set_notes(store: &Store, mentorship: Uuid, theme: &ThemeRef, notes: &str) {
    with_entry(store, mentorship, theme, |e| e.notes = validate::fit_text(notes));
}

/// Fills a partner's answer with the suggested defaults.
pub fn use_suggestion(store: &Store, mentorship: Uuid, theme: &ThemeRef, side: Side) {
    let ThemeRef::Builtin(key) = theme else {
        return;
    };
    let Some(spec) = themes::theme(key) else {
        return;
    };
    with_entry(store, mentorship, theme, |e| {
        let answer = e.answer_mut(Voice::Partner(side));
        for f in spec.fields {
            answer.set(f.key, f.suggested);
        }
        answer.text = spec.suggestion.to_string();
    });
}

/// Makes what both answered the consensus. `false` when their answers differ.
pub fn agree(store: &Store, mentorship: Uuid, theme: &ThemeRef) -> bool {
    let mut agreed = false;
    with_entry(store, mentorship, theme, |e| {
        if let Some(common) = e.common_ground() {
            e.consensus.values = common.values;
            e.consensus.text = common.text;
            agreed = true;
        }
    });
    agreed
}

/// Starts the consensus from one partner's answer.
pub fn copy_to_consensus(store: &Store, mentorship: Uuid, theme: &ThemeRef, side: Side) {
    with_entry(store, mentorship, theme, |e| {
        let from = e.answer(Voice::Partner(side)).clone();
        e.consensus.values = from.values;
        e.consensus.text = from.text;
    });
}

/// Puts an answer back as it was (undoing a replacement).
pub fn restore_answer(
    store: &Store,
    mentorship: Uuid,
    theme: &ThemeRef,
    voice: Voice,
    answer: &Answer,
) {
    with_entry(store, mentorship, theme, |e| {
        let kept = e.answer(voice).updated_at;
        *e.answer_mut(voice) = Answer { updated_at: kept, ..answer.clone() };
    });
}

/// Marks an optional theme not needed for this pair (it counts as settled),
/// or needed after all. Refused for a theme every agreement needs.
pub fn set_not_needed(
    store: &Store,
    mentorship: Uuid,
    theme: &ThemeRef,
    not_needed: bool,
) -> ActionResult {
    let optional = match theme {
        ThemeRef::Builtin(key) => themes::theme(key).is_some_and(|t| t.is_optional()),
        ThemeRef::Custom(_) => false,
    };
    if !optional {
        return Err(ActionError::refused("Every agreement needs this theme."));
    }
    with_entry(store, mentorship, theme, |e| e.not_needed = not_needed);
    Ok(())
}

/// Clears the consensus (the theme is open again).
pub fn reopen(store: &Store, mentorship: Uuid, theme: &ThemeRef) {
    with_entry(store, mentorship, theme, |e| {
        e.consensus.values.clear();
        e.consensus.text.clear();
    });
}

/// A theme of the pair's own, as its form gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeForm {
    pub title: String,
    pub question: String,
}

/// Adds a theme of the pair's own.
pub fn add_theme(store: &Store, mentorship: Uuid, form: &ThemeForm) -> ActionResult<Uuid> {
    let entry = ThemeEntry::custom(&form.title, &form.question, crate::browser::now())?;
    let id = entry.id();
    store
        .change(mentorship, |doc, now| record::upsert(&mut doc.themes, entry, now))
        .ok_or_else(|| ActionError::refused("This mentorship is closed."))?;
    Ok(id)
}

/// Removes a theme of the pair's own.
pub fn remove_theme(store: &Store, mentorship: Uuid, id: Uuid) {
    store.change(mentorship, |doc, now| {
        if doc.themes.iter().any(|e| e.id() == id && e.key == CUSTOM) {
            record::remove(&mut doc.themes, id, now);
        }
    });
}
