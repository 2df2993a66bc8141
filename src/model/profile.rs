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
        e.optional_name("name", "Your name", &self.name);
        e.instant("created_at", "The time your profile was made", &self.meta.created_at);
        e.instant("updated_at", "The time your profile was last changed", &self.meta.updated_at);
        e.into_result()
    }
}
