//! A small document shape — a title, a few facts, sections of paragraphs and
//! lists — rendered as Markdown or as plain text for an email body. Agenda and
//! summary are written once, as outlines, and come out both ways.

/// One section: a heading, then paragraphs, then a list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Section {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    /// Number the list (priority order) instead of bulleting it.
    pub numbered: bool,
}

impl Section {
    pub fn new(heading: &str) -> Section {
        Section { heading: heading.to_string(), ..Default::default() }
    }

    pub fn text(mut self, text: &str) -> Section {
        if !text.trim().is_empty() {
            self.paragraphs.push(text.trim().to_string());
        }
        self
    }

    pub fn item(mut self, item: String) -> Section {
        self.items.push(item);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.items.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub title: String,
    /// "When: …", "Where: …" lines under the title.
    pub facts: Vec<String>,
    pub sections: Vec<Section>,
}

impl Outline {
    /// Adds a section unless it has nothing in it.
    pub fn push(&mut self, section: Section) {
        if !section.is_empty() {
            self.sections.push(section);
        }
    }

    /// A section's paragraphs and list as blocks separated by blank lines.
    fn body(section: &Section, bullet: &str, indent: &str) -> String {
        let mut blocks: Vec<String> = section.paragraphs.clone();
        if !section.items.is_empty() {
            let list: Vec<String> = section
                .items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let marker =
                        if section.numbered { format!("{}.", i + 1) } else { bullet.to_string() };
                    format!("{marker} {}", item.replace('\n', &format!("\n{indent}")))
                })
                .collect();
            blocks.push(list.join("\n"));
        }
        blocks.join("\n\n")
    }

    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        if !self.facts.is_empty() {
            // Two trailing spaces: a line break inside one paragraph.
            out.push('\n');
            out.push_str(&self.facts.join("  \n"));
            out.push('\n');
        }
        for s in &self.sections {
            out.push_str(&format!("\n## {}\n\n{}\n", s.heading, Self::body(s, "-", "   ")));
        }
        out
    }

    pub fn to_plain(&self) -> String {
        let underline = |t: &str, c: &str| c.repeat(t.chars().count().min(72));
        let mut out = format!("{}\n{}\n", self.title, underline(&self.title, "="));
        for fact in &self.facts {
            out.push_str(fact);
            out.push('\n');
        }
        for s in &self.sections {
            out.push_str(&format!(
                "\n{}\n{}\n{}\n",
                s.heading,
                underline(&s.heading, "-"),
                Self::body(s, "*", "  ")
            ));
        }
        out
    }
}
