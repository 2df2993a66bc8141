//! Property tests: nothing a file can hold crashes Tandem.
//!
//! - `backup::parse` never panics on arbitrary bytes, nor on valid backups
//!   mutated at random (as text and as JSON), 10,000 cases each;
//! - a backup it accepts passes validation, renders through every text
//!   renderer and date reading in three time zones far apart (UTC−12:00,
//!   +05:45, +23:59; see `support::render`), and restores to the same data
//!   when exported and restored again;
//! - merging accepted data is commutative, associative and idempotent, for
//!   one mentorship's copies and for whole libraries whose mentorships come
//!   in any order.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use serde_json::Value;
use tandem::model::agreement;
use tandem::model::expectations::Voice;
use tandem::model::record::{self, Record};
use tandem::model::session_notes::Feedback;
use tandem::model::task::ActionItem;
use tandem::model::{sample, Library, MentorshipDoc, Side};
use tandem::storage::backup;
use uuid::Uuid;

mod support;

use support::{now, picked, render, FIXTURES};

/// Cases for the two parsing properties (the brief asks for ≥ 10,000).
const PARSE_CASES: u32 = 10_000;
/// Cases for the merge properties (copies of one mentorship; libraries,
/// whose cases each merge several mentorships).
const MERGE_CASES: u32 = 1_000;
const LIBRARY_CASES: u32 = 500;

/// Valid backups the mutations start from: the hand-written one, a generated
/// one, and small extreme ones.
fn seeds() -> &'static [(String, Value)] {
    static SEEDS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut texts = vec![
            support::fixture("backups/valid-schema-1.json"),
            backup::export(&sample::library(1, 3, now()), now()),
        ];
        for name in [
            "edge-dates--first-and-last-days-kept.json",
            "every-unicode-plane.json",
            "time-zone-offsets-at-the-limits.json",
            "empty-optional-parts.json",
            "closed-mentorship.json",
        ] {
            texts.push(picked(&std::path::Path::new(FIXTURES).join("extreme-backups").join(name)));
        }
        texts
            .into_iter()
            .map(|t| {
                let v: Value = serde_json::from_str(&t).expect("seed");
                (t, v)
            })
            .collect()
    })
}

/// What an accepted backup must satisfy.
fn accepted_backup_holds(b: &backup::Backup) -> Result<(), TestCaseError> {
    for doc in &b.library.mentorships {
        prop_assert!(doc.validate().is_ok(), "accepted but invalid: {:?}", doc.validate());
    }
    std::hint::black_box(render::library(&b.library, now(), &render::few_zones()));
    let again = backup::parse_at(&backup::export(&b.library, now()), now());
    let again = again.map(|a| a.library);
    prop_assert_eq!(again.as_ref(), Ok(&b.library), "restoring again");
    Ok(())
}

/// Values that break things: dates at and beyond the ends, odd numbers,
/// odd strings.
fn interesting() -> impl Strategy<Value = Value> {
    let strings = prop::sample::select(vec![
        "+262142-12-31T23:59:59.999999999Z",
        "-262143-01-01T00:00:00Z",
        "+262142-12-31",
        "1899-12-31T23:59:59Z",
        "2201-01-01T00:00:00Z",
        "2200-12-31T23:59:59-12:00",
        "1900-01-01T00:30:00+14:00",
        "2026-03-03T10:00:00+23:59",
        "2026-02-30",
        "0000-01-01",
        "",
        " ",
        "javascript:alert(1)",
        "HTTPS://ok.example",
        "Ada \u{202E}ecalevol",
        "\u{2068}Ada\u{2069}",
        "line\nbreak\ttab\u{c}\u{1b}[0m\u{85}",
        "\u{FEFF}",
        "\u{FFFD}\u{FFFD}",
        "custom",
        "meetings",
        "mentee",
        "mentor",
        "held",
        "cancelled",
        "rescheduled",
        "closed",
        "done",
        "dropped",
        "00000000-0000-0000-0000-000000000000",
        "0b7c6a4e-6f0e-4a53-9d2b-6c1f4f1e2a10",
        "😀𠀀\u{10FFFD}",
    ])
    .prop_map(|s| Value::String(s.to_string()));
    prop_oneof![
        4 => strings,
        1 => prop::sample::select(vec![-1i64, 0, 1, 5, 6, 255, 256, 720, 721, u32::MAX as i64, i64::MAX, i64::MIN])
            .prop_map(Value::from),
        1 => prop::sample::select(vec![u64::MAX, 1u64 << 32]).prop_map(Value::from),
        1 => Just(Value::from(1.5)),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Array(vec![])),
        1 => Just(Value::Object(Default::default())),
        1 => (0usize..300).prop_map(|n| Value::String("x".repeat(n * 200))),
        1 => (0usize..1200).prop_map(|n| Value::Array(vec![Value::from(3); n])),
    ]
}

