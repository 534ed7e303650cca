//! Action items to the team's tracker and back, against a local server implementing GitHub's
//! issues routes as documented: `kaizen actions push` makes an issue with the owner's roster
//! handle as assignee and the due date in its body (once: a second push names the same
//! issue), `kaizen actions sync` leaves an open issue's item open, and marks the item done
//! once the issue is closed there, its history saying where. A bad token is said in the
//! tracker's words, and the token itself is never printed.

use crate::tracker_server::{GitHub, TOKEN};
use chrono::{FixedOffset, NaiveDate, TimeZone};
use kaizen::actions::{NewAction, Status};
use kaizen::change::{Change, RosterChange};
use kaizen::store::Store;
use tempfile::TempDir;

fn home(server: &GitHub) -> TempDir {
    home_with(server, "kind = \"github\"", "")
}

/// A home whose config has `[tracker]` of `kind` ("kind = \"gitlab\"", with `url` the
/// server's address plus `api`), and one open item of Ana Lima's (@ana).
fn home_with(server: &GitHub, kind: &str, api: &str) -> TempDir {
    let home = TempDir::new().expect("home");
    let data = home.path().join("data/kaizen");
    std::fs::create_dir_all(&data).expect("data");
    let mut store = Store::open(&data.join("kaizen.db")).expect("store");
    store
        .apply(&Change::Roster(RosterChange::Add(kaizen::people::Person {
            name: "Ana Lima".into(),
            handle: Some("ana".into()),
            email: None,
        })))
        .expect("roster");
    let at = FixedOffset::east_opt(0)
        .expect("UTC")
        .with_ymd_and_hms(2026, 12, 4, 9, 0, 0)
        .single()
        .expect("time");
    let due = NaiveDate::from_ymd_opt(2026, 12, 11).expect("date");
    let new = NewAction::standalone("Renew the checkout certificate", "Ana Lima", due);
    store.create_action(&new, false, at).expect("item");
    let config = home.path().join("config/kaizen");
    std::fs::create_dir_all(&config).expect("config");
    std::fs::write(
        config.join("config.toml"),
        format!(
            "[tracker]\n{kind}\nproject = \"ops/infra\"\nurl = \"{}{api}\"\ntoken_env = \"KAIZEN_TRACKER_TOKEN\"\n",
            server.url
        ),
    )
    .expect("config");
    home
}

