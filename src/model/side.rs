//! The two sides of a mentorship.

use serde::{Deserialize, Serialize};

#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    #[default]
    Mentee,
    Mentor,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Mentee, Side::Mentor];

    /// This side's one of a pair, as in `side.pick(&self.mentee, &self.mentor)`.
    pub fn pick<T>(self, mentee: T, mentor: T) -> T {
        match self {
            Side::Mentee => mentee,
            Side::Mentor => mentor,
        }
    }

    /// The partner's side.
    pub fn other(self) -> Side {
        self.pick(Side::Mentor, Side::Mentee)
    }

    /// "mentee" / "mentor", for running text.
    pub fn label(self) -> &'static str {
        match self {
            Side::Mentee => "mentee",
            Side::Mentor => "mentor",
        }
    }

    /// "Mentee" / "Mentor", for headings and labels.
    pub fn title(self) -> &'static str {
        match self {
            Side::Mentee => "Mentee",
            Side::Mentor => "Mentor",
        }
    }

    /// Parses the `label()` form (used in form values and URLs).
    pub fn parse(s: &str) -> Option<Side> {
        match s {
            "mentee" => Some(Side::Mentee),
            "mentor" => Some(Side::Mentor),
            _ => None,
        }
    }
}
