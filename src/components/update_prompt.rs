//! The "a new version is ready" prompt shown when a new deploy's service
//! worker is waiting. Reloading is the person's choice, so nothing they are
//! typing is ever lost to a forced refresh. When the new version has already
//! taken over (the person reloaded another tab), the prompt says that this tab
//! still runs the old version and must be reloaded; so it does when a page's
//! code has gone from the server since the tab opened (a deploy with no
//! service worker to keep the old version).

use crate::components::dynamic::dynamic_text;
use crate::components::when::When;
use leptos::prelude::*;

use super::button::Button;
use crate::pwa::NewVersion;

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let update = RwSignal::new(None::<NewVersion>);
    // Once a newer version has taken over, this tab must reload whatever else
    // is found later.
    let tell = move |news: NewVersion| {
        update.update(|shown| {
            if *shown != Some(NewVersion::TookOver) {
                *shown = Some(news);
            }
        })
    };
    crate::pwa::on_code_gone(move || tell(NewVersion::TookOver));
    // The registration is a browser object: keep it on this thread.
    let updater = StoredValue::new_local(crate::pwa::register_service_worker(tell));
    let took_over = move || update.get() == Some(NewVersion::TookOver);
    view! {
        <When when=move || update.get().is_some()>
            <div
                class="banner"
                class:banner-info=move || !took_over()
                class:banner-warn=took_over
                role="status"
            >
                <p>
                    {dynamic_text(move || {
                        if took_over() {
                            "Tandem has been updated since this tab was opened. Reload this tab to go on: it still runs the old version."
                        } else {
                            "A new version of Tandem is available."
                        }
                    })}
                </p>
                <Button on_click=move |()| {
                    updater.with_value(|u| u.apply())
                }>"Reload to update"</Button>
            </div>
        </When>
    }
}
