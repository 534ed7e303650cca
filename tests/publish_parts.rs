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
    assert!(refused("[webhook]\nreport_url = \"x\"").contains("url_env"));
    assert!(refused("[webhook]\nurl_env = \"NOPE\"").contains("the environment has no NOPE"));
    assert!(
        refused("[email]\nserver = \"s\"\nfrom = \"k@example.com\"\nto = []")
            .contains("publish.email.to is empty")
    );
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
