//! Which theme of the expectations conversation: a built-in one by its key,
//! or one of the pair's own by its id — as a link (`?theme=…`) names it.

use uuid::Uuid;

use super::expectations::{entry_id, ThemeEntry};
use super::themes;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ThemeRef {
    Builtin(&'static str),
    Custom(Uuid),
}

impl ThemeRef {
    /// Reads the `?theme=` form: a built-in key or a custom theme's id.
    pub fn parse(s: &str) -> Option<ThemeRef> {
        themes::theme(s)
            .map(|t| ThemeRef::Builtin(t.key))
            .or_else(|| Uuid::parse_str(s).ok().map(ThemeRef::Custom))
    }

    pub fn of(entry: &ThemeEntry) -> ThemeRef {
        match entry.spec() {
            Some(spec) => ThemeRef::Builtin(spec.key),
            None => ThemeRef::Custom(entry.meta.id),
        }
    }

    /// The `?theme=` form.
    pub fn param(&self) -> String {
        match self {
            ThemeRef::Builtin(key) => key.to_string(),
            ThemeRef::Custom(id) => id.to_string(),
        }
    }

    /// The id of this theme's entry in a mentorship.
    pub fn entry_id(&self, mentorship: Uuid) -> Uuid {
        match self {
            ThemeRef::Builtin(key) => entry_id(mentorship, key),
            ThemeRef::Custom(id) => *id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_reads_back_from_its_link_form() {
        let builtin = ThemeRef::Builtin("meetings");
        assert_eq!(ThemeRef::parse(&builtin.param()), Some(builtin));
        let custom = ThemeRef::Custom(Uuid::from_u128(7));
        assert_eq!(ThemeRef::parse(&custom.param()), Some(custom));
        assert_eq!(ThemeRef::parse("no-such-theme"), None);
    }
}
