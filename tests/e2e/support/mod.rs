//! What the journeys stand on: the release build served on a loopback port,
//! and a real Chromium driven through ChromeDriver.
#![allow(dead_code)] // helpers shared by journeys written over time

pub mod browser;
pub mod deploy;
pub mod devtools;
pub mod server;
pub mod temp;

pub use browser::Browser;
pub use server::Site;
