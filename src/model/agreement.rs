//! The written mentoring agreement: versions generated from the settled
//! consensus and the goals, edited as drafts, signed by both partners with
//! their typed full name. A version both have signed is frozen and carries a
//! short fingerprint of its content; changing it makes an amendment — the next
//! version, a draft that needs both signatures again. Earlier versions stay.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::dates;
use super::expectations::ThemeEntry;
use super::goal::{Goal, GoalStatus};
use super::mentorship::Mentorship;
use super::record::{winner, Meta, Record};
use super::side::Side;
use super::themes;
use super::validate::{normalize, Errors, FieldError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The full name as typed.
    pub name: String,
    pub signed_at: DateTime<Utc>,
    /// The fingerprint of the text that was signed.
    pub fingerprint: String,
    /// The signer's own calendar date when signing (the instant above is UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_on: Option<NaiveDate>,
}

impl Signature {
    /// The date to show: the signer's local date.
    pub fn date(&self) -> NaiveDate {
        self.signed_on.unwrap_or_else(|| self.signed_at.date_naive())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AgreementVersion {
    pub meta: Meta,
    /// 1 for the first agreement, then one more per amendment.
    pub number: u32,
    /// The parties as named in this version.
    pub mentee: String,
    pub mentor: String,
    /// The agreement text (Markdown), generated then edited.
    pub body: String,
    /// For an amendment: what changed and why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub change_note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentee_signature: Option<Signature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_signature: Option<Signature>,
}
impl Record for AgreementVersion {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn meta_mut(&mut self) -> &mut Meta {
        &mut self.meta
    }
    /// Two copies of one text keep both partners' signatures (one may have
    /// signed in each); copies of different texts: the later edit wins.
    fn merged_with(&self, other: &Self) -> Self {
        let mut out = winner(self, other).clone();
        if out.meta.deleted || self.fingerprint() != other.fingerprint() {
            return out;
        }
        for side in Side::BOTH {
            let pick = match (self.valid_signature(side), other.valid_signature(side)) {
                (Some(a), Some(b)) => Some(if (a.signed_at, &a.name) <= (b.signed_at, &b.name) { a } else { b }),
                (a, b) => a.or(b),
            }
            .cloned();
            match side {
                Side::Mentee => out.mentee_signature = pick,
                Side::Mentor => out.mentor_signature = pick,
            }
        }
        out
    }
}

/// The id of version `number` of a mentorship's agreement: the same on every
/// copy, so two tabs drafting at once make one version, not two.
pub fn version_id(mentorship: uuid::Uuid, number: u32) -> uuid::Uuid {
    uuid::Uuid::new_v5(&mentorship, format!("agreement:{number}").as_bytes())
}

/// Why a version cannot be signed or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgreementError {
    /// Both have signed: changes need an amendment.
    Frozen,
    /// These themes are not settled yet.
    Unsettled(Vec<String>),
    /// The typed name is not the partner's name as given in the mentorship.
    NameMismatch { expected: String },
    AlreadySigned,
    EmptyBody,
    /// An amendment needs a signed version to amend.
    NothingToAmend,
    /// The text still has parts marked "To be agreed".
    Incomplete,
    Invalid(Vec<FieldError>),
}

impl std::fmt::Display for AgreementError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AgreementError::Frozen => write!(f, "This version is signed by both and frozen. Amend it to make a change."),
            AgreementError::Unsettled(list) => {
                write!(f, "Settle every theme of the expectations conversation before signing. Not settled yet: {}.", list.join(", "))
            }
            AgreementError::NameMismatch { expected } => {
                write!(f, "Type your full name exactly as given in the mentorship: {expected}.")
            }
            AgreementError::AlreadySigned => write!(f, "Already signed."),
            AgreementError::EmptyBody => write!(f, "The agreement has no text yet."),
            AgreementError::NothingToAmend => write!(f, "Only a version both have signed can be amended."),
            AgreementError::Incomplete => write!(
                f,
                "The text still has parts marked “To be agreed”: rewrite it from the conversation, or edit those parts, before signing."
            ),
            AgreementError::Invalid(errors) => {
                let list: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
                write!(f, "{}", list.join(" "))
            }
        }
    }
}

