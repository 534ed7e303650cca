//! End to end: the real binary in a real pseudo-terminal (tmux), driven by keys the way a
//! person would, with temporary config and data folders.

mod pty;

use pty::Pane;
use tempfile::TempDir;

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
