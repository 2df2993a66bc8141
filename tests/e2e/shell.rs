//! The installable, offline app shell: routes, deep links, service worker,
//! offline reload, update prompt, manifest.

use crate::flows::{
    check_for_update, first_visit, follow, go_home, home_lists, not_reloaded, reload_to_update,
    running_wasm, start_mentorship, tag_page, wait_for_service_worker, wait_until_reloaded,
};
use crate::support::server::{dist_dir, headers_for, Host};
use crate::support::{Browser, Site};
use fantoccini::wd::WindowHandle;
use serde_json::json;

#[tokio::test]
async fn renders_and_navigates_between_routes() {
    let (_site, b) = first_visit("/").await;
    assert!(b.text("main h1").await.contains("mentorships"));
    assert_eq!(b.count("main").await, 1, "one <main> landmark");
    assert!(b.exists("a.skip-link[href='#main']").await);

    follow(&b, "Data & privacy", "Data & privacy").await;
    let path = b.eval("return location.pathname").await;
    assert_eq!(path, "/data");

    go_home(&b).await;

    b.open("/no/such/page").await;
    b.wait_text("main h1", "Page not found").await;

    b.open("/m/00000000-0000-4000-8000-000000000000/goals").await;
    b.wait_text("main h1", "Mentorship not found").await;
    b.wait_until(
        "the tab is named after it",
        "return document.title === 'Mentorship not found · Tandem'",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!b.exists(".page-loading.shown").await, "no page is still on its way");
}

