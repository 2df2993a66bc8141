//! `make bench`: prints the figures the issues set budgets for. These are
//! measurements, not tests: nothing here fails on a slow machine.
//!
//! - shipped wasm + js, gzip -9, in KiB: what the first visit downloads
//!   (budget 350 KiB, goal 250), then the other pages' chunks;
//! - cold start: navigation start to the home page on screen
//!   (`performance.mark("tandem:home-rendered")`), median of 5 fresh browsers;
//! - first visit on the phone profile (the mobile profile Lighthouse uses:
//!   1.6 Mbit/s down, 150 ms round trip, CPU slowed 4×), fresh browser (no
//!   cache, no service worker), navigation start to the home page on screen,
//!   median of 3 (budget 2.0 s);
//! - the large data set (20 mentorships × 150 sessions with agendas, notes
//!   and action items): stored size, load + first render of the home page
//!   (median of 5 reloads; budget 150 ms), the dashboard's render alone
//!   (budget 100 ms), one save (median of 7 edits; budget 16 ms).
//!
//! - exchange between devices: a typical week's link length, a whole
//!   150-session mentorship's bundle, reading and merging it (native).
//!
//! The site is served gzip-compressed, as static hosts serve it.
//!
//! `BENCH_ONLY=phone`, `cold` or `large` measures only that figure. To look
//! into the first visit on a phone: `BENCH_TIMELINE=1` prints each run's
//! requests and marks (ms from navigation start), `BENCH_PROFILE=1` the main
//! thread's time by function (DevTools' sampling profiler) in the phone's
//! first visit and in the large data set's load and saves. Wasm functions show
//! by index unless the build kept their names: `TANDEM_WASM_NAMES=1 make
//! build` (scripts/split.mjs), then run the bench binary on that `dist/`.

#[path = "../tests/e2e/support/mod.rs"]
mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::json;
use support::server::Host;
use support::{Browser, Site};

/// The site as a static host serves it: compressed.
fn site() -> Site {
    Site::start_as(Host { gzip: true, ..Host::default() })
}

fn gzip_size(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip");
    // Feed gzip from another thread so neither side blocks on a full pipe.
    let mut stdin = child.stdin.take().expect("stdin");
    let input = bytes.to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let size = child.wait_with_output().expect("gzip output").stdout.len();
    feeder.join().expect("feeder").expect("feed gzip");
    size
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    values[values.len() / 2]
}

/// Timed runs in milliseconds as "median N ms (runs: a, b, c ms" — the
/// caller closes the parenthesis, adding what else it reports.
fn median_and_runs(runs: Vec<f64>) -> String {
    let shown: Vec<String> = runs.iter().map(|ms| format!("{ms:.0}")).collect();
    format!("median {:.0} ms (runs: {} ms", median(runs), shown.join(", "))
}

/// Runs that each measured several figures (a script's array), as one list
/// of runs a figure; a figure a run lacks is NaN.
fn columns<const N: usize>(runs: &[serde_json::Value]) -> [Vec<f64>; N] {
    std::array::from_fn(|i| runs.iter().map(|t| t[i].as_f64().unwrap_or(f64::NAN)).collect())
}

/// When the home page was on screen, in ms from navigation start.
async fn home_rendered_at(b: &Browser) -> f64 {
    b.eval("return performance.getEntriesByName('tandem:home-rendered')[0].startTime")
        .await
        .as_f64()
        .expect("the app records tandem:home-rendered")
}

/// Opens the first mentorship listed and changes its focus seven times,
/// each saved on its own ("`focus` 0" to "`focus` 6").
async fn seven_edits(b: &Browser, focus: &str) {
    b.click(".mentorship-list a").await;
    b.wait_text("main h1", "Overview").await;
    for n in 0..7 {
        b.click_labelled("Edit details").await;
        b.fill_labelled("Focus", &format!("{focus} {n}")).await;
        b.click_labelled("Save details").await;
        b.wait_page_text(&format!("{focus} {n}")).await;
        b.wait_saved().await;
    }
}

