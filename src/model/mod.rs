//! The domain: pure types and rules for a mentorship and everything in it.
//! No browser APIs here, so all of it is tested natively. Functions that need
//! the time take it as an argument (`now`, `today`).

pub mod agreement;
pub mod agreement_drift;
pub mod agreement_text;
pub mod base64url;
pub mod checkin;
pub mod clock_stamps;
pub mod closing;
pub mod conclusion;
pub mod conflict;
pub mod counting;
pub mod dates;
pub mod document;
pub mod exchange;
pub mod expectations;
pub mod goal;
pub mod insights;
pub mod integrity;
pub mod mentorship;
pub mod order;
pub mod private_note;
pub mod profile;
pub mod record;
pub mod review;
/// Generated data for tests and benchmarks; never part of the shipped app.
#[cfg(any(test, feature = "sample"))]
pub mod sample;
pub mod session;
pub mod session_form;
pub mod session_notes;
pub mod session_schedule;
pub mod side;
pub mod status_record;
pub mod stored_time;
pub mod task;
pub mod terms;
#[cfg(test)]
pub(crate) mod test_support;
pub mod theme_ref;
pub mod themes;
pub mod validate;

pub use document::{Library, MentorshipDoc};
pub use record::{Meta, Record};
pub use side::Side;