/// "Skip to content", from the keyboard, moves the focus to this page's
/// content. (Its `#main` was once read against `<base href="/">` and
/// opened Home.)
#[tokio::test]
async fn the_skip_link_moves_focus_to_this_pages_content() {
    let (_site, b) = first_visit("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
    b.eval("document.activeElement.blur(); document.querySelector('a.skip-link').focus()").await;
    assert_eq!(b.focused().await, "A: Skip to content");
    b.press("\u{E007}").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(b.path().await, "/data", "the page stays");
    assert_eq!(b.text("main h1").await, "Data & privacy");
    assert_eq!(b.focused().await, "main");
}

#[tokio::test]
async fn a_deep_link_loads_and_reloads() {
    let (_site, b) = first_visit("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
    b.reload_and_see("main h1", "Data & privacy").await;
}

/// Every page but Home comes in its own chunks, the first time it opens.
/// With no service worker to have stored them (a browser that refuses it)
/// and the network gone, opening one keeps the page before on screen and
/// says it waits; once the network is back the page opens, focus on its
/// heading: the app never stops (a failed load would abort the wasm).
#[tokio::test]
async fn a_page_whose_code_cannot_arrive_yet_waits_for_the_network() {
    let mut site = Site::start();
    std::fs::remove_file(site.root().join("sw.js")).expect("no service worker");
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    assert_eq!(site.requests_for("_bg.wasm"), 1, "the first visit fetches the main module");

    site.stop();
    b.click_labelled("Data & privacy").await;
    b.wait_text(".page-loading.shown", "Opening the page…").await;
    b.wait_text(".page-loading", "still waiting for the network").await;
    assert!(b.text("main h1").await.contains("mentorships"), "the page before stays");

    let site = site.restart();
    b.wait_text("main h1", "Data & privacy").await;
    b.wait_until(
        "the status line is gone",
        "return !document.querySelector('.page-loading.shown')",
    )
    .await;
    assert!(site.requests_for(".wasm") > 0, "the chunks came once the network was back");
    let focused = b.focused().await;
    assert!(focused.starts_with("H1: Data & privacy"), "focus on the new heading: {focused}");
}

/// A first visit (or a reload) straight to a page has no page before to keep
/// on screen: while that page's code is held up, the status line says it is
/// coming at once, and the page opens when its code arrives.
#[tokio::test]
async fn a_deep_link_whose_code_is_held_up_says_it_is_opening() {
    let (_site, b) = code_held_back().await;

    b.goto("/data").await;
    b.wait_text(".page-loading.shown", "Opening the page…").await;
    assert!(!b.exists("main h1").await, "nothing else in <main> yet");

    let_code_through(&b).await;
    b.wait_text("main h1", "Data & privacy").await;
    b.wait_until(
        "the status line is gone",
        "return !document.querySelector('.page-loading.shown')",
    )
    .await;
}

/// On a first visit the app starts before the code that reads stored values
/// (and checks each save) has arrived. What is written meanwhile waits in
/// the tab, then is saved once that code is here: nothing is lost, nothing
/// unchecked is written.
#[tokio::test]
async fn what_a_first_visit_writes_before_its_code_arrives_is_saved_after() {
    let (_site, b) = code_held_back().await;
    b.open("/").await;

    b.click_labelled("Start a mentorship").await;
    b.fill_labelled("Mentee's full name (required)", "Priya Raman").await;
    b.fill_labelled("Mentor's full name (required)", "Daniel Okafor").await;
    b.click_labelled("Start mentorship").await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    let keys = b.storage_keys().await;
    assert!(!keys.iter().any(|k| k.starts_with("tandem.m.")), "nothing saved yet: {keys:?}");

    let_code_through(&b).await;
    b.wait_text("main h1", "Overview").await;
    b.wait_until(
        "the mentorship is saved",
        "return Object.keys(localStorage).some(k => k.startsWith('tandem.m.'))",
    )
    .await;
    b.wait_saved().await;
    b.reload_and_see("main .eyebrow", "Priya Raman").await;
}

/// Another tab's change that comes before this tab can read stored values
/// is held back, then applied: the tab shows it without a reload.
#[tokio::test]
async fn another_tabs_change_before_the_readers_arrive_shows_after() {
    let (_site, b, first) = a_second_tab_starts_a_mentorship().await;

    b.switch_to(&first).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!b.text("main").await.contains("Priya Raman"), "held back until it can be read");
    let_code_through(&b).await;
    b.wait_text(".mentorship-list", "Priya Raman").await;
    assert!(not_reloaded(&b).await, "shown without a reload");
}

/// A passphrase set in another tab before this tab has the code that reads
/// the lock's record: once the code arrives this tab reads it too and
/// starts again on the locked library (opened by the tab that set the
/// lock, as tabs open together), instead of going on as if nothing were
/// locked.
#[tokio::test]
async fn a_lock_set_in_another_tab_before_the_code_arrives_is_followed_after() {
    let (_site, b, first) = a_second_tab_starts_a_mentorship().await;
    b.open("/data").await;
    b.wait_text("#lock", "Lock with a passphrase").await;
    let passphrase = "correct horse battery staple";
    b.fill("#new-passphrase", passphrase).await;
    b.fill("#passphrase-again", passphrase).await;
    b.click_labelled("Lock Tandem with this passphrase").await;
    b.wait_page_text("Tandem is now locked with your passphrase").await;

    b.switch_to(&first).await;
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!b.page_text().await.contains("Lock now"), "held back until it can be read");
    let_code_through(&b).await;
    b.wait_text(".app-header", "Lock now").await;
    b.wait_text(".mentorship-list", "Priya Raman").await;
    assert!(!not_reloaded(&b).await, "started again on the locked library");
    b.wait_until(
        "nothing stored readable",
        "return Object.keys(localStorage).filter(k => k.startsWith('tandem.m.')).every(k => localStorage.getItem(k).startsWith('TV1.'))",
    )
    .await;
}

/// A tab opened before a deploy, with no service worker keeping its version
/// (a private window), asks for a page's code the server no longer has. It
/// says the tab must reload instead of waiting on the network for ever, and
/// the reload opens the new version.
#[tokio::test]
async fn a_page_whose_code_is_gone_after_a_deploy_offers_a_reload() {
    let site = Site::start();
    std::fs::remove_file(site.root().join("sw.js")).expect("no service worker");
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;

    site.deploy_next_version();
    b.click_labelled("Data & privacy").await;
    b.wait_text(".page-loading.shown", "Tandem has been updated since the tab was opened").await;
    b.wait_text(".banner", "Tandem has been updated since this tab was opened").await;
    assert!(b.text("main h1").await.contains("mentorships"), "the page before stays");

    reload_to_update(&b).await;
    b.open("/data").await;
    assert_eq!(running_wasm(&b).await, site.wasm_file(), "the new version, its chunks included");
    assert!(!b.exists(".banner").await, "{}", b.page_text().await);
}

