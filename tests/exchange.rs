//! Exchanging a mentorship between devices (`model::exchange`): what a bundle
//! carries and never carries, every refusal, ownership, and — as property
//! tests — three devices editing and exchanging in any order converge.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use tandem::model::agreement::Signature;
use tandem::model::checkin::CheckIn;
use tandem::model::exchange::bundle::shareable;
use tandem::model::exchange::receive::Context;
use tandem::model::exchange::{receive, text, Bundle, Fingerprints, Refusal};
use tandem::model::expectations::Voice;
use tandem::model::private_note::PrivateNote;
use tandem::model::record::{self, Meta, Record};
use tandem::model::session_notes::Feedback;
use tandem::model::task::ActionItem;
use tandem::model::{sample, MentorshipDoc, Side};
use uuid::Uuid;

mod support;

use support::now;

const MENTEE_LAPTOP: Uuid = Uuid::from_u128(0xA1);
const MENTEE_PHONE: Uuid = Uuid::from_u128(0xA2);
const MENTOR_LAPTOP: Uuid = Uuid::from_u128(0xB1);

/// The mentee's copy: a lived-in mentorship with a private note.
fn mentees_copy() -> MentorshipDoc {
    let mut doc = sample::mentorship(8, 6, now());
    doc.mentorship.my_role = Side::Mentee;
    doc.private_notes.push(PrivateNote {
        meta: Meta::new(now()),
        session: None,
        text: "Nervous about the promotion talk".into(),
        owner: Some(Side::Mentee),
    });
    doc
}

fn context(device: Uuid) -> Context {
    Context { device, now: now(), ..Default::default() }
}

/// The mentor's device after joining from the mentee's invitation.
fn mentors_copy(mentee: &MentorshipDoc) -> MentorshipDoc {
    let bundle = Bundle::whole(mentee, MENTEE_LAPTOP, now());
    receive(None, &bundle, &context(MENTOR_LAPTOP)).expect("joins").merged
}

#[test]
fn a_bundle_never_carries_private_notes_or_which_side_uses_the_device() {
    let mut doc = mentees_copy();
    doc.mentorship.my_role = Side::Mentor;
    let bundle = Bundle::whole(&doc, MENTEE_LAPTOP, now());
    assert_eq!(bundle.from, Side::Mentor, "it says who sends it");
    assert!(bundle.doc.private_notes.is_empty());
    let json = serde_json::to_string(&bundle).expect("json");
    assert!(!json.contains("Nervous"), "the private note's text is not in it");
    assert!(!json.contains("\"my_role\":\"mentor\""), "the device's side is not in it");
    let read = text::read(&text::write(&bundle)).expect("reads back");
    assert_eq!(read, bundle);
}

#[test]
fn an_invitation_joins_the_mentor_with_their_own_side_and_nothing_private() {
    let mentee = mentees_copy();
    let bundle = Bundle::whole(&mentee, MENTEE_LAPTOP, now());
    let message =
        format!("Join me on Tandem: https://tandem.example/receive#{}", text::write(&bundle));
    let bundle = text::read(&message).expect("found in the message");
    let received = receive(None, &bundle, &context(MENTOR_LAPTOP)).expect("accepted");
    assert!(received.joining);
    assert_eq!(received.sender, mentee.mentorship.mentee);
    assert_eq!(received.my_side, Side::Mentor);
    assert_eq!(received.merged.mentorship.my_role, Side::Mentor);
    assert!(received.merged.private_notes.is_empty());
    assert_eq!(received.merged.sessions.len(), mentee.sessions.len());
    let added: usize = received.changes.0.iter().map(|k| k.added).sum();
    assert!(added > 10, "the preview lists what joining adds: {:?}", received.changes);
}