fn shipped_size() {
    let dist = support::server::dist_dir();
    let size = |path: &std::path::Path| {
        let bytes = std::fs::read(path).expect("read");
        (bytes.len(), gzip_size(&bytes))
    };
    let kib = |n: usize| n as f64 / 1024.0;
    // What a first visit downloads to run the app: the main wasm, its JS
    // glue and the chunks' loader (not the service worker, nor the kill
    // switch only deployers use). The other pages' chunks come later.
    let (mut raw, mut gz) = (0usize, 0usize);
    let (mut chunks, mut chunks_raw, mut chunks_gz) = (0usize, 0usize, 0usize);
    for entry in std::fs::read_dir(&dist).expect("dist") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        if name.starts_with("split-") && path.is_dir() {
            for chunk in std::fs::read_dir(&path).expect("split dir") {
                let chunk = chunk.expect("entry").path();
                let (r, z) = size(&chunk);
                if chunk.extension().is_some_and(|e| e == "js") {
                    println!("  {name}/__wasm_split.js: {:.1} KiB, {:.1} KiB gzip", kib(r), kib(z));
                    (raw, gz) = (raw + r, gz + z);
                } else {
                    (chunks, chunks_raw, chunks_gz) = (chunks + 1, chunks_raw + r, chunks_gz + z);
                }
            }
        } else if name.ends_with(".wasm") || (name.ends_with(".js") && name.starts_with("tandem-"))
        {
            let (r, z) = size(&path);
            println!("  {name}: {:.1} KiB, {:.1} KiB gzip", kib(r), kib(z));
            (raw, gz) = (raw + r, gz + z);
        }
    }
    println!(
        "shipped wasm+js, first visit: {:.1} KiB raw, {:.1} KiB gzip (budget 350 KiB gzip, goal 250)",
        kib(raw),
        kib(gz)
    );
    println!(
        "the other pages' chunks: {chunks} files, {:.1} KiB raw, {:.1} KiB gzip (all: {:.1} KiB gzip)",
        kib(chunks_raw),
        kib(chunks_gz),
        kib(gz + chunks_gz)
    );
}

async fn cold_start() {
    let site = site();
    let mut runs = Vec::new();
    for _ in 0..5 {
        let b = Browser::start(&site.url("")).await;
        b.open("/").await;
        runs.push(home_rendered_at(&b).await);
        b.quit().await;
    }
    println!("cold start to the home page on screen: {})", median_and_runs(runs));
}

async fn large_data() {
    use tandem::storage::{codec::utf16_len, encode_doc, Namespace, QUOTA};
    let now = chrono::Utc::now();
    let lib = tandem::model::sample::library(20, 150, now);
    let mut items = serde_json::Map::new();
    let (mut json_bytes, mut stored_units) = (0usize, 0usize);
    for doc in &lib.mentorships {
        let key = Namespace::root().doc(0, doc.id());
        let value = encode_doc(doc);
        json_bytes += serde_json::to_string(doc).map(|s| s.len()).unwrap_or(0);
        stored_units += utf16_len(&key) + utf16_len(&value);
        items.insert(key, serde_json::Value::String(value));
    }
    let sessions: usize = lib.mentorships.iter().map(|d| d.sessions.len()).sum();
    let actions: usize = lib.mentorships.iter().map(|d| d.actions.len()).sum();
    println!(
        "large data set: 20 mentorships, {sessions} sessions, {actions} action items: {:.0} KB as JSON, stored packed in {:.0} K UTF-16 units = {:.0} KB ({:.1}% of the {} K-unit quota)",
        json_bytes as f64 / 1024.0,
        stored_units as f64 / 1000.0,
        stored_units as f64 * 2.0 / 1024.0,
        stored_units as f64 * 100.0 / QUOTA as f64,
        QUOTA / 1000
    );

    let site = site();
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    b.client
        .execute(
            "const items = arguments[0]; for (const k of Object.keys(items)) localStorage.setItem(k, items[k]); return Object.keys(items).length",
            vec![serde_json::Value::Object(items)],
        )
        .await
        .expect("plant the data set");
    let mut runs = Vec::new();
    for _ in 0..5 {
        b.reload().await;
        b.wait_text(".mentorship-list", "&").await;
        runs.push(
            b.eval(
                "const load = performance.getEntriesByName('tandem:load')[0];
                 const rendered = performance.getEntriesByName('tandem:home-rendered')[0];
                 return [load.duration, rendered.startTime - load.startTime, rendered.startTime - (load.startTime + load.duration)]",
            )
            .await,
        );
    }
    if profiling() {
        start_profile(&b).await;
        b.reload().await;
        b.wait_text(".mentorship-list", "&").await;
        println!("profile of one load and first render:");
        print_profile(&b, "large-load", false).await;
    }
    let [loads, firsts, renders] = columns(&runs);
    println!(
        "large data set, load from storage: median {:.1} ms; load + first render of the home page: median {:.1} ms (budget 150 ms; runs {:?})",
        median(loads),
        median(firsts.clone()),
        firsts.iter().map(|v| v.round()).collect::<Vec<_>>()
    );

    println!(
        "large data set, home dashboard render (after loading, 20 cards): median {:.1} ms (budget 100 ms)",
        median(renders)
    );

    // One edit at a time, each saved on its own.
    if profiling() {
        start_profile(&b).await;
    }
    seven_edits(&b, "Edit number").await;
    if profiling() {
        println!("profile of seven edits and their saves:");
        print_profile(&b, "large-saves", false).await;
    }
    let saves: Vec<f64> = serde_json::from_value(
        b.eval("return performance.getEntriesByName('tandem:save').map(e => e.duration)").await,
    )
    .unwrap_or_default();
    println!(
        "large data set, one save (one mentorship of 150 sessions): median {:.1} ms over {} saves (budget 16 ms; max {:.1} ms){}",
        median(saves.clone()),
        saves.len(),
        saves.iter().cloned().fold(0.0, f64::max),
        if profiling() { " — measured while profiling, so slower" } else { "" }
    );
    receive_into_large_data(&b, &lib.mentorships[1], now).await;
    locked_large_data(&b).await;
    b.quit().await;
}