#[tokio::test]
async fn works_offline_once_the_service_worker_controls_the_page() {
    let (mut site, b) = first_visit("/").await;
    wait_for_service_worker(&b).await;

    site.stop();
    let probe = std::net::TcpStream::connect(
        site.url("").trim_start_matches("http://").trim_end_matches('/'),
    );
    assert!(probe.is_err(), "the server is really down");

    b.reload_and_see("main h1", "mentorships").await;
    // A deep link never visited before still opens, from the cached shell.
    b.open("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
}

#[tokio::test]
async fn a_new_deploy_offers_an_update_instead_of_staying_stale() {
    let (site, b) = first_visit("/").await;
    wait_for_service_worker(&b).await;
    let old_caches = b.eval("return caches.keys()").await;
    assert_eq!(running_wasm(&b).await, site.wasm_file());

    site.deploy_next_version();
    check_for_update(&b).await;
    b.wait_text(".banner", "A new version of Tandem is available").await;
    reload_to_update(&b).await;
    assert_eq!(running_wasm(&b).await, site.wasm_file(), "the page runs the new build");
    let caches = b.eval("return caches.keys()").await;
    assert_ne!(caches, old_caches);
    assert_eq!(caches.as_array().map(|a| a.len()), Some(1), "the old cache is deleted: {caches}");
    assert!(caches[0].as_str().is_some_and(|c| c.starts_with("tandem-shell-next-")), "{caches}");
}

/// GitHub Pages sends `max-age=600` with every file: the browser's HTTP cache
/// still holds the old `index.html` when the new worker precaches. The new
/// worker must store the new page, never pair itself with the old one.
#[tokio::test]
async fn a_host_cache_never_pairs_a_new_worker_with_the_old_page() {
    let mut site = Site::start_as(Host { max_age: Some(600), ..Host::default() });
    assert!(site.head("/index.html").contains("Cache-Control: max-age=600"));
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    wait_for_service_worker(&b).await;
    let old = site.wasm_file();
    assert_eq!(running_wasm(&b).await, old);

    site.deploy_next_version();
    let new = site.wasm_file();
    assert_ne!(new, old);
    check_for_update(&b).await;
    b.wait_text(".banner", "A new version of Tandem is available").await;
    reload_to_update(&b).await;
    assert_eq!(running_wasm(&b).await, new, "the new worker serves the new page");

    // Offline the new worker's cache alone answers: the new page, new wasm.
    site.stop();
    b.reload().await;
    assert_eq!(running_wasm(&b).await, new);
}

/// Some hosts redirect `/index.html` to `/`. A navigation refuses a
/// redirected response, so the worker must store the page as a plain answer.
#[tokio::test]
async fn a_host_that_redirects_index_html_still_installs_and_opens_offline() {
    let mut site = Site::start_as(Host { redirect_index: true, ..Host::default() });
    assert!(site.head("/index.html").starts_with("HTTP/1.1 301"), "the host redirects");
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    wait_for_service_worker(&b).await;

    b.reload_and_see("main h1", "mentorships").await;
    site.stop();
    b.reload_and_see("main h1", "mentorships").await;
    b.open("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
    let stored = b
        .eval(
            "return caches.match(new URL('index.html', document.baseURI)) \
               .then(r => !!r && r.status === 200 && !r.redirected)",
        )
        .await;
    assert_eq!(stored, true, "index.html is cached as a plain 200 answer");
}

/// Two tabs on the old version: both offer the update; reloading one moves
/// the app to the new version, and the other (not reloaded under the person)
/// says it must be reloaded, then runs the new version too.
#[tokio::test]
async fn an_update_reaches_every_open_tab() {
    let (site, b) = first_visit("/").await;
    wait_for_service_worker(&b).await;
    let first = b.window().await;
    let second = b.open_window().await;
    b.open("/data").await;
    wait_for_service_worker(&b).await;

    site.deploy_next_version();
    let new = site.wasm_file();
    check_for_update(&b).await;
    b.wait_text(".banner", "A new version of Tandem is available").await;
    tag_page(&b).await;
    b.switch_to(&first).await;
    b.wait_text(".banner", "A new version of Tandem is available").await;
    reload_to_update(&b).await;
    assert_eq!(running_wasm(&b).await, new);

    b.switch_to(&second).await;
    b.wait_text(".banner", "Reload this tab to go on: it still runs the old version").await;
    assert!(not_reloaded(&b).await, "the other tab is never reloaded under the person");
    reload_to_update(&b).await;
    b.wait_text("main h1", "Data & privacy").await;
    assert_eq!(running_wasm(&b).await, new);
    let banners = b
        .eval(
            "return [...document.querySelectorAll('.banner')].map(e => e.textContent).join(' | ')",
        )
        .await;
    assert!(!b.exists(".banner").await, "nothing left to update: {banners}");
}

/// The kill switch (README, "Deploying"): deployed as `sw.js` over a working
/// install open in two tabs, it removes Tandem's caches and the worker and
/// reloads both tabs; the app then works online as a plain site, with the
/// person's data untouched.
#[tokio::test]
async fn the_kill_switch_removes_the_service_worker_and_its_caches() {
    let (site, b) = first_visit("/").await;
    // (A page still loading when the worker activates is not claimed: wait
    // for the worker before the next page load.)
    wait_for_service_worker(&b).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Kill switch").await;
    wait_for_service_worker(&b).await;
    tag_page(&b).await;
    let first = b.window().await;
    b.open_window().await;
    b.open("/data").await;
    wait_for_service_worker(&b).await;
    tag_page(&b).await;

    site.deploy_kill_switch();
    check_for_update(&b).await;
    wait_until_reloaded(&b).await;
    assert_eq!(b.eval(UNCONTROLLED).await, true, "no worker controls this tab");
    b.switch_to(&first).await;
    wait_until_reloaded(&b).await;
    assert_eq!(b.eval(UNCONTROLLED).await, true, "nor the other one");
    // A page registers sw.js again: the kill switch, which removes itself.
    b.wait_until(
        "no service worker is registered",
        "return navigator.serviceWorker.getRegistrations().then(r => r.length === 0)",
    )
    .await;
    assert_eq!(b.eval("return caches.keys()").await, serde_json::json!([]));
    home_lists(&b, "Ada Lovelace").await;
    b.reload().await;
    assert_eq!(b.eval(UNCONTROLLED).await, true, "still no worker after another load");
}

const UNCONTROLLED: &str = "return navigator.serviceWorker.controller === null";

/// Served with the headers `_headers` lists (as Netlify and Cloudflare Pages
/// do), the app runs under the host's policy as well as the page's, installs
/// and opens offline; and another site cannot show it in a frame.
#[tokio::test]
async fn under_the_host_headers_the_app_works_offline_and_refuses_frames() {
    let mut site = Site::start_as(Host { headers_file: true, ..Host::default() });
    assert!(site.head("/").contains("frame-ancestors 'none'"), "the host sends the policy");
    let b = Browser::start(&site.url("")).await;
    start_mentorship(&b, "Ada Lovelace", "Charles Babbage", "Headers").await;
    wait_for_service_worker(&b).await;

    // Another site frames Tandem and a page of its own: only its own shows.
    let other = Site::start();
    let frames = format!(
        "<iframe id=tandem src=\"{}\"></iframe><iframe id=own src=\"/\"></iframe>",
        site.url("/")
    );
    std::fs::write(other.root().join("frames.html"), frames).expect("write frames.html");
    b.goto(&other.url("/frames.html")).await;
    b.enter_frame("#own").await;
    b.wait_for("main h1").await;
    b.leave_frame().await;
    b.enter_frame("#tandem").await;
    b.wait_until(
        "the browser refuses to show Tandem in a frame",
        "return location.href.startsWith('chrome-error:')",
    )
    .await;
    b.leave_frame().await;

    site.stop();
    home_lists(&b, "Ada Lovelace").await;
}

/// What only deployers use (the host's headers, the kill switch) is in the
/// build but never in the worker's precache list; every other file is.
#[test]
fn the_precache_list_is_the_app_and_nothing_for_deployers() {
    let dist = dist_dir();
    let sw = std::fs::read_to_string(dist.join("sw.js")).expect("sw.js");
    let list = sw.split("const PRECACHE = ").nth(1).and_then(|rest| rest.split(';').next());
    let mut precached: Vec<String> =
        serde_json::from_str(list.expect("a precache list")).expect("the list is JSON");
    precached.sort();
    let files = build_files(&dist);
    let for_deployers = ["_headers", "sw-kill.js"];
    for file in for_deployers {
        assert!(files.iter().any(|f| f == file), "{file} is in the build");
    }
    let expected: Vec<String> = files
        .into_iter()
        .filter(|f| {
            !["sw.js", "404.html"].contains(&f.as_str()) && !for_deployers.contains(&f.as_str())
        })
        .collect();
    assert_eq!(precached, expected);
}

/// `_headers` gives every path the page's policy plus `frame-ancestors`,
/// `nosniff` and `no-referrer`, and every file of the build exactly one
/// `Cache-Control`: kept for good when its name carries a content hash,
/// asked again otherwise.
#[test]
fn the_host_headers_protect_every_path_and_cache_each_file_once() {
    let dist = dist_dir();
    let file = std::fs::read_to_string(dist.join("_headers")).expect("_headers in the build");
    let index = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"";
    let policy = index.split(meta).nth(1).and_then(|rest| rest.split('"').next());
    let policy = format!("{}; frame-ancestors 'none'", policy.expect("a CSP in index.html"));
    // Hosts read `_headers` and do not serve it.
    let served = build_files(&dist).into_iter().filter(|f| f != "_headers");
    let mut paths: Vec<String> = served.map(|f| format!("/{f}")).collect();
    paths.extend(["/".to_string(), "/m/some-id/sessions".to_string()]);
    for path in &paths {
        let headers = headers_for(&file, path);
        let header =
            |name: &str| headers.iter().find(|(n, _)| n.as_str() == name).map(|(_, v)| v.as_str());
        assert_eq!(header("Content-Security-Policy"), Some(policy.as_str()), "{path}");
        assert_eq!(header("X-Content-Type-Options"), Some("nosniff"), "{path}");
        assert_eq!(header("Referrer-Policy"), Some("no-referrer"), "{path}");
        let cache = header("Cache-Control");
        if path.starts_with("/m/") {
            assert_eq!(cache, None, "a deep link keeps the host's default");
        } else if content_hashed(path) {
            assert_eq!(cache, Some("public, max-age=31536000, immutable"), "{path}");
        } else {
            assert_eq!(cache, Some("no-cache"), "{path}");
        }
    }
}

/// Every file of a build, as paths relative to it (`icons/icon-192.png`).
fn build_files(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read the build").flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if entry.path().is_dir() {
            files.extend(build_files(&entry.path()).into_iter().map(|f| format!("{name}/{f}")));
        } else {
            files.push(name);
        }
    }
    files.sort();
    files
}

