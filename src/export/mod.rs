//! Text renderers: what leaves the app on purpose — Markdown and plain text
//! to paste into an email, `mailto:` links, `.ics` calendar files, a link
//! as a QR code. Pure functions of the model, tested natively against golden
//! files.

pub mod agenda;
pub mod agreement;
pub mod final_summary;
pub mod ics;
pub mod mailto;
pub mod outline;
pub mod qr;
pub mod summary;