/// One change to a backup. A path is followed from the list of mentorships
/// (where the records are) when it starts with an even number, else from the
/// top of the file.
#[derive(Clone, Debug)]
enum Mutation {
    /// Replace the node the path leads to.
    Replace(Vec<u16>, Value),
    /// Replace it only by a value of the same JSON type (a string by a
    /// string…), which reaches past the shape checks into validation.
    Same(Vec<u16>, Value),
    /// Remove the last key or element on the path.
    Remove(Vec<u16>),
    /// Copy the node the first path leads to onto the second.
    Copy(Vec<u16>, Vec<u16>),
    /// Change the text: overwrite a byte, cut, insert, or double a span.
    Byte(u32, u8),
    Cut(u32, u32),
    Insert(u32, String),
    Double(u32, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let path = || prop::collection::vec(any::<u16>(), 2..10);
    let snippet = prop::sample::select(
        [JSON_PIECES, &["\"", "\\", "\\u0000", "1e999", "-0", "\"deleted\":true,"]].concat(),
    )
    .prop_map(str::to_string);
    prop_oneof![
        3 => (path(), interesting()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        6 => (path(), interesting()).prop_map(|(p, v)| Mutation::Same(p, v)),
        2 => path().prop_map(Mutation::Remove),
        2 => (path(), path()).prop_map(|(a, b)| Mutation::Copy(a, b)),
        1 => (any::<u32>(), any::<u8>()).prop_map(|(i, b)| Mutation::Byte(i, b)),
        1 => (any::<u32>(), 0u32..64).prop_map(|(i, n)| Mutation::Cut(i, n)),
        1 => (any::<u32>(), snippet).prop_map(|(i, s)| Mutation::Insert(i, s)),
        1 => (any::<u32>(), 0u32..200).prop_map(|(i, n)| Mutation::Double(i, n)),
    ]
}

/// The node `path` leads to (each step picks a child by index, modulo the
/// number of children), stopping at a leaf; see [`Mutation`] for where it
/// starts.
fn walk<'a>(mut v: &'a mut Value, path: &[u16]) -> &'a mut Value {
    if path.first().is_some_and(|p| p % 2 == 0) && v.get("mentorships").is_some() {
        v = &mut v["mentorships"];
    }
    for step in path.iter().skip(1) {
        let n = match v {
            Value::Array(a) if !a.is_empty() => a.len(),
            Value::Object(o) if !o.is_empty() => o.len(),
            _ => break,
        };
        let k = *step as usize % n;
        v = match v {
            Value::Array(a) => &mut a[k],
            Value::Object(o) => o.values_mut().nth(k).expect("in range"),
            _ => unreachable!(),
        };
    }
    v
}

fn remove(v: &mut Value, path: &[u16]) {
    let (last, parent) = path.split_last().expect("non-empty");
    match walk(v, parent) {
        Value::Array(a) if !a.is_empty() => {
            a.remove(*last as usize % a.len());
        }
        Value::Object(o) if !o.is_empty() => {
            let key = o.keys().nth(*last as usize % o.len()).cloned().expect("in range");
            o.remove(&key);
        }
        _ => {}
    }
}

