//! The expectations conversation's themes: for each, a plain-language
//! question, short guidance, a default suggestion drawn from published
//! mentoring guidance, and the structured fields whose answers are compared
//! field by field (free text is compared too).

/// How a structured field is answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One of a few options: `(value, label)`.
    Choice(&'static [(&'static str, &'static str)]),
    /// A whole number in a range, with its unit ("minutes").
    Number { min: u32, max: u32, unit: &'static str },
    /// How much something matters: 0 not needed … 3 essential.
    Weight,
    /// Yes or no.
    Flag,
}

/// The labels of a [`FieldKind::Weight`] answer, indexed by its value.
pub const WEIGHTS: [&str; 4] = ["Not needed", "A little", "Important", "Essential"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    /// The suggested answer (a value of `kind`), or "" for none.
    pub suggested: &'static str,
}

impl FieldSpec {
    /// A field answered with one of `options`.
    pub const fn choice(
        key: &'static str,
        label: &'static str,
        options: &'static [(&'static str, &'static str)],
        suggested: &'static str,
    ) -> Self {
        Self { key, label, kind: FieldKind::Choice(options), suggested }
    }

    /// A whole number in `range`, counted in `unit`.
    pub const fn number(
        key: &'static str,
        label: &'static str,
        range: std::ops::RangeInclusive<u32>,
        unit: &'static str,
        suggested: &'static str,
    ) -> Self {
        let kind = FieldKind::Number { min: *range.start(), max: *range.end(), unit };
        Self { key, label, kind, suggested }
    }

    /// How much something matters, 0 to 3.
    pub const fn weight(key: &'static str, label: &'static str, suggested: &'static str) -> Self {
        Self { key, label, kind: FieldKind::Weight, suggested }
    }

    /// Yes or no.
    pub const fn flag(key: &'static str, label: &'static str, suggested: &'static str) -> Self {
        Self { key, label, kind: FieldKind::Flag, suggested }
    }

    /// How an answer value reads in running text.
    pub fn display(&self, value: &str) -> String {
        match self.kind {
            FieldKind::Choice(options) => options
                .iter()
                .find(|(v, _)| *v == value)
                .map(|(_, l)| l.to_string())
                .unwrap_or_else(|| value.into()),
            FieldKind::Number { unit, .. } => format!("{value} {unit}"),
            FieldKind::Weight => value
                .parse::<usize>()
                .ok()
                .and_then(|i| WEIGHTS.get(i))
                .map(|s| s.to_string())
                .unwrap_or_else(|| value.into()),
            FieldKind::Flag => if value == "yes" { "Yes" } else { "No" }.to_string(),
        }
    }

    /// Whether `value` is an allowed answer.
    pub fn accepts(&self, value: &str) -> bool {
        match self.kind {
            FieldKind::Choice(options) => options.iter().any(|(v, _)| *v == value),
            FieldKind::Number { min, max, .. } => {
                value.parse::<u32>().is_ok_and(|n| (min..=max).contains(&n))
            }
            FieldKind::Weight => matches!(value, "0" | "1" | "2" | "3"),
            FieldKind::Flag => matches!(value, "yes" | "no"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThemeSpec {
    pub key: &'static str,
    pub title: &'static str,
    pub question: &'static str,
    pub guidance: &'static str,
    /// Suggested wording for the free-text answer.
    pub suggestion: &'static str,
    pub fields: &'static [FieldSpec],
}

/// Themes a pair may mark "not needed for us": arrangements some pairs
/// make and others do not. Every other theme needs a consensus.
const OPTIONAL: [&str; 3] = ["crucial_moments", "protected_time", "extras"];

impl ThemeSpec {
    /// The pair may settle this theme by marking it not needed.
    pub fn is_optional(&self) -> bool {
        OPTIONAL.contains(&self.key)
    }

    pub fn field(&self, key: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.key == key)
    }
}

const CADENCE: &[(&str, &str)] =
    &[("weekly", "Weekly"), ("fortnightly", "Every two weeks"), ("monthly", "Monthly")];
const FORMAT: &[(&str, &str)] = &[
    ("video", "Video call"),
    ("in_person", "In person"),
    ("video_or_in_person", "Video or in person"),
    ("phone", "Phone"),
];
const WHO: &[(&str, &str)] =
    &[("mentee", "The mentee"), ("mentor", "The mentor"), ("either", "Either of us")];
const CHANNEL: &[(&str, &str)] = &[
    ("email", "Email"),
    ("chat", "Chat / messaging"),
    ("phone", "Phone"),
    ("none", "Only at meetings"),
];
const CRUCIAL: &[(&str, &str)] = &[
    ("on_request", "Yes, when asked ahead of time"),
    ("best_effort", "When possible"),
    ("no", "Not outside meetings"),
];
const CHALLENGE: &[(&str, &str)] = &[
    ("welcome", "Yes, challenge me directly"),
    ("gently", "Yes, gently"),
    ("rarely", "Rather not"),
];
const FEEDBACK_WHEN: &[(&str, &str)] = &[
    ("every_session", "At every session"),
    ("monthly", "Once a month"),
    ("check_ins", "At check-ins"),
];

/// Every built-in theme, in conversation order.
pub const THEMES: &[ThemeSpec] = &[
    ThemeSpec {
        key: "goals",
        title: "Goals and focus",
        question: "What should this mentorship help the mentee achieve?",
        guidance: "The relationship is built around the mentee's goals. The mentee names them; the mentor helps make them concrete and measurable. Goals themselves are written on the Goals page.",
        suggestion: "We focus on the mentee's goals. The mentee proposes them and we agree how we will know each is achieved.",
        fields: &[],
    },
    ThemeSpec {
        key: "meetings",
        title: "Meeting cadence, length and format",
        question: "How often, how long and how will you meet?",
        guidance: "Successful pairs usually start weekly, for an hour, and review the rhythm after the first month.",
        suggestion: "We meet weekly for 60 minutes by video or in person, and review this rhythm after the first month.",
        fields: &[
            FieldSpec::choice("cadence", "How often", CADENCE, "weekly"),
            FieldSpec::number("length_minutes", "Length", 15..=240, "minutes", "60"),
            FieldSpec::choice("format", "Format", FORMAT, "video_or_in_person"),
            FieldSpec::number("first_review_weeks", "Review the rhythm after", 1..=52, "weeks", "4"),
        ],
    },
    ThemeSpec {
        key: "scheduling",
        title: "Scheduling and the agenda",
        question: "Who schedules meetings and sets the agenda, and how far ahead is it sent?",
        guidance: "The mentee drives: they schedule the meetings and send the agenda ahead, so the mentor can prepare.",
        suggestion: "The mentee schedules our meetings and sends the agenda at least 24 hours before.",
        fields: &[
            FieldSpec::choice("scheduler", "Who schedules", WHO, "mentee"),
            FieldSpec::choice("agenda_owner", "Who sets the agenda", WHO, "mentee"),
            FieldSpec::number("agenda_lead_hours", "Agenda sent at least", 0..=336, "hours before", "24"),
        ],
    },
    ThemeSpec {
        key: "preparation",
        title: "Preparation and punctuality",
        question: "How will each of you prepare, and what happens if someone is running late?",
        guidance: "Both arrive on time having read the agenda; the mentee brings an update on progress since last time.",
        suggestion: "We both arrive on time and prepared. The mentee reviews the action items before each meeting; whoever is running late lets the other know as early as possible.",
        fields: &[],
    },
    ThemeSpec {
        key: "cancellations",
        title: "Cancellations",
        question: "How much notice will you give to cancel or move a meeting?",
        guidance: "Give as much notice as possible, and always come with a plan to reschedule.",
        suggestion: "We cancel only when necessary, with at least 24 hours' notice, and propose a new time within a week.",
        fields: &[
            FieldSpec::number("notice_hours", "Notice at least", 0..=336, "hours", "24"),
            FieldSpec::number("reschedule_within_days", "Reschedule within", 1..=60, "days", "7"),
        ],
    },
    ThemeSpec {
        key: "confidentiality",
        title: "Confidentiality",
        question: "What stays between you, and are any topics off limits?",
        guidance: "Nothing discussed is shared outside the pair unless both agree ahead of time. Name any off-limits topics now.",
        suggestion: "What we discuss stays between us. Nothing is shared outside unless we both agree ahead of time.",
        fields: &[],
    },
    ThemeSpec {
        key: "contact",
        title: "Contact between meetings",
        question: "How do you reach each other between meetings, and how soon do you reply?",
        guidance: "Agree a channel and a reasonable response time so neither waits in doubt.",
        suggestion: "Between meetings we use email and reply within two working days.",
        fields: &[
            FieldSpec::choice("channel", "Channel", CHANNEL, "email"),
            FieldSpec::number("response_hours", "Reply within", 1..=336, "hours", "48"),
        ],
    },
    ThemeSpec {
        key: "crucial_moments",
        title: "Availability at crucial moments",
        question: "Can the mentee ask for help around presentations, deadlines or decisions?",
        guidance: "Crucial moments are when a mentor's support matters most; agree how to ask for it.",
        suggestion: "The mentee can ask for a short extra conversation before a presentation, deadline or big decision, with a few days' notice.",
        fields: &[FieldSpec::choice("available", "Available", CRUCIAL, "on_request")],
    },
    ThemeSpec {
        key: "follow_through",
        title: "Follow-through on action items",
        question: "What do you each commit to do between meetings?",
        guidance: "Action items are done before the next meeting, or flagged early with a new date.",
        suggestion: "We each complete our action items before the next meeting, or say early that we need a new date.",
        fields: &[],
    },
    ThemeSpec {
        key: "feedback",
        title: "Feedback both ways",
        question: "How and when will you give each other feedback, and may you challenge each other?",
        guidance: "Feedback flows both ways. Being open to challenge is how the mentee grows and the mentor learns.",
        suggestion: "We give each other honest, kind feedback at every session and welcome being challenged.",
        fields: &[
            FieldSpec::choice("when", "When", FEEDBACK_WHEN, "every_session"),
            FieldSpec::choice("challenge", "Open to being challenged", CHALLENGE, "welcome"),
        ],
    },
    ThemeSpec {
        key: "roles",
        title: "Roles",
        question: "Which roles does the mentee want from the mentor, and which roles does the mentee take?",
        guidance: "Weight the mentor roles the mentee wants; tick the roles the mentee takes on.",
        suggestion: "The mentor acts mostly as coach and advisor and as a resource person; the mentee plans, investigates and learns.",
        fields: &[
            FieldSpec::weight("mentor_coach", "Mentor as coach / advisor", "3"),
            FieldSpec::weight("mentor_devils_advocate", "Mentor as devil's advocate", "1"),
            FieldSpec::weight("mentor_resource", "Mentor as resource person", "2"),
            FieldSpec::weight("mentor_cheerleader", "Mentor as cheerleader", "1"),
            FieldSpec::flag("mentee_planner", "Mentee as planner", "yes"),
            FieldSpec::flag("mentee_investigator", "Mentee as investigator", "yes"),
            FieldSpec::flag("mentee_student", "Mentee as student", "yes"),
        ],
    },
    ThemeSpec {
        key: "protected_time",
        title: "Protected time",
        question: "How will you protect the time you set aside for each other?",
        guidance: "Treat the meeting like any important commitment: no phones, no double-booking.",
        suggestion: "Our meeting time is protected: no other calls, no multitasking.",
        fields: &[],
    },
    ThemeSpec {
        key: "extras",
        title: "Extra arrangements",
        question: "Beyond meetings, would you like job shadowing, conferences together or introductions?",
        guidance: "Optional arrangements that go beyond meetings; agree them explicitly.",
        suggestion: "We will look for one chance for the mentee to shadow the mentor, and go to a conference together if one fits.",
        fields: &[
            FieldSpec::flag("job_shadowing", "Job shadowing", "yes"),
            FieldSpec::flag("conferences", "Attending conferences together", "no"),
            FieldSpec::flag("introductions", "Introductions to the mentor's network", "yes"),
        ],
    },
    ThemeSpec {
        key: "duration",
        title: "Duration, review points and conclusion",
        question: "How long will the mentorship run, how often will you check it is working, and how will it end?",
        guidance: "Agree an end date and regular check-ins. Either partner may end it at any time, no fault, with a closing conversation.",
        suggestion: "We meet for six months and check every four weeks that it works for both of us. Either of us may end it at any time, no fault, with a closing conversation.",
        fields: &[
            FieldSpec::number("duration_months", "Duration", 1..=60, "months", "6"),
            FieldSpec::number("checkin_weeks", "Check in every", 1..=26, "weeks", "4"),
        ],
    },
];

/// The built-in theme with this key.
pub fn theme(key: &str) -> Option<&'static ThemeSpec> {
    THEMES.iter().find(|t| t.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_suggestions_are_valid_answers() {
        let mut keys: Vec<_> = THEMES.iter().map(|t| t.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), THEMES.len());
        for t in THEMES {
            assert!(
                !t.question.is_empty() && !t.guidance.is_empty() && !t.suggestion.is_empty(),
                "{}",
                t.key
            );
            for f in t.fields {
                assert!(
                    f.suggested.is_empty() || f.accepts(f.suggested),
                    "{}.{} suggests {:?}",
                    t.key,
                    f.key,
                    f.suggested
                );
            }
        }
    }

    #[test]
    fn answers_read_as_text() {
        let meetings = theme("meetings").expect("meetings");
        assert_eq!(
            meetings.field("cadence").map(|f| f.display("weekly")).as_deref(),
            Some("Weekly")
        );
        assert_eq!(
            meetings.field("length_minutes").map(|f| f.display("60")).as_deref(),
            Some("60 minutes")
        );
        let roles = theme("roles").expect("roles");
        assert_eq!(
            roles.field("mentor_coach").map(|f| f.display("3")).as_deref(),
            Some("Essential")
        );
        assert!(!meetings.field("length_minutes").is_some_and(|f| f.accepts("5")));
    }
}
