//! A real PostgreSQL for tests: Debian's `postgresql`, a cluster made by `initdb` in a
//! temporary folder and started by `pg_ctl` on a free loopback port, as the unprivileged
//! `postgres` user when the tests run as root (initdb refuses root). Logins take a password
//! (SCRAM) over TCP, so a test sees the password reach the server and nowhere else.
//! When CI is set and PostgreSQL cannot start, the test fails instead of skipping.
#![allow(clippy::disallowed_methods, dead_code)] // waiting for a real server needs a clock

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The login every cluster here makes, and its password.
pub const USER: &str = "kaizen_reader";
pub const PASSWORD: &str = "s3cret-pg-passw0rd";

pub struct PgServer {
    pub port: u16,
    bin: PathBuf,
    data: PathBuf,
    /// Run as this user (root runs the server as `postgres`).
    as_user: Option<&'static str>,
    dir: TempDir,
}

impl PgServer {
    /// Starts an empty cluster, or returns `None` (outside CI only) when PostgreSQL is not
    /// installed.
    pub fn start() -> Option<PgServer> {
        let Some(bin) = bin_dir() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but PostgreSQL (initdb, pg_ctl) is not installed: scripts/test installs it"
            );
            eprintln!("skipping: PostgreSQL is not installed (scripts/test installs it)");
            return None;
        };
        let dir = TempDir::new().expect("temp dir");
        let root = nix::unistd::Uid::effective().is_root();
        let as_user = root.then_some("postgres");
        if root {
            let status = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(dir.path())
                .status()
                .expect("chown runs");
            assert!(status.success(), "chown the cluster's folder to postgres");
        }
        let data = dir.path().join("data");
        let pwfile = dir.path().join("password");
        std::fs::write(&pwfile, PASSWORD).expect("password file");
        if root {
            Command::new("chown")
                .arg("postgres")
                .arg(&pwfile)
                .status()
                .expect("chown runs");
        }
        let server = PgServer {
            port: free_port(),
            bin,
            data: data.clone(),
            as_user,
            dir,
        };
        let initdb = server.run(
            "initdb",
            &[
                "-D",
                &data.display().to_string(),
                "-U",
                USER,
                "--pwfile",
                &pwfile.display().to_string(),
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            ],
        );
        assert!(
            initdb.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&initdb.stderr)
        );
        server.start_again();
        Some(server)
    }

    /// Starts the cluster (again, after `stop`) on the same port with the same data.
    pub fn start_again(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c timezone=UTC",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log");
        let started = self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data.display().to_string(),
                "-o",
                &options,
                "-l",
                &log.display().to_string(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        assert!(
            started.status.success(),
            "pg_ctl start failed: {}{}",
            String::from_utf8_lossy(&started.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        self.wait_ready();
    }

    /// Stops the server as an administrator would for a restart: connections are cut.
    pub fn stop(&self) {
        let data = self.data.display().to_string();
        let stopped = self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
        assert!(stopped.status.success(), "pg_ctl stop failed");
    }

    /// A program of the server's own version, as the cluster's user.
    fn run(&self, program: &str, args: &[&str]) -> Output {
        let path = self.bin.join(program);
        let mut command = match self.as_user {
            Some(user) => {
                let mut command = Command::new("runuser");
                command.args(["-u", user, "--"]).arg(&path);
                command
            }
            None => Command::new(&path),
        };
        command
            .args(args)
            .output()
            .expect("a PostgreSQL program runs")
    }

    /// The URL kaizen's config gives: user, host, port and database, never the password.
    pub fn url(&self) -> String {
        format!("postgres://{USER}@127.0.0.1:{}/postgres", self.port)
    }

    /// Runs SQL with psql over TCP, as a user at a terminal would, and returns what psql
    /// prints (unaligned, fields split by `|`, no headers) and its errors.
    pub fn psql(&self, sql: &str) -> (String, String) {
        let output = Command::new(self.bin.join("psql"))
            .args(["-X", "-A", "-t", "-F", "|", "-h", "127.0.0.1", "-p"])
            .arg(self.port.to_string())
            .args(["-U", USER, "-d", "postgres", "-c", sql])
            .env("PGPASSWORD", PASSWORD)
            .output()
            .expect("psql runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// Runs SQL that must succeed (setting up tables).
    pub fn exec(&self, sql: &str) {
        let (_, errors) = self.psql(sql);
        assert!(!errors.contains("ERROR"), "psql: {errors}");
    }

    /// The server's log, where a password would show if anything sent it in a query.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (out, _) = self.psql("SELECT 1");
            if out.trim() == "1" {
                return;
            }
            assert!(Instant::now() < deadline, "PostgreSQL did not become ready");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        let data = self.data.display().to_string();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "stop"]);
    }
}

/// Where this machine's PostgreSQL programs are: Debian keeps them per version, off PATH.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort_by_key(|bin| version_of(bin));
    versions.pop().or_else(|| {
        let output = Command::new("pg_config").arg("--bindir").output().ok()?;
        let bin = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        bin.join("initdb").exists().then_some(bin)
    })
}

fn version_of(bin: &Path) -> u32 {
    bin.parent()
        .and_then(Path::file_name)
        .and_then(|name| name.to_str())
        .and_then(|name| name.parse().ok())
        .unwrap_or(0)
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// A kaizen home whose config points at the database at `url`, the password in a file
/// beside it (never in the config or the URL).
pub fn home_on(url: &str) -> TempDir {
    let home = TempDir::new().expect("home");
    let config = home.path().join("config/kaizen");
    std::fs::create_dir_all(&config).expect("config folder");
    let password = home.path().join("db-password");
    std::fs::write(&password, PASSWORD).expect("password file");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "database = \"{url}\"\ndatabase_password_file = \"{}\"\n",
            password.display()
        ),
    )
    .expect("config");
    home
}
