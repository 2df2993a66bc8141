//! The text of a generated mentoring agreement: the sections a filed
//! agreement has, written from the settled consensus of the expectations
//! conversation and the mentee's goals. Unsettled themes read "To be agreed".

use super::dates;
use super::expectations::{ThemeEntry, ThemeStatus};
use super::goal::{Goal, GoalStatus};
use super::mentorship::Mentorship;
use super::record::Record;
use super::themes;

/// What the generated text says where a theme is not settled yet; signing
/// is refused while it is there.
pub const TO_BE_AGREED: &str = "_To be agreed._";

/// The section headings of a generated agreement, in order.
pub const SECTIONS: [&str; 11] = [
    "The parties",
    "Purpose and goals",
    "Duration and review dates",
    "Meetings",
    "Confidentiality",
    "Communication between meetings",
    "Responsibilities of the mentee",
    "Responsibilities of the mentor",
    "Feedback",
    "Additional arrangements",
    "No-fault conclusion",
];

// The mentee's roles, the mentor's roles and the extra arrangements, as
// `(field, how the agreement names it)`.
const MENTEE_ROLES: &[(&str, &str)] = &[
    ("mentee_planner", "planner"),
    ("mentee_investigator", "investigator"),
    ("mentee_student", "student"),
];
const MENTOR_ROLES: &[(&str, &str)] = &[
    ("mentor_coach", "coach and advisor"),
    ("mentor_devils_advocate", "devil's advocate"),
    ("mentor_resource", "resource person"),
    ("mentor_cheerleader", "cheerleader"),
];
const EXTRAS: &[(&str, &str)] = &[
    ("job_shadowing", "job shadowing"),
    ("conferences", "attending conferences together"),
    ("introductions", "introductions to the mentor's network"),
];

/// Reads settled consensus answers.
struct Consensus<'a>(&'a [ThemeEntry]);