#[test]
fn each_side_changes_only_its_own_records() {
    let mentee = mentees_copy();
    let mut mentor = mentors_copy(&mentee);
    // The mentor's device tries to rewrite the mentee's answer, feedback and
    // check-in, and adds a check-in in the mentee's name.
    let theme = mentor.themes[0].id();
    record::update(&mut mentor.themes, theme, now() + Duration::minutes(5), |e| {
        e.mentee.text = "Put words in her mouth".into();
        e.mentee.updated_at = Some(now() + Duration::minutes(5));
        e.mentor.text = "My own view".into();
        e.mentor.updated_at = Some(now() + Duration::minutes(5));
    });
    mentor.checkins.push(CheckIn {
        meta: Meta::new(now()),
        side: Side::Mentee,
        on: now().date_naive(),
        ratings: vec![1; 5],
        ..Default::default()
    });
    let bundle = Bundle::whole(&mentor, MENTOR_LAPTOP, now() + Duration::minutes(6));
    let received = receive(Some(&mentee), &bundle, &context(MENTEE_LAPTOP)).expect("accepted");
    assert_eq!(received.refused, 2, "the answer and the check-in are refused");
    let entry = received.merged.themes.iter().find(|e| e.id() == theme).expect("theme");
    assert_eq!(entry.mentee, mentee.themes[0].mentee, "the mentee's answer is hers");
    assert_eq!(entry.mentor.text, "My own view", "the mentor's own answer comes through");
    assert_eq!(received.merged.checkins.len(), mentee.checkins.len());
    assert_eq!(received.merged.private_notes, mentee.private_notes, "her note stays");
    assert_eq!(received.merged.mentorship.my_role, Side::Mentee);
}

#[test]
fn signatures_on_two_devices_combine() {
    let mut mentee = mentees_copy();
    let version = mentee.agreements[0].id();
    mentee.agreements[0].mentee_signature = None;
    mentee.agreements[0].mentor_signature = None;
    let mut mentor = mentors_copy(&mentee);
    let sign = |doc: &mut MentorshipDoc, side: Side, at: DateTime<Utc>| {
        let v = doc.agreements.iter_mut().find(|v| v.id() == version).expect("version");
        let name = doc.mentorship.name(side).to_string();
        v.sign(side, &name, &[], at).expect("signs");
    };
    sign(&mut mentee, Side::Mentee, now() + Duration::minutes(1));
    sign(&mut mentor, Side::Mentor, now() + Duration::minutes(2));
    let to_mentor = Bundle::whole(&mentee, MENTEE_LAPTOP, now() + Duration::minutes(3));
    let to_mentee = Bundle::whole(&mentor, MENTOR_LAPTOP, now() + Duration::minutes(3));
    let mentor = receive(Some(&mentor), &to_mentor, &context(MENTOR_LAPTOP)).expect("ok").merged;
    let mentee = receive(Some(&mentee), &to_mentee, &context(MENTEE_LAPTOP)).expect("ok").merged;
    for doc in [&mentee, &mentor] {
        let v = doc.agreements.iter().find(|v| v.id() == version).expect("version");
        assert!(v.is_frozen(), "signed by both on both devices");
    }
    assert_eq!(shareable(&mentee), shareable(&mentor));
}