fn kaizen(home: &TempDir, token: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let output = crate::cli::kaizen(home)
        .env("KAIZEN_TRACKER_TOKEN", token)
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

/// Item 1, pushed as ops/infra#1: a sync leaves it open while its issue is; closed there
/// (in `tracker`), the next sync marks it done. The store as it is then.
fn open_then_done_after_a_sync(home: &TempDir, server: &GitHub, tracker: &str) -> Store {
    let (out, _, code) = kaizen(home, TOKEN, &["actions", "sync"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        "open    action item 1 Renew the checkout certificate: ops/infra#1 is open\n"
    );
    server.close(1);
    let (out, _, code) = kaizen(home, TOKEN, &["actions", "sync"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        out,
        format!(
            "DONE    action item 1 Renew the checkout certificate: closed in {tracker} as ops/infra#1\n"
        )
    );
    let store = Store::open(&home.path().join("data/kaizen/kaizen.db")).expect("store");
    let item = store.action(1).expect("read").expect("the item");
    assert_eq!(item.status, Status::Done);
    store
}

#[test]
fn an_item_pushed_to_github_and_closed_there_is_done_after_a_sync() {
    let server = GitHub::start();
    let home = home(&server);

    let (out, errors, code) = kaizen(&home, TOKEN, &["actions", "push", "1"]);
    assert_eq!(code, Some(0), "{errors}");
    assert_eq!(
        out,
        "Pushed action item 1 as GitHub ops/infra#1: https://github.com/ops/infra/issues/1\n"
    );
    {
        let state = server.state.lock().expect("state");
        let issue = &state.issues[&1];
        assert_eq!(issue["title"], "Renew the checkout certificate");
        assert_eq!(issue["assignees"][0]["login"], "ana");
        let body = issue["body"].as_str().expect("body");
        assert!(body.contains("**Due:** 2026-12-11 (Friday)"), "{body}");
        assert!(body.contains("**Owner:** Ana Lima"), "{body}");
    }
    // Never twice.
    let (out, _, _) = kaizen(&home, TOKEN, &["actions", "push", "1"]);
    assert!(
        out.starts_with("Already pushed: action item 1 as GitHub ops/infra#1"),
        "{out}"
    );
    assert_eq!(server.state.lock().expect("state").issues.len(), 1);

    let store = open_then_done_after_a_sync(&home, &server, "GitHub");
    let item = store.action(1).expect("read").expect("the item");
    assert_eq!(item.drop_reason, None);
    let events = store.action_events().expect("history");
    let done = events
        .iter()
        .find(|e| e.item == 1 && e.event == "done")
        .expect("done event");
    assert_eq!(
        done.detail.as_deref(),
        Some("closed in GitHub as ops/infra#1")
    );
    // Done, it is not read again.
    let (out, _, _) = kaizen(&home, TOKEN, &["actions", "sync"]);
    assert_eq!(out, "No pushed action item is open.\n");
}

#[test]
fn a_bad_token_is_said_in_github_s_words_and_never_printed() {
    let server = GitHub::start();
    let home = home(&server);
    let wrong = "ghp_wrong_token_999";
    let (out, errors, code) = kaizen(&home, wrong, &["actions", "push", "1"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        errors.contains("GitHub refused the issue: HTTP 401: Bad credentials (check the token)"),
        "{errors}"
    );
    assert!(!errors.contains(wrong) && !errors.contains(TOKEN));
    let (_, errors, code) = kaizen(&home, TOKEN, &["actions", "push", "7"]);
    assert_eq!(code, Some(2));
    assert!(errors.contains("there is no action item 7"), "{errors}");
}

/// The app on `home`'s database with its own executor and the GitHub stand-in as tracker,
/// pushing every new item when `auto`.
fn app_with_tracker(home: &TempDir, server: &GitHub, auto: bool) -> crate::harness::Harness {
    let mut app = crate::harness::Harness::new("2026-12-07", 120, 40);
    app.with_runtime();
    app.set_store(Store::open(&home.path().join("data/kaizen/kaizen.db")).expect("store"));
    let config = kaizen::tracker::TrackerConfig {
        kind: kaizen::tracker::Kind::Github,
        project: "ops/infra".into(),
        url: Some(server.url.clone()),
        token_env: Some("T".into()),
        token_file: None,
        auto,
    };
    app.exec.tracker = Some(
        kaizen::tracker::Tracker::from_config(&config, |_| Some(TOKEN.to_string()))
            .expect("tracker"),
    );
    app.model.tracker = match auto {
        true => kaizen::model::Tracking::Auto,
        false => kaizen::model::Tracking::OnRequest,
    };
    app
}

/// The app's own executor with the tracker: `T` in the action list pushes the selected item,
/// and starting a meeting reads the pushed items back, so one closed there is done before
/// the Follow-ups step reads the list.
#[test]
fn in_the_app_t_pushes_an_item_and_a_meeting_s_start_marks_closed_issues_done() {
    let server = GitHub::start();
    let home = home(&server);
    let mut app = app_with_tracker(&home, &server, false);
    let items = app.store().actions(&Default::default()).expect("items");
    app.send(kaizen::msg::Msg::ActionsLoaded(items));

    app.press("a T");
    app.wait_for("the push", |app| {
        app.model
            .toast
            .as_ref()
            .is_some_and(|t| t.text.starts_with("Pushed action item 1 as ops/infra#1"))
    });
    assert_eq!(server.state.lock().expect("state").issues.len(), 1);

    server.close(1);
    app.press("esc s y");
    app.wait_for("the sync", |app| {
        app.model
            .actions
            .iter()
            .any(|item| item.id == 1 && item.status == Status::Done)
    });
    let screen = app.screen();
    assert!(
        screen.contains("Done in the tracker, so done here: Renew the checkout certificate"),
        "{screen}"
    );
}

/// The same against GitLab's routes: the assignee found by username and given by id, the
/// issue's `iid` and `web_url` kept, "closed" there done here.
#[test]
fn an_item_pushed_to_gitlab_and_closed_there_is_done_after_a_sync() {
    let server = GitHub::start();
    let home = home_with(&server, "kind = \"gitlab\"", "/api/v4");
    // A wrong token: GitLab's words, the token never printed.
    let (_, errors, code) = kaizen(&home, "glpat-wrong", &["actions", "push", "1"]);
    assert_eq!(code, Some(2));
    assert!(
        errors.contains("GitLab did not find @ana: HTTP 401: 401 Unauthorized (check the token)"),
        "{errors}"
    );
    assert!(!errors.contains("glpat-wrong") && !errors.contains(TOKEN));
    server.state.lock().expect("state").requests.clear();

    let (out, errors, code) = kaizen(&home, TOKEN, &["actions", "push", "1"]);
    assert_eq!(code, Some(0), "{errors}");
    assert_eq!(
        out,
        "Pushed action item 1 as GitLab ops/infra#1: https://gitlab.example/ops/infra/-/issues/1\n"
    );
    {
        let state = server.state.lock().expect("state");
        let issue = &state.issues[&1];
        assert_eq!(issue["title"], "Renew the checkout certificate");
        assert_eq!(issue["assignees"][0]["id"], 42, "@ana's GitLab id");
        let body = issue["description"].as_str().expect("description");
        assert!(body.contains("**Due:** 2026-12-11 (Friday)"), "{body}");
        let asked: Vec<&str> = state.requests.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(
            asked,
            [
                "/api/v4/users?username=ana",
                "/api/v4/projects/ops%2Finfra/issues"
            ]
        );
    }
    open_then_done_after_a_sync(&home, &server, "GitLab");
}

/// `auto = true`: every new item goes to the tracker as it is made, from the command line
/// and from the app's action form alike.
#[test]
fn with_auto_every_new_item_is_pushed_as_it_is_made() {
    let server = GitHub::start();
    let home = home_with(&server, "kind = \"github\"\nauto = true", "");
    let (out, errors, code) = kaizen(
        &home,
        TOKEN,
        &[
            "actions",
            "add",
            "Rotate the on-call",
            "--owner",
            "Ana Lima",
            "--due",
            "2026-12-18",
        ],
    );
    assert_eq!(code, Some(0), "{errors}");
    assert_eq!(
        out,
        "Added action item 2, due 2026-12-18.\n\
         Pushed action item 2 as GitHub ops/infra#1: https://github.com/ops/infra/issues/1\n"
    );
    // The tracker down: the item is kept, and why it was not pushed is said.
    let (out, errors, code) = kaizen(
        &home,
        "ghp_wrong",
        &[
            "actions",
            "add",
            "Check the backups",
            "--owner",
            "Ana Lima",
            "--due",
            "2026-12-18",
        ],
    );
    assert_eq!(code, Some(1), "{errors}");
    assert!(
        out.starts_with("Added action item 3, due 2026-12-18.\n"),
        "{out}"
    );
    assert!(
        errors.contains("action item 3 is not pushed: GitHub refused the issue: HTTP 401"),
        "{errors}"
    );
    assert!(errors.contains("kaizen actions push 3"), "{errors}");

    // In the app: an item made in the form is pushed once the store has given it its id.
    let mut app = app_with_tracker(&home, &server, true);
    app.press("s y");
    app.model.people = vec!["Ana Lima".into()];
    app.press("t");
    app.type_text("Write the failover runbook");
    app.press("tab");
    app.type_text("Ana");
    app.press("tab");
    app.type_text("fri");
    app.press("enter");
    app.wait_for("the push", |app| {
        app.model
            .toast
            .as_ref()
            .is_some_and(|t| t.text.starts_with("Pushed action item 4 as ops/infra#2"))
    });
    let state = server.state.lock().expect("state");
    assert_eq!(state.issues[&2]["title"], "Write the failover runbook");
    assert_eq!(state.issues.len(), 2, "each item once");
}
