//! `make bench`: prints the figures the issues set budgets for. These are
//! measurements, not tests: nothing here fails on a slow machine.
//!
//! - shipped wasm + js, gzip -9, in KiB (budget for the shell: 250 KiB);
//! - cold start: navigation start to the app's first render
//!   (`performance.mark("tandem:rendered")`), median of 5 fresh browsers.

#[path = "../tests/e2e/support/mod.rs"]
mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{Browser, Site};

fn gzip_size(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip");
    child.stdin.take().expect("stdin").write_all(bytes).expect("feed gzip");
    child.wait_with_output().expect("gzip output").stdout.len()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

fn shipped_size() {
    let dist = support::server::dist_dir();
    let (mut raw, mut gz) = (0usize, 0usize);
    for entry in std::fs::read_dir(&dist).expect("dist") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".wasm") || (name.ends_with(".js") && name != "sw.js") {
            let bytes = std::fs::read(&path).expect("read");
            raw += bytes.len();
            gz += gzip_size(&bytes);
            println!("  {name}: {:.1} KiB, {:.1} KiB gzip", bytes.len() as f64 / 1024.0, gzip_size(&bytes) as f64 / 1024.0);
        }
    }
    println!("shipped wasm+js: {:.1} KiB raw, {:.1} KiB gzip (budget 250 KiB gzip)", raw as f64 / 1024.0, gz as f64 / 1024.0);
}

async fn cold_start() {
    let site = Site::start();
    let mut runs = Vec::new();
    for _ in 0..5 {
        let b = Browser::start(&site.url("")).await;
        b.open("/").await;
        let ms = b
            .eval("return performance.getEntriesByName('tandem:rendered')[0].startTime")
            .await
            .as_f64()
            .expect("the app records tandem:rendered");
        runs.push(ms);
        b.quit().await;
    }
    let shown: Vec<String> = runs.iter().map(|ms| format!("{ms:.0}")).collect();
    println!("cold start to first render: median {:.0} ms (runs: {} ms)", median(runs), shown.join(", "));
}

#[tokio::main]
async fn main() {
    println!("== Tandem figures ==");
    shipped_size();
    cold_start().await;
}
