//! Private notes: written by and for the person using this device. They are in
//! this device's storage and its full backup, and never in anything shared
//! with the partner (agenda, summary, calendar, agreement).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::record::{impl_record, Meta};
use super::validate::{Errors, FieldError};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PrivateNote {
    pub meta: Meta,
    /// The session it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<Uuid>,
    pub text: String,
}
impl_record!(PrivateNote);

impl PrivateNote {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.text("text", "The note", &self.text);
        e.into_result()
    }
}
