//! Publishing, end to end: the real binary in a terminal holds two weekly meetings with
//! `[publish]` set to a docs repository (pushed to a bare remote), a chat webhook (a local
//! HTTP server) and email (aiosmtpd on loopback). The first arrives at all three when its
//! summary closes. The second meets all three down: the screen says so, and once they are
//! back, the app tries again by itself and it arrives at each, the local commit kept and
//! pushed. The email goes to the config's list and to the attendees with an address on the
//! roster. No secret (the webhook's token) reaches the screen, the database or the log.

use crate::pty::Pane;
use crate::publish_servers::{Repos, Smtp, Webhook, git};
use tempfile::TempDir;

fn config(home: &TempDir, repos: &Repos, webhook_file: &std::path::Path, smtp: &Smtp) {
    let folder = home.path().join("config/kaizen");
    std::fs::create_dir_all(&folder).expect("config folder");
    std::fs::write(
        folder.join("config.toml"),
        format!(
            "[publish.git]\nrepo = \"{}\"\nremote = \"origin\"\nlessons = \"lessons\"\n\n\
             [publish.webhook]\nurl_file = \"{}\"\n\
             report_url = \"https://git.example/ops/docs/src/branch/main/{{path}}\"\n\n\
             [publish.email]\nserver = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n\
             from = \"kaizen <kaizen@example.com>\"\nto = [\"ops-team@example.com\"]\n",
            repos.docs.display(),
            webhook_file.display(),
            smtp.port
        ),
    )
    .expect("config");
}

/// Holds a weekly meeting in the pane, from start to its summary closed with a rating.
fn hold_weekly(pane: &Pane, rating: &str) {
    pane.keys(&["s"]);
    pane.wait_for("Start the Weekly review");
    pane.keys(&["y"]);
    pane.wait_for("1/3  Metrics Review");
    pane.keys(&["e"]);
    pane.keys(&["y"]);
    pane.wait_for("# Weekly review");
    pane.keys(&[rating]);
    pane.keys(&["Enter"]);
}

