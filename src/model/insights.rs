//! What the home dashboard says about a mentorship, computed from its
//! records and a fixed "now": the next session and its agenda, action items
//! overdue and due this week by owner, goals' progress, the meeting rhythm
//! against the agreed cadence, follow-through over 90 days, the agreement's
//! state, and whether a check-in is due.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::agreement;
use super::checkin;
use super::document::MentorshipDoc;
use super::expectations::{self, ThemeStatus};
use super::goal::Progress;
use super::record::Record;
use super::session::{self, Session, SessionStatus};
use super::session_notes::AgendaState;
use super::side::Side;
use super::task;
use super::terms::Terms;

/// Where the written agreement stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AgreementState {
    /// Nobody has answered anything yet.
    NotStarted,
    /// Some themes answered; `settled` of `total` settled.
    ConversationInProgress {
        settled: usize,
        total: usize,
    },
    /// A version is drafted and not signed by both.
    AwaitingSignatures,
    SignedOn(NaiveDate),
}

impl AgreementState {
    pub fn label(&self) -> String {
        match self {
            AgreementState::NotStarted => "Not started".into(),
            AgreementState::ConversationInProgress { settled, total } => {
                format!("Expectations conversation in progress ({settled} of {total} settled)")
            }
            AgreementState::AwaitingSignatures => "Awaiting signatures".into(),
            AgreementState::SignedOn(d) => format!("Signed on {}", super::dates::long(*d)),
        }
    }
}

pub fn agreement_state(doc: &MentorshipDoc) -> AgreementState {
    let signed = doc.agreements.iter().filter(|v| v.is_live()).filter_map(|v| v.signed_on()).max();
    let current = agreement::current(&doc.agreements);
    match (current, signed) {
        (Some(v), _) if !v.is_frozen() => AgreementState::AwaitingSignatures,
        (_, Some(on)) => AgreementState::SignedOn(on),
        _ => {
            let themes = expectations::all_themes(doc.id(), &doc.themes);
            let p = expectations::progress(&themes);
            if themes.iter().all(|t| t.status() == ThemeStatus::NotStarted) {
                AgreementState::NotStarted
            } else {
                AgreementState::ConversationInProgress { settled: p.done(), total: p.total() }
            }
        }
    }
}

/// How the meeting rhythm compares with what was agreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rhythm {
    pub last_met: Option<NaiveDate>,
    pub days_since: Option<i64>,
    pub agreed_days: u32,
    pub agreed_label: String,
    /// Whether the pair agreed the rhythm (else it is the suggestion).
    pub agreed: bool,
    /// Longer since the last meeting than the agreed cadence (plus a few
    /// days' grace) and nothing planned in time.
    pub behind: bool,
}

impl Rhythm {
    /// "Last met 23 days ago; agreed weekly." ("suggested weekly" until the
    /// pair agrees the rhythm).
    pub fn sentence(&self) -> String {
        let said = if self.agreed { "agreed" } else { "suggested" };
        let rhythm = format!("{said} {}", self.agreed_label);
        match self.days_since {
            None => format!("Not met yet; {rhythm}."),
            Some(0) => format!("Met today; {rhythm}."),
            Some(1) => format!("Last met yesterday; {rhythm}."),
            Some(d) => format!("Last met {d} days ago; {rhythm}."),
        }
    }
}

pub fn rhythm(sessions: &[Session], terms: &Terms, today: NaiveDate) -> Rhythm {
    let last_met = sessions
        .iter()
        .filter(|s| s.is_live() && s.status == SessionStatus::Held && s.local_date() <= today)
        .map(|s| s.local_date())
        .max();
    let days_since = last_met.map(|d| (today - d).num_days());
    let grace = (terms.cadence_days / 4).max(2) as i64;
    let next_planned = sessions
        .iter()
        .filter(|s| s.is_live() && s.status.is_upcoming() && s.local_date() >= today)
        .map(|s| s.local_date())
        .min();
    let due_by = last_met.map(|d| super::dates::add_days(d, terms.cadence_days as i64 + grace));
    let behind = match (due_by, next_planned) {
        (Some(due), Some(next)) => next > due && today > super::dates::add_days(due, -grace),
        (Some(due), None) => today > due,
        (None, _) => false,
    };
    Rhythm {
        last_met,
        days_since,
        agreed_days: terms.cadence_days,
        agreed_label: terms.cadence_label.clone(),
        agreed: terms.agreed,
        behind,
    }
}

