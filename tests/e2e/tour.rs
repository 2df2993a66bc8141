//! Every page of a lived-in library, as a person would see it on a phone
//! (360 px), a tablet (768 px) and a laptop (1280 px), in light and dark:
//! nothing is wider than the screen and no accessibility rule (axe-core) is
//! broken. With `TANDEM_SCREENSHOTS=<dir>` a picture of each is saved, to be
//! looked at.

use chrono::Utc;
use tandem::model::{closing, sample, Library};
use tandem::storage::backup;

use crate::flows::{choose_backup, first_visit, merge_backup, section_pages};
use crate::support::temp::TempDir;
use crate::support::Browser;

/// Two mentorships from the sample generator (a settled conversation, a
/// signed agreement, goals, held and upcoming sessions with agendas and
/// summaries, action items), the second one closed; written as a backup.
fn lived_in_library() -> Library {
    let now = Utc::now();
    let mut library = sample::library(2, 8, now);
    library.sort();
    // The first changed its conversation since signing (the agreement says
    // so) and left out an optional theme.
    if let Some(doc) = library.mentorships.get_mut(0) {
        for theme in doc.themes.iter_mut() {
            match theme.key.as_str() {
                "confidentiality" => theme.consensus.text.push_str(" Not even to HR."),
                "extras" => theme.not_needed = true,
                _ => {}
            }
        }
    }
    if let Some(doc) = library.mentorships.get_mut(1) {
        let today = now.date_naive();
        let _ = closing::start(doc, doc.mentorship.my_role, today, now);
        let _ = closing::close(doc, today, now);
    }
    library
}

/// Restores `library` on the Data & privacy page.
async fn restore(b: &Browser, library: &Library, dir: &TempDir) {
    let file = dir.path().join("lived-in.json");
    std::fs::write(&file, backup::export(library, Utc::now())).expect("write the backup");
    b.open("/data").await;
    choose_backup(b, &file.display().to_string()).await;
    merge_backup(b).await;
}

/// Every page of the app for this library, by address.
fn pages(library: &Library) -> Vec<String> {
    let mut pages = vec!["/".to_string(), "/data".into(), "/receive".into(), "/nowhere".into()];
    for doc in &library.mentorships {
        let m = doc.id();
        pages.extend(section_pages(m));
        pages.push(format!("/m/{m}/conversation?theme=meetings"));
        pages.push(format!("/m/{m}/conversation?theme=extras"));
        pages.extend(doc.sessions.iter().take(1).map(|s| format!("/m/{m}/sessions/{}", s.meta.id)));
        pages.extend(doc.sessions.iter().last().map(|s| format!("/m/{m}/sessions/{}", s.meta.id)));
        pages.push(format!("/print/agreement/{m}"));
        pages.push(format!("/print/summary/{m}"));
    }
    pages
}

/// A file name for a page's picture: "m-…-sessions-360-dark.png".
fn picture_name(page: &str, width: u32, dark: bool) -> String {
    let slug: String = page
        .trim_matches('/')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = if slug.is_empty() { "home".to_string() } else { slug };
    format!("{slug}-{width}-{}.png", if dark { "dark" } else { "light" })
}

#[tokio::test]
async fn every_page_fits_every_screen_and_breaks_no_accessibility_rule() {
    let (_site, b) = first_visit("/").await;
    let dir = TempDir::new("tour");
    let library = lived_in_library();
    restore(&b, &library, &dir).await;
    let pictures = std::env::var("TANDEM_SCREENSHOTS").ok().map(std::path::PathBuf::from);
    let mut problems = Vec::new();
    // Every page names itself in the tab, and no two alike.
    let mut titles = std::collections::BTreeMap::new();
    for dark in [false, true] {
        b.set_dark(dark).await;
        for width in [360, 768, 1280] {
            b.set_width(width).await;
            for page in pages(&library) {
                b.open(&page).await;
                if !dark && width == 360 {
                    let title = b.client.title().await.unwrap_or_default();
                    if title == "Tandem" || !title.ends_with(" · Tandem") {
                        problems.push(format!("{page}: the tab says only “{title}”"));
                    }
                    let other = titles.insert(title.clone(), page.clone()).filter(|o| *o != page);
                    if let Some(other) = other {
                        problems.push(format!("{page} and {other} are both titled “{title}”"));
                    }
                }
                let overflow = b.overflow_x().await;
                if overflow > 0 {
                    let culprits = b.too_wide().await.join(", ");
                    problems.push(format!(
                        "{page} at {width} px is {overflow} px too wide: {culprits}"
                    ));
                }
                // Rules about structure and names do not change with the width:
                // check them at the phone's and the laptop's.
                if width != 768 {
                    let scheme = if dark { "dark" } else { "light" };
                    for v in b.accessibility_violations().await {
                        problems.push(format!("{page} ({width} px, {scheme}): {v}"));
                    }
                    for shared in b.shared_control_names().await {
                        problems
                            .push(format!("{page} ({width} px): controls named alike: {shared}"));
                    }
                }
                if let Some(dir) = &pictures {
                    b.screenshot(&dir.join(picture_name(&page, width, dark))).await;
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
