//! One module per route.

pub mod actions;
pub mod agreement;
pub mod conversation;
pub mod data;
pub mod exchange;
pub mod goals;
pub mod home;
pub mod lock;
pub mod mentorship;
pub mod not_found;
pub mod receive;
pub mod review;
pub mod session;
pub mod sessions;