#[test]
fn a_bundle_for_the_wrong_place_is_refused_with_its_reason() {
    let mentee = mentees_copy();
    let mentor = mentors_copy(&mentee);
    let bundle = Bundle::whole(&mentor, MENTOR_LAPTOP, now());
    let refuse = |bundle: &Bundle, ctx: &Context| receive(Some(&mentee), bundle, ctx).unwrap_err();

    assert_eq!(refuse(&bundle, &context(MENTOR_LAPTOP)), Refusal::FromThisDevice);
    let mut known = context(MENTEE_LAPTOP);
    known.known_devices = BTreeMap::from([(MENTOR_LAPTOP, Side::Mentee)]);
    assert_eq!(
        refuse(&bundle, &known),
        Refusal::SideMismatch { claims: Side::Mentor, known: Side::Mentee }
    );
    let mut elsewhere = context(MENTEE_LAPTOP);
    elsewhere.expected = Some(Uuid::from_u128(42));
    assert!(matches!(refuse(&bundle, &elsewhere), Refusal::OtherMentorship { .. }));

    let mut newer = bundle.clone();
    newer.format = 2;
    assert_eq!(refuse(&newer, &context(MENTEE_LAPTOP)), Refusal::Newer(2));
    let mut deleted = bundle.clone();
    deleted.doc.mentorship.meta.deleted = true;
    assert!(matches!(refuse(&deleted, &context(MENTEE_LAPTOP)), Refusal::Deleted { .. }));
    let mut notes = bundle.clone();
    notes.doc.private_notes = mentee.private_notes.clone();
    assert_eq!(refuse(&notes, &context(MENTEE_LAPTOP)), Refusal::PrivateNotes);
    let mut invalid = bundle.clone();
    invalid.doc.mentorship.mentee = String::new();
    assert!(matches!(refuse(&invalid, &context(MENTEE_LAPTOP)), Refusal::Invalid(_)));
    for r in [Refusal::FromThisDevice, Refusal::PrivateNotes, Refusal::Newer(2)] {
        assert!(r.to_string().ends_with('.'), "a sentence: {r}");
    }
}

#[test]
fn a_tampered_or_truncated_text_is_refused() {
    let bundle = Bundle::whole(&mentees_copy(), MENTEE_LAPTOP, now());
    let whole = text::write(&bundle);
    let cut = &whole[..whole.len() - 10];
    assert!(matches!(text::read(cut), Err(Refusal::Damaged(_))), "cut short");
    let mut changed = whole.clone().into_bytes();
    let i = changed.len() / 2;
    changed[i] = if changed[i] == b'A' { b'B' } else { b'A' };
    let changed = String::from_utf8(changed).expect("ascii");
    assert!(matches!(text::read(&changed), Err(Refusal::Damaged(_))), "one character changed");
    assert!(matches!(text::read("{\"kind\":\"tandem-bundle\"}"), Err(Refusal::NotOurs(_))));
}

#[test]
fn a_partial_bundle_carries_only_what_changed_since_the_last_one() {
    let mut mentee = mentees_copy();
    let mentor = mentors_copy(&mentee);
    let sent = Fingerprints::of(&mentee);
    let item = ActionItem::new("Book the venue", Side::Mentee, None, now() + Duration::hours(1));
    mentee.actions.push(item.clone());
    let partial = Bundle::changes(&mentee, &sent, MENTEE_LAPTOP, now() + Duration::hours(2));
    assert!(partial.partial);
    assert_eq!(partial.doc.actions, vec![item]);
    assert!(partial.doc.sessions.is_empty() && partial.doc.themes.is_empty());
    let received = receive(Some(&mentor), &partial, &context(MENTOR_LAPTOP)).expect("ok");
    assert_eq!(shareable(&received.merged), shareable(&mentee), "nothing else is lost");
    let whole = Bundle::whole(&mentee, MENTEE_LAPTOP, now());
    assert!(text::write(&partial).len() * 10 < text::write(&whole).len());
}

// ---- Three devices: the mentee's laptop and phone, the mentor's laptop ----

const DEVICES: [(Uuid, Side); 3] =
    [(MENTEE_LAPTOP, Side::Mentee), (MENTEE_PHONE, Side::Mentee), (MENTOR_LAPTOP, Side::Mentor)];