impl AgreementVersion {
    /// A short fingerprint of this version's content (number, parties and
    /// text), e.g. `3F2A-91C0-77BE-0D14`. Either partner can compare it.
    pub fn fingerprint(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(format!("tandem-agreement\nversion:{}\nmentee:{}\nmentor:{}\n\n", self.number, self.mentee, self.mentor));
        hash.update(self.body.replace("\r\n", "\n").trim_end().as_bytes());
        let digest = hash.finalize();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02X}")).collect();
        hex.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).to_string()).collect::<Vec<_>>().join("-")
    }

    pub fn signature(&self, side: Side) -> Option<&Signature> {
        match side {
            Side::Mentee => self.mentee_signature.as_ref(),
            Side::Mentor => self.mentor_signature.as_ref(),
        }
    }

    /// A signature that still matches the current text.
    pub fn valid_signature(&self, side: Side) -> Option<&Signature> {
        let fp = self.fingerprint();
        self.signature(side).filter(|s| s.fingerprint == fp)
    }

    /// Signed by both on this exact text: no further changes.
    pub fn is_frozen(&self) -> bool {
        self.valid_signature(Side::Mentee).is_some() && self.valid_signature(Side::Mentor).is_some()
    }

    fn party(&self, side: Side) -> &str {
        match side {
            Side::Mentee => &self.mentee,
            Side::Mentor => &self.mentor,
        }
    }

    /// The day the second signature made it binding.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        if !self.is_frozen() {
            return None;
        }
        Side::BOTH.iter().filter_map(|s| self.signature(*s)).map(|s| s.date()).max()
    }

    /// Replaces the draft's text. Any signature given to the old text no
    /// longer counts (it is removed), so nobody is bound to words they did not
    /// see. Refused once frozen.
    pub fn edit(&mut self, body: &str, now: DateTime<Utc>) -> Result<(), AgreementError> {
        if self.is_frozen() {
            return Err(AgreementError::Frozen);
        }
        let mut e = Errors::default();
        e.text("body", "The agreement", body);
        e.into_result().map_err(AgreementError::Invalid)?;
        if body != self.body {
            self.body = body.to_string();
            self.mentee_signature = None;
            self.mentor_signature = None;
            self.meta.touch(now);
        }
        Ok(())
    }

    /// Keeps a draft's party names in step with the mentorship.
    pub fn sync_parties(&mut self, mentorship: &Mentorship, now: DateTime<Utc>) {
        if self.is_frozen() {
            return;
        }
        if self.mentee != mentorship.mentee || self.mentor != mentorship.mentor {
            self.mentee = mentorship.mentee.clone();
            self.mentor = mentorship.mentor.clone();
            self.mentee_signature = None;
            self.mentor_signature = None;
            self.meta.touch(now);
        }
    }

    /// Signs for `side` with the typed full name. Needs every theme settled
    /// (`unsettled` lists those that are not) and the name as given in the
    /// mentorship (case and spacing aside).
    pub fn sign(&mut self, side: Side, typed_name: &str, unsettled: &[String], now: DateTime<Utc>) -> Result<(), AgreementError> {
        if self.is_frozen() {
            return Err(AgreementError::Frozen);
        }
        if !unsettled.is_empty() {
            return Err(AgreementError::Unsettled(unsettled.to_vec()));
        }
        if self.body.trim().is_empty() {
            return Err(AgreementError::EmptyBody);
        }
        if self.body.contains(TO_BE_AGREED) {
            return Err(AgreementError::Incomplete);
        }
        if self.valid_signature(side).is_some() {
            return Err(AgreementError::AlreadySigned);
        }
        let expected = self.party(side).to_string();
        if normalize(typed_name).to_lowercase() != normalize(&expected).to_lowercase() {
            return Err(AgreementError::NameMismatch { expected });
        }
        let signature = Signature { name: normalize(typed_name), signed_at: now, fingerprint: self.fingerprint(), signed_on: None };
        match side {
            Side::Mentee => self.mentee_signature = Some(signature),
            Side::Mentor => self.mentor_signature = Some(signature),
        }
        self.meta.touch(now);
        Ok(())
    }
}

/// The newest version (highest number; the latest made if two tabs amended at once).
pub fn current(versions: &[AgreementVersion]) -> Option<&AgreementVersion> {
    versions.iter().filter(|v| v.is_live()).max_by_key(|v| (v.number, v.meta.created_at))
}

/// Every live version, newest first.
pub fn history(versions: &[AgreementVersion]) -> Vec<&AgreementVersion> {
    let mut list: Vec<&AgreementVersion> = versions.iter().filter(|v| v.is_live()).collect();
    list.sort_by_key(|v| std::cmp::Reverse((v.number, v.meta.created_at)));
    list
}

/// The first version: a draft generated from the conversation and goals.
pub fn first_draft(mentorship: &Mentorship, themes: &[ThemeEntry], goals: &[Goal], now: DateTime<Utc>) -> AgreementVersion {
    AgreementVersion {
        meta: Meta::with_id(version_id(mentorship.meta.id, 1), now),
        number: 1,
        mentee: mentorship.mentee.clone(),
        mentor: mentorship.mentor.clone(),
        body: generate(mentorship, themes, goals),
        ..Default::default()
    }
}

/// An amendment of a frozen version: the same text as a new draft, numbered
/// one higher, to be edited and signed again by both.
pub fn amend(signed: &AgreementVersion, mentorship: &Mentorship, note: &str, now: DateTime<Utc>) -> Result<AgreementVersion, AgreementError> {
    if !signed.is_frozen() {
        return Err(AgreementError::NothingToAmend);
    }
    Ok(AgreementVersion {
        meta: Meta::with_id(version_id(mentorship.meta.id, signed.number + 1), now),
        number: signed.number + 1,
        mentee: mentorship.mentee.clone(),
        mentor: mentorship.mentor.clone(),
        body: signed.body.clone(),
        change_note: note.trim().to_string(),
        ..Default::default()
    })
}

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

/// Reads settled consensus answers.
struct Consensus<'a>(&'a [ThemeEntry]);

