//! Why an action did not do what was asked: one type for every action, shown
//! one way (`components::error_message`). Forms also read its field errors
//! to mark the fields concerned.

use crate::model::agreement::AgreementError;
use crate::model::closing::ConclusionError;
use crate::model::validate::{messages, FieldError};
use crate::storage::backup::ImportError;
use crate::storage::SaveError;

/// Why an action did not happen, in words a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActionError {
    /// What was typed needs fixing; each error names its field.
    #[error("{}", messages(.0))]
    Invalid(Vec<FieldError>),
    /// It cannot be done now: the mentorship is closed, the record is gone,
    /// the version is signed…
    #[error("{0}")]
    Refused(String),
    /// The browser or its storage failed.
    #[error("{0}")]
    Failed(String),
}

/// What every action that can fail returns.
pub type ActionResult<T = ()> = Result<T, ActionError>;

impl ActionError {
    pub fn refused(message: impl Into<String>) -> ActionError {
        ActionError::Refused(message.into())
    }

    pub fn failed(message: impl Into<String>) -> ActionError {
        ActionError::Failed(message.into())
    }

    /// One field's problem.
    pub fn field(field: &str, message: impl Into<String>) -> ActionError {
        ActionError::Invalid(vec![FieldError::new(field, message)])
    }

    /// The errors a form shows: by field when the input was the problem,
    /// else one error that belongs to no field.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            ActionError::Invalid(list) => list.clone(),
            other => vec![FieldError::new("", other.to_string())],
        }
    }
}

impl From<Vec<FieldError>> for ActionError {
    fn from(list: Vec<FieldError>) -> Self {
        ActionError::Invalid(list)
    }
}

impl From<AgreementError> for ActionError {
    fn from(e: AgreementError) -> Self {
        match e {
            AgreementError::Invalid(list) => ActionError::Invalid(list),
            AgreementError::NameMismatch { .. } => ActionError::field("name", e.to_string()),
            other => ActionError::Refused(other.to_string()),
        }
    }
}

impl From<ConclusionError> for ActionError {
    fn from(e: ConclusionError) -> Self {
        ActionError::Refused(e.to_string())
    }
}

impl From<SaveError> for ActionError {
    fn from(e: SaveError) -> Self {
        ActionError::Failed(format!("Storage refused it: {e}."))
    }
}

impl From<ImportError> for ActionError {
    fn from(e: ImportError) -> Self {
        ActionError::Refused(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_problems_keep_their_fields_and_others_have_none() {
        let invalid = ActionError::field("reason", "The reason is too long.");
        assert_eq!(invalid.field_errors()[0].field, "reason");
        assert_eq!(invalid.to_string(), "The reason is too long.");

        let refused = ActionError::from(ConclusionError::NotStarted);
        assert_eq!(refused.field_errors()[0].field, "");
        assert_eq!(refused.to_string(), "Start the conclusion first.");
    }

    #[test]
    fn an_agreement_input_error_stays_an_input_error() {
        let e = AgreementError::Invalid(vec![FieldError::new("body", "Too long.")]);
        assert_eq!(ActionError::from(e).field_errors()[0].field, "body");
        assert!(matches!(ActionError::from(AgreementError::Frozen), ActionError::Refused(_)));
    }
}
