//! What the harnesses in `server/examples` that drive a release `yucai` as a child process
//! share: starting and stopping it, a small HTTP/1.1 client over real TCP, and a fresh database
//! for a run. Each example includes this module and uses part of it.
#![allow(dead_code)]

use domain::db;
use model::i18n::{Locale, Msg};
use sea_orm::ConnectionTrait;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The server under test: `YUCAI_BIN`, else the release build in the target folder.
pub fn bin() -> PathBuf {
    std::env::var_os("YUCAI_BIN").map_or_else(
        || {
            let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
            PathBuf::from(target).join("release/yucai")
        },
        PathBuf::from,
    )
}

// ---------------------------------------------------------------------------------------------
// The server as a child process.

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub url: String,
    pub dir: PathBuf,
}

impl Server {
    pub fn command(url: &str, dir: &Path, port: u16, verb: &str) -> Command {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.join("server.log"))
            .expect("server log");
        let mut cmd = Command::new(bin());
        cmd.arg(verb)
            .env("DATABASE_URL", url)
            .env("YUCAI_SECRET_KEY_FILE", dir.join("secret.key"))
            .env("YUCAI_ADDR", format!("127.0.0.1:{port}"))
            .env("YUCAI_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log"))
            .stderr(log);
        cmd
    }

    /// Applies the migrations (and creates the secret key) without serving.
    pub fn migrate(url: &str, dir: &Path) {
        Server::run(url, dir, &["migrate"]);
    }

    /// Runs a `yucai` command that does not serve (e.g. `seed --demo`) to its end.
    pub fn run(url: &str, dir: &Path, args: &[&str]) {
        let status = Server::command(url, dir, 0, args[0])
            .args(&args[1..])
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin().display()));
        assert!(
            status.success(),
            "yucai {} failed: {}",
            args.join(" "),
            log_tail(dir)
        );
    }

    pub async fn start(url: &str, dir: &Path, port: u16) -> Server {
        let child = Server::command(url, dir, port, "serve")
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", bin().display()));
        let mut server = Server {
            child,
            port,
            url: url.to_string(),
            dir: dir.to_path_buf(),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(r) = http(port, "GET", "/healthz", None, None).await
                && r.status == 200
            {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server exited ({status}): {}", log_tail(dir));
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer within 60 s: {}",
                log_tail(dir)
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn restart(mut self) -> Server {
        let _ = self.child.kill();
        let _ = self.child.wait();
        Server::start(&self.url, &self.dir, self.port).await
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        self.child.kill().expect("SIGKILL");
        self.child.wait().expect("reap");
    }

    /// SIGTERM: the graceful stop.
    pub fn terminate(&self) {
        let pid = self.child.id() as libc::pid_t;
        // SAFETY: kill(2) with a child's pid and a valid signal number has no memory effects.
        let rc = unsafe { libc::kill(pid, libc::SIGTERM) };
        assert_eq!(rc, 0, "SIGTERM could not be sent");
    }

    /// Waits up to `limit` for the process to exit; its exit code.
    pub async fn exit_code(&mut self, limit: Duration) -> Option<i32> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.code().unwrap_or(-1));
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn log_tail(dir: &Path) -> String {
    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// A small HTTP/1.1 client: one request per connection, the whole answer read.

pub struct Reply {
    pub status: u16,
    pub body: String,
    /// The body arrived whole (its length or last chunk seen).
    pub complete: bool,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_default()
    }

    /// A 503 that says, in Chinese, that the data cannot be reached and nothing changed.
    pub fn is_clear_unavailable(&self) -> bool {
        let v = self.json();
        self.status == 503
            && v["error"]["code"] == "unavailable"
            && v["error"]["message"] == Locale::ZhCn.t(Msg::ErrUnavailable)
    }
}

/// A JSON API request, with a bearer token if given.
pub async fn http(
    port: u16,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> std::io::Result<Reply> {
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    send(port, method, path, &auth, body).await
}

/// A page as a browser signed in with `token` asks for it (the session cookie), or as an
/// anonymous visitor.
pub async fn page(port: u16, path: &str, token: Option<&str>) -> std::io::Result<Reply> {
    let cookie = token.map_or(String::new(), |t| format!("Cookie: yucai_session={t}\r\n"));
    send(
        port,
        "GET",
        path,
        &format!("Accept: text/html\r\n{cookie}"),
        None,
    )
    .await
}

/// One request on its own connection; `headers` are whole lines, each ending in CRLF.
pub async fn send(
    port: u16,
    method: &str,
    path: &str,
    headers: &str,
    body: Option<&str>,
) -> std::io::Result<Reply> {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    let body = body.unwrap_or("");
    let accept = if headers.contains("Accept:") {
        ""
    } else {
        "Accept: application/json\r\n"
    };
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\
         {accept}Accept-Language: zh-CN\r\n{headers}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    parse_reply(&raw)
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn parse_reply(raw: &[u8]) -> std::io::Result<Reply> {
    let broken = || std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no whole answer");
    let end = find(raw, b"\r\n\r\n").ok_or_else(broken)?;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(broken)?;
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
    };
    let rest = &raw[end + 4..];
    let (body, complete) = if header("transfer-encoding:").is_some_and(|v| v == "chunked") {
        dechunk(rest)
    } else if let Some(n) = header("content-length:").and_then(|v| v.parse::<usize>().ok()) {
        (rest[..n.min(rest.len())].to_vec(), rest.len() >= n)
    } else {
        (rest.to_vec(), true)
    };
    Ok(Reply {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
        complete,
    })
}

fn dechunk(mut rest: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    loop {
        let Some(line) = find(rest, b"\r\n") else {
            return (out, false);
        };
        let size = std::str::from_utf8(&rest[..line])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok());
        let Some(size) = size else {
            return (out, false);
        };
        rest = &rest[line + 2..];
        if size == 0 {
            return (out, true);
        }
        if rest.len() < size + 2 {
            out.extend_from_slice(rest);
            return (out, false);
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
}

/// A database for this run: a new SQLite file, or a new database beside `DATABASE_URL` on
/// PostgreSQL.
pub async fn fresh_database(work: &Path) -> String {
    match std::env::var("DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => {
            let admin = db::connect(&url).await.expect("DATABASE_URL reachable");
            let name = format!("yucai_faults_{}", std::process::id());
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create the database");
            admin.close().await.ok();
            let (base, _) = url.rsplit_once('/').expect("a database in DATABASE_URL");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}/faults.db", work.display()),
    }
}

/// "PostgreSQL" or "SQLite", for what a run prints.
pub fn engine_of(url: &str) -> &'static str {
    if url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    }
}
