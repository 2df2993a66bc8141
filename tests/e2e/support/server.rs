//! A static file server for the release build (`dist/`), like any static host
//! with the single-page-app fallback: a path that names no file and has no
//! extension gets `index.html`. It can be stopped to take the site offline,
//! and behave like real hosts do (see [`Host`]).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::temp::TempDir;

/// What the host does besides serving the files.
#[derive(Clone, Copy, Debug, Default)]
pub struct Host {
    /// Sends `Cache-Control: max-age=<seconds>` with every file, as GitHub
    /// Pages does (600), instead of `no-cache`.
    pub max_age: Option<u32>,
    /// Redirects `…/index.html` to `…/` (301), as some hosts do.
    pub redirect_index: bool,
    /// Sends the headers the site's `_headers` file lists, as Netlify and
    /// Cloudflare Pages do (their `Cache-Control` replaces the default).
    pub headers_file: bool,
    /// Compresses text, scripts and wasm with gzip for a browser that
    /// accepts it (`Content-Encoding: gzip`), as static hosts do. The files
    /// are compressed once, when the site starts (`gzip -6`, a host's usual
    /// level), so no request waits for it; a file changed since (a deploy
    /// over the site) is sent as it is.
    pub gzip: bool,
}

pub struct Site {
    root: TempDir,
    port: u16,
    host: Host,
    stopping: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    /// The path of every request answered, in order.
    asked: Arc<Mutex<Vec<String>>>,
}

/// Where the release build is: `TANDEM_DIST` or `dist/` in the crate.
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("TANDEM_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dist.join("index.html").exists(),
        "no release build at {} — run `make test-e2e` (it runs `trunk build --release` first)",
        dist.display()
    );
    dist
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dist") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

impl Site {
    /// Serves a private copy of the release build (so a test may change it,
    /// e.g. to deploy a "new version").
    pub fn start() -> Site {
        Site::start_as(Host::default())
    }

    /// Serves a private copy of the release build the way `host` does.
    pub fn start_as(host: Host) -> Site {
        let root = TempDir::new("site");
        copy_dir(&dist_dir(), root.path());
        Site::serve(root, 0, host)
    }

    fn serve(root: TempDir, port: u16, host: Host) -> Site {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind loopback");
        let port = listener.local_addr().expect("local addr").port();
        let stopping = Arc::new(AtomicBool::new(false));
        let dir = root.path().to_path_buf();
        let zipped = Arc::new(if host.gzip { gzip_all(&dir) } else { HashMap::new() });
        let stop = stopping.clone();
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let (dir, zipped, log) = (dir.clone(), zipped.clone(), log.clone());
                    std::thread::spawn(move || answer(stream, &dir, host, &zipped, &log));
                }
            }
        });
        Site { root, port, host, stopping, thread: Some(thread), asked }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}", self.port, path)
    }

    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// How many requests so far asked for a path ending in `suffix`.
    pub fn requests_for(&self, suffix: &str) -> usize {
        self.asked
            .lock()
            .map(|list| list.iter().filter(|p| p.ends_with(suffix)).count())
            .unwrap_or(0)
    }

    /// Stops answering: every request now fails as if the network were down.
    pub fn stop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }

    /// Starts answering again on the same port (same origin, so the same
    /// service worker and storage).
    pub fn restart(mut self) -> Site {
        self.stop();
        let port = self.port;
        let root = std::mem::replace(&mut self.root, TempDir::new("unused"));
        Site::serve(root, port, self.host)
    }

    /// The status line and headers the site answers `path` with.
    pub fn head(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to the site");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .expect("send a request");
        let mut answer = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stream, &mut answer);
        let answer = String::from_utf8_lossy(&answer);
        answer.split("\r\n\r\n").next().unwrap_or_default().to_string()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop();
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "png" => "image/png",
        "webmanifest" => "application/manifest+json",
        "json" => "application/json",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Whether a host would compress this type of file.
fn compressible(path: &Path) -> bool {
    let kind = content_type(path);
    kind.starts_with("text/") || kind.contains("json") || kind == "application/wasm"
}

