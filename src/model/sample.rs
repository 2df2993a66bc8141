//! Generated, realistic-looking data: the large data set the benchmarks and
//! the storage tests use (e.g. 20 mentorships × 150 sessions with agendas,
//! notes and action items). Deterministic for a given seed. Built only for
//! tests and with the `sample` feature (which `e2e` and the tests in `tests/`
//! turn on), so it is never part of the shipped app.

use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use uuid::Uuid;

use super::agreement;
use super::document::{Library, MentorshipDoc};
use super::expectations::ThemeEntry;
use super::goal::{Goal, Milestone};
use super::mentorship::{Mentorship, Status};
use super::record::Meta;
use super::session::{Session, SessionStatus};
use super::session_notes::{Agenda, Feedback, ItemReview, ReviewOutcome, Summary, Topic};
use super::side::Side;
use super::task::ActionItem;
use super::themes::THEMES;

/// Syllables that build a lexicon of a few thousand made-up words: text from
/// it compresses about as poorly as real notes do (a small word list would
/// flatter the storage figures).
const SYLLABLES: &[&str] = &[
    "ba", "re", "to", "mi", "ken", "sa", "lo", "vi", "dra", "pen", "cor", "tu", "ma", "fel", "shi",
    "no", "gar", "el", "wi", "pro", "ject", "ment", "ing", "ly", "tion", "ver", "al", "ster", "qu",
    "an", "dis", "con", "ex", "im", "un", "ful", "ness", "ab", "ot", "ric",
];
const NAMES: &[&str] = &[
    "Ada Lovelace",
    "Grace Hopper",
    "Katherine Johnson",
    "Alan Turing",
    "Barbara Liskov",
    "Donald Knuth",
    "Edsger Dijkstra",
    "Frances Allen",
    "Hedy Lamarr",
    "John McCarthy",
    "Margaret Hamilton",
    "Radia Perlman",
    "Tim Berners-Lee",
    "Shafi Goldwasser",
    "Leslie Lamport",
    "Fran Bilas",
    "Jean Bartik",
    "Ken Thompson",
];

/// A small deterministic random number generator (no extra crate needed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> String {
        // Word k of the lexicon is made from k's digits in base SYLLABLES.len().
        let mut k = self.below(4000) + 1;
        let mut word = String::new();
        while k > 0 {
            word.push_str(SYLLABLES[k % SYLLABLES.len()]);
            k /= SYLLABLES.len();
        }
        word
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<String> = (0..words).map(|_| self.word()).collect();
        s[0] = s[0][..1].to_uppercase() + &s[0][1..];
        format!("{}.", s.join(" "))
    }

    fn text(&mut self, chars: usize) -> String {
        let mut out = String::new();
        while out.len() < chars {
            if !out.is_empty() {
                out.push(' ');
            }
            let n = 6 + self.below(8);
            out.push_str(&self.sentence(n));
        }
        out
    }

    fn uuid(&mut self) -> Uuid {
        let bytes: Vec<u8> = (0..16).map(|_| (self.next() & 0xff) as u8).collect();
        let mut arr = [0u8; 16];
        arr.copy_from_slice(&bytes);
        uuid::Builder::from_random_bytes(arr).into_uuid()
    }
}