/// The large data set locked with a passphrase: setting the lock (every
/// value sealed), unlocking (key derivation, 600,000 PBKDF2 rounds, and
/// every value opened) and saving while unlocked.
async fn locked_large_data(b: &Browser) {
    const PASSPHRASE: &str = "correct horse battery staple";
    b.open("/data").await;
    b.fill("#new-passphrase", PASSPHRASE).await;
    b.fill("#passphrase-again", PASSPHRASE).await;
    let started = std::time::Instant::now();
    b.click_labelled("Lock Tandem with this passphrase").await;
    b.wait_page_text("Tandem is now locked with your passphrase").await;
    let set_ms = started.elapsed().as_secs_f64() * 1000.0;
    let sealed =
        b.eval("return Object.values(localStorage).filter(v => v.startsWith('TV1.')).length").await;
    println!(
        "large data set, setting the lock (every value sealed, {sealed} values), as the person waits: {set_ms:.0} ms"
    );
    let mut runs = Vec::new();
    for _ in 0..5 {
        b.open("/").await;
        b.wait_text("main h1", "Tandem is locked").await;
        b.fill("#passphrase", PASSPHRASE).await;
        b.click_labelled("Unlock").await;
        b.wait_text(".mentorship-list", "&").await;
        runs.push(
            b.eval(
                "const u = performance.getEntriesByName('tandem:unlock')[0];
                 const k = performance.getEntriesByName('tandem:unlock-key')[0];
                 const h = performance.getEntriesByName('tandem:home-rendered').pop();
                 return [u.duration, k.duration, h.startTime - u.startTime]",
            )
            .await,
        );
    }
    let [unlocks, keys, to_home] = columns(&runs);
    println!(
        "large data set, unlock (key derivation + opening every value): median {:.0} ms, of which the key {:.0} ms; to the home page on screen {:.0} ms (budget 1,000 ms; runs {:?})",
        median(unlocks),
        median(keys),
        median(to_home.clone()),
        to_home.iter().map(|v| v.round()).collect::<Vec<_>>()
    );
    seven_edits(b, "Locked edit").await;
    let figures = b
        .eval(
            "return [performance.getEntriesByName('tandem:save').map(e => e.duration), performance.getEntriesByName('tandem:seal').slice(-7).map(e => e.duration)]",
        )
        .await;
    let saves: Vec<f64> = serde_json::from_value(figures[0].clone()).unwrap_or_default();
    let seals: Vec<f64> = serde_json::from_value(figures[1].clone()).unwrap_or_default();
    println!(
        "large data set, unlocked: one save median {:.1} ms over {} saves (budget 16 ms; max {:.1} ms); sealing and storing it after, off the input's path: median {:.1} ms",
        median(saves.clone()),
        saves.len(),
        saves.iter().cloned().fold(0.0, f64::max),
        median(seals)
    );
}