/// Every compressible file under `dir`, gzipped (`gzip -6`), by path, with
/// the time the file was last changed.
fn gzip_all(dir: &Path) -> Zipped {
    let mut zipped = HashMap::new();
    for entry in std::fs::read_dir(dir).expect("read the site") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            zipped.extend(gzip_all(&path));
        } else if compressible(&path) {
            let out = std::process::Command::new("gzip")
                .args(["-6", "-c", "-n"])
                .arg(&path)
                .output()
                .expect("gzip (the bench's server compresses like a static host)");
            assert!(out.status.success(), "gzip {}", path.display());
            let changed = path.metadata().and_then(|m| m.modified()).expect("file time");
            zipped.insert(path, (changed, out.stdout));
        }
    }
    zipped
}

type Zipped = HashMap<PathBuf, (std::time::SystemTime, Vec<u8>)>;

fn answer(stream: TcpStream, root: &Path, host: Host, zipped: &Zipped, asked: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers: only whether the browser takes gzip matters.
    let mut accepts_gzip = false;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {
                let lower = line.to_ascii_lowercase();
                if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
                    accepts_gzip = true;
                }
            }
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if let Ok(mut list) = asked.lock() {
        list.push(path.to_string());
    }
    let mut stream = stream;
    if host.redirect_index {
        if let Some(folder) = path.strip_suffix("index.html").filter(|f| f.ends_with('/')) {
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {folder}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = stream.write_all(head.as_bytes());
            return;
        }
    }
    let mut headers = match std::fs::read_to_string(root.join("_headers")) {
        Ok(file) if host.headers_file => headers_for(&file, path),
        _ => Vec::new(),
    };
    if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("Cache-Control")) {
        let cache_control = match host.max_age {
            Some(seconds) => format!("max-age={seconds}"),
            None => "no-cache".to_string(),
        };
        headers.push(("Cache-Control".to_string(), cache_control));
    }
    let headers: String =
        headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    let relative = path.trim_start_matches('/');
    let mut file = root.join(if relative.is_empty() { "index.html" } else { relative });
    let safe = !relative.split('/').any(|part| part == "..");
    if safe && !file.is_file() && Path::new(relative).extension().is_none() {
        file = root.join("index.html");
    }
    let response = match std::fs::read(&file) {
        Ok(body) if safe => {
            let changed = file.metadata().and_then(|m| m.modified()).ok();
            let gz = zipped.get(&file).filter(|(at, _)| accepts_gzip && changed == Some(*at));
            let (body, encoding) = match gz {
                Some((_, gz)) => {
                    (gz.clone(), "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n")
                }
                None => (body, ""),
            };
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n{encoding}{}Connection: close\r\n\r\n",
                content_type(&file),
                body.len(),
                headers,
            );
            [head.into_bytes(), body].concat()
        }
        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found"
            .to_vec(),
    };
    let _ = stream.write_all(&response);
    let _ = stream.flush();
}

/// The headers a `_headers` file (Netlify, Cloudflare Pages) gives `path`:
/// every rule whose path pattern matches applies, and a header that several
/// rules give is joined with ", " (as Cloudflare Pages does).
pub fn headers_for(file: &str, path: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut applies = false;
    for line in file.lines() {
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if !line.starts_with(char::is_whitespace) {
            applies = path_matches(text, path);
        } else if let Some((name, value)) = text.split_once(':').filter(|_| applies) {
            let (name, value) = (name.trim(), value.trim());
            match headers.iter_mut().find(|(known, _)| known.eq_ignore_ascii_case(name)) {
                Some((_, known)) => *known = format!("{known}, {value}"),
                None => headers.push((name.to_string(), value.to_string())),
            }
        }
    }
    headers
}

/// Whether a `_headers` path pattern (exact, or with one `*` splat that
/// matches anything) matches `path`.
fn path_matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        Some((before, after)) => {
            path.len() >= before.len() + after.len()
                && path.starts_with(before)
                && path.ends_with(after)
        }
        None => pattern == path,
    }
}
