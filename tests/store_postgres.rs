//! The store on PostgreSQL from the command line, as a team would move to one: the same
//! database named by `--db postgres://…` with its password in `KAIZEN_DB_PASSWORD` (never in
//! the URL, never printed), a SQLite database's export piped into it (`import -`), and the
//! items read back from it. A password in the URL is refused before anything is opened.

use crate::pgserver::{PASSWORD, PgServer};
use tempfile::TempDir;

fn run(home: &TempDir, args: &[&str], stdin: Option<&str>) -> (String, String, Option<i32>) {
    let mut command = crate::cli::kaizen(home);
    command.env("KAIZEN_DB_PASSWORD", PASSWORD).args(args);
    if let Some(text) = stdin {
        command.write_stdin(text.to_string());
    }
    let output = command.output().expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

#[test]
fn a_sqlite_database_moves_to_postgresql_through_export_and_import() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let home = TempDir::new().expect("home");
    let url = format!("{}?sslmode=disable", server.url());
    let old = home.path().join("old.db");
    let old = old.to_str().expect("path");
    let (_, errors, code) = run(
        &home,
        &[
            "--db",
            old,
            "actions",
            "add",
            "Renew the certificate",
            "--owner",
            "Ana Lima",
            "--due",
            "2026-12-11",
            "--add-owner",
        ],
        None,
    );
    assert_eq!(code, Some(0), "{errors}");
    let (export, _, _) = run(&home, &["--db", old, "export"], None);

    let (out, errors, code) = run(&home, &["--db", &url, "import", "-"], Some(&export));
    assert_eq!(code, Some(0), "{errors}");
    assert!(
        out.starts_with("Imported 4 rows from - into postgres://"),
        "{out}"
    );
    let (listed, _, _) = run(&home, &["--db", &url, "actions", "--json"], None);
    let items: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(items[0]["title"], "Renew the certificate");
    assert_eq!(items[0]["owner"], "Ana Lima");
    // New rows there are numbered after the imported ones.
    let (out, errors, code) = run(
        &home,
        &[
            "--db",
            &url,
            "actions",
            "add",
            "Rotate the keys",
            "--owner",
            "ana lima",
            "--due",
            "2026-12-18",
        ],
        None,
    );
    assert_eq!(code, Some(0), "{errors}");
    assert_eq!(out, "Added action item 2, due 2026-12-18.\n");
    let (again, _, _) = run(&home, &["--db", &url, "export"], None);
    assert!(again.contains("Rotate the keys"));
    // The same document but for the new item and its history.
    let (doctor, _, _) = run(&home, &["--db", &url, "doctor"], None);
    assert!(
        doctor.contains(&format!(
            "Database: postgres://kaizen_reader@127.0.0.1:{}/postgres: ok (PostgreSQL, schema version 19)",
            server.port
        )),
        "{doctor}"
    );
    for said in [&export, &listed, &again, &doctor] {
        assert!(!said.contains(PASSWORD));
    }

    // A password in the URL is refused, and not repeated.
    let with_password = url.replace("kaizen_reader@", "kaizen_reader:hunter2@");
    let (out, errors, code) = run(&home, &["--db", &with_password, "actions"], None);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        errors.contains("holds a password: take it out of the URL"),
        "{errors}"
    );
    assert!(!errors.contains("hunter2"), "{errors}");
}