/// A char boundary at or before `i` (modulo the length).
fn at(text: &str, i: u32) -> usize {
    let mut i = (i as usize) % (text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(seed: &(String, Value), changes: &[Mutation]) -> String {
    let mut value = seed.1.clone();
    let mut text_changes = Vec::new();
    for c in changes {
        match c {
            Mutation::Replace(p, new) => *walk(&mut value, p) = new.clone(),
            Mutation::Same(p, new) => {
                let node = walk(&mut value, p);
                if std::mem::discriminant(node) == std::mem::discriminant(new) {
                    *node = new.clone();
                }
            }
            Mutation::Remove(p) => remove(&mut value, p),
            Mutation::Copy(from, to) => {
                let node = walk(&mut value, from).clone();
                *walk(&mut value, to) = node;
            }
            other => text_changes.push(other),
        }
    }
    let mut text = if changes.len() == text_changes.len() {
        seed.0.clone()
    } else {
        serde_json::to_string_pretty(&value).expect("json")
    };
    for c in text_changes {
        match c {
            Mutation::Byte(i, b) => {
                let i = at(&text, *i);
                let mut bytes = text.into_bytes();
                if i < bytes.len() {
                    bytes[i] = *b;
                }
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
            Mutation::Cut(i, n) => {
                let start = at(&text, *i);
                let end = at(&text, (start as u32).saturating_add(*n)).max(start);
                text.replace_range(start..end, "");
            }
            Mutation::Insert(i, s) => {
                let i = at(&text, *i);
                text.insert_str(i, s);
            }
            Mutation::Double(i, n) => {
                let start = at(&text, *i);
                let end = at(&text, (start as u32).saturating_add(*n)).max(start);
                let span = text[start..end].to_string();
                text.insert_str(end, &span);
            }
            _ => unreachable!(),
        }
    }
    text
}

/// Pieces of JSON that break it in interesting ways.
const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "\"\\ud800\"",
    "\u{0}",
    "\u{FEFF}",
    "\"format\":\"x\",",
    "\"schema\":1,",
];

/// Text built from JSON's own pieces and backup words, so arbitrary input
/// reaches past the JSON parser more often than random bytes do.
fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(
        [
            JSON_PIECES,
            &["\"mentorships\"", "\"profile\"", "\"mentorship\"", "\"meta\"", "\"id\"", "true"],
            &["\"exported_at\"", "\"+262142-12-31T23:59:59Z\"", "\"2026-03-01T10:00:00Z\""],
            &[" ", "\n", "\"x\"", "1", "0", "\"format\"", "\"tandem-backup\"", "\"schema\""],
        ]
        .concat(),
    );
    prop::collection::vec(token, 0..80).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: PARSE_CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_input(
        input in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..1024).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
            token_soup(),
        ]
    ) {
        if let Ok(b) = backup::parse_at(&input, now()) {
            accepted_backup_holds(&b)?;
        }
    }

    #[test]
    fn parse_never_panics_on_mutated_backups(
        seed in 0usize..7,
        changes in prop::collection::vec(mutation(), 1..4),
    ) {
        let seeds = seeds();
        let text = mutate(&seeds[seed % seeds.len()], &changes);
        if let Ok(b) = backup::parse_at(&text, now()) {
            accepted_backup_holds(&b)?;
        }
    }
}

// ------------------------------------------------------------------ merge

/// One replica's edit, at `at` seconds after now (few values, so copies
/// often change things at the same instant and ties are exercised).
#[derive(Clone, Debug)]
enum Op {
    EditItem(usize, i64),
    DeleteItem(usize, i64),
    AddItem(i64),
    Agenda(usize, i64),
    Summary(usize, i64),
    Feedback(usize, bool, u8, i64),
    Answer(usize, u8, i64),
    EditDraft(i64),
    SignDraft(bool, i64),
    DeleteSession(usize, i64),
    DeleteMentorship(i64),
    Retitle(i64),
}

