//! The expectations conversation's answers: for each theme the mentee's view,
//! the mentor's view and the consensus. Where the two views differ (structured
//! answers field by field, free text when both are present and not the same)
//! the theme is "to discuss" until a consensus is written.

use crate::model::stored_time::optional_instant;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{impl_record, later_part, Meta};
use super::side::Side;
use super::themes::{self, ThemeSpec};
use super::validate::{normalize, shown, Errors, FieldError};

/// One person's (or the pair's) answer on a theme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Structured answers, by field key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// When this answer was last edited: the two partners' answers and the
    /// consensus merge separately, so both can type at once.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_instant")]
    pub updated_at: Option<DateTime<Utc>>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.values.values().all(|v| v.trim().is_empty())
    }

    /// Same answer, whenever it was written.
    pub fn same_as(&self, other: &Answer) -> bool {
        self.values == other.values && self.text == other.text
    }

    pub fn value(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|v| v.as_str()).filter(|v| !v.trim().is_empty())
    }

    /// Sets a field; an empty value removes it.
    pub fn set(&mut self, key: &str, value: &str) {
        if value.trim().is_empty() {
            self.values.remove(key);
        } else {
            self.values.insert(key.to_string(), value.to_string());
        }
    }
}

/// Which answer on a theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Voice {
    Partner(Side),
    Consensus,
}

/// Where a theme stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ThemeStatus {
    NotStarted,
    /// One side answered, or both agree but no consensus is written yet.
    InProgress,
    /// The answers differ and no consensus is written.
    ToDiscuss,
    Settled,
    /// An optional theme the pair marked "not needed for us".
    NotNeeded,
}

impl ThemeStatus {
    pub fn label(self) -> &'static str {
        match self {
            ThemeStatus::NotStarted => "Not started",
            ThemeStatus::InProgress => "In progress",
            ThemeStatus::ToDiscuss => "To discuss",
            ThemeStatus::Settled => "Settled",
            ThemeStatus::NotNeeded => "Not needed",
        }
    }

    /// Its chip's class: `chip status-notstarted`, `chip status-inprogress`…
    pub fn chip_class(self) -> &'static str {
        match self {
            ThemeStatus::NotStarted => "chip status-notstarted",
            ThemeStatus::InProgress => "chip status-inprogress",
            ThemeStatus::ToDiscuss => "chip status-todiscuss",
            ThemeStatus::Settled => "chip status-settled",
            ThemeStatus::NotNeeded => "chip status-notneeded",
        }
    }

    /// Nothing more to agree: settled, or not needed. Signing waits for this.
    pub fn is_done(self) -> bool {
        matches!(self, ThemeStatus::Settled | ThemeStatus::NotNeeded)
    }
}

/// A point where the mentee's and mentor's answers differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// The field key, or `"text"` for the free-text answer.
    pub field: String,
    pub mentee: String,
    pub mentor: String,
}

/// The answers on one theme. Built-in themes have a stable id derived from the
/// mentorship and the theme key, so two copies that each start a theme merge
/// into one record.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ThemeEntry {
    pub meta: Meta,
    /// A built-in theme key, or `custom` for a theme the pair added.
    pub key: String,
    /// For a custom theme: its title and question.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub question: String,
    #[serde(default)]
    pub mentee: Answer,
    #[serde(default)]
    pub mentor: Answer,
    #[serde(default)]
    pub consensus: Answer,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// An optional theme the pair agreed they do not need (see
    /// [`ThemeSpec::is_optional`]): it counts as settled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_needed: bool,
}
impl_record!(ThemeEntry => ThemeEntry::later_parts);

pub const CUSTOM: &str = "custom";

/// The id of a built-in theme's entry in a mentorship.
pub fn entry_id(mentorship: Uuid, key: &str) -> Uuid {
    Uuid::new_v5(&mentorship, format!("theme:{key}").as_bytes())
}

impl ThemeEntry {
    /// The parts that merge on their own time: the two partners' answers
    /// and the consensus merge apart, so both can type at once.
    fn later_parts(out: &mut ThemeEntry, a: &ThemeEntry, b: &ThemeEntry) {
        let at = |answer: &Answer| answer.updated_at;
        out.mentee = later_part(&a.mentee, &b.mentee, at);
        out.mentor = later_part(&a.mentor, &b.mentor, at);
        out.consensus = later_part(&a.consensus, &b.consensus, at);
    }

    /// A new, empty entry for a built-in theme.
    pub fn builtin(mentorship: Uuid, key: &str, now: DateTime<Utc>) -> ThemeEntry {
        ThemeEntry {
            meta: Meta::with_id(entry_id(mentorship, key), now),
            key: key.into(),
            ..Default::default()
        }
    }