/// Whether a file name carries Trunk's content hash (16 hex digits).
fn content_hashed(name: &str) -> bool {
    // Trunk writes a 64-bit hash in hex without leading zeros: up to 16
    // digits, fewer when it starts with zeros (`tandem-c4a458989149f9f.js`).
    name.split(['-', '.', '_', '/'])
        .any(|part| (12..=16).contains(&part.len()) && part.chars().all(|c| c.is_ascii_hexdigit()))
}

#[test]
fn the_manifest_is_valid_and_complete() {
    let dist = dist_dir();
    let text = std::fs::read_to_string(dist.join("manifest.webmanifest")).expect("manifest");
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("manifest is JSON");
    for field in ["name", "short_name", "start_url", "scope", "theme_color", "background_color"] {
        assert!(manifest[field].as_str().is_some_and(|v| !v.is_empty()), "manifest.{field}");
    }
    assert_eq!(manifest["display"], "standalone");
    let icons = manifest["icons"].as_array().expect("icons");
    let mut seen = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("icon src");
        let sizes = icon["sizes"].as_str().expect("icon sizes");
        let png = std::fs::read(dist.join(src)).unwrap_or_else(|_| panic!("{src} is in the build"));
        assert_eq!(&png[1..4], b"PNG", "{src} is a PNG");
        let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
        let height = u32::from_be_bytes([png[20], png[21], png[22], png[23]]);
        assert_eq!(format!("{width}x{height}"), sizes, "{src} has the size it claims");
        seen.push((sizes.to_string(), icon["purpose"].as_str().unwrap_or("any").to_string()));
    }
    for wanted in [("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")] {
        assert!(seen.iter().any(|(s, p)| s == wanted.0 && p.contains(wanted.1)), "icon {wanted:?}");
    }
    // A bundle shared to the installed app, or a `.txt` file opened with
    // it, lands on the page that reads it.
    assert_eq!(manifest["share_target"]["action"], "./receive");
    let handler = &manifest["file_handlers"][0];
    assert_eq!(handler["action"], "./receive");
    assert_eq!(handler["accept"]["text/plain"][0], ".txt");
}

