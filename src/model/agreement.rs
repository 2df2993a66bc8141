//! The written mentoring agreement: versions generated from the settled
//! consensus and the goals, edited as drafts, signed by both partners with
//! their typed full name. A version both have signed is frozen and carries a
//! short fingerprint of its content; changing it makes an amendment — the next
//! version, a draft that needs both signatures again. Earlier versions stay.

use crate::model::stored_time::{instant, optional_date};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::agreement_text::{generate, TO_BE_AGREED};
use super::expectations::ThemeEntry;
use super::goal::Goal;
use super::mentorship::Mentorship;
use super::record::{impl_record, later_part, Meta, Record};
use super::side::Side;
use super::validate::{messages, normalize, Errors, FieldError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The full name as typed.
    pub name: String,
    #[serde(with = "instant")]
    pub signed_at: DateTime<Utc>,
    /// The fingerprint of the text that was signed.
    pub fingerprint: String,
    /// The signer's own calendar date when signing (the instant above is UTC).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "optional_date")]
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
    /// The text generated from the conversation and goals that `body` was
    /// last written from: what tells a change in the conversation since from
    /// the pair's own edits (see `agreement_drift`). Empty in versions from
    /// before it was kept.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// For an amendment: what changed and why.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub change_note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentee_signature: Option<Signature>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentor_signature: Option<Signature>,
}
impl_record!(AgreementVersion => AgreementVersion::later_parts);

/// The id of version `number` of a mentorship's agreement: the same on every
/// copy, so two tabs drafting at once make one version, not two.
pub fn version_id(mentorship: uuid::Uuid, number: u32) -> uuid::Uuid {
    uuid::Uuid::new_v5(&mentorship, format!("agreement:{number}").as_bytes())
}

/// Why a version cannot be signed or changed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    /// Both have signed: changes need an amendment.
    #[error("This version is signed by both and frozen. Amend it to make a change.")]
    Frozen,
    /// These themes are not settled yet.
    #[error("Settle every theme of the expectations conversation before signing. Not settled yet: {}.", .0.join(", "))]
    Unsettled(Vec<String>),
    /// The typed name is not the partner's name as given in the mentorship.
    #[error("Type your full name exactly as given in the mentorship: {expected}.")]
    NameMismatch { expected: String },
    #[error("Already signed.")]
    AlreadySigned,
    #[error("The agreement has no text yet.")]
    EmptyBody,
    /// An amendment needs a signed version to amend.
    #[error("Only a version both have signed can be amended.")]
    NothingToAmend,
    /// The text still has parts marked "To be agreed".
    #[error("The text still has parts marked “To be agreed”: rewrite it from the conversation, or edit those parts, before signing.")]
    Incomplete,
    #[error("{}", messages(.0))]
    Invalid(Vec<FieldError>),
}

impl AgreementVersion {
    /// The parts that merge on their own time, the signatures: two versions
    /// of one agreement merged have the later edit's text, and for each
    /// partner the later signature either copy holds. A signature counts
    /// only while its fingerprint matches the text (see
    /// [`AgreementVersion::valid_signature`]), so one given to a text the
    /// merge did not keep is carried along but does not count; two copies of
    /// one text keep both partners' signatures (one may have signed in each).
    /// Each part merging on its own time makes the merge order-independent.
    fn later_parts(out: &mut AgreementVersion, a: &AgreementVersion, b: &AgreementVersion) {
        let at = |s: &Option<Signature>| s.as_ref().map(|s| s.signed_at);
        out.mentee_signature = later_part(&a.mentee_signature, &b.mentee_signature, at);
        out.mentor_signature = later_part(&a.mentor_signature, &b.mentor_signature, at);
    }

    /// A short fingerprint of this version's content (number, parties and
    /// text), e.g. `3F2A-91C0-77BE-0D14`. Either partner can compare it.
    pub fn fingerprint(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(format!(
            "tandem-agreement\nversion:{}\nmentee:{}\nmentor:{}\n\n",
            self.number, self.mentee, self.mentor
        ));
        hash.update(self.body.replace("\r\n", "\n").trim_end().as_bytes());
        let digest = hash.finalize();
        let hex: String = digest.iter().take(8).map(|b| format!("{b:02X}")).collect();
        hex.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect::<Vec<_>>()
            .join("-")
    }

    pub fn signature(&self, side: Side) -> Option<&Signature> {
        side.pick(&self.mentee_signature, &self.mentor_signature).as_ref()
    }

