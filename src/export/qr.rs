//! A link as a QR code, drawn as one SVG path: a phone next to the laptop
//! opens the link by pointing its camera at the screen.

use qrcodegen::{QrCode, QrCodeEcc};

/// The light margin around the code, in modules (the standard's "quiet zone").
pub const QUIET_ZONE: usize = 4;

/// A QR code: its width in modules and the SVG path of its dark modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPath {
    /// Modules on a side, without the quiet zone.
    pub size: usize,
    /// `M x y h n v1 h-n z` runs, one per horizontal run of dark modules.
    pub path: String,
}

impl QrPath {
    /// The SVG `viewBox` that holds the code and its quiet zone.
    pub fn view_box(&self) -> String {
        let q = QUIET_ZONE as i64;
        let side = self.side();
        format!("{} {} {side} {side}", -q, -q)
    }

    /// Modules on a side, with the quiet zone.
    pub fn side(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }
}

/// The QR code of `text` (low error correction: the most that fits, for a
/// screen rather than print), or `None` when it does not fit in one.
pub fn qr_path(text: &str) -> Option<QrPath> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    Some(QrPath { size: code.size().unsigned_abs() as usize, path: path(&code) })
}

fn path(code: &QrCode) -> String {
    use std::fmt::Write;
    let n = code.size();
    let mut d = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.get_module(x, y) {
                x += 1;
            }
            let _ = write!(d, "M{start} {y}h{}v1h-{}z", x - start, x - start);
        }
    }
    d
}