fn op() -> impl Strategy<Value = Op> {
    let t = || 0i64..12;
    prop_oneof![
        (0usize..8, t()).prop_map(|(k, at)| Op::EditItem(k, at)),
        (0usize..8, t()).prop_map(|(k, at)| Op::DeleteItem(k, at)),
        t().prop_map(Op::AddItem),
        (0usize..4, t()).prop_map(|(k, at)| Op::Agenda(k, at)),
        (0usize..4, t()).prop_map(|(k, at)| Op::Summary(k, at)),
        (0usize..4, any::<bool>(), 1u8..=5, t())
            .prop_map(|(k, s, r, at)| Op::Feedback(k, s, r, at)),
        (0usize..16, 0u8..3, t()).prop_map(|(k, v, at)| Op::Answer(k, v, at)),
        t().prop_map(Op::EditDraft),
        (any::<bool>(), t()).prop_map(|(s, at)| Op::SignDraft(s, at)),
        (0usize..4, t()).prop_map(|(k, at)| Op::DeleteSession(k, at)),
        (20i64..24).prop_map(Op::DeleteMentorship),
        t().prop_map(Op::Retitle),
    ]
}

/// A mentorship with a signed agreement and a draft amendment, so edits and
/// signatures have something to work on (made once per seed).
fn base(seed: u64) -> MentorshipDoc {
    static BASES: OnceLock<Vec<MentorshipDoc>> = OnceLock::new();
    let bases = BASES.get_or_init(|| {
        (0..16)
            .map(|seed| {
                let mut doc = sample::mentorship(seed, 4, now());
                doc.actions.truncate(8);
                let signed = doc.agreements[0].clone();
                let draft =
                    agreement::amend(&signed, &doc.mentorship, "More often", now()).expect("amend");
                doc.agreements.push(draft);
                doc.normalize();
                doc
            })
            .collect()
    });
    bases[seed as usize % bases.len()].clone()
}

fn side(mentee: bool) -> Side {
    if mentee {
        Side::Mentee
    } else {
        Side::Mentor
    }
}

