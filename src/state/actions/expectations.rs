//! The expectations conversation: answers typed by either partner (saved as
//! they are typed), consensus, notes, and the pair's own themes.

use uuid::Uuid;

use crate::model::expectations::{entry_id, ThemeEntry, Voice, CUSTOM};
use crate::model::record::{self, Record};
use crate::model::validate::FieldError;
use crate::model::{themes, MentorshipDoc, Side};
use crate::state::Store;

/// Which theme: a built-in one by key, or one of the pair's own by id.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ThemeRef {
    Builtin(&'static str),
    Custom(Uuid),
}

impl ThemeRef {
    /// Reads the `?theme=` form: a built-in key or a custom theme's id.
    pub fn parse(s: &str) -> Option<ThemeRef> {
        themes::theme(s)
            .map(|t| ThemeRef::Builtin(t.key))
            .or_else(|| Uuid::parse_str(s).ok().map(ThemeRef::Custom))
    }

    pub fn of(entry: &ThemeEntry) -> ThemeRef {
        match entry.spec() {
            Some(spec) => ThemeRef::Builtin(spec.key),
            None => ThemeRef::Custom(entry.id()),
        }
    }

    /// The `?theme=` form.
    pub fn param(&self) -> String {
        match self {
            ThemeRef::Builtin(key) => key.to_string(),
            ThemeRef::Custom(id) => id.to_string(),
        }
    }

    fn id(&self, mentorship: Uuid) -> Uuid {
        match self {
            ThemeRef::Builtin(key) => entry_id(mentorship, key),
            ThemeRef::Custom(id) => *id,
        }
    }
}

/// Changes a theme's entry, creating a built-in theme's entry on first use.
/// Each answer that changed is stamped, so answers merge one by one.
fn with_entry(store: &Store, mentorship: Uuid, theme: &ThemeRef, f: impl FnOnce(&mut ThemeEntry)) {
    store.change(mentorship, |doc: &mut MentorshipDoc, now| {
        let id = theme.id(mentorship);
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
                    e.answer_mut(voice).updated_at = Some(now);
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
) -> Result<(), String> {
    if let ThemeRef::Builtin(key) = theme {
        let spec = themes::theme(key).and_then(|t| t.field(field)).ok_or("Unknown question.")?;
        if !value.trim().is_empty() && !spec.accepts(value.trim()) {
            return Err(match spec.kind {
                themes::FieldKind::Number { min, max, unit } => {
                    format!("Enter a whole number from {min} to {max} ({unit}).")
                }
                _ => "Pick one of the options.".to_string(),
            });
        }
    }
    with_entry(store, mentorship, theme, |e| e.answer_mut(voice).set(field, value.trim()));
    Ok(())
}

/// Sets the free-text answer.
pub fn set_text(store: &Store, mentorship: Uuid, theme: &ThemeRef, voice: Voice, text: &str) {
    with_entry(store, mentorship, theme, |e| e.answer_mut(voice).text = text.to_string());
}

pub fn set_notes(store: &Store, mentorship: Uuid, theme: &ThemeRef, notes: &str) {
    with_entry(store, mentorship, theme, |e| e.notes = notes.to_string());
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

/// Clears the consensus (the theme is open again).
pub fn reopen(store: &Store, mentorship: Uuid, theme: &ThemeRef) {
    with_entry(store, mentorship, theme, |e| {
        e.consensus.values.clear();
        e.consensus.text.clear();
    });
}

/// Adds a theme of the pair's own.
pub fn add_theme(
    store: &Store,
    mentorship: Uuid,
    title: &str,
    question: &str,
) -> Result<Uuid, Vec<FieldError>> {
    let entry = ThemeEntry::custom(title, question, crate::browser::now())?;
    let id = entry.id();
    store
        .change(mentorship, |doc, now| record::upsert(&mut doc.themes, entry, now))
        .ok_or_else(|| vec![FieldError::new("title", "This mentorship is closed.")])?;
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
