//! Tandem: a mentoring companion that keeps a mentor–mentee pair's notes on
//! their own devices.
//!
//! Layers, with data flowing one way:
//! - [`model`]: pure domain types and rules (no browser APIs), tested natively;
//! - [`storage`]: the only code that touches `localStorage`;
//! - [`export`]: text renderers (Markdown, `.ics`, backups);
//! - [`state`]: the reactive store and the named actions that change it;
//! - [`pages`], [`components`] and [`app`]: the views.

pub mod app;
pub mod browser;
pub mod components;
pub mod export;
pub mod model;
pub mod pages;
pub mod paths;
pub mod pwa;
pub mod state;
pub mod storage;
