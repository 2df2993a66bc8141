//! Exchanging a mentorship between the pair's devices, with no server.
//!
//! A [`Bundle`] is what one device sends: the mentorship as the pair shares
//! it, built from an allowlist (never private notes, never which side uses the
//! device), whole or only what changed since the last one sent to the same
//! device ([`Fingerprints`]). [`receive`] checks one that arrives, keeps
//! each side's own records to that side's devices ([`ownership`]) and says
//! what merging it would do, by doing it; [`text`] writes a bundle as
//! URL-safe text for a link, a file or the clipboard, and reads it back.
//!
//! The checks guard against accidents — the wrong file, a stale or damaged
//! copy, a message cut short — not against a forger: a bundle is not signed.

pub mod bundle;
pub mod device;
pub mod ownership;
pub mod receive;
pub mod text;

pub use bundle::{Bundle, Fingerprints};
pub use device::DeviceState;
pub use receive::{receive, Changes, Received, Refusal};