    /// A new theme of the pair's own.
    pub fn custom(
        title: &str,
        question: &str,
        now: DateTime<Utc>,
    ) -> Result<ThemeEntry, Vec<FieldError>> {
        // Pasted text may carry direction marks or tabs a line cannot hold.
        let title = normalize(title);
        let question: String = super::validate::clean_line(question.trim()).trim().into();
        let mut e = Errors::default();
        e.required("title", "The theme's title", &title);
        e.line("question", "The question", &question);
        e.into_result()?;
        Ok(ThemeEntry {
            meta: Meta::new(now),
            key: CUSTOM.into(),
            title,
            question,
            ..Default::default()
        })
    }

    pub fn spec(&self) -> Option<&'static ThemeSpec> {
        themes::theme(&self.key)
    }

    pub fn title(&self) -> &str {
        self.spec().map(|s| s.title).unwrap_or(&self.title)
    }

    pub fn question(&self) -> &str {
        self.spec().map(|s| s.question).unwrap_or(&self.question)
    }

    pub fn answer(&self, voice: Voice) -> &Answer {
        match voice {
            Voice::Partner(side) => side.pick(&self.mentee, &self.mentor),
            Voice::Consensus => &self.consensus,
        }
    }

    pub fn answer_mut(&mut self, voice: Voice) -> &mut Answer {
        match voice {
            Voice::Partner(side) => side.pick(&mut self.mentee, &mut self.mentor),
            Voice::Consensus => &mut self.consensus,
        }
    }

    /// Where the two partners' answers differ.
    pub fn differences(&self) -> Vec<Difference> {
        let mut out = Vec::new();
        let keys: std::collections::BTreeSet<&String> =
            self.mentee.values.keys().chain(self.mentor.values.keys()).collect();
        // Structured answers in the theme's field order, then any others.
        let mut ordered: Vec<&str> =
            self.spec().map(|s| s.fields.iter().map(|f| f.key).collect()).unwrap_or_default();
        for k in keys {
            if !ordered.contains(&k.as_str()) {
                ordered.push(k);
            }
        }
        for key in ordered {
            if let (Some(a), Some(b)) = (self.mentee.value(key), self.mentor.value(key)) {
                if a.trim() != b.trim() {
                    out.push(Difference { field: key.into(), mentee: a.into(), mentor: b.into() });
                }
            }
        }
        let (a, b) = (normalize(&self.mentee.text), normalize(&self.mentor.text));
        if !a.is_empty() && !b.is_empty() && a != b {
            out.push(Difference {
                field: "text".into(),
                mentee: self.mentee.text.clone(),
                mentor: self.mentor.text.clone(),
            });
        }
        out
    }

    /// Differences the consensus does not settle yet: a differing field with
    /// no agreed value, or differing free text with no agreed words.
    pub fn unresolved(&self) -> Vec<Difference> {
        self.differences()
            .into_iter()
            .filter(|d| {
                if d.field == "text" {
                    self.consensus.text.trim().is_empty()
                } else {
                    self.consensus.value(&d.field).is_none()
                }
            })
            .collect()
    }

    /// The pair may mark this theme not needed.
    pub fn is_optional(&self) -> bool {
        self.spec().is_some_and(ThemeSpec::is_optional)
    }

    pub fn status(&self) -> ThemeStatus {
        if self.not_needed && self.is_optional() {
            ThemeStatus::NotNeeded
        } else if !self.consensus.is_empty() && self.unresolved().is_empty() {
            ThemeStatus::Settled
        } else if !self.differences().is_empty() {
            ThemeStatus::ToDiscuss
        } else if self.mentee.is_empty() && self.mentor.is_empty() {
            ThemeStatus::NotStarted
        } else {
            ThemeStatus::InProgress
        }
    }

    /// The answer both agree on, when their answers do not differ: the union
    /// of their structured answers and the free text either wrote. `None` when
    /// they differ or nobody answered.
    pub fn common_ground(&self) -> Option<Answer> {
        if !self.differences().is_empty() || (self.mentee.is_empty() && self.mentor.is_empty()) {
            return None;
        }
        let mut values = self.mentee.values.clone();
        for (k, v) in &self.mentor.values {
            values.entry(k.clone()).or_insert_with(|| v.clone());
        }
        let text = if self.mentee.text.trim().is_empty() {
            self.mentor.text.clone()
        } else {
            self.mentee.text.clone()
        };
        Some(Answer { values, text, updated_at: None })
    }

    /// Checks the theme's key, the answers against the theme's fields, text
    /// limits and dates. (That a built-in theme's entry has its derived id is
    /// checked with the mentorship, see `MentorshipDoc::validate`.)
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.key == CUSTOM {
            e.required("title", "The title", &self.title);
        } else if self.spec().is_none() {
            e.add("key", format!("“{}” is not a theme Tandem knows.", shown(&self.key)));
        }
        for (name, answer) in
            [("mentee", &self.mentee), ("mentor", &self.mentor), ("consensus", &self.consensus)]
        {
            e.text(name, "An answer", &answer.text);
            e.opt_instant(name, "The time of an answer", answer.updated_at.as_ref());
            e.list_len(name, "An answer", answer.values.len());
            match self.spec() {
                Some(spec) => {
                    for (key, value) in &answer.values {
                        match spec.field(key) {
                            Some(field) if !field.accepts(value) => e.add(
                                name,
                                format!(
                                    "“{}” is not an answer to “{}”.",
                                    shown(value),
                                    field.label
                                ),
                            ),
                            None => e.add(
                                name,
                                format!("“{}” has no field “{}”.", spec.title, shown(key)),
                            ),
                            _ => {}
                        }
                    }
                }
                None => {
                    for (key, value) in &answer.values {
                        e.line(name, "An answer's field", key);
                        e.line(name, "An answer", value);
                    }
                }
            }
        }
        if self.key != CUSTOM {
            e.line("title", "The title", &self.title);
        }
        e.line("question", "The question", &self.question);
        e.text("notes", "The notes", &self.notes);
        if self.not_needed && !self.is_optional() {
            e.add("not_needed", format!("“{}” cannot be left out.", shown(self.title())));
        }
        e.into_result()
    }
}