/// The partner's whole bundle of one mentorship of the large data set (150
/// sessions; ten agendas changed on their device), received in the browser:
/// read, checked and merged in memory for the preview, then merged and saved.
async fn receive_into_large_data(
    b: &Browser,
    doc: &tandem::model::MentorshipDoc,
    now: chrono::DateTime<chrono::Utc>,
) {
    use tandem::model::exchange::{text, Bundle};
    use tandem::model::record::{self, Record};
    let mut theirs = doc.clone();
    theirs.mentorship.my_role = doc.mentorship.my_role.other();
    let at = now + chrono::Duration::seconds(1);
    let ids: Vec<_> = theirs.sessions.iter().take(10).map(|s| s.id()).collect();
    for id in ids {
        record::update(&mut theirs.sessions, id, at, |s| {
            s.agenda.update = "Changed on the partner's device.".into();
            s.agenda.updated_at = Some(at);
        });
    }
    let bundle = text::write(&Bundle::whole(&theirs, uuid::Uuid::from_u128(7), at));
    b.open(&format!("/m/{}/exchange", doc.id())).await;
    b.wait_text("main h1", "Exchange").await;
    let durations =
        |name: &str| format!("return performance.getEntriesByName('{name}').map(e => e.duration)");
    b.set_value("#receive-text", &bundle).await;
    for run in 1..=5 {
        b.click_labelled("Read it").await;
        b.wait_until(
            "the preview is measured",
            &format!(
                "return performance.getEntriesByName('tandem:receive-preview').length >= {run}"
            ),
        )
        .await;
    }
    b.wait_for("[data-receive-preview]").await;
    let previews: Vec<f64> =
        serde_json::from_value(b.eval(&durations("tandem:receive-preview")).await)
            .unwrap_or_default();
    assert_eq!(previews.len(), 5, "five previews measured");
    b.click_labelled("Receive it").await;
    b.wait_text("main h1", "Overview").await;
    b.wait_saved().await;
    let merges: Vec<f64> = serde_json::from_value(b.eval(&durations("tandem:receive-merge")).await)
        .unwrap_or_default();
    assert_eq!(merges.len(), 1, "the merge measured");
    println!(
        "exchange in the browser: a whole bundle of 150 sessions ({:.0} KB) into the large data set: read, check and preview-merge {}) (budget 100 ms); merge and save {})",
        bundle.len() as f64 / 1000.0,
        median_and_runs(previews),
        median_and_runs(merges)
    );
}

