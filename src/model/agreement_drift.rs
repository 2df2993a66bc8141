//! Keeping the agreement true to the conversation. Each version remembers
//! the text generated from the conversation and goals it was written from
//! (its `source`); comparing that with the text generated now, section by
//! section, says what changed since, and a draft is brought up to date
//! section by section without losing what the pair wrote themselves.

use chrono::{DateTime, Utc};

use super::agreement::{AgreementError, AgreementVersion};
use super::agreement_text::TO_BE_AGREED;

/// What changed in the conversation and goals since a version was written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// The sections (by title, in order) whose generated text changed and
    /// that the version does not say yet.
    pub changed: Vec<String>,
    /// Those of them the pair edited by hand: an update leaves them as
    /// written, for the pair to check.
    pub edited: Vec<String>,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty()
    }
}

/// One section of an agreement text: its heading line (empty for what comes
/// before the first `## ` heading) and its whole text, heading included.
struct Section<'a> {
    heading: &'a str,
    text: &'a str,
}

impl Section<'_> {
    /// The heading as people read it: "Meetings" for "## 4. Meetings".
    fn title(&self) -> String {
        let heading = self.heading.trim_start_matches('#').trim();
        match heading.split_once(". ") {
            Some((n, rest)) if n.chars().all(|c| c.is_ascii_digit()) => rest.to_string(),
            _ => heading.to_string(),
        }
    }
}

/// Splits a text at each `## ` heading line.
fn sections(text: &str) -> Vec<Section<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut heading = "";
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") && offset > 0 {
            out.push(Section { heading, text: &text[start..offset] });
            start = offset;
        }
        if line.starts_with("## ") {
            heading = line.trim_end();
        }
        offset += line.len();
    }
    out.push(Section { heading, text: &text[start..] });
    out
}

fn find<'a>(list: &'a [Section<'a>], heading: &str) -> Option<&'a str> {
    list.iter().find(|s| s.heading == heading).map(|s| s.text)
}

/// Two section texts say the same (line endings and outer blank lines aside).
fn same(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n").trim() == b.replace("\r\n", "\n").trim()
}

/// How one section of the generated text stands against the version.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// The version says what the conversation says now (or the section did
    /// not change since the version was written).
    Current,
    /// Changed since, and the version still has the generated words.
    Changed,
    /// Changed since, and the pair rewrote the section by hand.
    ChangedAndEdited,
}

impl AgreementVersion {
    /// How the section `heading` stands, given its text generated now.
    fn standing(&self, body: &[Section], source: Option<&[Section]>, fresh: &Section) -> Standing {
        let written = find(body, fresh.heading);
        if written.is_some_and(|w| same(w, fresh.text)) {
            return Standing::Current;
        }
        // What the section was generated as when the version was written. A
        // version from before sources were kept counts as generated only
        // where it still reads "To be agreed" (never taking the pair's words
        // for generated ones).
        let was = match source {
            Some(source) => find(source, fresh.heading),
            None => match written {
                Some(w) if w.contains(TO_BE_AGREED) => Some(w),
                _ => return Standing::Current,
            },
        };
        match (was, written) {
            (Some(was), _) if same(was, fresh.text) => Standing::Current,
            (Some(was), Some(written)) if same(was, written) => Standing::Changed,
            (None, None) => Standing::Changed,
            _ => Standing::ChangedAndEdited,
        }
    }

