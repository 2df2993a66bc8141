//! The names of Tandem's `localStorage` keys: which deployment they belong to
//! (the [`Namespace`], from the path the app is served under) and which
//! generation of the data (see [the layout](super)).
//!
//! At the site's root every key starts with `tandem.`; under `/app/` with
//! `tandem:/app/.`. A key belongs to a namespace when it starts with its
//! prefix and the rest has no `/`: so `/app` never takes the keys of `/app/x`
//! or `/app/.x` for its own, and the root never takes any of theirs.

use uuid::Uuid;

/// Where one deployment keeps its keys in the origin's storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    prefix: String,
}

/// The part of a key after its namespace: what the key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Name<'a> {
    /// The header naming the live generation.
    Meta,
    /// Written and removed at start to test that storage works.
    Probe,
    /// This device's exchange bookkeeping (outside the generations: it is
    /// the device's, not the library's).
    Device,
    /// The vault's key record, when Tandem is locked with a passphrase
    /// ([`crate::storage::vault`]).
    Vault,
    /// The lock's settings and when it last locked: plain, so a locked tab
    /// can read it.
    Lock,
    /// A value of one generation.
    Data { generation: u64, item: Item<'a> },
}

/// What a value of a generation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item<'a> {
    Profile,
    /// A mentorship; the id as it is written in the key (maybe not a uuid).
    Doc(&'a str),
    /// A name Tandem does not write.
    Other,
}

const META: &str = "meta";
const PROBE: &str = "probe";
const DEVICE: &str = "device";
const VAULT: &str = "vault";
const LOCK: &str = "lock";
const PROFILE: &str = "profile";
const DOC: &str = "m.";

impl Namespace {
    /// The namespace of the app served at the site's root: `tandem.`.
    pub fn root() -> Namespace {
        Namespace { prefix: "tandem.".into() }
    }

    /// The namespace of the app served under `base` (`""` or `"/"` for the
    /// root, `"/app"` or `"/app/"` for a sub-path).
    pub fn for_base(base: &str) -> Namespace {
        let path = base.trim_matches('/');
        if path.is_empty() {
            Namespace::root()
        } else {
            Namespace { prefix: format!("tandem:/{path}/.") }
        }
    }

    /// What every key of this namespace starts with.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn meta(&self) -> String {
        format!("{}{META}", self.prefix)
    }

    pub fn probe(&self) -> String {
        format!("{}{PROBE}", self.prefix)
    }

    pub fn device(&self) -> String {
        format!("{}{DEVICE}", self.prefix)
    }

    pub fn vault(&self) -> String {
        format!("{}{VAULT}", self.prefix)
    }

    pub fn lock(&self) -> String {
        format!("{}{LOCK}", self.prefix)
    }

    pub fn profile(&self, generation: u64) -> String {
        format!("{}{PROFILE}", self.generation_prefix(generation))
    }

    pub fn doc(&self, generation: u64, id: Uuid) -> String {
        format!("{}{DOC}{id}", self.generation_prefix(generation))
    }

    /// The same value's key in another generation.
    pub fn moved(&self, item: Item<'_>, generation: u64) -> Option<String> {
        let base = self.generation_prefix(generation);
        match item {
            Item::Profile => Some(format!("{base}{PROFILE}")),
            Item::Doc(id) => Some(format!("{base}{DOC}{id}")),
            Item::Other => None,
        }
    }

    /// Generation 0 has no marker, so the keys written before generations
    /// existed (`tandem.m.<id>`) are its keys.
    fn generation_prefix(&self, generation: u64) -> String {
        match generation {
            0 => self.prefix.clone(),
            n => format!("{}g{n}.", self.prefix),
        }
    }

    /// What `key` holds, or `None` when it is not this namespace's.
    pub fn parse<'a>(&self, key: &'a str) -> Option<Name<'a>> {
        let rest = key.strip_prefix(self.prefix.as_str()).filter(|rest| !rest.contains('/'))?;
        Some(match rest {
            META => Name::Meta,
            PROBE => Name::Probe,
            DEVICE => Name::Device,
            VAULT => Name::Vault,
            LOCK => Name::Lock,
            _ => {
                let (generation, name) = split_generation(rest);
                Name::Data { generation, item: item(name) }
            }
        })
    }

    /// The key without its namespace (for file names).
    pub fn local_name<'a>(&self, key: &'a str) -> &'a str {
        key.strip_prefix(self.prefix.as_str()).unwrap_or(key)
    }
}

