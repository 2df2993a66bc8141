//! End-to-end journeys: the release build (`dist/`, from `trunk build
//! --release`) served on a loopback port and driven in real Chromium through
//! ChromeDriver, as a person would use it. Run with `make test-e2e`.

mod flows;
// The journeys read QR codes off screenshots (not from their SVG path).
#[allow(dead_code)]
#[path = "../support/qr.rs"]
mod qr_reader;
mod support;

mod agreement;
mod dashboard;
mod data;
mod exchange;
mod extreme;
mod lock;
mod mentorships;
mod sessions;
mod shell;
mod tour;
mod ux;