#[derive(Clone, Debug)]
enum Step {
    Answer { device: usize, theme: usize },
    Consensus { device: usize, theme: usize },
    EditItem { device: usize, item: usize },
    DeleteItem { device: usize, item: usize },
    AddItem { device: usize },
    Feedback { device: usize, session: usize, rating: u8 },
    CheckIn { device: usize },
    Sign { device: usize },
    Send { from: usize, to: usize, whole: bool },
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0usize..3;
    prop_oneof![
        (device.clone(), 0usize..14).prop_map(|(device, theme)| Step::Answer { device, theme }),
        (device.clone(), 0usize..14).prop_map(|(device, theme)| Step::Consensus { device, theme }),
        (device.clone(), 0usize..8).prop_map(|(device, item)| Step::EditItem { device, item }),
        (device.clone(), 0usize..8).prop_map(|(device, item)| Step::DeleteItem { device, item }),
        device.clone().prop_map(|device| Step::AddItem { device }),
        (device.clone(), 0usize..6, 1u8..=5).prop_map(|(device, session, rating)| Step::Feedback {
            device,
            session,
            rating
        }),
        device.clone().prop_map(|device| Step::CheckIn { device }),
        device.clone().prop_map(|device| Step::Sign { device }),
        (device.clone(), device.clone(), any::<bool>()).prop_map(|(from, to, whole)| Step::Send {
            from,
            to,
            whole
        }),
        (device.clone(), device, any::<bool>()).prop_map(|(from, to, whole)| Step::Send {
            from,
            to,
            whole
        }),
    ]
}

/// Three devices that each hold the mentorship, and what each knows of
/// each other one (as `DeviceState` keeps it for one partner).
struct Devices {
    docs: Vec<MentorshipDoc>,
    sent: BTreeMap<(usize, usize), Fingerprints>,
    learned: BTreeMap<(usize, usize), Fingerprints>,
    last_received: BTreeMap<(usize, usize), DateTime<Utc>>,
    clock: i64,
}

impl Devices {
    fn new() -> Devices {
        let mut mentee = sample::mentorship(3, 6, now());
        mentee.mentorship.my_role = Side::Mentee;
        mentee.actions.truncate(8);
        for v in &mut mentee.agreements {
            v.mentee_signature = None;
            v.mentor_signature = None;
        }
        let mut phone = mentee.clone();
        phone.private_notes.push(PrivateNote {
            meta: Meta::new(now()),
            session: None,
            text: "phone only".into(),
            owner: Some(Side::Mentee),
        });
        let mentor = mentors_copy(&mentee);
        Devices {
            docs: vec![mentee, phone, mentor],
            sent: BTreeMap::new(),
            learned: BTreeMap::new(),
            last_received: BTreeMap::new(),
            clock: 0,
        }
    }

    fn tick(&mut self) -> DateTime<Utc> {
        self.clock += 1;
        now() + Duration::seconds(self.clock)
    }

    fn run(&mut self, step: &Step) -> Result<(), TestCaseError> {
        let at = self.tick();
        let tag = format!("{step:?}");
        match *step {
            Step::Answer { device, theme } => {
                let side = DEVICES[device].1;
                self.edit_theme(device, theme, at, |e| {
                    let a = e.answer_mut(Voice::Partner(side));
                    a.text = tag.clone();
                    a.updated_at = Some(at);
                });
            }
            Step::Consensus { device, theme } => self.edit_theme(device, theme, at, |e| {
                e.consensus.text = tag.clone();
                e.consensus.updated_at = Some(at);
            }),
            Step::EditItem { device, item } => {
                let doc = &mut self.docs[device];
                if let Some(id) = doc.actions.get(item % doc.actions.len().max(1)).map(|i| i.id()) {
                    record::update(&mut doc.actions, id, at, |i| i.text = tag.clone());
                }
            }
            Step::DeleteItem { device, item } => {
                let doc = &mut self.docs[device];
                if let Some(id) = doc.actions.get(item % doc.actions.len().max(1)).map(|i| i.id()) {
                    record::remove(&mut doc.actions, id, at);
                }
            }
            Step::AddItem { device } => {
                self.docs[device].actions.push(ActionItem::new(&tag, DEVICES[device].1, None, at));
            }
            Step::Feedback { device, session, rating } => {
                let side = DEVICES[device].1;
                let doc = &mut self.docs[device];
                let id = doc.sessions[session % doc.sessions.len()].id();
                record::update(&mut doc.sessions, id, at, |s| {
                    *s.feedback_mut(side) =
                        Some(Feedback { rating, comment: tag.clone(), updated_at: Some(at) });
                });
            }
            Step::CheckIn { device } => self.docs[device].checkins.push(CheckIn {
                meta: Meta::new(at),
                side: DEVICES[device].1,
                on: at.date_naive(),
                ratings: vec![4; 5],
                working: true,
                comment: tag,
            }),
            Step::Sign { device } => {
                let side = DEVICES[device].1;
                let doc = &mut self.docs[device];
                let name = doc.mentorship.name(side).to_string();
                let v = &mut doc.agreements[0];
                if v.signature(side).is_none() {
                    let fingerprint = v.fingerprint();
                    let signature = Signature { name, signed_at: at, fingerprint, signed_on: None };
                    match side {
                        Side::Mentee => v.mentee_signature = Some(signature),
                        Side::Mentor => v.mentor_signature = Some(signature),
                    }
                }
            }
            Step::Send { from, to, whole } => self.send(from, to, whole, at)?,
        }
        Ok(())
    }