/// Counts of themes by status, for the progress summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub settled: usize,
    pub not_needed: usize,
    pub to_discuss: usize,
    pub in_progress: usize,
    pub not_started: usize,
}

impl Progress {
    pub fn total(&self) -> usize {
        self.settled + self.not_needed + self.to_discuss + self.in_progress + self.not_started
    }

    /// Themes with nothing more to agree: settled or not needed.
    pub fn done(&self) -> usize {
        self.settled + self.not_needed
    }

    pub fn all_settled(&self) -> bool {
        self.done() == self.total()
    }
}

/// Every theme of a mentorship — each built-in theme (answered or not) then
/// the pair's own — as entries; built-in themes without an entry yet get an
/// empty one.
pub fn all_themes(mentorship: Uuid, entries: &[ThemeEntry]) -> Vec<ThemeEntry> {
    let mut out: Vec<ThemeEntry> = themes::THEMES
        .iter()
        .map(|spec| {
            entries
                .iter()
                .find(|e| e.key == spec.key && !e.meta.deleted)
                .cloned()
                .unwrap_or_else(|| ThemeEntry::builtin(mentorship, spec.key, DateTime::UNIX_EPOCH))
        })
        .collect();
    out.extend(entries.iter().filter(|e| e.key == CUSTOM && !e.meta.deleted).cloned());
    out
}

pub fn progress(themes: &[ThemeEntry]) -> Progress {
    let mut p = Progress::default();
    for t in themes {
        match t.status() {
            ThemeStatus::Settled => p.settled += 1,
            ThemeStatus::NotNeeded => p.not_needed += 1,
            ThemeStatus::ToDiscuss => p.to_discuss += 1,
            ThemeStatus::InProgress => p.in_progress += 1,
            ThemeStatus::NotStarted => p.not_started += 1,
        }
    }
    p
}

