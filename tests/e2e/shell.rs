//! The installable, offline app shell: routes, deep links, service worker,
//! offline reload, update prompt, manifest.

use crate::flows::{first_visit, go_home, wait_for_service_worker};

#[tokio::test]
async fn renders_and_navigates_between_routes() {
    let (_site, b) = first_visit("/").await;
    assert!(b.text("main h1").await.contains("mentorships"));
    assert_eq!(b.count("main").await, 1, "one <main> landmark");
    assert!(b.exists("a.skip-link[href='#main']").await);

    b.click_labelled("Data & privacy").await;
    b.wait_text("main h1", "Data & privacy").await;
    let path = b.eval("return location.pathname").await;
    assert_eq!(path, "/data");

    go_home(&b).await;

    b.open("/no/such/page").await;
    b.wait_text("main h1", "Page not found").await;
    b.quit().await;
}

#[tokio::test]
async fn a_deep_link_loads_and_reloads() {
    let (_site, b) = first_visit("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
    b.reload().await;
    b.wait_text("main h1", "Data & privacy").await;
    b.quit().await;
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

    b.reload().await;
    b.wait_text("main h1", "mentorships").await;
    // A deep link never visited before still opens, from the cached shell.
    b.open("/data").await;
    b.wait_text("main h1", "Data & privacy").await;
    b.quit().await;
}

#[tokio::test]
async fn a_new_deploy_offers_an_update_instead_of_staying_stale() {
    let (site, b) = first_visit("/").await;
    wait_for_service_worker(&b).await;
    let old_caches = b.eval("return caches.keys()").await;

    // "Deploy" a new version: the worker script changes.
    let sw_path = site.root().join("sw.js");
    let sw = std::fs::read_to_string(&sw_path).expect("read sw.js");
    let marker = "const CACHE_VERSION = \"";
    let at = sw.find(marker).expect("cache version line") + marker.len();
    let new_sw = format!("{}next-{}", &sw[..at], &sw[at..]);
    std::fs::write(&sw_path, new_sw).expect("write sw.js");

    b.eval("navigator.serviceWorker.getRegistration().then(r => r.update()); return true").await;
    b.wait_text(".banner", "A new version of Tandem is available").await;
    b.click_labelled("Reload to update").await;
    b.wait_until(
        "the new version controls the page",
        "return caches.keys().then(keys => keys.some(k => k.startsWith('tandem-shell-next-')))",
    )
    .await;
    b.wait_for("main h1").await;
    let caches = b.eval("return caches.keys()").await;
    assert_ne!(caches, old_caches);
    assert_eq!(caches.as_array().map(|a| a.len()), Some(1), "the old cache is deleted: {caches}");
    b.quit().await;
}

#[test]
fn the_manifest_is_valid_and_complete() {
    let dist = crate::support::server::dist_dir();
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
}
