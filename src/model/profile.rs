//! The person using this device. Their role in each mentorship is kept on the
//! mentorship (`my_role`); here is only what is the same across all of them.

use serde::{Deserialize, Serialize};

use super::record::{impl_record, Meta};
use super::validate::{Errors, FieldError};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub meta: Meta,
    /// Pre-fills this person's name in new mentorships.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}
impl_record!(Profile);

impl Profile {
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        e.max_len("name", "Your name", &self.name, super::validate::NAME_MAX);
        e.into_result()
    }
}