/// `g7.m.<id>` is `m.<id>` of generation 7; anything without a `g<n>.`
/// marker is generation 0.
fn split_generation(rest: &str) -> (u64, &str) {
    let marked = rest.strip_prefix('g').and_then(|tail| tail.split_once('.'));
    match marked {
        Some((digits, name)) if digits.bytes().all(|b| b.is_ascii_digit()) => {
            match digits.parse::<u64>() {
                Ok(n) if n > 0 => (n, name),
                _ => (0, rest),
            }
        }
        _ => (0, rest),
    }
}

fn item(name: &str) -> Item<'_> {
    match name {
        PROFILE => Item::Profile,
        _ => name.strip_prefix(DOC).map_or(Item::Other, Item::Doc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_keeps_the_keys_written_before_generations() {
        let root = Namespace::root();
        let id = Uuid::from_u128(7);
        assert_eq!(root.meta(), "tandem.meta");
        assert_eq!(root.profile(0), "tandem.profile");
        assert_eq!(root.doc(0, id), format!("tandem.m.{id}"));
        assert_eq!(root.doc(3, id), format!("tandem.g3.m.{id}"));
        assert_eq!(Namespace::for_base(""), root);
        assert_eq!(Namespace::for_base("/"), root);
    }

    #[test]
    fn every_key_parses_back_to_what_it_holds() {
        let id = Uuid::from_u128(7);
        let id_text = id.to_string();
        for ns in [Namespace::root(), Namespace::for_base("/app/")] {
            assert_eq!(ns.parse(&ns.meta()), Some(Name::Meta));
            assert_eq!(ns.parse(&ns.probe()), Some(Name::Probe));
            assert_eq!(ns.parse(&ns.vault()), Some(Name::Vault));
            assert_eq!(ns.parse(&ns.lock()), Some(Name::Lock));
            for generation in [0, 1, 42] {
                assert_eq!(
                    ns.parse(&ns.doc(generation, id)),
                    Some(Name::Data { generation, item: Item::Doc(&id_text) })
                );
                assert_eq!(
                    ns.parse(&ns.profile(generation)),
                    Some(Name::Data { generation, item: Item::Profile })
                );
            }
            let other = format!("{}g2.something", ns.prefix());
            assert_eq!(ns.parse(&other), Some(Name::Data { generation: 2, item: Item::Other }));
        }
    }

    #[test]
    fn deployments_on_one_origin_never_take_each_others_keys() {
        let root = Namespace::root();
        let app = Namespace::for_base("/app");
        let nested = Namespace::for_base("/app/x");
        let dotted = Namespace::for_base("/app/.x");
        assert_eq!(app.meta(), "tandem:/app/.meta");
        let all = [&root, &app, &nested, &dotted];
        for owner in all {
            for other in all.iter().filter(|o| **o != owner) {
                let id = Uuid::from_u128(1);
                for key in [owner.meta(), owner.doc(0, id), owner.doc(5, id), owner.profile(0)] {
                    assert_eq!(other.parse(&key), None, "{key} is not {}'s", other.prefix());
                }
            }
        }
        assert_eq!(root.parse("other-app"), None);
    }

    #[test]
    fn odd_generation_markers_are_read_as_names_of_generation_0() {
        let root = Namespace::root();
        for key in
            ["tandem.g.m.x", "tandem.g0.m.x", "tandem.gx.m.x", "tandem.g99999999999999999999.m.x"]
        {
            assert!(
                matches!(root.parse(key), Some(Name::Data { generation: 0, .. })),
                "{key}: {:?}",
                root.parse(key)
            );
        }
    }
}