fn apply(doc: &mut MentorshipDoc, ops: &[Op], who: u128) {
    let when = |at: &i64| now() + Duration::seconds(*at);
    for (n, op) in ops.iter().enumerate() {
        let tag = format!("r{who} op{n}");
        let items: Vec<Uuid> = doc.actions.iter().map(Record::id).collect();
        let sessions: Vec<Uuid> = doc.sessions.iter().map(Record::id).collect();
        let pick = |ids: &[Uuid], k: &usize| ids.get(k % ids.len().max(1)).copied();
        match op {
            Op::EditItem(k, at) => {
                if let Some(id) = pick(&items, k) {
                    record::update(&mut doc.actions, id, when(at), |i| i.text = tag.clone());
                }
            }
            Op::DeleteItem(k, at) => {
                if let Some(id) = pick(&items, k) {
                    record::remove(&mut doc.actions, id, when(at));
                }
            }
            Op::AddItem(at) => {
                let mut item = ActionItem::new(&tag, Side::Mentee, None, when(at));
                item.meta.id = Uuid::from_u128((who << 64) | (n as u128 + 1));
                doc.actions.push(item);
            }
            Op::Agenda(k, at) => {
                if let Some(id) = pick(&sessions, k) {
                    record::update(&mut doc.sessions, id, when(at), |s| {
                        s.agenda.update = tag.clone();
                        s.agenda.updated_at = Some(when(at));
                    });
                }
            }
            Op::Summary(k, at) => {
                if let Some(id) = pick(&sessions, k) {
                    record::update(&mut doc.sessions, id, when(at), |s| {
                        s.summary.notes = tag.clone();
                        s.summary.updated_at = Some(when(at));
                    });
                }
            }
            Op::Feedback(k, mentee, rating, at) => {
                if let Some(id) = pick(&sessions, k) {
                    record::update(&mut doc.sessions, id, when(at), |s| {
                        *s.feedback_mut(side(*mentee)) = Some(Feedback {
                            rating: *rating,
                            comment: tag.clone(),
                            updated_at: Some(when(at)),
                        });
                    });
                }
            }
            Op::Answer(k, voice, at) => {
                let themes: Vec<Uuid> = doc.themes.iter().map(Record::id).collect();
                if let Some(id) = pick(&themes, k) {
                    let voice = match voice {
                        0 => Voice::Partner(Side::Mentee),
                        1 => Voice::Partner(Side::Mentor),
                        _ => Voice::Consensus,
                    };
                    record::update(&mut doc.themes, id, when(at), |t| {
                        t.answer_mut(voice).text = tag.clone();
                        t.answer_mut(voice).updated_at = Some(when(at));
                    });
                }
            }
            Op::EditDraft(at) => {
                if let Some(v) = doc.agreements.iter_mut().find(|v| v.number == 2 && v.is_live()) {
                    let _ = v.edit(&format!("# Agreement\n\n{tag}\n"), when(at));
                }
            }
            Op::SignDraft(mentee, at) => {
                if let Some(v) = doc.agreements.iter_mut().find(|v| v.number == 2 && v.is_live()) {
                    let name = v.party(side(*mentee)).to_string();
                    let _ = v.sign(side(*mentee), &name, &[], when(at));
                }
            }
            Op::DeleteSession(k, at) => {
                if let Some(id) = pick(&sessions, k) {
                    record::remove(&mut doc.sessions, id, when(at));
                }
            }
            Op::DeleteMentorship(at) => doc.tombstone(when(at)),
            Op::Retitle(at) => {
                doc.mentorship.focus = tag.clone();
                doc.mentorship.meta.touch(when(at));
            }
        }
    }
}

/// Replicas of one base, each after its own edits, in normal form (as a
/// restore or a load gives them).
fn replicas(seed: u64, ops: &[Vec<Op>]) -> Vec<MentorshipDoc> {
    let b = base(seed);
    ops.iter()
        .enumerate()
        .map(|(k, ops)| {
            let mut d = b.clone();
            apply(&mut d, ops, k as u128 + 1);
            d.normalize();
            d
        })
        .collect()
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(op(), 0..10)
}

fn normal(doc: &MentorshipDoc) -> MentorshipDoc {
    let mut d = doc.clone();
    d.normalize();
    d
}

/// A library holding some of the replicas, in the given order.
fn library(docs: &[&MentorshipDoc], order: &[usize], profile_at: i64) -> Library {
    let mut lib = Library::default();
    lib.profile.name = format!("at {profile_at}");
    lib.profile.meta.updated_at = now() + Duration::seconds(profile_at);
    for k in order {
        lib.mentorships.push(docs[k % docs.len()].clone());
    }
    lib.mentorships.dedup_by_key(|d| d.id());
    let mut seen = std::collections::HashSet::new();
    lib.mentorships.retain(|d| seen.insert(d.id()));
    lib
}

