//! The parts of publishing a user can get wrong or an outsider can slip text into: `[publish]`
//! refused with the key and the fix, a credential in git's message hidden, chat text escaped
//! so a title cannot mention or link, and raw HTML in notes shown as text in the email.

use kaizen::publish::{PublishConfig, Targets};

fn targets(text: &str) -> Result<Targets, String> {
    let config: PublishConfig = toml::from_str(text).map_err(|e| e.to_string())?;
    Targets::from_config(&config, |name| {
        (name == "HOOK").then(|| "https://chat.example/hook/x".to_string())
    })
}

#[test]
fn a_bad_publish_table_is_refused_with_the_key_and_the_fix() {
    let refused = |text: &str| targets(text).err().unwrap_or_default();
    assert!(
        refused("[git]\nrepo = \"/d\"\npath = \"../out/{date}.md\"").contains("publish.git.path")
    );
    assert!(refused("[git]\nrepo = \"/d\"\npath = \"r/{week}.md\"").contains("placeholder"));
    assert!(
        refused("[git]\nrepo = \"/d\"\nremote = \"--upload-pack=x\"")
            .contains("publish.git.remote")
    );
    assert!(refused("[git]\nrepo = \"/d\"\nlessons = \"../wiki\"").contains("publish.git.lessons"));
    assert!(refused("[webhook]\nreport_url = \"x\"").contains("url_env"));
    assert!(refused("[webhook]\nurl_env = \"NOPE\"").contains("the environment has no NOPE"));
    // No list of its own: the report goes to the attendees with an address.
    assert!(targets("[email]\nserver = \"s\"\nfrom = \"k@example.com\"").is_ok());
    assert!(
        refused("[email]\nserver = \"s\"\nfrom = \"not an address\"\nto = [\"a@example.com\"]")
            .contains("publish.email.from")
    );
    assert!(refused("[email]\nserver = \"s\"\nuser = \"u\"\nfrom = \"k@example.com\"\nto = [\"a@example.com\"]").contains("password_env or password_file"));
    let ok = targets("[git]\nrepo = \"/d\"\n[webhook]\nurl_env = \"HOOK\"").expect("accepted");
    assert_eq!(ok.configured().len(), 2);
    assert!(
        !format!("{ok:?}").contains("chat.example"),
        "the URL never in Debug output"
    );
}

#[test]
fn a_credential_in_a_remote_s_url_never_shows() {
    let said = kaizen::publish::git::hide_credentials(
        "fatal: unable to access 'https://bob:ghp_s3cret@git.example/ops/docs.git/': 403",
    );
    assert_eq!(
        said,
        "fatal: unable to access 'https://***@git.example/ops/docs.git/': 403"
    );
    assert_eq!(
        kaizen::publish::git::hide_credentials("no url here"),
        "no url here"
    );
}

#[test]
fn raw_html_in_notes_is_text_in_the_email() {
    let html = kaizen::publish::email::html(
        "# Weekly\n\nA note <script>alert(1)</script> and <b>bold</b>\n",
    );
    assert!(html.contains("<h1>Weekly</h1>"), "{html}");
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

/// Publishing whatever waits goes on past a meeting whose report cannot be made: that one is
/// kept as failed with its reason (and tried again later), the next one is published.
#[test]
fn a_meeting_that_cannot_be_reported_does_not_hold_up_the_others() {
    use kaizen::publish::run::{Ask, Context, run};
    let folder = tempfile::TempDir::new().expect("folder");
    let repos = crate::publish_servers::Repos::new(folder.path());
    let database = folder.path().join("kaizen.db");
    let mut app = crate::harness::Harness::new("2026-12-07", 120, 40);
    app.set_store(kaizen::store::Store::open(&database).expect("store"));
    app.press("s y e y enter");
    app.press("s y e y enter");
    let now = app.now.wall;
    // Meeting 1 made unfinished behind kaizen's back: its report is not final.
    rusqlite::Connection::open(&database)
        .expect("database")
        .execute("UPDATE meetings SET ended_at = NULL WHERE id = 1", [])
        .expect("update");
    let mut store = kaizen::store::Store::open(&database).expect("store");
    for meeting in [1, 2] {
        store
            .apply(&kaizen::change::Change::QueuePublications {
                meeting,
                targets: vec!["git"],
            })
            .expect("queued");
    }
    let targets = targets(&format!(
        "[git]\nrepo = \"{}\"\nremote = \"origin\"",
        repos.docs.display()
    ))
    .expect("targets");
    let context = Context {
        targets,
        cycles: kaizen::cycles::load_cycles(None).expect("cycles"),
        location: kaizen::store::Location::File(database.clone()),
        team: None,
    };
    let published = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(run(
            std::sync::Arc::new(context),
            Ask::Due { hold: None },
            now,
        ))
        .expect("published");
    assert_eq!(published.len(), 2, "{published:?}");
    let why = published[0].outcomes[0]
        .result
        .as_ref()
        .expect_err("meeting 1 fails");
    assert!(why.contains("meeting 1 has not ended"), "{why}");
    assert!(published[1].outcomes[0].result.is_ok(), "{published:?}");
    assert!(repos.remote_log()[0].ends_with("(kaizen meeting 2)"));
    let kept = store
        .publications_due(now + chrono::Duration::hours(2))
        .expect("due");
    assert_eq!(kept.len(), 1, "meeting 1 waits to be tried again");
    assert_eq!((kept[0].meeting_id, kept[0].attempts), (1, 1));
    assert!(kept[0].detail.contains("has not ended"));
}