/// The first visit on a phone over a slow mobile network: a fresh browser
/// (nothing cached, no service worker) with the network and the CPU
/// throttled as Lighthouse's mobile profile does, from navigation start to
/// the home page on screen (its text shown: `tandem:home-rendered`).
async fn first_visit_on_a_phone() {
    let site = site();
    let (mut runs, mut paints, mut shifts) = (Vec::new(), Vec::new(), Vec::new());
    let mut fetched = String::new();
    for run in 1..=3 {
        let b = Browser::start_sized(&site.url(""), 412, 915).await;
        // Adds up the layout shifts (the first paint must not move when the
        // app takes over).
        b.before_every_page(
            "window.__shifts = 0; new PerformanceObserver(l => { for (const e of l.getEntries()) \
             if (!e.hadRecentInput) window.__shifts += e.value; }).observe({ type: 'layout-shift', buffered: true });",
        )
        .await;
        // A page of the same origin that is not the app (a 404), so the
        // throttling is set on the renderer that then loads the app.
        b.goto("/blank.txt").await;
        b.devtools("Network.enable", json!({})).await;
        let network = json!({
            "offline": false,
            "latency": 150,
            "downloadThroughput": 1.6e6 / 8.0,
            "uploadThroughput": 750e3 / 8.0,
        });
        b.devtools("Network.emulateNetworkConditions", network).await;
        b.devtools("Emulation.setCPUThrottlingRate", json!({ "rate": 4 })).await;
        if profiling() {
            start_profile(&b).await;
        }
        b.goto("/").await;
        b.wait_until(
            "the home page on screen",
            "return performance.getEntriesByName('tandem:home-rendered').length > 0",
        )
        .await;
        runs.push(home_rendered_at(&b).await);
        if profiling() {
            print_profile(&b, &format!("phone-first-visit-{run}"), true).await;
        }
        let paint = b
            .eval("const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null")
            .await;
        paints.push(paint.as_f64().unwrap_or(f64::NAN));
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        shifts.push(b.eval("return window.__shifts").await.as_f64().unwrap_or(f64::NAN));
        // What came over the wire: each file once, compressed.
        fetched = b
            .eval(
                "return performance.getEntriesByType('resource')
                   .filter(e => /\\.(wasm|js|css)$/.test(e.name))
                   .map(e => e.name.split('/').pop().replace(/-[0-9a-f]{12,16}/, '') + ' '
                     + (e.transferSize / 1024).toFixed(0) + ' KiB')
                   .join(', ')",
            )
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
        if std::env::var("BENCH_TIMELINE").is_ok() {
            let timeline = b
                .eval(
                    "return performance.getEntries()
                       .filter(e => e.entryType === 'resource' || e.entryType === 'mark' || e.entryType === 'paint')
                       .map(e => e.name.split('/').pop().slice(0, 40) + ' ' + e.startTime.toFixed(0)
                         + (e.responseEnd ? '..' + e.responseEnd.toFixed(0) + ' ' + (e.transferSize / 1024).toFixed(1) + 'K ' + e.initiatorType : ''))
                       .join('\\n')",
                )
                .await;
            println!("{}", timeline.as_str().unwrap_or_default());
        }
        b.quit().await;
    }
    println!(
        "first visit on the phone profile (1.6 Mbit/s, 150 ms RTT, CPU 4× slower, gzip): {}; fetched: {fetched}; budget 2000 ms)",
        median_and_runs(runs)
    );
    println!(
        "  first paint (first contentful paint) median {:.0} ms; layout shift (CLS) median {:.3}",
        median(paints),
        median(shifts)
    );
}

/// Whether to profile the main thread (`BENCH_PROFILE`).
fn profiling() -> bool {
    std::env::var("BENCH_PROFILE").is_ok()
}

/// Starts DevTools' sampling profiler (a sample every 0.2 ms).
async fn start_profile(b: &Browser) {
    b.devtools("Profiler.enable", json!({})).await;
    b.devtools("Profiler.setSamplingInterval", json!({ "interval": 200 })).await;
    b.devtools("Profiler.start", json!({})).await;
}

