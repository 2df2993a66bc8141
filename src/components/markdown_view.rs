//! Shows the small Markdown the app writes (headings, lists, paragraphs,
//! **bold**, _emphasis_) as real elements built from text nodes. User text is
//! never parsed as HTML: anything else shows as the characters typed.

use leptos::either::Either;
use leptos::prelude::*;

/// One block of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(u8, String),
    List(Vec<String>),
    Paragraph(Vec<String>),
}

/// Splits Markdown text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |out: &mut Vec<Block>, para: &mut Vec<String>, list: &mut Vec<String>| {
        if !para.is_empty() {
            out.push(Block::Paragraph(std::mem::take(para)));
        }
        if !list.is_empty() {
            out.push(Block::List(std::mem::take(list)));
        }
    };
    for line in text.lines() {
        let t = line.trim_end();
        if t.trim().is_empty() {
            flush(&mut out, &mut para, &mut list);
        } else if let Some((level, title)) = heading(t) {
            flush(&mut out, &mut para, &mut list);
            out.push(Block::Heading(level, title.to_string()));
        } else if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            if !para.is_empty() {
                out.push(Block::Paragraph(std::mem::take(&mut para)));
            }
            list.push(item.to_string());
        } else if !list.is_empty() && line.starts_with("  ") {
            if let Some(last) = list.last_mut() {
                last.push(' ');
                last.push_str(t.trim());
            }
        } else {
            if !list.is_empty() {
                out.push(Block::List(std::mem::take(&mut list)));
            }
            para.push(t.to_string());
        }
    }
    flush(&mut out, &mut para, &mut list);
    out
}

fn heading(line: &str) -> Option<(u8, &str)> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=4)
        .contains(&hashes)
        .then(|| line[hashes..].strip_prefix(' ').map(|t| (hashes as u8, t.trim())))
        .flatten()
}

/// Splits a line into plain and emphasised runs: `(text, bold, italic)`.
pub fn inline(text: &str) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let bold = rest.find("**");
        let italic =
            rest.find('_').filter(|i| *i == 0 || !rest.as_bytes()[i - 1].is_ascii_alphanumeric());
        let (at, marker) = match (bold, italic) {
            (Some(b), Some(i)) if i < b => (i, "_"),
            (Some(b), _) => (b, "**"),
            (None, Some(i)) => (i, "_"),
            (None, None) => break,
        };
        let after = &rest[at + marker.len()..];
        let Some(end) = after.find(marker).filter(|e| *e > 0) else {
            break;
        };
        if at > 0 {
            out.push((rest[..at].to_string(), false, false));
        }
        out.push((after[..end].to_string(), marker == "**", marker == "_"));
        rest = &after[end + marker.len()..];
    }
    if !rest.is_empty() {
        out.push((rest.to_string(), false, false));
    }
    out
}

fn runs(text: &str) -> impl IntoView {
    inline(text)
        .into_iter()
        .map(|(t, bold, italic)| match (bold, italic) {
            (true, _) => Either::Left(view! { <strong>{t}</strong> }),
            (_, true) => Either::Right(Either::Left(view! { <em>{t}</em> })),
            _ => Either::Right(Either::Right(t)),
        })
        .collect_view()
}

/// Renders Markdown; `top` is the heading level a `#` becomes (1–3).
#[component]
pub fn MarkdownView(
    #[prop(into)] text: Signal<String>,
    #[prop(default = 2)] top: u8,
) -> impl IntoView {
    move || {
        blocks(&text.get())
            .into_iter()
            .map(|block| match block {
                Block::Heading(level, title) => {
                    let title = runs(&title);
                    match (level + top - 1).min(4) {
                        1 => view! { <h1>{title}</h1> }.into_any(),
                        2 => view! { <h2>{title}</h2> }.into_any(),
                        3 => view! { <h3>{title}</h3> }.into_any(),
                        _ => view! { <h4>{title}</h4> }.into_any(),
                    }
                }
                Block::List(items) => view! { <ul>{items.into_iter().map(|i| view! { <li>{runs(&i)}</li> }).collect_view()}</ul> }.into_any(),
                Block::Paragraph(lines) => {
                    let n = lines.len();
                    view! {
                        <p>
                            {lines
                                .into_iter()
                                .enumerate()
                                .map(|(k, l)| {
                                    view! {
                                        {runs(&l)}
                                        {(k + 1 < n).then(|| view! { <br /> })}
                                    }
                                })
                                .collect_view()}
                        </p>
                    }
                    .into_any()
                }
            })
            .collect_view()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_inline_runs() {
        let text = "# Title\n\nIntro line\nsecond line\n\n- **Bold** item\n- _soft_ item\n\n## 2. Next\n_To be agreed._\n<script>x</script>";
        let b = blocks(text);
        assert_eq!(b[0], Block::Heading(1, "Title".into()));
        assert_eq!(b[1], Block::Paragraph(vec!["Intro line".into(), "second line".into()]));
        assert_eq!(b[2], Block::List(vec!["**Bold** item".into(), "_soft_ item".into()]));
        assert_eq!(b[3], Block::Heading(2, "2. Next".into()));
        assert_eq!(
            b[4],
            Block::Paragraph(vec!["_To be agreed._".into(), "<script>x</script>".into()])
        );
        assert_eq!(
            inline("**Bold** item"),
            vec![("Bold".into(), true, false), (" item".into(), false, false)]
        );
        assert_eq!(inline("_To be agreed._"), vec![("To be agreed.".into(), false, true)]);
        assert_eq!(inline("snake_case stays"), vec![("snake_case stays".into(), false, false)]);
        assert_eq!(inline("an ** unclosed"), vec![("an ** unclosed".into(), false, false)]);
    }
}
