//! End to end with a Prometheus that accepts connections and never answers: the meeting
//! screen keeps answering keys while its panels wait, the panels then say they timed out,
//! and the bearer token read from a file appears nowhere in the database.

use crate::pty;

use pty::Pane;
use std::time::Duration;
use tempfile::TempDir;

#[test]
fn a_hanging_prometheus_never_freezes_the_screen_and_secrets_stay_out_of_the_database() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream); // accepted, and never answered
        }
    });
    let home = TempDir::new().unwrap();
    let config = home.path().join("config/kaizen");
    std::fs::create_dir_all(&config).unwrap();
    let token_file = home.path().join("token");
    std::fs::write(&token_file, "s3cr3t-t0ken-value\n").unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[prometheus]\nurl = \"http://{address}\"\ntimeout = \"3s\"\ntoken_file = \"{}\"\n",
            token_file.display()
        ),
    )
    .unwrap();

    let pane = Pane::start(home.path(), &["start", "weekly"], 100, 30);
    pane.wait_for("1/3  Metrics Review");
    pane.wait_for("loading…");
    pane.keys(&["Space"]);
    let screen = pane.wait_for("PAUSED");
    assert!(
        screen.contains("loading…"),
        "the key was answered while the panels still waited on the network:\n{screen}"
    );
    pane.keys(&["Space", "+"]);
    let screen = pane.wait_for("11m (was 10)");
    assert!(
        screen.contains("loading…") || screen.contains("timed out"),
        "{screen}"
    );
    pane.wait_for("timed out after 3 s");
    pane.keys(&["q"]);
    pane.wait_for("Leave kaizen?");
    pane.keys(&["y"]);
    assert_eq!(pane.exit_status(), 0);

    std::thread::sleep(Duration::from_millis(100));
    let data = home.path().join("data/kaizen");
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let found = bytes.windows(18).any(|w| w == b"s3cr3t-t0ken-value");
        assert!(!found, "the token is in {}", path.display());
    }
}