impl Consensus<'_> {
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
    if let Some(t) = c.text("goals") {
        purpose.push(String::new());
        purpose.push(t);
    }
    let live_goals: Vec<&Goal> =
        goals.iter().filter(|g| g.is_live() && !matches!(g.status, GoalStatus::Dropped { .. })).collect();
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
        duration.push(format!("Every {weeks} we check that the relationship is working as expected."));
    }
    if let Some(weeks) = c.shown("meetings", "first_review_weeks") {
        duration.push(format!("We review our meeting rhythm after the first {weeks}."));
    }
    if let Some(t) = c.text("duration") {
        duration.push(String::new());
        duration.push(t);
    }
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
        let lead = c.shown("scheduling", "agenda_lead_hours").map(|h| format!(", sent at least {h}")).unwrap_or_default();
        meetings.push(format!("- Who sets the agenda: {who}{lead}."));
    }
    let notice = c.shown("cancellations", "notice_hours");
    let within = c.shown("cancellations", "reschedule_within_days");
    match (notice, within) {
        (Some(n), Some(w)) => meetings.push(format!("- Cancellations: at least {n}' notice, with a new time within {w}.")),
        (Some(n), None) => meetings.push(format!("- Cancellations: at least {n}' notice, with a plan to reschedule.")),
        (None, Some(w)) => meetings.push(format!("- Cancellations: with a new time within {w}.")),
        (None, None) => {}
    }
    for theme in ["meetings", "scheduling", "preparation", "cancellations", "protected_time"] {
        if let Some(t) = c.text(theme) {
            meetings.push(String::new());
            meetings.push(t);
        }
    }
    section(&mut out, 3, meetings);

    section(&mut out, 4, c.text("confidentiality").into_iter().collect());

    let mut contact = Vec::new();
    if let Some(channel) = c.shown("contact", "channel") {
        let reply = c.shown("contact", "response_hours").map(|h| format!("; we reply within {h}")).unwrap_or_default();
        contact.push(format!("- Between meetings: {}{reply}.", channel.to_lowercase()));
    }
    if let Some(avail) = c.shown("crucial_moments", "available") {
        contact.push(format!("- At crucial moments (presentations, deadlines, decisions), the mentor is available: {}.", avail.to_lowercase()));
    }
    for theme in ["contact", "crucial_moments"] {
        if let Some(t) = c.text(theme) {
            contact.push(String::new());
            contact.push(t);
        }
    }
    section(&mut out, 5, contact);

    let mut mentee = vec![
        "- Sets the goals and drives the mentorship.".to_string(),
    ];
    let roles: Vec<&str> = [("mentee_planner", "planner"), ("mentee_investigator", "investigator"), ("mentee_student", "student")]
        .iter()
        .filter(|(k, _)| c.yes("roles", k))
        .map(|(_, l)| *l)
        .collect();
    if !roles.is_empty() {
        mentee.push(format!("- Takes the roles of {}.", join_and(&roles)));
    }
    if let Some(t) = c.text("follow_through") {
        mentee.push(format!("- Follow-through: {t}"));
    }
    section(&mut out, 6, mentee);

    let mut mentor = vec!["- Guides, listens and shares experience in service of the mentee's goals.".to_string()];
    let wanted: Vec<String> = [
        ("mentor_coach", "coach and advisor"),
        ("mentor_devils_advocate", "devil's advocate"),
        ("mentor_resource", "resource person"),
        ("mentor_cheerleader", "cheerleader"),
    ]
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
    if let Some(t) = c.text("roles") {
        mentor.push(String::new());
        mentor.push(t);
    }
    section(&mut out, 7, mentor);

    let mut feedback = Vec::new();
    if let Some(when) = c.shown("feedback", "when") {
        feedback.push(format!("- We give each other feedback {}.", when.to_lowercase()));
    }
    if let Some(ch) = c.shown("feedback", "challenge") {
        feedback.push(format!("- Open to being challenged: {}.", ch.to_lowercase()));
    }
    if let Some(t) = c.text("feedback") {
        feedback.push(String::new());
        feedback.push(t);
    }
    section(&mut out, 8, feedback);

    let mut extras = Vec::new();
    let chosen: Vec<&str> = [
        ("job_shadowing", "job shadowing"),
        ("conferences", "attending conferences together"),
        ("introductions", "introductions to the mentor's network"),
    ]
    .iter()
    .filter(|(k, _)| c.yes("extras", k))
    .map(|(_, l)| *l)
    .collect();
    if !chosen.is_empty() {
        extras.push(format!("- We plan {}.", join_and(&chosen)));
    }
    if let Some(t) = c.text("extras") {
        extras.push(String::new());
        extras.push(t);
    }
    section(&mut out, 9, extras);

    section(
        &mut out,
        10,
        vec!["Either of us may end this mentorship at any time, for any reason, without blame. We will close it with a final conversation to look back on what was achieved.".into()],
    );

    let custom: Vec<&ThemeEntry> = themes_.iter().filter(|e| e.is_live() && e.spec().is_none() && !e.consensus.is_empty()).collect();
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