proptest! {
    #![proptest_config(ProptestConfig { cases: MERGE_CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn merging_copies_of_a_mentorship_is_a_join(a in ops(), b in ops(), c in ops()) {
        let r = replicas(7, &[a, b, c]);
        let (x, y, z) = (&r[0], &r[1], &r[2]);
        let xy = x.merge(y);
        prop_assert_eq!(&xy, &y.merge(x), "commutative");
        prop_assert_eq!(xy.merge(z), x.merge(&y.merge(z)), "associative");
        prop_assert_eq!(&x.merge(x), x, "idempotent");
        prop_assert_eq!(&xy.merge(x), &xy, "merging an input again changes nothing");
        prop_assert_eq!(&normal(&xy), &xy, "a merge of normal data is normal");
        prop_assert!(xy.validate().is_ok(), "{:?}", xy.validate());
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: LIBRARY_CASES, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn merging_libraries_is_a_join_whatever_the_order(
        a in ops(), b in ops(), c in ops(), d in ops(),
        orders in prop::collection::vec(prop::collection::vec(0usize..4, 0..5), 3),
        profiles in prop::collection::vec(0i64..3, 3),
    ) {
        let first = replicas(3, &[a, b]);
        let second = replicas(11, &[c, d]);
        let docs = [&first[0], &first[1], &second[0], &second[1]];
        let l: Vec<Library> = (0..3).map(|k| library(&docs, &orders[k], profiles[k])).collect();
        let (x, y, z) = (&l[0], &l[1], &l[2]);
        let xy = x.merge(y);
        prop_assert_eq!(&xy, &y.merge(x), "commutative");
        prop_assert_eq!(xy.merge(z), x.merge(&y.merge(z)), "associative");
        let mut reversed = x.clone();
        reversed.mentorships.reverse();
        prop_assert_eq!(x.merge(x), reversed.merge(&reversed), "idempotent, in any order");
        prop_assert_eq!(&xy.merge(x), &xy, "merging an input again changes nothing");
    }
}