    /// Each section of the text generated now, with how it stands against
    /// this version.
    fn standings<'a>(&self, generated_now: &'a str) -> Vec<(Section<'a>, Standing)> {
        let body = sections(&self.body);
        let source = (!self.source.is_empty()).then(|| sections(&self.source));
        sections(generated_now)
            .into_iter()
            .map(|fresh| {
                let standing = self.standing(&body, source.as_deref(), &fresh);
                (fresh, standing)
            })
            .collect()
    }

    /// What changed in the conversation and goals since this version was
    /// written, given the text generated from them now.
    pub fn drift(&self, generated_now: &str) -> Drift {
        let mut drift = Drift::default();
        for (fresh, standing) in self.standings(generated_now) {
            match standing {
                Standing::Current => {}
                Standing::Changed => drift.changed.push(fresh.title()),
                Standing::ChangedAndEdited => {
                    drift.changed.push(fresh.title());
                    drift.edited.push(fresh.title());
                }
            }
        }
        drift
    }

    /// The draft brought up to date with the text generated now: each
    /// section that changed since and that the pair left as generated is
    /// replaced; sections they edited stay as written. Refused once frozen
    /// (amend it instead). Returns the titles of the sections kept as edited.
    pub fn bring_up_to_date(
        &mut self,
        generated_now: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, AgreementError> {
        if self.is_frozen() {
            return Err(AgreementError::Frozen);
        }
        let standings = self.standings(generated_now);
        let replacement = |heading: &str| {
            standings
                .iter()
                .find(|(f, standing)| f.heading == heading && *standing == Standing::Changed)
                .map(|(f, _)| f.text)
        };
        let body = sections(&self.body);
        let mut text = String::with_capacity(generated_now.len().max(self.body.len()));
        for section in &body {
            push_section(&mut text, replacement(section.heading).unwrap_or(section.text));
        }
        // Sections the conversation has now and the draft never had.
        for (f, _) in &standings {
            if find(&body, f.heading).is_none() {
                if let Some(new) = replacement(f.heading) {
                    push_section(&mut text, new);
                }
            }
        }
        let edited = standings
            .iter()
            .filter(|(_, standing)| *standing == Standing::ChangedAndEdited)
            .map(|(f, _)| f.title())
            .collect();
        self.rewrite(&text, generated_now, now)?;
        Ok(edited)
    }

    /// Replaces the draft's text with `text`, written from `generated`.
    pub fn rewrite(
        &mut self,
        text: &str,
        generated: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AgreementError> {
        self.edit(text, now)?;
        if self.source != generated {
            self.source = generated.to_string();
            self.meta.touch(now);
        }
        Ok(())
    }
}

/// Appends a section, keeping one blank line between sections.
fn push_section(out: &mut String, section: &str) {
    if !out.is_empty() && !out.ends_with("\n\n") {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(section.trim_matches('\n'));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;

    const BEFORE: &str = "# Mentoring agreement\n\n## 1. The parties\n\nAda and Grace.\n\n## 4. Meetings\n\n_To be agreed._\n\n## 5. Confidentiality\n\nWhat we say stays between us.\n";
    const AFTER: &str = "# Mentoring agreement\n\n## 1. The parties\n\nAda and Grace.\n\n## 4. Meetings\n\n- Weekly, 60 minutes.\n\n## 5. Confidentiality\n\nNothing leaves the room.\n";

    fn draft(body: &str, source: &str) -> AgreementVersion {
        AgreementVersion {
            number: 1,
            mentee: "Ada".into(),
            mentor: "Grace".into(),
            body: body.into(),
            source: source.into(),
            ..Default::default()
        }
    }

    #[test]
    fn what_changed_since_the_draft_is_named_and_the_update_takes_it() {
        let mut v = draft(BEFORE, BEFORE);
        let drift = v.drift(AFTER);
        assert_eq!(drift.changed, ["Meetings", "Confidentiality"]);
        assert!(drift.edited.is_empty());
        assert_eq!(v.bring_up_to_date(AFTER, now()), Ok(vec![]));
        assert_eq!(v.body.trim(), AFTER.trim());
        assert!(v.drift(AFTER).is_empty(), "nothing left to update");
    }

    #[test]
    fn a_section_the_pair_rewrote_is_kept_and_named_for_them_to_check() {
        let ours = BEFORE.replace("What we say stays between us.", "Our own words.");
        let mut v = draft(&ours, BEFORE);
        assert_eq!(v.drift(BEFORE), Drift::default(), "their edit is not a change");
        let drift = v.drift(AFTER);
        assert_eq!(drift.edited, ["Confidentiality"]);
        let kept = v.bring_up_to_date(AFTER, now()).expect("a draft");
        assert_eq!(kept, ["Confidentiality"]);
        assert!(v.body.contains("- Weekly, 60 minutes.") && v.body.contains("Our own words."));
        assert!(v.drift(AFTER).is_empty(), "once updated, the edit stands");
    }

    #[test]
    fn a_version_from_before_sources_were_kept_updates_only_what_reads_to_be_agreed() {
        let ours = BEFORE.replace("What we say stays between us.", "Our own words.");
        let mut v = draft(&ours, "");
        assert_eq!(v.drift(AFTER).changed, ["Meetings"]);
        v.bring_up_to_date(AFTER, now()).expect("a draft");
        assert!(v.body.contains("- Weekly, 60 minutes.") && v.body.contains("Our own words."));
        assert_eq!(v.source, AFTER);
    }

    #[test]
    fn a_signed_version_reports_the_change_but_is_not_rewritten() {
        let signed = BEFORE.replace("_To be agreed._", "- Monthly.");
        let mut v = draft(&signed, &signed);
        for side in crate::model::Side::BOTH {
            let name = v.party(side).to_string();
            v.sign(side, &name, &[], now()).expect("signs");
        }
        assert_eq!(v.drift(AFTER).changed, ["Meetings", "Confidentiality"]);
        assert_eq!(v.bring_up_to_date(AFTER, now()), Err(AgreementError::Frozen));
    }

    #[test]
    fn odd_texts_split_without_panicking() {
        for text in ["", "\n", "## ", "##", "## 1.", "x\n## a\r\n## b", "é\n## é. é\n"] {
            let mut v = draft(text, text);
            let _ = v.drift("## 1. A\n\nb\n");
            let _ = v.bring_up_to_date(text, now());
        }
    }
}
