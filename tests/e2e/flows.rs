//! Steps several journeys share, written as a person does them.

use crate::support::Browser;

/// Starts a mentorship from the home page and waits for it to be saved.
pub async fn start_mentorship(b: &Browser, mentee: &str, mentor: &str, focus: &str) {
    try_start_mentorship(b, mentee, mentor, focus).await;
    b.wait_saved().await;
}

/// Starts a mentorship and waits for its overview (saved or not).
pub async fn try_start_mentorship(b: &Browser, mentee: &str, mentor: &str, focus: &str) {
    b.open("/").await;
    b.click_labelled("Start a mentorship").await;
    b.fill_labelled("Mentee's full name (required)", mentee).await;
    b.fill_labelled("Mentor's full name (required)", mentor).await;
    b.fill_labelled("Focus", focus).await;
    b.click_labelled("Start mentorship").await;
    b.wait_text("main h1", "Overview").await;
    b.wait_text("main .eyebrow", mentee).await;
}
