//! The mentorship a route is about (`/m/:id/…`), provided to every page and
//! component inside it, with the readings many of them need: a partner's
//! name by side, the agreed terms, one session by id.
//!
//! Reads are tracked (the caller re-runs when what it read changes) unless
//! the method says `untracked`; pages read through [`Current::with`] inside
//! their own memos, so a keystroke never copies the whole mentorship.

use leptos::prelude::*;
use uuid::Uuid;

use super::Store;
use crate::model::mentorship::Mentorship;
use crate::model::session::Session;
use crate::model::terms::Terms;
use crate::model::{MentorshipDoc, Record, Side};

#[derive(Clone, Copy)]
pub struct Current {
    id: Memo<Option<Uuid>>,
    /// Its header record (names, roles, status).
    mentorship: Memo<Option<Mentorship>>,
    terms: Memo<Terms>,
    store: Store,
}

impl Current {
    /// Provides the mentorship named by `id` (from the route) to the views
    /// below.
    pub fn provide(store: Store, id: Memo<Option<Uuid>>) -> Current {
        let mentorship = Memo::new(move |_| {
            let id = id.get()?;
            store.library.with(|lib| lib.get(id).map(|d| d.mentorship.clone()))
        });
        let terms = Memo::new(move |_| {
            id.get()
                .and_then(|id| {
                    store.library.with(|lib| lib.get(id).map(|d| Terms::from_themes(&d.themes)))
                })
                .unwrap_or_else(|| Terms::from_themes(&[]))
        });
        let current = Current { id, mentorship, terms, store };
        provide_context(current);
        current
    }

    /// The current mentorship's id (nil if the route has none).
    pub fn id(&self) -> Uuid {
        self.id.get().unwrap_or_default()
    }

    pub fn id_untracked(&self) -> Uuid {
        self.id.get_untracked().unwrap_or_default()
    }

    /// Whether the route names a mentorship that exists here.
    pub fn exists(&self) -> bool {
        self.mentorship.with(Option::is_some)
    }

    /// Its header: names, roles, dates, status.
    pub fn mentorship(&self) -> Option<Mentorship> {
        self.mentorship.get()
    }

    pub fn mentorship_untracked(&self) -> Option<Mentorship> {
        self.mentorship.get_untracked()
    }

    /// "Priya & Daniel".
    pub fn title(&self) -> String {
        self.mentorship.with(|m| m.as_ref().map(Mentorship::title).unwrap_or_default())
    }

    /// Reads the whole mentorship.
    pub fn with<R>(&self, f: impl FnOnce(&MentorshipDoc) -> R) -> Option<R> {
        let id = self.id.get()?;
        self.store.library.with(|lib| lib.get(id).map(f))
    }

    /// What `read` finds in the mentorship, kept as a memo: views update
    /// only when it changes. The default while no mentorship is open.
    pub fn memo<R>(&self, read: impl Fn(&MentorshipDoc) -> R + Send + Sync + 'static) -> Memo<R>
    where
        R: Default + PartialEq + Send + Sync + 'static,
    {
        let current = *self;
        Memo::new(move |_| current.with(&read).unwrap_or_default())
    }

    /// Reads the mentorship without subscribing (in event handlers).
    pub fn with_untracked<R>(&self, f: impl FnOnce(&MentorshipDoc) -> R) -> Option<R> {
        let id = self.id.get_untracked()?;
        self.store.library.with_untracked(|lib| lib.get(id).map(f))
    }

    /// Whether it is closed and read-only.
    pub fn read_only(&self) -> bool {
        self.mentorship.with(|m| m.as_ref().is_some_and(Mentorship::is_read_only))
    }

    /// Which partner uses this device.
    /// Whether `side`'s own records (answers, feedback, check-ins,
    /// signature, reflection) are changed here: always until the mentorship
    /// is exchanged with another device (the pair may share this one), then
    /// only this device's side.
    pub fn owns(&self, side: Side) -> bool {
        let id = self.id();
        !self.store.exchanged.with(|set| set.contains(&id)) || side == self.my_role()
    }

    pub fn my_role(&self) -> Side {
        self.mentorship.with(|m| m.as_ref().map(|m| m.my_role).unwrap_or_default())
    }

    /// The name of the other partner: the one not using this device.
    pub fn partner_name(&self) -> String {
        self.name(self.my_role().other())
    }

    /// The name of the partner on `side`.
    pub fn name(&self, side: Side) -> String {
        self.mentorship.with(|m| m.as_ref().map(|m| m.name(side).to_string()).unwrap_or_default())
    }

    /// A label with one side's name in it, following the name as it is
    /// edited: `naming(Side::Mentor, |name| format!("Input from {name}"))`.
    pub fn naming(&self, side: Side, text: fn(&str) -> String) -> Signal<String> {
        let current = *self;
        Signal::derive(move || text(&current.name(side)))
    }

    /// "Priya (mentee)": a name with its side, for choosing who.
    pub fn name_and_side(&self, side: Side) -> String {
        format!("{} ({})", self.name(side), side.label())
    }

    /// The terms the pair agreed (or the suggestions until they do).
    pub fn terms(&self) -> Terms {
        self.terms.get()
    }

    /// One live session.
    pub fn session(&self, id: Uuid) -> Option<Session> {
        self.with(|d| d.sessions.iter().find(|s| s.id() == id && s.is_live()).cloned()).flatten()
    }
}

/// The mentorship of the current route (inside `/m/:id`).
pub fn use_current() -> Current {
    expect_context::<Current>()
}
