//! The mentoring agreement as a Markdown document to copy or file: the text,
//! the signatures and the fingerprint both partners can compare.

use crate::model::agreement::AgreementVersion;
use crate::model::dates;
use crate::model::Side;

/// The whole agreement version as Markdown.
pub fn markdown(version: &AgreementVersion) -> String {
    let mut out = version.body.trim_end().to_string();
    out.push_str("\n\n## Signatures\n\n");
    for side in Side::BOTH {
        let name = match side {
            Side::Mentee => &version.mentee,
            Side::Mentor => &version.mentor,
        };
        match version.valid_signature(side) {
            Some(sig) => out.push_str(&format!(
                "- {} ({}): signed “{}” on {}\n",
                name,
                side.label(),
                sig.name,
                dates::long(sig.date())
            )),
            None => out.push_str(&format!("- {} ({}): not signed yet\n", name, side.label())),
        }
    }
    let status = if version.is_frozen() { "signed by both" } else { "draft" };
    out.push_str(&format!(
        "\nVersion {} ({status}). Fingerprint: {}\n",
        version.number,
        version.fingerprint()
    ));
    if !version.change_note.trim().is_empty() {
        out.push_str(&format!("Changes in this version: {}\n", version.change_note.trim()));
    }
    out
}
