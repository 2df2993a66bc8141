//! `mailto:` links with a subject and body, percent-encoded (RFC 6068), for
//! sending an agenda or summary from the person's own mail app.

/// Percent-encodes everything but unreserved characters; newlines become CRLF.
fn encode(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::with_capacity(normalized.len() * 3);
    for b in normalized.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Mail clients cut long links; beyond this the body is shortened and says so.
pub const MAX_BODY: usize = 6_000;

/// A `mailto:` link to `to` (may be empty) with subject and body.
pub fn link(to: &str, subject: &str, body: &str) -> String {
    let body = if body.chars().count() > MAX_BODY {
        let cut: String = body.chars().take(MAX_BODY).collect();
        format!("{cut}\n\n[Shortened for email: copy the full text from Tandem.]")
    } else {
        body.to_string()
    };
    format!("mailto:{}?subject={}&body={}", encode(to.trim()), encode(subject), encode(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_and_body_are_encoded() {
        let l = link("", "Agenda: Ada & Charles", "Line one\nWhy? 100% sure, café");
        assert_eq!(
            l,
            "mailto:?subject=Agenda%3A%20Ada%20%26%20Charles&body=Line%20one%0D%0AWhy%3F%20100%25%20sure%2C%20caf%C3%A9"
        );
    }
}