/// Open action items that need attention, for one owner.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ItemCounts {
    pub overdue: usize,
    pub due_this_week: usize,
}

/// Everything one dashboard card shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub next_session: Option<Session>,
    pub agenda_state: Option<AgendaState>,
    pub agenda_late: bool,
    pub mentee_items: ItemCounts,
    pub mentor_items: ItemCounts,
    pub goals: Vec<(String, Progress)>,
    pub rhythm: Rhythm,
    /// Done on time, over due, in the last 90 days.
    pub follow_through: (usize, usize),
    pub agreement: AgreementState,
    /// Sides whose periodic check-in is due.
    pub checkins_due: Vec<Side>,
}

pub fn card(doc: &MentorshipDoc, now: DateTime<Utc>, today: NaiveDate) -> Card {
    let terms = Terms::from_themes(&doc.themes);
    let next = session::upcoming(&doc.sessions, now).into_iter().next().cloned();
    let counts = |side: Side| {
        let mine = doc.actions.iter().filter(|i| i.is_live() && i.owner == side);
        let (mut overdue, mut week) = (0, 0);
        for i in mine {
            overdue += usize::from(i.is_overdue(today));
            week += usize::from(i.is_due_this_week(today));
        }
        ItemCounts { overdue, due_this_week: week }
    };
    let goals = doc
        .goals
        .iter()
        .filter(|g| g.is_live() && g.is_active())
        .map(|g| (g.title.clone(), g.progress(&doc.actions)))
        .collect();
    let checkins_due = if doc.mentorship.status == super::mentorship::Status::Active {
        Side::BOTH
            .into_iter()
            .filter(|s| {
                checkin::next_due(&doc.checkins, *s, doc.mentorship.start_date, terms.checkin_weeks)
                    <= today
            })
            .collect()
    } else {
        Vec::new()
    };
    Card {
        agenda_state: next.as_ref().map(|s| s.agenda.state()),
        agenda_late: next.as_ref().is_some_and(|s| s.agenda_late(terms.agenda_lead_hours, now)),
        next_session: next,
        mentee_items: counts(Side::Mentee),
        mentor_items: counts(Side::Mentor),
        goals,
        rhythm: rhythm(&doc.sessions, &terms, today),
        follow_through: task::follow_through(&doc.actions, today, 90),
        agreement: agreement_state(doc),
        checkins_due,
    }
}

/// The next step a pair should take: first the ones that teach the order
/// (conversation, agreement, first session), then the week-to-week ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    HaveTheConversation,
    SignTheAgreement,
    PlanTheFirstSession,
    /// The last session was held and its summary is not sent yet.
    SendTheSummary(Uuid),
    /// Nothing is planned.
    PlanTheNextSession,
    /// The next session's agenda is not sent yet.
    SendTheAgenda(Uuid),
    KeepGoing,
}

/// How many things are due from the person using this device in one
/// mentorship: their overdue action items, and — for the mentee, who sends
/// it — an agenda due before the next session and not sent. A closed
/// mentorship owes nothing. (The app shows this on the installed app's icon.)
pub fn due_from_me(doc: &MentorshipDoc, now: DateTime<Utc>, today: NaiveDate) -> usize {
    if doc.mentorship.is_read_only() {
        return 0;
    }
    let me = doc.mentorship.my_role;
    let overdue =
        doc.actions.iter().filter(|i| i.is_live() && i.owner == me && i.is_overdue(today)).count();
    let lead = Terms::from_themes(&doc.themes).agenda_lead_hours;
    let agenda = me == Side::Mentee
        && session::upcoming(&doc.sessions, now)
            .into_iter()
            .next()
            .is_some_and(|s| s.agenda_late(lead, now));
    overdue + usize::from(agenda)
}

