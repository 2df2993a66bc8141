//! Deploys over a running [`Site`], the way a host swaps in a new build: a
//! "next version" made from the release build (rebuilding takes minutes), or
//! the service worker kill switch.

use std::path::Path;

use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use super::Site;

/// The pages whose inline bootstrap names the wasm (and whose CSP hashes it).
const PAGES: [&str; 2] = ["index.html", "404.html"];

impl Site {
    /// Replaces the site's files with a new build's, as a deploy does: the
    /// wasm, its JavaScript and the directory of the pages' chunks get new
    /// content-hashed names (the old ones are gone), the pages and the two
    /// scripts that import each other name them (with the CSP and integrity
    /// hashes updated to match) and the service worker has a new precache
    /// list and cache version (`tandem-shell-next-…`), if the site has one.
    pub fn deploy_next_version(&self) {
        let root = self.root();
        let old = self.wasm_file();
        let hash = old
            .strip_prefix("tandem-")
            .and_then(|rest| rest.strip_suffix("_bg.wasm"))
            .unwrap_or_else(|| panic!("a Trunk wasm name: {old}"));
        let next = format!("{hash}next");
        for entry in std::fs::read_dir(root).expect("read the site").flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.contains(hash) {
                let renamed = root.join(name.replace(hash, &next));
                std::fs::rename(entry.path(), renamed).expect("rename a hashed file");
            }
        }
        let glue = root.join(format!("tandem-{next}.js"));
        let loader = root.join(format!("split-{next}/__wasm_split.js"));
        for script in [&glue, &loader] {
            edit(script, |js| js.replace(hash, &next));
        }
        for page in PAGES {
            edit(&root.join(page), |html| {
                let html = with_csp_hashes_of(&html.replace(hash, &next), html);
                with_integrity(&html, root)
            });
        }
        // (unless a test removed it, to be a browser with no worker)
        let worker = root.join("sw.js");
        if worker.exists() {
            edit(&worker, |sw| {
                sw.replace(hash, &next)
                    .replace("const CACHE_VERSION = \"", "const CACHE_VERSION = \"next-")
            });
        }
    }

    /// Deploys the kill switch the way the README says: `sw-kill.js` in
    /// place of `sw.js`.
    pub fn deploy_kill_switch(&self) {
        std::fs::copy(self.root().join("sw-kill.js"), self.root().join("sw.js"))
            .expect("copy the kill switch over sw.js");
    }

    /// The name of the wasm file the site serves now.
    pub fn wasm_file(&self) -> String {
        std::fs::read_dir(self.root())
            .expect("read the site")
            .flatten()
            .map(|entry| entry.file_name().to_string_lossy().to_string())
            .find(|name| name.ends_with("_bg.wasm"))
            .expect("a wasm file in the site")
    }
}

/// Rewrites a text file of the site.
fn edit(path: &Path, change: impl FnOnce(&str) -> String) {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    std::fs::write(path, change(&text)).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// `html` with each inline script's CSP hash, as `before` had it, replaced
/// by the hash of the script as it is now (what scripts/post-build.mjs writes).
fn with_csp_hashes_of(html: &str, before: &str) -> String {
    inline_script_hashes(before)
        .into_iter()
        .zip(inline_script_hashes(html))
        .fold(html.to_string(), |html, (old, new)| html.replace(&old, &new))
}

/// `html` with the `integrity` of every `<link>` that has one computed again
/// from the file it names in `root` (what the build writes).
fn with_integrity(html: &str, root: &Path) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<link ") {
        let end = start + rest[start..].find('>').expect("a closed <link>");
        let tag = &rest[start..end];
        let attr = |name: &str| {
            let value = tag.split(&format!(" {name}=\"")).nth(1)?;
            value.split('"').next()
        };
        out.push_str(&rest[..start]);
        match (attr("href"), attr("integrity")) {
            (Some(href), Some(old)) => {
                let file = root.join(href.trim_start_matches('/'));
                let bytes =
                    std::fs::read(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
                let digest = Sha384::digest(&bytes);
                let encoded = base64::engine::general_purpose::STANDARD.encode(digest.as_slice());
                out.push_str(&tag.replace(old, &format!("sha384-{encoded}")));
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The CSP source (`'sha256-…'`) of every inline `<script>`, in order.
fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let Some(close) = rest.find("</script>") else { break };
        let tag = &rest[..tag_end];
        if !tag.contains("src=") {
            let digest = Sha256::digest(&rest.as_bytes()[tag_end + 1..close]);
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest.as_slice());
            hashes.push(format!("'sha256-{encoded}'"));
        }
        rest = &rest[close + "</script>".len()..];
    }
    hashes
}
