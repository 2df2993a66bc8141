//! The QR code of a link reads back as the link, as a phone's camera would
//! read it off the screen. Native only (`rqrr` reads the code).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use tandem::export::qr::qr_path;
use tandem::state::actions::exchange::LINK_LIMIT;

fn read_back(text: &str) -> String {
    let qr = qr_path(text).expect("fits in a QR code");
    support::qr::read(qr.size, &qr.path).expect("reads back")
}

#[test]
fn a_short_link_reads_back() {
    let link = "https://tandem.example/receive#TB1.AAAA";
    assert_eq!(read_back(link), link);
}

#[test]
fn the_longest_link_the_app_offers_reads_back() {
    // Every link the Exchange page offers fits in one code.
    let head = "https://tandem.example/receive#TB1.";
    let link = format!("{head}{}", "aZ0-_".repeat(400))[..LINK_LIMIT].to_string();
    assert_eq!(link.len(), LINK_LIMIT);
    let qr = qr_path(&link).expect("fits");
    assert!(qr.size <= 153, "{} modules a side", qr.size);
    assert_eq!(read_back(&link), link);
}

#[test]
fn too_much_for_one_code_is_none() {
    assert_eq!(qr_path(&"x".repeat(3000)), None);
}

#[test]
fn the_view_box_holds_the_quiet_zone() {
    let qr = qr_path("hello").expect("fits");
    assert_eq!(qr.view_box(), format!("-4 -4 {0} {0}", qr.size + 8));
}
