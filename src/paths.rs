//! The app's route table: the segments the router matches (`app.rs` builds
//! its patterns from them) and a builder for every URL the app links to, so
//! pages never assemble paths by hand and links and routes cannot drift
//! apart.

use uuid::Uuid;

use crate::model::theme_ref::ThemeRef;

/// The static segments of the app's URLs.
pub mod segment {
    pub const DATA: &str = "data";
    pub const PRINT: &str = "print";
    pub const MENTORSHIP: &str = "m";
    pub const CONVERSATION: &str = "conversation";
    pub const AGREEMENT: &str = "agreement";
    pub const SUMMARY: &str = "summary";
    pub const GOALS: &str = "goals";
    pub const ACTIONS: &str = "actions";
    pub const SESSIONS: &str = "sessions";
    pub const REVIEW: &str = "review";
    pub const EXCHANGE: &str = "exchange";
    pub const RECEIVE: &str = "receive";
}

/// Route parameters: a mentorship's id and a session's id.
pub mod param {
    pub const ID: &str = "id";
    pub const SESSION: &str = "sid";
}

/// Query parameters: which agreement version, which theme.
pub mod query {
    pub const VERSION: &str = "version";
    pub const THEME: &str = "theme";
}

use segment::*;

pub const HOME: &str = "/";
pub const DATA_PAGE: &str = "/data";
/// Where a link from the partner lands (its fragment holds the bundle), and
/// where anything they sent can be pasted or opened.
pub const RECEIVE_PAGE: &str = "/receive";

/// The overview of one mentorship.
pub fn mentorship(id: Uuid) -> String {
    format!("/{MENTORSHIP}/{id}")
}

fn section(id: Uuid, name: &str) -> String {
    format!("/{MENTORSHIP}/{id}/{name}")
}

/// The expectations conversation of a mentorship.
pub fn conversation(id: Uuid) -> String {
    section(id, CONVERSATION)
}

/// The conversation opened at one theme.
pub fn conversation_theme(id: Uuid, theme: &ThemeRef) -> String {
    format!("{}?{}={}", conversation(id), query::THEME, theme.param())
}

/// The mentoring agreement of a mentorship (its latest version).
pub fn agreement(id: Uuid) -> String {
    section(id, AGREEMENT)
}

/// One version of the agreement.
pub fn agreement_version(id: Uuid, number: u32) -> String {
    format!("{}?{}={number}", agreement(id), query::VERSION)
}

/// The agreement alone, laid out for printing (no navigation): one version,
/// or the latest.
pub fn agreement_print(id: Uuid, version: Option<u32>) -> String {
    let path = format!("/{PRINT}/{AGREEMENT}/{id}");
    match version {
        Some(n) => format!("{path}?{}={n}", query::VERSION),
        None => path,
    }
}

/// A mentorship's final summary alone, laid out for printing.
pub fn summary_print(id: Uuid) -> String {
    format!("/{PRINT}/{SUMMARY}/{id}")
}

/// Whether a path is a print view (shown without the app's chrome).
pub fn is_print(path: &str) -> bool {
    path.trim_start_matches('/').starts_with(&format!("{PRINT}/"))
}

/// The goals of a mentorship.
pub fn goals(id: Uuid) -> String {
    section(id, GOALS)
}

/// The action items of a mentorship, across all its sessions.
pub fn actions(id: Uuid) -> String {
    section(id, ACTIONS)
}

/// The session list of a mentorship.
pub fn sessions(id: Uuid) -> String {
    section(id, SESSIONS)
}

/// One session of a mentorship.
pub fn session(id: Uuid, session_id: Uuid) -> String {
    format!("/{MENTORSHIP}/{id}/{SESSIONS}/{session_id}")
}

/// Sending a mentorship to the partner, and receiving what they sent.
pub fn exchange(id: Uuid) -> String {
    section(id, EXCHANGE)
}

/// The check-ins and conclusion of a mentorship.
pub fn review(id: Uuid) -> String {
    section(id, REVIEW)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_paths_the_router_matches() {
        let id = Uuid::from_u128(1);
        let sid = Uuid::from_u128(2);
        assert_eq!(mentorship(id), format!("/m/{id}"));
        assert_eq!(session(id, sid), format!("/m/{id}/sessions/{sid}"));
        assert_eq!(agreement_version(id, 2), format!("/m/{id}/agreement?version=2"));
        assert_eq!(agreement_print(id, None), format!("/print/agreement/{id}"));
        assert_eq!(agreement_print(id, Some(3)), format!("/print/agreement/{id}?version=3"));
        assert_eq!(
            conversation_theme(id, &ThemeRef::Builtin("meetings")),
            format!("/m/{id}/conversation?theme=meetings")
        );
        assert!(is_print(&summary_print(id)) && !is_print(&review(id)));
        assert!(!is_print(DATA_PAGE));
        assert_eq!(exchange(id), format!("/m/{id}/exchange"));
        assert_eq!(RECEIVE_PAGE, format!("/{RECEIVE}"));
    }
}
