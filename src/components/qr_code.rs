//! A link as a QR code on screen: a phone next to the laptop opens it with
//! its camera. Dark modules on white whatever the theme, as cameras expect.

use leptos::prelude::*;

use crate::export::qr::{qr_path, QUIET_ZONE};

/// Screen pixels a module at the most: a phone's camera reads a dense code
/// only when each module is a few pixels wide.
const PIXELS_PER_MODULE: usize = 4;

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
            let side = qr.side();
            let corner = -(QUIET_ZONE as i64);
            // Set through the CSS object model: the CSP refuses style attributes.
            let width = format!("min(100%, {}px)", side * PIXELS_PER_MODULE);
            view! {
                <svg
                    class="qr-code"
                    role="img"
                    aria-label=label
                    viewBox=view_box
                    shape-rendering="crispEdges"
                    data-qr-size=size
                    style:width=width
                >
                    <rect x=corner y=corner width=side height=side fill="#fff"></rect>
                    <path d=qr.path fill="#000"></path>
                </svg>
            }
        })
    }
}
