//! A link as a QR code on screen: a phone next to the laptop opens it with
//! its camera. Dark modules on white whatever the theme, as cameras expect.

use leptos::prelude::*;

use crate::export::qr::qr_path;

#[component]
pub fn QrCode(
    /// What the code holds.
    #[prop(into)]
    text: Signal<String>,
    /// What it is, for a screen reader.
    label: &'static str,
) -> impl IntoView {
    let code = Memo::new(move |_| qr_path(&text.get()));
    move || {
        code.get().map(|qr| {
            let (view_box, size) = (qr.view_box(), qr.size);
            view! {
                <svg
                    class="qr-code"
                    role="img"
                    aria-label=label
                    viewBox=view_box
                    shape-rendering="crispEdges"
                    data-qr-size=size
                >
                    <rect x="-4" y="-4" width="100%" height="100%" fill="#fff"></rect>
                    <path d=qr.path fill="#000"></path>
                </svg>
            }
        })
    }
}