    fn edit_theme(
        &mut self,
        device: usize,
        theme: usize,
        at: DateTime<Utc>,
        f: impl FnOnce(&mut tandem::model::expectations::ThemeEntry),
    ) {
        let doc = &mut self.docs[device];
        let id = doc.themes[theme % doc.themes.len()].id();
        record::update(&mut doc.themes, id, at, f);
    }

    fn send(
        &mut self,
        from: usize,
        to: usize,
        whole: bool,
        at: DateTime<Utc>,
    ) -> Result<(), TestCaseError> {
        if from == to {
            return Ok(());
        }
        let (device, side) = DEVICES[from];
        let known = self.sent.get(&(from, to)).cloned().unwrap_or_default();
        let mut bundle = if whole {
            Bundle::whole(&self.docs[from], device, at)
        } else {
            Bundle::changes(&self.docs[from], &known, device, at)
        };
        bundle.acked = self.last_received.get(&(from, to)).copied();
        // It travels as text.
        let bundle =
            text::read(&text::write(&bundle)).map_err(|r| TestCaseError::fail(r.to_string()))?;
        let json = serde_json::to_string(&bundle).unwrap_or_default();
        prop_assert!(!json.contains("phone only"), "a private note left the device");
        let before = self.docs[to].clone();
        let ctx = Context {
            device: DEVICES[to].0,
            now: at,
            learned: self.learned.get(&(to, from)).cloned(),
            ..Default::default()
        };
        let received = receive(Some(&before), &bundle, &ctx)
            .map_err(|r| TestCaseError::fail(r.to_string()))?;
        let after = received.merged;
        let mine = DEVICES[to].1;
        if side != mine {
            prop_assert_eq!(
                owned(&before, mine),
                owned(&after, mine),
                "the other side changed my records"
            );
        }
        prop_assert_eq!(&after.private_notes, &before.private_notes);
        prop_assert_eq!(after.mentorship.my_role, mine);
        self.sent.insert((from, to), Fingerprints::of(&self.docs[from]));
        self.sent.entry((to, from)).or_default().learn(&received.learned);
        self.learned.entry((to, from)).or_default().learn(&received.learned);
        self.last_received.insert((to, from), bundle.sent_at);
        self.docs[to] = after;
        Ok(())
    }
}

