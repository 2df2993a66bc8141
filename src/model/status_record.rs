//! How a goal's and an action item's status is stored: one flat object,
//! `{"state": "dropped", "on": "2026-05-01", "reason": "…"}`, the date and
//! reason only for the states that have them. It is read and written by a
//! plain struct and turned into the status enum, rather than with serde's
//! internally tagged enums, which buffer every field of the object first:
//! that machinery was 6 KiB of wasm per enum, downloaded on every first
//! visit. The stored form is the same either way.

use crate::model::stored_time::optional_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stored status, as it is in the JSON.
#[derive(Serialize, Deserialize)]
pub(crate) struct StatusRecord {
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
    pub on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Stores a status enum of three states as a [`StatusRecord`]: one with
/// nothing more, one reached on a day, and `Dropped { on, reason }` (whose
/// reason may be left out when it is not required: it reads as none).
macro_rules! stored_as_record {
    ($status:ident { $plain:ident: $plain_name:literal, $dated:ident: $dated_name:literal,
        reason_required: $required:literal }) => {
        impl TryFrom<$crate::model::status_record::StatusRecord> for $status {
            type Error = String;

            fn try_from(
                stored: $crate::model::status_record::StatusRecord,
            ) -> Result<Self, String> {
                match stored.state.as_str() {
                    $plain_name => Ok($status::$plain),
                    $dated_name => Ok($status::$dated { on: stored.day()? }),
                    "dropped" => Ok($status::Dropped {
                        on: stored.day()?,
                        reason: stored.reason($required)?,
                    }),
                    _ => Err(stored.unknown(concat!(
                        "`",
                        $plain_name,
                        "`, `",
                        $dated_name,
                        "`, `dropped`"
                    ))),
                }
            }
        }

        impl From<$status> for $crate::model::status_record::StatusRecord {
            fn from(status: $status) -> Self {
                use $crate::model::status_record::StatusRecord;
                match status {
                    $status::$plain => StatusRecord::plain($plain_name),
                    $status::$dated { on } => StatusRecord::on($dated_name, on),
                    $status::Dropped { on, reason } => StatusRecord::dropped(on, reason),
                }
            }
        }
    };
}
pub(crate) use stored_as_record;

impl StatusRecord {
    /// A state with nothing more: `{"state": "open"}`.
    pub fn plain(state: &str) -> Self {
        Self { state: state.into(), on: None, reason: None }
    }

    /// A state reached on a day: `{"state": "done", "on": …}`.
    pub fn on(state: &str, on: NaiveDate) -> Self {
        Self { state: state.into(), on: Some(on), reason: None }
    }

    /// A state reached on a day, for a reason.
    pub fn dropped(on: NaiveDate, reason: String) -> Self {
        Self { state: "dropped".into(), on: Some(on), reason: Some(reason) }
    }

    /// The day, which this state must have.
    pub fn day(&self) -> Result<NaiveDate, String> {
        self.on.ok_or_else(|| format!("missing field `on` for the state `{}`", self.state))
    }

    /// The reason of a dropped state: none when it was left out, unless
    /// `required`.
    pub fn reason(self, required: bool) -> Result<String, String> {
        match self.reason {
            Some(reason) => Ok(reason),
            None if required => Err("missing field `reason` for the state `dropped`".into()),
            None => Ok(String::new()),
        }
    }

    /// A state this status does not have.
    pub fn unknown(&self, expected: &str) -> String {
        format!("unknown state `{}`, expected one of {expected}", self.state)
    }
}

#[cfg(test)]
mod tests {
    use crate::model::goal::GoalStatus;
    use crate::model::task::ItemStatus;
    use chrono::NaiveDate;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default()
    }

    /// The stored form is the one serde's internally tagged enums wrote, so
    /// every backup, bundle and stored value reads as before.
    #[test]
    fn statuses_are_stored_as_before() {
        let goals = [
            (GoalStatus::Active, r#"{"state":"active"}"#),
            (GoalStatus::Achieved { on: day() }, r#"{"state":"achieved","on":"2026-03-01"}"#),
            (
                GoalStatus::Dropped { on: day(), reason: "moved".into() },
                r#"{"state":"dropped","on":"2026-03-01","reason":"moved"}"#,
            ),
        ];
        for (status, json) in goals {
            assert_eq!(serde_json::to_string(&status).ok().as_deref(), Some(json));
            assert_eq!(serde_json::from_str::<GoalStatus>(json).ok(), Some(status));
        }
        let items = [
            (ItemStatus::Open, r#"{"state":"open"}"#),
            (ItemStatus::Done { on: day() }, r#"{"state":"done","on":"2026-03-01"}"#),
            (
                ItemStatus::Dropped { on: day(), reason: String::new() },
                r#"{"state":"dropped","on":"2026-03-01","reason":""}"#,
            ),
        ];
        for (status, json) in items {
            assert_eq!(serde_json::to_string(&status).ok().as_deref(), Some(json));
            assert_eq!(serde_json::from_str::<ItemStatus>(json).ok(), Some(status));
        }
    }

    #[test]
    fn a_status_reads_in_any_order_and_refuses_what_it_cannot_be() {
        let done =
            serde_json::from_str::<ItemStatus>(r#"{"on":"2026-03-01","state":"done","x":1}"#);
        assert_eq!(done.ok(), Some(ItemStatus::Done { on: day() }));
        let no_reason =
            serde_json::from_str::<ItemStatus>(r#"{"state":"dropped","on":"2026-03-01"}"#);
        assert_eq!(no_reason.ok(), Some(ItemStatus::Dropped { on: day(), reason: String::new() }));
        for bad in [
            r#"{"state":"achieved"}"#,
            r#"{"state":"dropped","on":"2026-03-01"}"#,
            r#"{"state":"finished","on":"2026-03-01"}"#,
            r#"{"on":"2026-03-01"}"#,
            r#"{"state":"achieved","on":"2026-02-30"}"#,
            r#"{"state":"active","state":"active"}"#,
            r#""active""#,
        ] {
            assert!(serde_json::from_str::<GoalStatus>(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<ItemStatus>(r#"{"state":"done"}"#).is_err());
    }
}
