//! The mentoring agreement: generated text (golden file), signing rules,
//! freezing, amendments and the fingerprint.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use tandem::model::agreement::{self, AgreementError};
use tandem::model::agreement_text;
use tandem::model::expectations::{self, ThemeEntry};
use tandem::model::goal::Goal;
use tandem::model::mentorship::Mentorship;
use tandem::model::themes::THEMES;
use tandem::model::{Meta, Side};
use uuid::Uuid;

mod support;

use support::{golden, now};

/// The shared pair, with a planned end and a focus for the agreement to name.
fn mentorship() -> Mentorship {
    Mentorship {
        planned_end: NaiveDate::from_ymd_opt(2026, 9, 1),
        focus: "Growing from analyst to engineering lead.".into(),
        ..support::mentorship()
    }
}

/// Every theme settled on its suggestion, plus one theme of the pair's own.
fn settled_themes(m: &Mentorship) -> Vec<ThemeEntry> {
    let mut out: Vec<ThemeEntry> = THEMES
        .iter()
        .map(|spec| {
            let mut e = ThemeEntry::builtin(m.meta.id, spec.key, now());
            for f in spec.fields {
                e.consensus.set(f.key, f.suggested);
            }
            e.consensus.text = spec.suggestion.into();
            e
        })
        .collect();
    let mut custom =
        ThemeEntry::custom("Writing", "How do we review drafts?", now()).expect("valid");
    custom.meta.id = Uuid::from_u128(2);
    custom.consensus.text = "Drafts go in a shared document; comments within a week.".into();
    out.push(custom);
    out
}

fn goals() -> Vec<Goal> {
    vec![
        Goal {
            meta: Meta::with_id(Uuid::from_u128(3), now()),
            title: "Lead a team project".into(),
            measure: "One project led end to end, with a retrospective".into(),
            target_date: NaiveDate::from_ymd_opt(2026, 8, 31),
            ..Default::default()
        },
        Goal {
            meta: Meta::with_id(Uuid::from_u128(4), now()),
            title: "Speak at a meetup".into(),
            ..Default::default()
        },
    ]
}

#[test]
fn the_agreement_is_generated_from_the_consensus_and_goals() {
    let m = mentorship();
    let text = agreement_text::generate(&m, &settled_themes(&m), &goals());
    for heading in agreement_text::SECTIONS {
        assert!(text.contains(heading), "section {heading}");
    }
    golden("agreement.md", &text);
}

#[test]
fn unsettled_themes_read_to_be_agreed_and_block_signing() {
    let m = mentorship();
    let mut themes = settled_themes(&m);
    themes.retain(|t| t.key != "confidentiality");
    let text = agreement_text::generate(&m, &themes, &[]);
    let confidentiality = text.split("## 5. Confidentiality").nth(1).expect("section");
    assert!(confidentiality.trim_start().starts_with("_To be agreed._"));

    let all = expectations::all_themes(m.meta.id, &themes);
    let open = expectations::unsettled(&all);
    assert_eq!(open, vec!["Confidentiality".to_string()]);
    let mut v = agreement::first_draft(&m, &themes, &[], now());
    assert_eq!(
        v.sign(Side::Mentee, "Ada Lovelace", &open, now()),
        Err(AgreementError::Unsettled(open.clone()))
    );
    // Settled since, but the draft was written before: its gaps block signing.
    assert_eq!(v.sign(Side::Mentee, "Ada Lovelace", &[], now()), Err(AgreementError::Incomplete));
    assert!(AgreementError::Unsettled(open).to_string().contains("Confidentiality"));
}

#[test]
fn signing_needs_the_exact_name_and_both_signatures_freeze_it() {
    let m = mentorship();
    let mut v = agreement::first_draft(&m, &settled_themes(&m), &goals(), now());
    assert_eq!(
        v.sign(Side::Mentee, "Ada", &[], now()),
        Err(AgreementError::NameMismatch { expected: "Ada Lovelace".into() })
    );
    assert_eq!(
        v.sign(Side::Mentor, "Ada Lovelace", &[], now()),
        Err(AgreementError::NameMismatch { expected: "Charles Babbage".into() }),
        "one cannot sign for the other"
    );
    v.sign(Side::Mentee, "  ada   lovelace ", &[], now()).expect("case and spacing aside");
    assert!(!v.is_frozen(), "one signature is not enough");
    assert_eq!(
        v.sign(Side::Mentee, "Ada Lovelace", &[], now()),
        Err(AgreementError::AlreadySigned)
    );

    // Editing after one signature withdraws it: nobody is bound to unseen words.
    let edited = format!("{}\nOne more line.\n", v.body);
    v.edit(&edited, now()).expect("still a draft");
    assert!(v.valid_signature(Side::Mentee).is_none());
    v.sign(Side::Mentee, "Ada Lovelace", &[], now()).expect("signs again");
    v.sign(Side::Mentor, "Charles Babbage", &[], now()).expect("mentor signs");
    assert!(v.is_frozen());
    assert_eq!(v.signed_on(), Some(now().date_naive()));
    assert_eq!(v.edit("changed", now()), Err(AgreementError::Frozen));
    assert_eq!(v.sign(Side::Mentor, "Charles Babbage", &[], now()), Err(AgreementError::Frozen));
    // Renaming a partner later does not unfreeze a signed version.
    let mut renamed = m.clone();
    renamed.mentee = "Augusta Ada King".into();
    v.sync_parties(&renamed, now());
    assert!(v.is_frozen());
}

