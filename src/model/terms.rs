//! The structured terms a pair agreed in the expectations conversation —
//! cadence, length, agenda lead time, notice period, check-in interval —
//! which sessions, warnings and check-ins use.

use super::expectations::ThemeEntry;
use super::themes;

/// The structured terms the pair agreed, read from the consensus where
/// settled, else from the suggested defaults. Sessions, agenda warnings and
/// check-ins use these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    /// Days between meetings.
    pub cadence_days: u32,
    pub cadence_label: String,
    pub length_minutes: u32,
    pub format: String,
    pub agenda_lead_hours: u32,
    pub notice_hours: u32,
    pub checkin_weeks: u32,
    pub duration_months: u32,
    /// Whether the meeting rhythm comes from the pair's consensus (else it
    /// is the suggestion).
    pub agreed: bool,
    /// Likewise for the agenda's lead time, the notice period and the
    /// check-in interval: until the pair agrees them they are suggestions,
    /// and the app must not say "you agreed".
    pub agenda_lead_agreed: bool,
    pub notice_agreed: bool,
    pub checkin_agreed: bool,
}

impl Terms {
    /// "you agreed" or "the suggestion is", for a sentence about a term.
    pub fn said(agreed: bool) -> &'static str {
        if agreed {
            "you agreed"
        } else {
            "the suggestion (until you agree it) is"
        }
    }
}

impl Terms {
    pub fn from_themes(entries: &[ThemeEntry]) -> Terms {
        let consensus = |theme: &str, field: &str| -> Option<String> {
            entries
                .iter()
                .find(|e| e.key == theme && !e.meta.deleted)
                .and_then(|e| e.consensus.value(field).map(str::to_string))
        };
        let suggested = |theme: &str, field: &str| -> String {
            themes::theme(theme)
                .and_then(|t| t.field(field))
                .map(|f| f.suggested.to_string())
                .unwrap_or_default()
        };
        let get = |theme: &str, field: &str| {
            consensus(theme, field).unwrap_or_else(|| suggested(theme, field))
        };
        // Only answers the field accepts count; anything else (an old or
        // hand-edited value) falls back to the suggestion.
        let num = |theme: &str, field: &str, fallback: u32| {
            let spec = themes::theme(theme).and_then(|t| t.field(field));
            let valid = |v: &String| spec.is_some_and(|f| f.accepts(v));
            consensus(theme, field)
                .filter(valid)
                .or_else(|| Some(suggested(theme, field)).filter(valid))
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(fallback)
        };
        let cadence = get("meetings", "cadence");
        let cadence_days = match cadence.as_str() {
            "fortnightly" => 14,
            "monthly" => 30,
            _ => 7,
        };
        let cadence_label = themes::theme("meetings")
            .and_then(|t| t.field("cadence"))
            .map(|f| f.display(&cadence).to_lowercase())
            .unwrap_or_else(|| "weekly".into());
        Terms {
            cadence_days,
            cadence_label,
            length_minutes: num("meetings", "length_minutes", 60),
            format: get("meetings", "format"),
            agenda_lead_hours: num("scheduling", "agenda_lead_hours", 24),
            notice_hours: num("cancellations", "notice_hours", 24),
            checkin_weeks: num("duration", "checkin_weeks", 4),
            duration_months: num("duration", "duration_months", 6),
            agreed: consensus("meetings", "cadence").is_some(),
            agenda_lead_agreed: consensus("scheduling", "agenda_lead_hours").is_some(),
            notice_agreed: consensus("cancellations", "notice_hours").is_some(),
            checkin_agreed: consensus("duration", "checkin_weeks").is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::now;
    use uuid::Uuid;

    #[test]
    fn terms_come_from_the_consensus_else_the_suggestions() {
        let defaults = Terms::from_themes(&[]);
        assert_eq!(
            (defaults.cadence_days, defaults.length_minutes, defaults.agenda_lead_hours),
            (7, 60, 24)
        );
        assert!(!defaults.agreed);
        let mut m = ThemeEntry::builtin(Uuid::nil(), "meetings", now());
        m.consensus.set("cadence", "fortnightly");
        m.consensus.set("length_minutes", "45");
        let terms = Terms::from_themes(&[m]);
        assert_eq!((terms.cadence_days, terms.length_minutes), (14, 45));
        assert_eq!(terms.cadence_label, "every two weeks");
        assert!(terms.agreed);
    }
}