impl Consensus<'_> {
    /// The pair marked this optional theme not needed.
    fn not_needed(&self, theme: &str) -> bool {
        self.0.iter().any(|e| e.key == theme && e.is_live() && e.status() == ThemeStatus::NotNeeded)
    }

    fn entry(&self, theme: &str) -> Option<&ThemeEntry> {
        self.0.iter().find(|e| e.key == theme && e.is_live() && !e.consensus.is_empty())
    }

    fn text(&self, theme: &str) -> Option<String> {
        self.entry(theme).map(|e| e.consensus.text.trim().to_string()).filter(|t| !t.is_empty())
    }

    fn raw(&self, theme: &str, field: &str) -> Option<String> {
        self.entry(theme).and_then(|e| e.consensus.value(field)).map(str::to_string)
    }

    /// A field's answer as it reads in text ("60 minutes", "Weekly").
    fn shown(&self, theme: &str, field: &str) -> Option<String> {
        let value = self.raw(theme, field)?;
        let spec = themes::theme(theme)?.field(field)?;
        Some(spec.display(&value))
    }

    fn yes(&self, theme: &str, field: &str) -> bool {
        self.raw(theme, field).as_deref() == Some("yes")
    }

    /// The labels of the `(field, label)` options answered yes, in order.
    fn chosen(&self, theme: &str, options: &[(&str, &'static str)]) -> Vec<&'static str> {
        options.iter().filter(|(k, _)| self.yes(theme, k)).map(|(_, label)| *label).collect()
    }

    /// Adds the pair's own words on a theme, if any, as a paragraph of `lines`.
    fn add_text(&self, lines: &mut Vec<String>, theme: &str) {
        if let Some(t) = self.text(theme) {
            lines.push(String::new());
            lines.push(t);
        }
    }
}

fn who(value: Option<String>, m: &Mentorship) -> Option<String> {
    match value.as_deref() {
        Some("mentee") => Some(format!("the mentee ({})", m.mentee)),
        Some("mentor") => Some(format!("the mentor ({})", m.mentor)),
        Some("either") => Some("either of us".into()),
        _ => None,
    }
}

/// Writes a section's lines; an empty line separates paragraphs (and ends a
/// list), runs of them collapse, and an empty section reads "To be agreed".
fn paragraph(out: &mut String, lines: Vec<String>) {
    let mut wrote = false;
    let mut gap = false;
    for line in lines {
        if line.trim().is_empty() {
            gap = wrote;
            continue;
        }
        if gap {
            out.push('\n');
            gap = false;
        }
        out.push_str(&line);
        out.push('\n');
        wrote = true;
    }
    if !wrote {
        out.push_str(TO_BE_AGREED);
        out.push('\n');
    }
}

/// Generates the agreement text (Markdown) from the settled consensus and the
/// mentorship's goals. Unsettled themes say "To be agreed".
pub fn generate(m: &Mentorship, themes_: &[ThemeEntry], goals: &[Goal]) -> String {
    let c = Consensus(themes_);
    let mut out = String::new();
    let section = |out: &mut String, n: usize, lines: Vec<String>| {
        out.push_str(&format!("\n## {}. {}\n\n", n + 1, SECTIONS[n]));
        paragraph(out, lines);
    };

    out.push_str("# Mentoring agreement\n");
    section(
        &mut out,
        0,
        vec![format!(
            "This agreement is between {} (mentee) and {} (mentor). The mentorship starts on {}.",
            m.mentee,
            m.mentor,
            dates::long(m.start_date)
        )],
    );

    let mut purpose = Vec::new();
    if !m.focus.trim().is_empty() {
        purpose.push(format!("Focus: {}", m.focus.trim()));
        purpose.push(String::new());
    }
    c.add_text(&mut purpose, "goals");
    let live_goals: Vec<&Goal> = goals
        .iter()
        .filter(|g| g.is_live() && !matches!(g.status, GoalStatus::Dropped { .. }))
        .collect();
    if !live_goals.is_empty() {
        purpose.push(String::new());
        purpose.push("The mentee's goals:".into());
        purpose.push(String::new());
        for g in live_goals {
            let mut line = format!("- **{}**", g.title);
            if !g.measure.trim().is_empty() {
                line.push_str(&format!(" — we'll know when: {}", g.measure.trim()));
            }
            if let Some(d) = g.target_date {
                line.push_str(&format!(" (by {})", dates::long(d)));
            }
            purpose.push(line);
        }
    }
    section(&mut out, 1, purpose);

    let mut duration = Vec::new();
    if let Some(months) = c.shown("duration", "duration_months") {
        duration.push(format!("The mentorship runs for {months}."));
    }
    if let Some(end) = m.planned_end {
        duration.push(format!("It is planned to end on {}.", dates::long(end)));
    }
    if let Some(weeks) = c.shown("duration", "checkin_weeks") {
        duration
            .push(format!("Every {weeks} we check that the relationship is working as expected."));
    }
    if let Some(weeks) = c.shown("meetings", "first_review_weeks") {
        duration.push(format!("We review our meeting rhythm after the first {weeks}."));
    }
    c.add_text(&mut duration, "duration");
    section(&mut out, 2, duration);

    let mut meetings = Vec::new();
    let rhythm: Vec<String> = [
        c.shown("meetings", "cadence").map(|v| v.to_lowercase()),
        c.shown("meetings", "length_minutes").map(|v| format!("for {v}")),
        c.shown("meetings", "format").map(|v| format!("by {}", v.to_lowercase())),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !rhythm.is_empty() {
        meetings.push(format!("- We meet {}.", rhythm.join(", ")));
    }
    if let Some(who) = who(c.raw("scheduling", "scheduler"), m) {
        meetings.push(format!("- Who schedules: {who}."));
    }
    if let Some(who) = who(c.raw("scheduling", "agenda_owner"), m) {
        let lead = c
            .shown("scheduling", "agenda_lead_hours")
            .map(|h| format!(", sent at least {h}"))
            .unwrap_or_default();
        meetings.push(format!("- Who sets the agenda: {who}{lead}."));
    }
    let notice = c.shown("cancellations", "notice_hours");
    let within = c.shown("cancellations", "reschedule_within_days");
    match (notice, within) {
        (Some(n), Some(w)) => meetings
            .push(format!("- Cancellations: at least {n}' notice, with a new time within {w}.")),
        (Some(n), None) => meetings
            .push(format!("- Cancellations: at least {n}' notice, with a plan to reschedule.")),
        (None, Some(w)) => meetings.push(format!("- Cancellations: with a new time within {w}.")),
        (None, None) => {}
    }
    for theme in ["meetings", "scheduling", "preparation", "cancellations", "protected_time"] {
        c.add_text(&mut meetings, theme);
    }
    section(&mut out, 3, meetings);

    section(&mut out, 4, c.text("confidentiality").into_iter().collect());

    let mut contact = Vec::new();
    if let Some(channel) = c.shown("contact", "channel") {
        let reply = c
            .shown("contact", "response_hours")
            .map(|h| format!("; we reply within {h}"))
            .unwrap_or_default();
        contact.push(format!("- Between meetings: {}{reply}.", channel.to_lowercase()));
    }
    if let Some(avail) = c.shown("crucial_moments", "available") {
        contact.push(format!("- At crucial moments (presentations, deadlines, decisions), the mentor is available: {}.", avail.to_lowercase()));
    }
    for theme in ["contact", "crucial_moments"] {
        c.add_text(&mut contact, theme);
    }
    section(&mut out, 5, contact);

    let mut mentee = vec!["- Sets the goals and drives the mentorship.".to_string()];
    let roles = c.chosen("roles", MENTEE_ROLES);
    if !roles.is_empty() {
        mentee.push(format!("- Takes the roles of {}.", join_and(&roles)));
    }
    if let Some(t) = c.text("follow_through") {
        mentee.push(format!("- Follow-through: {t}"));
    }
    section(&mut out, 6, mentee);

    let mut mentor = vec![
        "- Guides, listens and shares experience in service of the mentee's goals.".to_string(),
    ];
    let wanted: Vec<String> = MENTOR_ROLES
        .iter()
        .filter_map(|(k, label)| {
            let w = c.raw("roles", k)?.parse::<usize>().ok()?;
            (w > 0).then(|| format!("{label} ({})", themes::WEIGHTS[w.min(3)].to_lowercase()))
        })
        .collect();
    if !wanted.is_empty() {
        let refs: Vec<&str> = wanted.iter().map(String::as_str).collect();
        mentor.push(format!("- Acts as {}.", join_and(&refs)));
    }
    c.add_text(&mut mentor, "roles");
    section(&mut out, 7, mentor);

    let mut feedback = Vec::new();
    if let Some(when) = c.shown("feedback", "when") {
        feedback.push(format!("- We give each other feedback {}.", when.to_lowercase()));
    }
    if let Some(ch) = c.shown("feedback", "challenge") {
        feedback.push(format!("- Open to being challenged: {}.", ch.to_lowercase()));
    }
    c.add_text(&mut feedback, "feedback");
    section(&mut out, 8, feedback);

    let mut extras = Vec::new();
    let chosen = c.chosen("extras", EXTRAS);
    if !chosen.is_empty() {
        extras.push(format!("- We plan {}.", join_and(&chosen)));
    }
    c.add_text(&mut extras, "extras");
    if c.not_needed("extras") {
        extras.push("We agreed that no arrangements beyond our meetings are needed.".into());
    }
    section(&mut out, 9, extras);

    section(
        &mut out,
        10,
        vec!["Either of us may end this mentorship at any time, for any reason, without blame. We will close it with a final conversation to look back on what was achieved.".into()],
    );

    let custom: Vec<&ThemeEntry> = themes_
        .iter()
        .filter(|e| e.is_live() && e.spec().is_none() && !e.consensus.is_empty())
        .collect();
    if !custom.is_empty() {
        out.push_str("\n## Also agreed\n\n");
        for e in custom {
            out.push_str(&format!("- **{}**: {}\n", e.title(), e.consensus.text.trim()));
        }
    }
    out
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}
