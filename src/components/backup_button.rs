//! The button that downloads a backup of everything on this device, offered
//! wherever data is at risk, and the reason when the download failed.

use leptos::prelude::*;

use super::button::Button;
use super::error_message::ErrorMessage;
use crate::state::actions::data;
use crate::state::{use_store, ActionError};

#[component]
pub fn BackupButton(label: &'static str, #[prop(optional)] secondary: bool) -> impl IntoView {
    let store = use_store();
    let error = RwSignal::new(None::<ActionError>);
    view! {
        <Button secondary on_click=move |()| error.set(data::download_backup(&store).err())>
            {label}
        </Button>
        <ErrorMessage error />
    }
}