/// Everything that belongs to `side`: its answers, feedback, check-ins and
/// signatures, by record id (records since deleted as shared ones left out).
fn owned(doc: &MentorshipDoc, side: Side) -> Vec<String> {
    let mut out = Vec::new();
    for e in doc.themes.iter().filter(|e| e.is_live()) {
        out.push(format!("{} {:?}", e.id(), e.answer(Voice::Partner(side))));
    }
    for s in doc.sessions.iter().filter(|s| s.is_live()) {
        out.push(format!("{} {:?}", s.id(), s.feedback(side)));
    }
    for v in doc.agreements.iter().filter(|v| v.is_live()) {
        out.push(format!("{} {:?}", v.id(), v.signature(side)));
    }
    for c in doc.checkins.iter().filter(|c| c.side == side) {
        out.push(format!("{c:?}"));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Three devices edit and exchange whole or partial bundles in any order,
    /// with repeats; after each sends to each other once more, all hold the
    /// same mentorship (each with its own side and private notes), and no
    /// exchange changed a side's own records from the other side.
    #[test]
    fn three_devices_converge_whatever_the_order(steps in prop::collection::vec(step(), 0..40)) {
        let mut devices = Devices::new();
        for s in &steps {
            devices.run(s)?;
        }
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    let at = devices.tick();
                    devices.send(from, to, false, at)?;
                }
            }
        }
        let shared: Vec<MentorshipDoc> = devices.docs.iter().map(shareable).collect();
        prop_assert_eq!(&shared[0], &shared[1]);
        prop_assert_eq!(&shared[0], &shared[2]);
        prop_assert!(devices.docs[2].private_notes.is_empty());
        prop_assert_eq!(devices.docs[1].private_notes.len(), 1);
    }

    /// Receiving a bundle twice, or bundles in either order, gives the same.
    #[test]
    fn receiving_is_idempotent_and_order_free(steps in prop::collection::vec(step(), 0..30)) {
        let mut devices = Devices::new();
        for s in steps.iter().filter(|s| !matches!(s, Step::Send { .. })) {
            devices.run(s)?;
        }
        let ctx = context(MENTEE_PHONE);
        let a = Bundle::whole(&devices.docs[0], MENTEE_LAPTOP, now());
        let c = Bundle::whole(&devices.docs[2], MENTOR_LAPTOP, now());
        let here = &devices.docs[1];
        let got = |first: &Bundle, second: &Bundle| -> Result<MentorshipDoc, TestCaseError> {
            let once = receive(Some(here), first, &ctx).map_err(|r| TestCaseError::fail(r.to_string()))?.merged;
            Ok(receive(Some(&once), second, &ctx).map_err(|r| TestCaseError::fail(r.to_string()))?.merged)
        };
        let ac = got(&a, &c)?;
        prop_assert_eq!(&ac, &got(&c, &a)?, "order matters");
        prop_assert_eq!(&ac, &receive(Some(&ac), &a, &ctx).map_err(|r| TestCaseError::fail(r.to_string()))?.merged, "a repeat changes things");
    }

    /// No text makes reading a bundle panic; a damaged bundle is refused.
    #[test]
    fn reading_any_text_never_panics(noise in ".{0,400}", cut in 0usize..2000, flip in 0usize..2000) {
        let _ = text::read(&noise);
        let _ = text::read(&format!("TB1.{noise}"));
        let whole = text::write(&Bundle::whole(&sample::mentorship(1, 2, now()), MENTEE_LAPTOP, now()));
        let short = &whole[..cut.min(whole.len())];
        if short.len() < whole.len() {
            prop_assert!(text::read(short).is_err());
        }
        let mut bytes = whole.clone().into_bytes();
        let i = 4 + flip % (bytes.len() - 4);
        bytes[i] = if bytes[i] == b'x' { b'y' } else { b'x' };
        let changed = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(text::read(&changed).is_err(), "a changed character is noticed");
    }
}