#[test]
fn an_ended_meeting_reaches_the_docs_repository_the_chat_and_mailboxes_and_failures_are_retried() {
    let folder = TempDir::new().expect("folder");
    let Some(mut smtp) = Smtp::new(folder.path()) else {
        return;
    };
    smtp.start();
    let repos = Repos::new(folder.path());
    let webhook = Webhook::start();
    let webhook_file = folder.path().join("webhook-url");
    std::fs::write(&webhook_file, format!("{}\n", webhook.url)).expect("url file");
    let home = TempDir::new().expect("home");
    config(&home, &repos, &webhook_file, &smtp);

    let pane = Pane::start(home.path(), &[], 160, 40);
    pane.wait_for("Review cycles");
    // The team: Ana with an address, Bo without; both on the meeting's attendance list.
    pane.keys(&["r", "a"]);
    pane.keys(&["-l", "Ana Lima @ana <ana@example.com>"]);
    pane.keys(&["Enter", "a"]);
    pane.keys(&["-l", "Bo Chen"]);
    pane.keys(&["Enter"]);
    pane.wait_for("<ana@example.com>");
    pane.keys(&["Escape"]);
    pane.wait_for("Review cycles");
    hold_weekly(&pane, "4");
    let said = pane.wait_for("published to the docs repository, the chat webhook, email");
    assert!(said.contains("Weekly review of"), "{said}");

    // The docs repository: committed and pushed to the remote, at the path the config says.
    let log = repos.remote_log();
    assert!(
        log[0].starts_with("Weekly review of ") && log[0].ends_with("(kaizen meeting 1)"),
        "{log:?}"
    );
    let files = git(&repos.remote, &["ls-tree", "-r", "--name-only", "main"]);
    let report = files
        .lines()
        .find(|f| f.starts_with("reviews/") && f.ends_with("-weekly.md"))
        .expect("the report in the remote")
        .to_string();
    // The lessons library rides along in the same commit (no lessons yet).
    let index = git(&repos.remote, &["show", "main:lessons/index.md"]);
    assert!(index.contains("_No lessons yet._"), "{index}");
    let text = git(&repos.remote, &["show", &format!("main:{report}")]);
    assert!(text.starts_with("# Weekly review"), "{text}");
    assert!(
        text.contains("**Rating:** 4/10") || text.contains("4/"),
        "{text}"
    );

    // The chat: one post, with the cycle, the rating and where the report is.
    let posts = webhook.posts();
    assert_eq!(posts.len(), 1);
    let post = posts[0]["text"].as_str().expect("text");
    assert!(post.starts_with("*Weekly review · "), "{post}");
    assert!(post.contains("rated 4/"), "{post}");
    assert!(post.contains("No action items made"), "{post}");
    assert!(
        post.ends_with(&format!(
            "Full report: https://git.example/ops/docs/src/branch/main/{report}"
        )),
        "{post}"
    );

    // The mailbox: the report, plain and HTML.
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    // To the config's list and the attendees with an address in the roster.
    let to = message
        .lines()
        .find(|line| line.starts_with("To: "))
        .expect("a To line");
    assert!(
        to.contains("ops-team@example.com")
            && to.contains("Ana Lima")
            && to.contains("<ana@example.com>"),
        "{to}"
    );
    assert!(!to.contains("Bo"), "Bo has no address: {to}");
    assert!(message.contains("Subject: Weekly review of"), "{message}");
    assert!(message.contains("Content-Type: text/plain"), "{message}");
    assert!(message.contains("Content-Type: text/html"), "{message}");
    assert!(message.contains("<h1>Weekly review"), "{message}");

    // All three down: the remote moved away, the webhook failing, the mail server stopped.
    let moved = folder.path().join("remote-moved.git");
    std::fs::rename(&repos.remote, &moved).expect("move the remote");
    webhook
        .failing
        .store(true, std::sync::atomic::Ordering::SeqCst);
    smtp.stop();
    hold_weekly(&pane, "3");
    let said = pane.wait_for("NOT PUBLISHED");
    assert!(said.contains("Weekly review of"), "{said}");
    // Each target's reason is kept with the meeting, the local commit made.
    let database = home.path().join("data/kaizen/kaizen.db");
    let reasons: Vec<(String, bool, String)> = rusqlite::Connection::open(&database)
        .expect("database")
        .prepare(
            "SELECT target, done, detail FROM publications WHERE meeting_id = 2 ORDER BY target",
        )
        .expect("query")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    let reason = |target: &str| {
        let (_, done, why) = reasons.iter().find(|r| r.0 == target).expect("a row");
        assert!(!done, "{target} is not done: {why}");
        why.clone()
    };
    assert!(reason("git").contains(", not pushed: "), "{reasons:?}");
    assert!(
        reason("webhook").contains("HTTP 500: channel_gone"),
        "{reasons:?}"
    );
    assert!(reason("email").contains("did not take it"), "{reasons:?}");

    // Back up: the app tries again on its own, and all three get the second meeting.
    std::fs::rename(&moved, &repos.remote).expect("the remote back");
    webhook
        .failing
        .store(false, std::sync::atomic::Ordering::SeqCst);
    smtp.start();
    pane.wait_for_long(
        "published to the docs repository, the chat webhook, email",
        90,
    );
    let log = repos.remote_log();
    assert!(log[0].ends_with("(kaizen meeting 2)"), "{log:?}");
    assert_eq!(
        log.len(),
        3,
        "the README's, then one commit per meeting: {log:?}"
    );
    assert_eq!(webhook.posts().len(), 2);
    assert_eq!(smtp.messages().len(), 2);

    // The webhook's secret is nowhere but the file it came from.
    pane.keys(&["q"]);
    let database = std::fs::read(&database).expect("database");
    assert!(!String::from_utf8_lossy(&database).contains("secret-token"));
    let logs: String = std::fs::read_dir(home.path().join(".local/state/kaizen"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    assert!(
        logs.contains("published"),
        "the log says what was published"
    );
    assert!(!logs.contains("secret-token"));
}
