//! The button that downloads a backup of everything on this device, offered
//! wherever data is at risk, and the reason when the download failed.

use leptos::prelude::*;

use super::button::Button;
use super::error_message::ErrorMessage;
use crate::state::actions::data;
use crate::state::{use_store, ActionError};

#[component]
pub fn BackupButton(
    label: &'static str,
    #[prop(optional)] secondary: bool,
    /// Where the reason goes when it is shown elsewhere: by the banners,
    /// which are built anew as storage's state changes, and would lose a
    /// message of their own.
    #[prop(optional)]
    error: Option<RwSignal<Option<ActionError>>>,
) -> impl IntoView {
    let store = use_store();
    let shown_here = error.is_none();
    let error = error.unwrap_or_else(|| RwSignal::new(None));
    view! {
        <Button secondary on_click=move |()| error.set(data::download_backup(&store).err())>
            {label}
        </Button>
        {shown_here.then(|| view! { <ErrorMessage error /> })}
    }
}