#[test]
fn an_edit_after_receiving_wins_even_against_a_clock_running_ahead() {
    let mentee = mentees_copy();
    let mut mentor = mentors_copy(&mentee);
    // The mentor's clock is an hour ahead: their consensus is stamped then.
    let ahead = now() + Duration::hours(1);
    let theme = mentor.themes[0].id();
    record::update(&mut mentor.themes, theme, ahead, |e| {
        e.consensus.text = "The mentor's wording".into();
        e.consensus.updated_at = Some(ahead);
    });
    let bundle = Bundle::whole(&mentor, MENTOR_LAPTOP, ahead);
    let mut mentee = receive(Some(&mentee), &bundle, &context(MENTEE_LAPTOP)).expect("ok").merged;
    // Ten minutes later by her clock (still before the mentor's), she edits it.
    let later = now() + Duration::minutes(10);
    record::update(&mut mentee.themes, theme, later, |e| {
        let previous = e.consensus.updated_at;
        e.consensus.text = "Her wording, after reading his".into();
        e.consensus.updated_at = record::stamp_part(previous, later);
    });
    let back = Bundle::whole(&mentee, MENTEE_LAPTOP, later);
    let mentor = receive(Some(&mentor), &back, &context(MENTOR_LAPTOP)).expect("ok").merged;
    let entry = mentor.themes.iter().find(|e| e.id() == theme).expect("theme");
    assert_eq!(entry.consensus.text, "Her wording, after reading his");
}

/// Writes the consensus of `theme` on one device at `at`.
fn write_consensus(doc: &mut MentorshipDoc, theme: Uuid, text: &str, at: DateTime<Utc>) {
    record::update(&mut doc.themes, theme, at, |e| {
        e.consensus.text = text.into();
        e.consensus.updated_at = Some(at);
    });
}

#[test]
fn a_text_changed_on_both_devices_keeps_both_versions() {
    let mut mentee = mentees_copy();
    let invitation = Bundle::whole(&mentee, MENTEE_LAPTOP, now());
    let joined = receive(None, &invitation, &context(MENTOR_LAPTOP)).expect("joins");
    let mut mentor = joined.merged;
    let theme = mentee.themes[0].id();
    let edit = |doc: &mut MentorshipDoc, text: &str, at| write_consensus(doc, theme, text, at);
    // Each writes the consensus before hearing from the other.
    edit(&mut mentee, "Weekly, Tuesdays.", now() + Duration::minutes(1));
    edit(&mut mentor, "Fortnightly, Fridays.", now() + Duration::minutes(2));
    let mut to_mentee = Bundle::whole(&mentor, MENTOR_LAPTOP, now() + Duration::minutes(3));
    to_mentee.acked = Some(invitation.sent_at);
    let to_mentor = Bundle::whole(&mentee, MENTEE_LAPTOP, now() + Duration::minutes(3));

    // The mentee's device has heard from the mentor only now; his has the
    // invitation: what each knows of the other.
    let mut ctx = context(MENTEE_LAPTOP);
    ctx.learned = Some(Fingerprints::default());
    let at_mentee = receive(Some(&mentee), &to_mentee, &ctx).expect("ok");
    assert_eq!(at_mentee.conflicts, 1, "his text is new to her device, and hers is unseen by him");
    let mut ctx = context(MENTOR_LAPTOP);
    ctx.learned = Some(joined.learned.clone());
    let at_mentor = receive(Some(&mentor), &to_mentor, &ctx).expect("ok");
    assert_eq!(at_mentor.conflicts, 1, "she changed it since the invitation, and so did he");
    let entry = at_mentor.merged.themes.iter().find(|e| e.id() == theme).expect("theme");
    assert_eq!(entry.consensus.text, "Fortnightly, Fridays.", "the later stands");
    assert_eq!(at_mentor.merged.conflicts[0].text, "Weekly, Tuesdays.", "hers is kept");

    // The conflict travels: both hold the same, and it is not found twice.
    let back = Bundle::whole(&at_mentor.merged, MENTOR_LAPTOP, now() + Duration::minutes(4));
    let mut ctx = context(MENTEE_LAPTOP);
    ctx.learned = Some(at_mentee.learned.clone());
    let both = receive(Some(&at_mentee.merged), &back, &ctx).expect("ok");
    assert_eq!(both.merged.conflicts.len(), 1);
    assert_eq!(shareable(&both.merged), shareable(&at_mentor.merged));

    // A text only one side changed, after seeing the other's, is no conflict.
    let mut later = both.merged.clone();
    edit(&mut later, "Weekly after all.", now() + Duration::minutes(6));
    let mut reply = Bundle::whole(&later, MENTEE_LAPTOP, now() + Duration::minutes(7));
    reply.acked = Some(back.sent_at);
    let mut ctx = context(MENTOR_LAPTOP);
    ctx.learned = Some(Fingerprints::of(&to_mentor.doc));
    assert_eq!(receive(Some(&at_mentor.merged), &reply, &ctx).expect("ok").conflicts, 0);
}