#[test]
fn a_content_hash_without_its_leading_zeros_is_still_a_hash() {
    assert!(content_hashed("/tandem-c4a458989149f9f.js"), "15 digits");
    assert!(content_hashed("/tandem-0c4a458989149f9f_bg.wasm"));
    assert!(!content_hashed("/sw.js") && !content_hashed("/icons/icon-192.png"));
    assert!(!content_hashed("/manifest.webmanifest"));
}

/// On a host that lets content-hashed files be kept (`_headers`), the
/// service worker's precache takes the wasm the page has just downloaded:
/// a first visit on mobile data fetches the app once, not twice.
#[tokio::test]
async fn a_first_visit_downloads_the_app_once() {
    let site = Site::start_as(Host { headers_file: true, ..Host::default() });
    let b = Browser::start(&site.url("")).await;
    b.open("/").await;
    // A worker controls the page only once its whole precache is stored.
    wait_for_service_worker(&b).await;
    assert_eq!(site.requests_for("_bg.wasm"), 1, "the wasm was downloaded more than once");
    assert_eq!(site.requests_for(".css"), 1, "the stylesheet was downloaded more than once");
}

/// A first visit with no service worker (DevTools holds back a page's
/// requests, not a worker's) whose pages' code, and the code that reads
/// stored values, is held back until [`let_code_through`].
async fn code_held_back() -> (Site, Browser) {
    let site = Site::start();
    std::fs::remove_file(site.root().join("sw.js")).expect("no service worker");
    let b = Browser::start(&site.url("")).await;
    b.devtools("Network.enable", json!({})).await;
    b.devtools("Network.setBlockedURLs", json!({ "urls": ["*/split-*/*.wasm"] })).await;
    (site, b)
}

/// A first tab whose code is held back ([`code_held_back`], tagged to tell
/// a reload), and a second one, whose requests are not, that starts a
/// mentorship and stays in front; returns the first tab's handle.
async fn a_second_tab_starts_a_mentorship() -> (Site, Browser, WindowHandle) {
    let (site, b) = code_held_back().await;
    b.open("/").await;
    tag_page(&b).await;
    let first = b.window().await;
    b.open_window().await;
    start_mentorship(&b, "Priya Raman", "Daniel Okafor", "Two tabs").await;
    (site, b, first)
}

/// Lets the code [`code_held_back`] held back through (in the open tab), as
/// a network that comes back does: the loader, which tries again later and
/// later, tries at once when the browser says it is online.
async fn let_code_through(b: &Browser) {
    b.devtools("Network.setBlockedURLs", json!({ "urls": [] })).await;
    b.eval("dispatchEvent(new Event('online')); return true").await;
}
