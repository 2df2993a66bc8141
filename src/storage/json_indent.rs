//! Indents compact JSON for a person to read, exactly as
//! `serde_json::to_string_pretty` would (two spaces, `": "`, `[]` and `{}`
//! kept empty). Backups are written compact and indented here: pretty
//! printing through serde would put a second copy of every stored type's
//! serializer into the wasm.

/// `compact` indented. Input that is not compact JSON (whitespace between
/// tokens) keeps its characters outside strings dropped of that whitespace;
/// the text inside strings is never changed.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 4);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { '}' } else { ']' };
                if chars.peek() == Some(&close) {
                    chars.next();
                    out.push(close);
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_ascii_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

#[cfg(test)]
mod tests {
    use super::indent;
    use serde_json::json;

    #[test]
    fn it_writes_what_serde_json_pretty_writes() -> serde_json::Result<()> {
        let value = json!({
            "empty": {}, "none": [], "n": -1.5e-7, "t": true, "z": null,
            "text": "a \"quoted\" {brace}, [bracket]: colon \\ backslash \u{1F600} \n",
            "list": [1, [2, []], {"a": {"b": [{}]}}],
        });
        let compact = serde_json::to_string(&value)?;
        assert_eq!(indent(&compact), serde_json::to_string_pretty(&value)?);
        assert_eq!(indent("[]"), "[]");
        assert_eq!(indent(""), "");
        Ok(())
    }
}
