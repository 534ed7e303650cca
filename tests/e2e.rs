//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys the way a
//! person would, with temporary config and data folders.
#![allow(clippy::disallowed_methods)] // polling a real process needs a real clock

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A tmux server of our own (its own socket) running one kaizen in a pane.
struct Pane {
    socket: PathBuf,
    status_file: PathBuf,
    _dir: TempDir,
}

impl Pane {
    fn start(home: &Path, args: &[&str], width: u16, height: u16) -> Pane {
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

    fn tmux(&self, args: &[&str]) -> String {
        let output = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Polls the screen until `text` shows, or fails with what the screen said.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
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

    /// Waits for kaizen to exit and returns its exit status.
    fn exit_status(&self) -> i32 {
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

#[test]
fn the_home_screen_opens_and_q_quits_cleanly() {
    let home = TempDir::new().unwrap();
    let pane = Pane::start(home.path(), &[], 80, 24);
    let screen = pane.wait_for("Review cycles");
    for cycle in ["Weekly", "Monthly", "Quarterly", "Annual"] {
        assert!(
            screen.contains(cycle),
            "{cycle} on the home screen:\n{screen}"
        );
    }
    assert!(screen.contains("q quit"), "{screen}");
    pane.keys(&["q"]);
    assert_eq!(pane.exit_status(), 0);
    let after = pane.screen();
    assert!(
        !after.contains("Review cycles"),
        "the alternate screen was left:\n{after}"
    );
    assert!(
        home.path().join("data/kaizen/kaizen.db").exists(),
        "the database is created in the data folder"
    );
}

#[test]
fn the_agenda_opens_and_a_small_terminal_is_told_so() {
    let home = TempDir::new().unwrap();
    let pane = Pane::start(home.path(), &["--demo"], 100, 30);
    pane.wait_for("Review cycles");
    pane.keys(&["j", "Enter"]);
    pane.wait_for("Monthly review");
    pane.wait_for("Cost per project");
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "60", "-y", "20"]);
    pane.wait_for("terminal too small (need 80x24, have 60x20)");
    pane.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"]);
    pane.wait_for("Outputs & checklist");
    pane.keys(&["Escape"]);
    pane.wait_for("Review cycles");
    pane.keys(&["q"]);
    assert_eq!(pane.exit_status(), 0);
    assert!(
        !home.path().join("data/kaizen/kaizen.db").exists(),
        "the demo writes nothing to disk"
    );
}
