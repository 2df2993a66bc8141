//! Named actions, one module per part of the product. Each changes the store
//! (which persists it) and returns what the view needs to show the outcome.

pub mod agreement;
pub mod data;
pub mod exchange;
pub mod expectations;
pub mod goals;
pub mod items;
pub mod lock;
pub mod mentorships;
pub mod review;
pub mod sessions;