#[test]
fn a_signature_given_in_one_copy_survives_a_merge_order_that_passes_another_text() {
    // Device B signed text F; device C edited it to G; device A has F newer.
    let doc = base(5);
    fn draft(d: &mut MentorshipDoc) -> &mut tandem::model::agreement::AgreementVersion {
        d.agreements.iter_mut().find(|v| v.number == 2).expect("draft")
    }
    let at = |s: i64| -> DateTime<Utc> { now() + Duration::seconds(s) };
    let (mut a, mut b, mut c) = (doc.clone(), doc.clone(), doc.clone());
    let mentee = draft(&mut b).party(Side::Mentee).to_string();
    draft(&mut b).sign(Side::Mentee, &mentee, &[], at(1)).expect("sign");
    draft(&mut c).edit("# Another text\n", at(2)).expect("edit");
    let mentor = draft(&mut a).party(Side::Mentor).to_string();
    draft(&mut a).sign(Side::Mentor, &mentor, &[], at(3)).expect("sign");
    let one = a.merge(&b).merge(&c);
    let other = a.merge(&b.merge(&c));
    assert_eq!(one, other);
    let v = one.agreements.iter().find(|v| v.number == 2).expect("draft");
    assert!(v.is_frozen(), "both signatures count on the text both signed");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Form dates are read by hand (not with chrono's format parser, to keep
    /// it out of the wasm): every written date reads back as chrono reads
    /// it, in Tandem's years, and nothing is accepted that chrono refuses.
    #[test]
    fn dates_read_by_hand_as_chrono_reads_them(
        y in 1800..2300i32, m in 0..14u32, d in 0..33u32, junk in "[ 0-9:+-]{0,12}",
    ) {
        use tandem::model::validate::{parse_date, YEAR_MAX, YEAR_MIN};
        let written = format!("{y:04}-{m:02}-{d:02}");
        let expected = chrono::NaiveDate::from_ymd_opt(y, m, d)
            .filter(|date| (YEAR_MIN..=YEAR_MAX).contains(&chrono::Datelike::year(date)));
        prop_assert_eq!(parse_date(&written), expected);
        for text in [junk.as_str(), &format!("{written}{junk}")] {
            if let Some(date) = parse_date(text) {
                let chrono_reads = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d");
                prop_assert_eq!(chrono_reads, Ok(date), "{}", text);
            }
        }
    }

    /// Times likewise: `HH:MM` and `HH:MM:SS` as chrono reads them.
    #[test]
    fn times_read_by_hand_as_chrono_reads_them(
        h in 0..26u32, m in 0..62u32, s in 0..62u32, junk in "[ 0-9:]{0,10}",
    ) {
        use tandem::model::validate::parse_time;
        let short = format!("{h:02}:{m:02}");
        prop_assert_eq!(parse_time(&short), chrono::NaiveTime::from_hms_opt(h, m, 0));
        let long = format!("{h:02}:{m:02}:{s:02}");
        prop_assert_eq!(parse_time(&long), chrono::NaiveTime::from_hms_opt(h, m, s));
        if let Some(time) = parse_time(&junk) {
            let text = junk.trim();
            let chrono_reads = chrono::NaiveTime::parse_from_str(text, "%H:%M")
                .or_else(|_| chrono::NaiveTime::parse_from_str(text, "%H:%M:%S"));
            prop_assert_eq!(chrono_reads, Ok(time), "{}", text);
        }
    }

    /// Stored dates and instants are written by hand (`model::stored_time`):
    /// byte for byte what chrono writes, in UTC and at any offset of whole
    /// seconds (rounded to the minute; a few seconds is `+00:00`, not `Z`),
    /// leap seconds, years 0 and beyond 9999 included, through every
    /// `#[serde(with)]` module, so the stored form never changes.
    #[test]
    fn stored_dates_and_instants_are_written_as_chrono_writes_them(
        seconds in prop_oneof![
            -8_000_000_000_000i64..8_000_000_000_000,
            -70_000_000_000i64..260_000_000_000,
            0i64..4_200_000_000,
            // The first and last seconds of years -1, 0, 9999 and 10000.
            prop::sample::select(vec![
                -62_198_755_200i64, -62_167_219_201, -62_167_219_200, -62_135_596_801,
                253_370_764_800, 253_402_300_799, 253_402_300_800, 253_434_009_599,
            ]),
        ],
        nanos in prop_oneof![
            Just(0u32),
            (0..1_000u32).prop_map(|ms| ms * 1_000_000),
            (0..1_000_000u32).prop_map(|us| us * 1_000),
            0..2_000_000_000u32,
        ],
        offset in prop_oneof![
            Just(0i32),
            -86_399..86_400i32,
            (-1439..1440i32).prop_map(|m| m * 60),
            -29..30i32,
        ],
    ) {
        use chrono::{FixedOffset, NaiveDateTime};
        let Some(utc) = DateTime::<Utc>::from_timestamp(seconds, nanos % 1_000_000_000) else {
            return Ok(());
        };
        // A leap second: nanoseconds past 1e9, only at a minute's last second.
        let last_second = utc.timestamp().rem_euclid(60) == 59;
        let naive: NaiveDateTime = if nanos >= 1_000_000_000 && last_second {
            chrono::Timelike::with_nanosecond(&utc.naive_utc(), nanos).unwrap_or(utc.naive_utc())
        } else {
            utc.naive_utc()
        };
        let utc = naive.and_utc();
        let local = FixedOffset::east_opt(offset)
            .filter(|_| naive.checked_add_signed(Duration::seconds(offset.into())).is_some())
            .map(|zone| utc.with_timezone(&zone));
        let (ours, chronos) = written_both_ways(utc.date_naive(), utc, local);
        prop_assert_eq!(ours, chronos);
    }

    /// Stored dates and instants are read by hand too (`model::stored_time`):
    /// whatever chrono writes reads back to the same value, mutated forms
    /// included, and nothing is accepted that chrono would read otherwise or
    /// refuse.
    #[test]
    fn stored_dates_and_instants_read_as_chrono_reads_them(
        seconds in -8_000_000_000_000i64..8_000_000_000_000,
        nanos in prop_oneof![Just(0u32), 0..1_000_000_000u32],
        offset_minutes in -1439..1440i32,
        at in any::<prop::sample::Index>(),
        replacement in "[0-9TtZz:. +-]?",
    ) {
        use chrono::{FixedOffset, NaiveDate};
        use tandem::model::stored_time::{read_date, read_instant};
        let Some(instant) = DateTime::<Utc>::from_timestamp(seconds, nanos) else {
            return Ok(());
        };
        let written = serde_json::to_value(instant).unwrap();
        let written = written.as_str().unwrap();
        prop_assert_eq!(read_instant(written).map(|t| t.with_timezone(&Utc)), Some(instant));
        let date = instant.date_naive();
        let written_date = serde_json::to_value(date).unwrap();
        prop_assert_eq!(read_date(written_date.as_str().unwrap()), Some(date));
        // (RFC 3339 has offsets of whole minutes, as a browser's are)
        let offset = offset_minutes * 60;
        let local = FixedOffset::east_opt(offset).and_then(|o| {
            instant.naive_utc().checked_add_signed(Duration::seconds(offset.into()))?;
            Some(instant.with_timezone(&o))
        });
        if let Some(local) = local {
            let written = serde_json::to_value(local).unwrap();
            prop_assert_eq!(read_instant(written.as_str().unwrap()), Some(local));
        }

        for text in [written, written_date.as_str().unwrap()] {
            let mut mutated: Vec<char> = text.chars().collect();
            let i = at.index(mutated.len());
            match replacement.chars().next() {
                Some(c) => mutated[i] = c,
                None => { mutated.remove(i); }
            }
            let mutated: String = mutated.into_iter().collect();
            if let Some(read) = read_instant(&mutated) {
                prop_assert_eq!(mutated.parse::<DateTime<FixedOffset>>(), Ok(read), "{}", mutated);
            }
            if let Some(read) = read_date(&mutated) {
                prop_assert_eq!(mutated.parse::<NaiveDate>(), Ok(read), "{}", mutated);
            }
        }
    }
}

/// The same dates and instants written through `model::stored_time`'s
/// `#[serde(with)]` modules and by chrono's own `Serialize`.
fn written_both_ways(
    date: chrono::NaiveDate,
    instant: DateTime<Utc>,
    local: Option<DateTime<chrono::FixedOffset>>,
) -> (Value, Value) {
    use chrono::{FixedOffset, NaiveDate};
    #[derive(serde::Serialize)]
    struct Ours {
        #[serde(with = "tandem::model::stored_time::date")]
        date: NaiveDate,
        #[serde(with = "tandem::model::stored_time::optional_date")]
        some_date: Option<NaiveDate>,
        #[serde(with = "tandem::model::stored_time::optional_date")]
        no_date: Option<NaiveDate>,
        #[serde(with = "tandem::model::stored_time::instant")]
        instant: DateTime<Utc>,
        #[serde(with = "tandem::model::stored_time::optional_instant")]
        some_instant: Option<DateTime<Utc>>,
        #[serde(with = "tandem::model::stored_time::optional_instant")]
        no_instant: Option<DateTime<Utc>>,
        #[serde(with = "tandem::model::stored_time::local_instant")]
        local: DateTime<FixedOffset>,
        #[serde(with = "tandem::model::stored_time::optional_local_instant")]
        some_local: Option<DateTime<FixedOffset>>,
        #[serde(with = "tandem::model::stored_time::optional_local_instant")]
        no_local: Option<DateTime<FixedOffset>>,
    }
    let local = local.unwrap_or_else(|| instant.fixed_offset());
    let ours = Ours {
        date,
        some_date: Some(date),
        no_date: None,
        instant,
        some_instant: Some(instant),
        no_instant: None,
        local,
        some_local: Some(local),
        no_local: None,
    };
    // chrono's own Serialize, field by field.
    let chronos = serde_json::json!({
        "date": date,
        "some_date": Some(date),
        "no_date": None::<NaiveDate>,
        "instant": instant,
        "some_instant": Some(instant),
        "no_instant": None::<DateTime<Utc>>,
        "local": local,
        "some_local": Some(local),
        "no_local": None::<DateTime<FixedOffset>>,
    });
    (serde_json::to_value(&ours).unwrap_or_default(), chronos)
}
