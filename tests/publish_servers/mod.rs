//! Real servers for publishing tests: a chat webhook (an HTTP server on loopback that keeps
//! each request's body and answers 200, or 500 while told to fail), an SMTP server (Python's
//! `aiosmtpd`, keeping each message in a maildir), and a git "remote" (a bare repository in a
//! temporary folder) with a clone of it as the docs repository.
#![allow(clippy::disallowed_methods, dead_code)] // servers answer in real time

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A webhook receiver on a free loopback port.
pub struct Webhook {
    pub url: String,
    pub bodies: Arc<Mutex<Vec<String>>>,
    pub failing: Arc<AtomicBool>,
}

impl Webhook {
    pub fn start() -> Webhook {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let url = format!(
            "http://{}/hooks/T000/B000/secret-token",
            listener.local_addr().expect("address")
        );
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let failing = Arc::new(AtomicBool::new(false));
        let (kept, fail) = (bodies.clone(), failing.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut reader = BufReader::new(stream);
                let mut length = 0usize;
                let mut line = String::new();
                let mut post = false;
                loop {
                    line.clear();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        break;
                    }
                    if line.starts_with("POST /hooks/T000/B000/secret-token ") {
                        post = true;
                    }
                    let lower = line.to_ascii_lowercase();
                    if let Some(value) = lower.strip_prefix("content-length:") {
                        length = value.trim().parse().unwrap_or(0);
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let failing = fail.load(Ordering::SeqCst);
                let answer = if failing || !post {
                    "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 13\r\nConnection: close\r\n\r\nchannel_gone\n"
                } else {
                    kept.lock()
                        .expect("bodies")
                        .push(String::from_utf8_lossy(&body).into_owned());
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                };
                let mut stream = reader.into_inner();
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        Webhook {
            url,
            bodies,
            failing,
        }
    }

    pub fn posts(&self) -> Vec<serde_json::Value> {
        self.bodies
            .lock()
            .expect("bodies")
            .iter()
            .map(|body| serde_json::from_str(body).expect("the post is JSON"))
            .collect()
    }
}

/// aiosmtpd on loopback, keeping messages in `maildir`.
pub struct Smtp {
    pub port: u16,
    pub maildir: PathBuf,
    child: Option<Child>,
    python: String,
}

impl Smtp {
    /// A server on a free port, not started yet (`start`); `None` outside CI when no Python
    /// has aiosmtpd.
    pub fn new(folder: &Path) -> Option<Smtp> {
        let python = ["/usr/bin/python3", "python3"].into_iter().find(|python| {
            Command::new(python)
                .args(["-c", "import aiosmtpd"])
                .output()
                .is_ok_and(|o| o.status.success())
        });
        let Some(python) = python else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but Python's aiosmtpd is missing: scripts/test installs python3-aiosmtpd"
            );
            eprintln!("skipping: no Python with aiosmtpd (scripts/test installs python3-aiosmtpd)");
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a port")
            .port();
        Some(Smtp {
            port,
            maildir: folder.join("maildir"),
            child: None,
            python: python.to_string(),
        })
    }

    pub fn start(&mut self) {
        let child = Command::new(&self.python)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&self.maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("aiosmtpd starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not listen");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Every message received, as its raw text.
    pub fn messages(&self) -> Vec<String> {
        let mut messages = Vec::new();
        for folder in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                messages.push(std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        messages
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A bare "remote" and the docs repository cloned from it, with a first commit pushed.
pub struct Repos {
    pub remote: PathBuf,
    pub docs: PathBuf,
}

pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl Repos {
    pub fn new(folder: &Path) -> Repos {
        let remote = folder.join("remote.git");
        let docs = folder.join("docs");
        std::fs::create_dir_all(&remote).expect("remote folder");
        git(
            &remote,
            &["init", "--quiet", "--bare", "--initial-branch=main"],
        );
        git(
            folder,
            &["clone", "--quiet", remote.to_str().expect("path"), "docs"],
        );
        git(&docs, &["checkout", "--quiet", "-b", "main"]);
        std::fs::write(docs.join("README.md"), "# Ops docs\n").expect("readme");
        git(&docs, &["add", "README.md"]);
        git(&docs, &["commit", "--quiet", "-m", "Start the docs"]);
        git(&docs, &["push", "--quiet", "origin", "main"]);
        Repos { remote, docs }
    }

    /// The remote's commit subjects, newest first.
    pub fn remote_log(&self) -> Vec<String> {
        git(&self.remote, &["log", "--format=%s", "main"])
            .lines()
            .map(str::to_string)
            .collect()
    }
}