/// Stops the profiler and prints the main thread's time by function, largest
/// first, then (with `timeline_too`) which function ran when. The whole
/// profile is kept in `target/profiles/<label>.cpuprofile`, which DevTools'
/// Performance panel opens.
async fn print_profile(b: &Browser, label: &str, timeline_too: bool) {
    let stopped = b.devtools("Profiler.stop", json!({})).await;
    let profile = &stopped["profile"];
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("profiles");
    let file = dir.join(format!("{label}.cpuprofile"));
    if std::fs::create_dir_all(&dir)
        .and_then(|_| std::fs::write(&file, profile.to_string()))
        .is_ok()
    {
        println!("  (the whole profile: {})", file.display());
    }
    let nodes = profile["nodes"].as_array().cloned().unwrap_or_default();
    let name = |id: u64| {
        nodes
            .iter()
            .find(|n| n["id"].as_u64() == Some(id))
            .map(|n| {
                let f = &n["callFrame"];
                format!(
                    "{} {}",
                    f["functionName"].as_str().unwrap_or(""),
                    f["url"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("")
                )
            })
            .unwrap_or_default()
    };
    let samples = profile["samples"].as_array().cloned().unwrap_or_default();
    let deltas = profile["timeDeltas"].as_array().cloned().unwrap_or_default();
    let mut by_name = std::collections::HashMap::<String, f64>::new();
    let mut at = 0.0;
    let mut timeline = Vec::new();
    for (sample, delta) in samples.iter().zip(&deltas) {
        let ms = delta.as_f64().unwrap_or(0.0) / 1000.0;
        at += ms;
        let n = name(sample.as_u64().unwrap_or(0));
        if !n.starts_with("(idle)") {
            timeline.push((at, n.clone()));
        }
        *by_name.entry(n).or_default() += ms;
    }
    let mut sorted: Vec<_> = by_name.into_iter().collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (n, ms) in sorted.iter().take(25) {
        println!("  {ms:7.1} ms  {n}");
    }
    if !timeline_too {
        return;
    }
    let mut last = (0.0, String::new());
    for (t, n) in timeline {
        if n != last.1 || t - last.0 > 5.0 {
            println!("    @{t:7.1} {n}");
        }
        last = (t, n);
    }
}

/// Exchange between devices (issue 12), measured natively: the link a
/// typical week makes, the size of a whole mentorship's bundle, and the time
/// to check and merge that bundle into a copy of it here.
fn exchange() {
    use chrono::Duration;
    use tandem::model::exchange::receive::Context;
    use tandem::model::exchange::{receive, text, Bundle, Fingerprints};
    use tandem::model::record::{self, Record};
    use tandem::model::session_notes::Feedback;
    use tandem::model::task::ActionItem;
    use tandem::model::{sample, Side};

    let now = chrono::Utc::now();
    let (mentee_device, mentor_device) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
    let mut doc = sample::mentorship(5, 150, now);
    doc.mentorship.my_role = Side::Mentee;
    let sent = Fingerprints::of(&doc);
    // A typical week: the next agenda, the last summary, two new action
    // items and both sides' feedback.
    let at = now + Duration::minutes(1);
    let held = doc.sessions.iter().rev().find(|s| !s.summary.notes.is_empty()).map(|s| s.id());
    let next = doc.sessions.iter().find(|s| s.agenda.sent_at.is_none()).map(|s| s.id());
    if let Some(id) = next {
        record::update(&mut doc.sessions, id, at, |s| {
            s.agenda.update = "Finished the hiring plan; the budget is still open.".into();
            s.agenda.updated_at = Some(at);
        });
    }
    if let Some(id) = held {
        record::update(&mut doc.sessions, id, at, |s| {
            s.summary.decisions =
                "Ada leads the March review; Charles introduces her to finance.".into();
            s.summary.updated_at = Some(at);
            for side in Side::BOTH {
                *s.feedback_mut(side) =
                    Some(Feedback { rating: 4, comment: "Useful".into(), updated_at: Some(at) });
            }
        });
    }
    for (text, owner) in
        [("Draft the review plan", Side::Mentee), ("Intro to finance", Side::Mentor)]
    {
        doc.actions.push(ActionItem::new(
            text,
            owner,
            Some(at.date_naive() + Duration::days(7)),
            at,
        ));
    }
    let week = text::write(&Bundle::changes(&doc, &sent, mentee_device, at));
    let link = format!("https://tandem.example/receive#{week}");
    println!(
        "exchange: a typical week (1 agenda, 1 summary, 2 action items, 2 feedbacks) as a link: {} characters (email and messengers: about 2,000)",
        link.len()
    );
    let whole = text::write(&Bundle::whole(&doc, mentee_device, at));
    println!(
        "exchange: a whole mentorship of {} sessions as a bundle: {:.1} KB of text",
        doc.sessions.len(),
        whole.len() as f64 / 1000.0
    );
    let mut here = doc.clone();
    here.mentorship.my_role = Side::Mentor;
    let runs: Vec<f64> = (0..7)
        .map(|_| {
            let started = std::time::Instant::now();
            let bundle = text::read(&whole).expect("reads");
            let context = Context { device: mentor_device, now: at, ..Default::default() };
            let received = receive(Some(&here), &bundle, &context).expect("accepted");
            assert!(!received.merged.is_deleted());
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    println!(
        "exchange: read, check and preview-merge that bundle (native, not in the browser): {})",
        median_and_runs(runs)
    );
}

#[tokio::main]
async fn main() {
    println!("== Tandem figures ==");
    match std::env::var("BENCH_ONLY").as_deref() {
        Ok("phone") => return first_visit_on_a_phone().await,
        Ok("cold") => return cold_start().await,
        Ok("large") => return large_data().await,
        _ => {}
    }
    shipped_size();
    exchange();
    first_visit_on_a_phone().await;
    cold_start().await;
    large_data().await;
}
