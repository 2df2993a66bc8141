//! The app's route table: every URL the app links to is built here, so pages
//! never assemble paths by hand and the router and the links cannot drift apart.

pub const HOME: &str = "/";
pub const DATA: &str = "/data";

/// The overview of one mentorship.
pub fn mentorship(id: &str) -> String {
    format!("/m/{id}")
}

/// The expectations conversation of a mentorship.
pub fn conversation(id: &str) -> String {
    format!("/m/{id}/conversation")
}

/// The mentoring agreement of a mentorship.
pub fn agreement(id: &str) -> String {
    format!("/m/{id}/agreement")
}

/// The agreement alone, laid out for printing (no navigation).
pub fn agreement_print(id: &str) -> String {
    format!("/print/agreement/{id}")
}

/// A mentorship's final summary alone, laid out for printing.
pub fn summary_print(id: &str) -> String {
    format!("/print/summary/{id}")
}

/// Whether a path is a print view (shown without the app's chrome).
pub fn is_print(path: &str) -> bool {
    path.trim_start_matches('/').starts_with("print/")
}

/// The goals of a mentorship.
pub fn goals(id: &str) -> String {
    format!("/m/{id}/goals")
}

/// The action items of a mentorship, across all its sessions.
pub fn actions(id: &str) -> String {
    format!("/m/{id}/actions")
}

/// The session list of a mentorship.
pub fn sessions(id: &str) -> String {
    format!("/m/{id}/sessions")
}

/// One session of a mentorship.
pub fn session(id: &str, session_id: &str) -> String {
    format!("/m/{id}/sessions/{session_id}")
}

/// The check-ins and conclusion of a mentorship.
pub fn review(id: &str) -> String {
    format!("/m/{id}/review")
}

/// Which route a path belongs to, as the router would match it. Used by tests
/// and by the navigation to highlight the current section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Data,
    Mentorship { id: String, section: Section },
    AgreementPrint { id: String },
    SummaryPrint { id: String },
    NotFound,
}

/// A section of a mentorship.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Section {
    Overview,
    Conversation,
    Agreement,
    Goals,
    Actions,
    Sessions,
    Session(String),
    Review,
}

/// Parses a path (without query or fragment) into the route it names.
pub fn parse(path: &str) -> Route {
    let segments: Vec<&str> = path.trim_matches('/').split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [] => Route::Home,
        ["data"] => Route::Data,
        ["print", "agreement", id] => Route::AgreementPrint { id: (*id).to_string() },
        ["print", "summary", id] => Route::SummaryPrint { id: (*id).to_string() },
        ["m", id, rest @ ..] => {
            let section = match rest {
                [] => Section::Overview,
                ["conversation"] => Section::Conversation,
                ["agreement"] => Section::Agreement,
                ["goals"] => Section::Goals,
                ["actions"] => Section::Actions,
                ["sessions"] => Section::Sessions,
                ["sessions", sid] => Section::Session((*sid).to_string()),
                ["review"] => Section::Review,
                _ => return Route::NotFound,
            };
            Route::Mentorship { id: (*id).to_string(), section }
        }
        _ => Route::NotFound,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builder_parses_back_to_its_route() {
        let id = "3f1c";
        let cases = [
            (mentorship(id), Section::Overview),
            (conversation(id), Section::Conversation),
            (agreement(id), Section::Agreement),
            (goals(id), Section::Goals),
            (actions(id), Section::Actions),
            (sessions(id), Section::Sessions),
            (session(id, "s9"), Section::Session("s9".into())),
            (review(id), Section::Review),
        ];
        for (path, section) in cases {
            assert_eq!(parse(&path), Route::Mentorship { id: id.into(), section }, "{path}");
        }
        assert_eq!(parse(HOME), Route::Home);
        assert_eq!(parse(DATA), Route::Data);
        assert_eq!(parse(&agreement_print(id)), Route::AgreementPrint { id: id.into() });
        assert_eq!(parse(&summary_print(id)), Route::SummaryPrint { id: id.into() });
        assert!(is_print(&agreement_print(id)) && !is_print(&agreement(id)));
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in ["/nope", "/m", "/m/1/unknown", "/m/1/sessions/2/extra", "/data/x"] {
            assert_eq!(parse(path), Route::NotFound, "{path}");
        }
    }
}