/// One mentorship with `sessions` sessions (the first half held with
/// summaries, the rest upcoming), two action items per held session, three
/// goals, a settled conversation and a signed agreement.
pub fn mentorship(seed: u64, sessions: usize, now: DateTime<Utc>) -> MentorshipDoc {
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) ^ 0xD1B54A32D192ED03);
    let offset =
        FixedOffset::east_opt(3600).unwrap_or(FixedOffset::east_opt(0).expect("utc offset"));
    let start = now - Duration::weeks((sessions / 2) as i64 + 1);
    let meta = |rng: &mut Rng| Meta::with_id(rng.uuid(), start);
    let mentee = NAMES[rng.below(NAMES.len())].to_string();
    let mut mentor = NAMES[rng.below(NAMES.len())].to_string();
    if mentor == mentee {
        mentor = "Charles Babbage".into();
    }
    let mentorship = Mentorship {
        meta: meta(&mut rng),
        mentee,
        mentor,
        my_role: if seed.is_multiple_of(2) { Side::Mentee } else { Side::Mentor },
        start_date: start.date_naive(),
        planned_end: Some(start.date_naive() + Duration::weeks(sessions as i64 + 4)),
        focus: rng.text(120),
        status: Status::Active,
    };
    let id = mentorship.meta.id;
    let mut doc = MentorshipDoc::new(mentorship);

    for spec in THEMES {
        let mut entry = ThemeEntry::builtin(id, spec.key, start);
        for f in spec.fields {
            entry.mentee.set(f.key, f.suggested);
            entry.mentor.set(f.key, f.suggested);
            entry.consensus.set(f.key, f.suggested);
        }
        entry.consensus.text = spec.suggestion.to_string();
        doc.themes.push(entry);
    }

    for g in 0..3 {
        let milestones = (0..4)
            .map(|k| Milestone {
                id: rng.uuid(),
                text: rng.sentence(5),
                due: Some(start.date_naive() + Duration::weeks(8 * (k + 1))),
                done_on: (k < 2).then(|| start.date_naive() + Duration::weeks(8 * (k + 1))),
            })
            .collect();
        doc.goals.push(Goal {
            meta: meta(&mut rng),
            title: format!("Goal {}: {}", g + 1, rng.sentence(4)),
            why: rng.text(100),
            measure: rng.text(80),
            target_date: Some(start.date_naive() + Duration::weeks(sessions as i64)),
            milestones,
            ..Default::default()
        });
    }

    let mut draft = agreement::first_draft(&doc.mentorship, &doc.themes, &doc.goals, start);
    // The version keeps the id the app derives; the draw keeps the data the
    // same as before for a given seed.
    let _ = rng.uuid();
    for side in Side::BOTH {
        let name = doc.mentorship.name(side).to_string();
        let _ = draft.sign(side, &name, &[], start);
    }
    doc.agreements.push(draft);

    let held = sessions / 2;
    let first = offset.from_utc_datetime(&start.naive_utc()) + Duration::days(7);
    let mut previous_items: Vec<Uuid> = Vec::new();
    for n in 0..sessions {
        let starts_at = first + Duration::weeks(n as i64);
        let is_held = n < held;
        let session_id = rng.uuid();
        let agenda = Agenda {
            update: rng.text(160),
            topics: (0..3).map(|_| Topic { id: rng.uuid(), text: rng.sentence(7) }).collect(),
            input_needed: rng.text(60),
            timeline: "10 min update, 30 min topics, 10 min action items".into(),
            desired_outcomes: rng.text(60),
            sent_at: is_held.then(|| starts_at.with_timezone(&Utc) - Duration::days(1)),
            updated_at: None,
        };
        let summary = if is_held {
            Summary {
                notes: rng.text(320),
                decisions: rng.text(100),
                reviews: previous_items
                    .iter()
                    .map(|item| ItemReview {
                        item: *item,
                        outcome: ReviewOutcome::Done,
                        note: "done".into(),
                    })
                    .collect(),
                resources: rng.text(60),
                next_meeting: Some(starts_at + Duration::weeks(1)),
                sent_at: Some(starts_at.with_timezone(&Utc) + Duration::hours(3)),
                updated_at: None,
            }
        } else {
            Summary::default()
        };
        let feedback = |rng: &mut Rng| {
            is_held.then(|| Feedback {
                rating: 3 + rng.below(3) as u8,
                comment: rng.sentence(8),
                updated_at: None,
            })
        };
        doc.sessions.push(Session {
            meta: Meta::with_id(session_id, start),
            starts_at,
            duration_minutes: 60,
            topic: rng.sentence(4),
            place: String::new(),
            link: "https://meet.example.org/tandem-weekly".into(),
            status: if is_held { SessionStatus::Held } else { SessionStatus::Planned },
            sequence: 0,
            changes: Vec::new(),
            agenda,
            summary,
            mentee_feedback: feedback(&mut rng),
            mentor_feedback: feedback(&mut rng),
        });
        if is_held {
            previous_items.clear();
            for side in Side::BOTH {
                let due = starts_at.date_naive() + Duration::days(6);
                let mut item = ActionItem::new(&rng.sentence(9), side, Some(due), start);
                item.meta.id = rng.uuid();
                item.session = Some(session_id);
                item.goal = Some(doc.goals[rng.below(3)].meta.id);
                if n + 1 < held {
                    item.mark_done(due - Duration::days(1));
                }
                previous_items.push(item.meta.id);
                doc.actions.push(item);
            }
        }
    }
    // In the normal form storage and import put data in (derived ids, one
    // order), so what is saved and what loads back compare equal.
    doc.normalize();
    doc
}

/// `count` mentorships of `sessions` sessions each.
pub fn library(count: usize, sessions: usize, now: DateTime<Utc>) -> Library {
    let mut lib = Library::default();
    for i in 0..count {
        lib.mentorships.push(mentorship(i as u64 + 1, sessions, now));
    }
    lib.profile.name = "Ada Lovelace".into();
    lib
}