#[test]
fn signatures_given_in_two_copies_of_the_same_text_are_both_kept() {
    use tandem::model::record::merge_records;
    let m = mentorship();
    let draft = agreement::first_draft(&m, &settled_themes(&m), &goals(), now());
    let (mut a, mut b) = (draft.clone(), draft.clone());
    a.sign(Side::Mentee, "Ada Lovelace", &[], now()).expect("sign in tab A");
    b.sign(Side::Mentor, "Charles Babbage", &[], now() + chrono::Duration::minutes(1))
        .expect("sign in tab B");
    for merged in
        [merge_records(&[a.clone()], &[b.clone()]), merge_records(&[b.clone()], &[a.clone()])]
    {
        assert!(merged[0].is_frozen(), "both signatures survive the merge, in either order");
    }
    // Two tabs drafting at once make the same version, not two.
    assert_eq!(draft.meta.id, agreement::first_draft(&m, &[], &[], now()).meta.id);
}

#[test]
fn an_amendment_is_a_new_draft_that_both_sign_again() {
    let m = mentorship();
    let mut v1 = agreement::first_draft(&m, &settled_themes(&m), &goals(), now());
    assert_eq!(
        agreement::amend(&v1, &m, "", now()).map(|_| ()),
        Err(AgreementError::NothingToAmend)
    );
    v1.sign(Side::Mentee, "Ada Lovelace", &[], now()).expect("sign");
    v1.sign(Side::Mentor, "Charles Babbage", &[], now()).expect("sign");
    let later = now() + chrono::Duration::days(40);
    let mut v2 = agreement::amend(&v1, &m, "Fortnightly from April", later).expect("amend");
    assert_eq!(v2.number, 2);
    assert!(!v2.is_frozen() && v2.mentee_signature.is_none());
    v2.edit(&v1.body.replace("weekly", "every two weeks"), later).expect("draft");
    let versions = vec![v1.clone(), v2.clone()];
    assert_eq!(agreement::current(&versions).map(|v| v.number), Some(2));
    let history: Vec<u32> = agreement::history(&versions).iter().map(|v| v.number).collect();
    assert_eq!(history, vec![2, 1]);
    assert!(v1.is_frozen(), "the earlier version stays as signed");
    assert_ne!(v1.fingerprint(), v2.fingerprint());
}

#[test]
fn the_fingerprint_is_stable_and_sensitive_to_content() {
    let m = mentorship();
    let v = agreement::first_draft(&m, &settled_themes(&m), &goals(), now());
    let fp = v.fingerprint();
    assert_eq!(fp.len(), 19);
    assert!(fp.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
    // Same content, another copy (another device, another time): same fingerprint.
    let mut copy = v.clone();
    copy.meta = Meta::new(now() + chrono::Duration::days(3));
    assert_eq!(copy.fingerprint(), fp);
    // Windows line endings and trailing blank lines do not change it.
    copy.body = format!("{}\n\n", v.body.replace('\n', "\r\n"));
    assert_eq!(copy.fingerprint(), fp);
    // A changed word, a renamed party or a new number does.
    let mut changed = v.clone();
    changed.body = v.body.replacen("weekly", "Weekly", 1);
    assert_ne!(changed.fingerprint(), fp);
    let mut renamed = v.clone();
    renamed.mentor = "C. Babbage".into();
    assert_ne!(renamed.fingerprint(), fp);
    // Pinned: signed agreements stay frozen only while this never changes.
    let fixed = tandem::model::agreement::AgreementVersion {
        number: 1,
        mentee: "Ada Lovelace".into(),
        mentor: "Charles Babbage".into(),
        body: "# Mentoring agreement\n\nWe meet weekly.\n".into(),
        ..Default::default()
    };
    assert_eq!(fixed.fingerprint(), "10C8-DDBD-8273-A301", "checked with Python hashlib.sha256");
}