#[test]
fn joining_needs_everything_and_a_lost_record_comes_back_whole() {
    let mentee = mentees_copy();
    let mut partial = Bundle::changes(&mentee, &Fingerprints::default(), MENTEE_LAPTOP, now());
    partial.partial = true;
    partial.doc.sessions.truncate(1);
    let refused = receive(None, &partial, &context(MENTOR_LAPTOP)).unwrap_err();
    assert!(matches!(refused, Refusal::PartialJoin { .. }), "{refused:?}");
    assert!(refused.to_string().contains("Send everything"));

    // The mentor restored an older backup: a session with his feedback is
    // gone from his device; the mentee's copy brings it back as it was.
    let mut mentor = mentors_copy(&mentee);
    let session = mentor.sessions[0].id();
    record::update(&mut mentor.sessions, session, now() + Duration::minutes(1), |s| {
        *s.feedback_mut(Side::Mentor) =
            Some(Feedback { rating: 5, comment: "Great".into(), updated_at: Some(now()) });
    });
    let back = Bundle::whole(&mentor, MENTOR_LAPTOP, now() + Duration::minutes(2));
    let mentee = receive(Some(&mentee), &back, &context(MENTEE_LAPTOP)).expect("ok").merged;
    let mut restored = mentor.clone();
    restored.sessions.retain(|s| s.id() != session);
    let relayed = Bundle::whole(&mentee, MENTEE_LAPTOP, now() + Duration::minutes(3));
    let received = receive(Some(&restored), &relayed, &context(MENTOR_LAPTOP)).expect("ok");
    assert_eq!(received.refused, 0);
    let s = received.merged.sessions.iter().find(|s| s.id() == session).expect("back");
    assert_eq!(s.feedback(Side::Mentor).map(|f| f.comment.as_str()), Some("Great"));
}

#[test]
fn my_own_older_text_passed_back_is_no_conflict() {
    let mentee = mentees_copy();
    let mut mentor = mentors_copy(&mentee);
    let theme = mentor.themes[0].id();
    let edit = |doc: &mut MentorshipDoc, text: &str, at| write_consensus(doc, theme, text, at);
    // He writes a text and sends it; she receives it; he rewrites it; she
    // then sends everything, his first text included.
    edit(&mut mentor, "First wording", now() + Duration::minutes(1));
    let his = Bundle::whole(&mentor, MENTOR_LAPTOP, now() + Duration::minutes(2));
    let sent = Fingerprints::of(&mentor);
    let mut ctx = context(MENTEE_LAPTOP);
    ctx.learned = Some(Fingerprints::default());
    let hers = receive(Some(&mentee), &his, &ctx).expect("ok").merged;
    edit(&mut mentor, "Second wording", now() + Duration::minutes(5));
    let mut everything = Bundle::whole(&hers, MENTEE_LAPTOP, now() + Duration::minutes(6));
    everything.acked = Some(now());
    let mut ctx = context(MENTOR_LAPTOP);
    ctx.learned = Some(Fingerprints::of(&mentee));
    ctx.sent = Some(sent);
    let back = receive(Some(&mentor), &everything, &ctx).expect("ok");
    assert_eq!(back.conflicts, 0, "his own first wording is not a conflict");
}
