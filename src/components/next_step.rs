//! What a pair should do next, in words and where to do it: on the home
//! page's card for each mentorship and on its Overview.

use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

use crate::model::insights::NextStep;
use crate::paths;

/// The step's title, a sentence on why, and the page where it is done;
/// `None` once the pair is under way.
pub fn describe(step: NextStep, m: Uuid) -> Option<(&'static str, &'static str, String)> {
    match step {
        NextStep::HaveTheConversation => Some((
            "Have the expectations conversation",
            "Each of you says what you expect, theme by theme, and you agree on each.",
            paths::conversation(m),
        )),
        NextStep::SignTheAgreement => Some((
            "Read and sign the agreement",
            "It is written from what you agreed; both of you sign it, each with your own name.",
            paths::agreement(m),
        )),
        NextStep::PlanTheFirstSession => Some((
            "Plan the first session",
            "The mentee schedules it and sends the agenda before you meet.",
            paths::sessions(m),
        )),
        NextStep::SendTheSummary(s) => Some((
            "Send the summary of the last session",
            "The mentee writes what was decided and the new action items, and sends it.",
            paths::session(m, s),
        )),
        NextStep::PlanTheNextSession => Some((
            "Plan the next session",
            "Nothing is planned yet: keep the rhythm you agreed.",
            paths::sessions(m),
        )),
        NextStep::SendTheAgenda(s) => Some((
            "Send the agenda for the next session",
            "The mentee sends it ahead, so the mentor can prepare.",
            paths::session(m, s),
        )),
        NextStep::KeepGoing => None,
    }
}

/// The next step as a card with a link to where it is done.
#[component]
pub fn NextStepCard(
    #[prop(into)] step: Signal<Option<NextStep>>,
    m: Signal<Uuid>,
) -> impl IntoView {
    move || {
        step.get().and_then(|step| describe(step, m.get())).map(|(title, why, href)| {
            view! {
                <section class="card next-step-card" aria-labelledby="next-step-title">
                    <h2 id="next-step-title">{format!("Next step: {}", title.to_lowercase())}</h2>
                    <p>{why}</p>
                    <A href=href attr:class="button">
                        {format!("{title} →")}
                    </A>
                </section>
            }
        })
    }
}
