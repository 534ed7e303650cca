//! A real pseudo-terminal for end-to-end tests: a private tmux server running the real
//! kaizen binary, driven by keys and read back as text.
#![allow(clippy::disallowed_methods, dead_code)] // polling a real process needs a real clock

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A tmux server of our own (its own socket) running one kaizen in a pane.
pub struct Pane {
    socket: PathBuf,
    status_file: PathBuf,
    _dir: TempDir,
}

impl Pane {
    pub fn start(home: &Path, args: &[&str], width: u16, height: u16) -> Pane {
        let dir = TempDir::new().expect("temp dir");
        let socket = dir.path().join("tmux.sock");
        let status_file = dir.path().join("status");
        // The shell records kaizen's exit status (tmux's own pane status is not reliable
        // in containers) and keeps the pane open so the screen after exit can be read.
        let script = format!(
            "\"$0\" \"$@\"; echo $? > {}; exec sleep 60",
            shell_quote(&status_file)
        );
        let mut command = vec!["sh".to_string(), "-c".into(), script];
        command.push(env!("CARGO_BIN_EXE_kaizen").to_string());
        command.extend(args.iter().map(|a| a.to_string()));
        let status = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .arg("-f")
            .arg("/dev/null")
            .args([
                "new-session",
                "-d",
                "-s",
                "e2e",
                "-x",
                &width.to_string(),
                "-y",
            ])
            .arg(height.to_string())
            .arg("-e")
            .arg(format!("XDG_CONFIG_HOME={}", home.join("config").display()))
            .arg("-e")
            .arg(format!("XDG_DATA_HOME={}", home.join("data").display()))
            .arg("-e")
            .arg(format!("HOME={}", home.display()))
            .args(command)
            .status()
            .expect("tmux must be installed for end-to-end tests (apt-get install tmux)");
        assert!(status.success(), "tmux could not start a session");
        Pane {
            socket,
            status_file,
            _dir: dir,
        }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Polls the screen until `text` shows, or fails with what the screen said.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_long(text, 10)
    }

    /// Polls the screen for `text` up to `seconds` (what the app does on its own, later).
    pub fn wait_for_long(&self, text: &str, seconds: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls until every text shows at once (a frame can be caught half drawn).
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let screen = self.screen();
            if texts.iter().all(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never saw {texts:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for kaizen to exit and returns its exit status.
    pub fn exit_status(&self) -> i32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(text) = std::fs::read_to_string(&self.status_file)
                && let Ok(status) = text.trim().parse()
            {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "kaizen did not exit; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn shell_quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

impl Drop for Pane {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

impl Pane {
    /// The kaizen process in the pane (a child of the shell that records its status).
    pub fn kaizen_pid(&self) -> u32 {
        let shell = self.tmux(&["display-message", "-p", "-t", "e2e", "#{pane_pid}"]);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let output = Command::new("pgrep")
                .args(["-P", shell.trim()])
                .output()
                .expect("pgrep runs");
            let text = String::from_utf8_lossy(&output.stdout);
            if let Some(pid) = text.lines().find_map(|l| l.trim().parse().ok()) {
                return pid;
            }
            assert!(Instant::now() < deadline, "kaizen never started");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal to kaizen ("KILL", "TERM", "HUP").
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.kaizen_pid().to_string())
            .status()
            .expect("kill runs");
        assert!(status.success());
    }
}
