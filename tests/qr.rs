//! The QR code of a link reads back as the link, as a phone's camera would
//! read it off the screen.

mod support;

use tandem::export::qr::qr_path;

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
fn a_link_of_two_thousand_characters_reads_back() {
    let link = format!("https://tandem.example/receive#TB1.{}", "aZ0-_".repeat(393));
    assert!(link.len() >= 1990, "{}", link.len());
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
