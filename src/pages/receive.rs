//! Where a link from the partner lands: the bundle in its fragment is read
//! at once (and the fragment taken off the address and history), and
//! anything else they sent can be pasted or opened here — to join a
//! mentorship, or to receive into one. The installed app opening a `.txt`
//! file ("Open with Tandem") lands here too, and reads it.

use leptos::prelude::*;

use crate::browser;
use crate::components::page::page_title;
use crate::components::receive_panel::ReceivePanel;

#[component]
pub fn ReceivePage() -> impl IntoView {
    page_title(|| "Receive from your partner".into());
    let initial = browser::take_fragment();
    view! {
        <h1>"Receive from your partner"</h1>
        <p class="lead">
            "Tandem has no server: your partner sends you what changed as a link, a message or a file. Nothing changes here until you have seen what it holds and confirmed."
        </p>
        <section class="card" aria-label="What you were sent">
            <ReceivePanel initial=initial.unwrap_or_default() launched_files=true />
        </section>
    }
}