    pub(crate) fn signature_mut(&mut self, side: Side) -> &mut Option<Signature> {
        side.pick(&mut self.mentee_signature, &mut self.mentor_signature)
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

    /// The name of the partner on `side`, as this version gives it.
    pub fn party(&self, side: Side) -> &str {
        side.pick(&self.mentee, &self.mentor)
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
        // Stray control characters (pasted from a PDF) are dropped, not refused.
        let body = &*super::validate::clean_text(body);
        let mut e = Errors::default();
        e.text_of("body", "The agreement", body, BODY_MAX);
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
    pub fn sign(
        &mut self,
        side: Side,
        typed_name: &str,
        unsettled: &[String],
        now: DateTime<Utc>,
    ) -> Result<(), AgreementError> {
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
        let signature = Signature {
            name: normalize(typed_name),
            signed_at: now,
            fingerprint: self.fingerprint(),
            signed_on: None,
        };
        *self.signature_mut(side) = Some(signature);
        self.meta.touch(now);
        Ok(())
    }
}

/// Longest agreement text. Larger than other free text: the generated draft
/// gathers the focus, every theme's agreed words and every goal.
pub const BODY_MAX: usize = 1_000_000;

impl AgreementVersion {
    /// Checks the version on its own: its number, the parties' names, the
    /// text and the signatures. (That its id is the one derived from the
    /// mentorship and the number, and that no number appears twice, is
    /// checked with the mentorship, see `MentorshipDoc::validate`.)
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::default();
        if self.number == 0 {
            e.add("number", "A version's number starts at 1.");
        }
        e.name("mentee", "The mentee's name", &self.mentee);
        e.name("mentor", "The mentor's name", &self.mentor);
        e.text_of("body", "The agreement", &self.body, BODY_MAX);
        e.text_of("source", "The text the agreement was written from", &self.source, BODY_MAX);
        e.text("change_note", "What changed", &self.change_note);
        for side in Side::BOTH {
            if let Some(s) = self.signature(side) {
                e.name("signature", "A signature's name", &s.name);
                e.instant("signature", "The time of a signature", &s.signed_at);
                e.opt_date("signature", "The date of a signature", s.signed_on);
                e.line("signature", "A signature's fingerprint", &s.fingerprint);
            }
        }
        e.into_result()
    }
}

/// The newest version (highest number; the latest made if two tabs amended at once).
pub fn current(versions: &[AgreementVersion]) -> Option<&AgreementVersion> {
    versions.iter().filter(|v| v.is_live()).max_by_key(|v| (v.number, v.meta.created_at))
}

/// Every live version, newest first.
pub fn history(versions: &[AgreementVersion]) -> Vec<&AgreementVersion> {
    let mut list: Vec<&AgreementVersion> = versions.iter().filter(|v| v.is_live()).collect();
    super::order::sort_by_key(&mut list, |v| std::cmp::Reverse((v.number, v.meta.created_at)));
    list
}

/// The first version: a draft generated from the conversation and goals.
pub fn first_draft(
    mentorship: &Mentorship,
    themes: &[ThemeEntry],
    goals: &[Goal],
    now: DateTime<Utc>,
) -> AgreementVersion {
    let body = generate(mentorship, themes, goals);
    AgreementVersion {
        meta: Meta::with_id(version_id(mentorship.meta.id, 1), now),
        number: 1,
        mentee: mentorship.mentee.clone(),
        mentor: mentorship.mentor.clone(),
        source: body.clone(),
        body,
        ..Default::default()
    }
}

/// An amendment of a frozen version: the same text as a new draft, numbered
/// one higher, to be edited and signed again by both.
pub fn amend(
    signed: &AgreementVersion,
    mentorship: &Mentorship,
    note: &str,
    now: DateTime<Utc>,
) -> Result<AgreementVersion, AgreementError> {
    if !signed.is_frozen() {
        return Err(AgreementError::NothingToAmend);
    }
    Ok(AgreementVersion {
        meta: Meta::with_id(version_id(mentorship.meta.id, signed.number + 1), now),
        number: signed.number + 1,
        mentee: mentorship.mentee.clone(),
        mentor: mentorship.mentor.clone(),
        body: signed.body.clone(),
        source: signed.source.clone(),
        change_note: note.trim().to_string(),
        ..Default::default()
    })
}