pub fn next_step(doc: &MentorshipDoc, now: DateTime<Utc>) -> NextStep {
    // A meeting just held comes first, whatever the paperwork says.
    if let Some(s) = summary_to_send(doc) {
        return NextStep::SendTheSummary(s);
    }
    let state = agreement_state(doc);
    let has_session = doc.sessions.iter().any(|s| s.is_live());
    match state {
        AgreementState::NotStarted | AgreementState::ConversationInProgress { .. } => {
            NextStep::HaveTheConversation
        }
        AgreementState::AwaitingSignatures => NextStep::SignTheAgreement,
        AgreementState::SignedOn(_) if !has_session => NextStep::PlanTheFirstSession,
        AgreementState::SignedOn(_) => week_to_week(doc, now),
    }
}

/// The last session held, when its summary is not sent yet.
fn summary_to_send(doc: &MentorshipDoc) -> Option<Uuid> {
    doc.sessions
        .iter()
        .filter(|s| s.is_live() && s.status == SessionStatus::Held)
        .max_by_key(|s| s.starts_at)
        .filter(|s| s.summary.sent_at.is_none())
        .map(|s| s.id())
}

/// Once sessions run (and their summaries are sent): the next session,
/// then its agenda.
fn week_to_week(doc: &MentorshipDoc, now: DateTime<Utc>) -> NextStep {
    match session::upcoming(&doc.sessions, now).into_iter().next() {
        None => NextStep::PlanTheNextSession,
        Some(s) if s.agenda.sent_at.is_none() => NextStep::SendTheAgenda(s.id()),
        Some(_) => NextStep::KeepGoing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mentorship::{Mentorship, Status};
    use crate::model::record::Meta;
    use crate::model::task::ActionItem;
    use crate::model::test_support::{now, today};
    use chrono::{Duration, FixedOffset};

    fn held(days_ago: i64) -> Session {
        let t: DateTime<FixedOffset> = (now() - Duration::days(days_ago)).fixed_offset();
        Session {
            meta: Meta::new(now()),
            starts_at: t,
            status: SessionStatus::Held,
            ..Default::default()
        }
    }

    fn doc() -> MentorshipDoc {
        MentorshipDoc::new(Mentorship {
            meta: Meta::new(now()),
            mentee: "Ada".into(),
            mentor: "Charles".into(),
            start_date: today() - Duration::weeks(10),
            status: Status::Active,
            ..Default::default()
        })
    }

    #[test]
    fn what_is_due_from_me_is_my_overdue_items_and_a_late_agenda() {
        let mut d = doc();
        let mut mine = ActionItem::new(
            "Draft the plan",
            Side::Mentee,
            Some(today() - Duration::days(1)),
            now(),
        );
        d.actions.push(mine.clone());
        d.actions.push(ActionItem::new(
            "Theirs",
            Side::Mentor,
            Some(today() - Duration::days(1)),
            now(),
        ));
        assert_eq!(due_from_me(&d, now(), today()), 1, "only my overdue item");
        // A session tomorrow with no agenda sent: the mentee owes it.
        d.sessions.push(Session {
            meta: Meta::new(now()),
            starts_at: (now() + Duration::hours(20)).fixed_offset(),
            ..Default::default()
        });
        assert_eq!(due_from_me(&d, now(), today()), 2);
        d.mentorship.my_role = Side::Mentor;
        assert_eq!(due_from_me(&d, now(), today()), 1, "the mentor's overdue item, no agenda");
        mine.mark_done(today());
        d.mentorship.status = Status::Closed;
        assert_eq!(due_from_me(&d, now(), today()), 0, "a closed mentorship owes nothing");
    }

    #[test]
    fn the_rhythm_compares_the_last_meeting_with_the_agreed_cadence() {
        // Until the pair agrees a rhythm, the suggestion is not called agreed.
        let weekly = Terms::from_themes(&[]);
        let r = rhythm(&[held(23), held(30)], &weekly, today());
        assert_eq!(r.sentence(), "Last met 23 days ago; suggested weekly.");
        assert!(r.behind);
        let r = rhythm(&[held(6)], &weekly, today());
        assert!(!r.behind);
        assert_eq!(rhythm(&[], &weekly, today()).sentence(), "Not met yet; suggested weekly.");
        let mut meetings =
            crate::model::expectations::ThemeEntry::builtin(uuid::Uuid::nil(), "meetings", now());
        meetings.consensus.set("cadence", "fortnightly");
        let agreed = Terms::from_themes(&[meetings]);
        assert_eq!(
            rhythm(&[], &agreed, today()).sentence(),
            "Not met yet; agreed every two weeks."
        );
    }

    #[test]
    fn a_card_counts_items_by_owner_and_follow_through() {
        let mut d = doc();
        let item = |owner: Side, due_in: i64| {
            ActionItem::new("x", owner, Some(today() + Duration::days(due_in)), now())
        };
        d.actions.push(item(Side::Mentee, -2));
        d.actions.push(item(Side::Mentee, 3));
        d.actions.push(item(Side::Mentor, -1));
        let mut done = item(Side::Mentor, -10);
        done.mark_done(today() - Duration::days(11));
        d.actions.push(done);
        let c = card(&d, now(), today());
        assert_eq!(c.mentee_items, ItemCounts { overdue: 1, due_this_week: 1 });
        assert_eq!(c.mentor_items, ItemCounts { overdue: 1, due_this_week: 0 });
        assert_eq!(c.follow_through, (1, 3));
        assert_eq!(c.agreement, AgreementState::NotStarted);
        assert_eq!(c.checkins_due, vec![Side::Mentee, Side::Mentor], "no check-in in ten weeks");
    }

    #[test]
    fn the_next_step_teaches_the_order() {
        let mut d = doc();
        assert_eq!(next_step(&d, now()), NextStep::HaveTheConversation);
        // A session held before anything was signed: its summary first.
        let early = held(3);
        let early_id = early.id();
        d.sessions.push(early);
        assert_eq!(next_step(&d, now()), NextStep::SendTheSummary(early_id));
        d.sessions.clear();
        let draft = crate::model::agreement::first_draft(&d.mentorship, &[], &[], now());
        d.agreements.push(draft);
        assert_eq!(next_step(&d, now()), NextStep::SignTheAgreement);
        let v = &mut d.agreements[0];
        v.body = "We agree.".into();
        v.sign(Side::Mentee, "Ada", &[], now()).expect("sign");
        v.sign(Side::Mentor, "Charles", &[], now()).expect("sign");
        assert_eq!(next_step(&d, now()), NextStep::PlanTheFirstSession);
        assert_eq!(agreement_state(&d), AgreementState::SignedOn(today()));
        // Week to week: the summary of the session held, then the next
        // session, then its agenda.
        let last = held(1);
        let last_id = last.id();
        d.sessions.push(last);
        assert_eq!(next_step(&d, now()), NextStep::SendTheSummary(last_id));
        d.sessions[0].summary.sent_at = Some(now());
        assert_eq!(next_step(&d, now()), NextStep::PlanTheNextSession);
        let next = Session {
            meta: Meta::new(now()),
            starts_at: (now() + Duration::days(6)).fixed_offset(),
            ..Default::default()
        };
        let next_id = next.id();
        d.sessions.push(next);
        assert_eq!(next_step(&d, now()), NextStep::SendTheAgenda(next_id));
        d.sessions[1].agenda.sent_at = Some(now());
        assert_eq!(next_step(&d, now()), NextStep::KeepGoing);
    }
}