/// The titles of themes not settled yet (they block signing the agreement).
pub fn unsettled(themes: &[ThemeEntry]) -> Vec<String> {
    themes.iter().filter(|t| !t.status().is_done()).map(|t| t.title().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chip_class_is_the_status_name_in_lower_case() {
        use ThemeStatus::*;
        for status in [NotStarted, InProgress, ToDiscuss, Settled, NotNeeded] {
            let debug = format!("chip status-{status:?}").to_lowercase();
            assert_eq!(status.chip_class(), debug);
        }
    }
    use crate::model::test_support::now;

    fn meetings() -> ThemeEntry {
        ThemeEntry::builtin(Uuid::nil(), "meetings", now())
    }

    #[test]
    fn an_untouched_theme_is_not_started() {
        assert_eq!(meetings().status(), ThemeStatus::NotStarted);
    }

    #[test]
    fn structured_answers_are_compared_field_by_field() {
        let mut t = meetings();
        t.mentee.set("cadence", "weekly");
        t.mentee.set("length_minutes", "60");
        t.mentor.set("cadence", "weekly");
        assert_eq!(t.status(), ThemeStatus::InProgress, "agreeing so far, nothing written");
        t.mentor.set("length_minutes", "45");
        let diffs = t.differences();
        assert_eq!(diffs.len(), 1);
        assert_eq!(
            diffs[0],
            Difference { field: "length_minutes".into(), mentee: "60".into(), mentor: "45".into() }
        );
        assert_eq!(t.status(), ThemeStatus::ToDiscuss);
        t.consensus.set("cadence", "weekly");
        assert_eq!(
            t.status(),
            ThemeStatus::ToDiscuss,
            "a consensus that leaves the difference open does not settle it"
        );
        assert_eq!(t.unresolved().len(), 1);
        t.consensus.set("length_minutes", "60");
        assert_eq!(t.status(), ThemeStatus::Settled);
    }

    #[test]
    fn free_text_differs_only_when_both_wrote_something_different() {
        let mut t = meetings();
        t.mentee.text = "Weekly, an hour.".into();
        assert_eq!(t.status(), ThemeStatus::InProgress);
        t.mentor.text = "  Weekly,   an hour. ".into();
        assert!(t.differences().is_empty(), "whitespace does not count");
        t.mentor.text = "Fortnightly.".into();
        assert_eq!(t.differences()[0].field, "text");
        assert_eq!(t.status(), ThemeStatus::ToDiscuss);
    }

    #[test]
    fn common_ground_is_offered_only_without_differences() {
        let mut t = meetings();
        t.mentee.set("cadence", "weekly");
        t.mentor.set("format", "video");
        t.mentor.text = "Tuesdays suit me.".into();
        let common = t.common_ground().expect("no differences");
        assert_eq!(common.value("cadence"), Some("weekly"));
        assert_eq!(common.value("format"), Some("video"));
        assert_eq!(common.text, "Tuesdays suit me.");
        t.mentee.set("format", "phone");
        assert_eq!(t.common_ground(), None);
    }

    #[test]
    fn an_optional_theme_marked_not_needed_counts_as_settled_and_others_cannot_be() {
        let id = Uuid::new_v4();
        let mut extras = ThemeEntry::builtin(id, "extras", now());
        assert!(extras.is_optional());
        extras.not_needed = true;
        assert_eq!(extras.status(), ThemeStatus::NotNeeded);
        assert!(extras.validate().is_ok());
        let all = all_themes(id, &[extras.clone()]);
        let p = progress(&all);
        assert_eq!((p.settled, p.not_needed, p.done()), (0, 1, 1));
        assert!(!unsettled(&all).contains(&"Extra arrangements".to_string()));
        // Stored data cannot leave out a theme every agreement needs.
        let mut goals = ThemeEntry::builtin(id, "goals", now());
        goals.not_needed = true;
        assert_eq!(goals.status(), ThemeStatus::NotStarted, "the mark means nothing there");
        assert!(goals.validate().is_err());
        // The mark travels with the entry, and an entry from before it reads as needed.
        let json = serde_json::to_string(&extras).expect("json");
        assert!(json.contains("\"not_needed\":true"));
        let older = json.replace(",\"not_needed\":true", "");
        let read: ThemeEntry = serde_json::from_str(&older).expect("older entry");
        assert!(!read.not_needed);
    }

    #[test]
    fn progress_and_unsettled_cover_every_builtin_and_custom_theme() {
        let id = Uuid::new_v4();
        let mut entries =
            vec![ThemeEntry::custom("Writing", "How do we review drafts?", now()).expect("valid")];
        let mut settled = ThemeEntry::builtin(id, "goals", now());
        settled.consensus.text = "The mentee's goals.".into();
        entries.push(settled);
        let all = all_themes(id, &entries);
        assert_eq!(all.len(), themes::THEMES.len() + 1);
        let p = progress(&all);
        assert_eq!(p.settled, 1);
        assert_eq!(p.not_started, themes::THEMES.len());
        assert!(!p.all_settled());
        let open = unsettled(&all);
        assert!(
            open.contains(&"Writing".to_string()) && !open.contains(&"Goals and focus".to_string())
        );
    }

    #[test]
    fn builtin_entries_have_stable_ids_per_mentorship() {
        let m = Uuid::new_v4();
        assert_eq!(entry_id(m, "meetings"), entry_id(m, "meetings"));
        assert_ne!(entry_id(m, "meetings"), entry_id(m, "goals"));
        assert_ne!(entry_id(m, "meetings"), entry_id(Uuid::new_v4(), "meetings"));
    }

    #[test]
    fn answers_outside_a_fields_options_are_invalid() {
        let mut t = meetings();
        t.mentee.set("cadence", "hourly");
        assert!(t.validate().is_err());
        t.mentee.set("cadence", "monthly");
        assert!(t.validate().is_ok());
    }
}
