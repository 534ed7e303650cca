//! The config file's Prometheus connection: the environment wins, secrets can come from
//! files, mistakes are refused with the key to fix, and secrets never print.

use kaizen::config::{Config, PrometheusConfig, prometheus_connection};
use kaizen::metrics::client::Auth;
use std::collections::HashMap;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

fn parse(text: &str) -> PrometheusConfig {
    toml::from_str::<Config>(text)
        .expect("valid config")
        .prometheus
}

#[test]
fn no_url_anywhere_means_no_connection() {
    assert_eq!(
        prometheus_connection(&PrometheusConfig::default(), env(&[])),
        Ok(None)
    );
}

#[test]
fn the_environment_url_and_token_win_over_the_file() {
    let config = parse("[prometheus]\nurl = \"http://file:9090\"\ntoken = \"from-file\"\n");
    let connection = prometheus_connection(
        &config,
        env(&[
            ("KAIZEN_PROMETHEUS_URL", "https://env:9090"),
            ("KAIZEN_PROMETHEUS_TOKEN", "from-env"),
        ]),
    )
    .unwrap()
    .unwrap();
    assert_eq!(connection.url, "https://env:9090");
    assert_eq!(connection.auth, Auth::Bearer("from-env".into()));
    assert_eq!(connection.timeout, std::time::Duration::from_secs(10));
}

#[test]
fn secrets_can_come_from_files_and_never_show_in_debug_output() {
    let dir = tempfile::tempdir().unwrap();
    let password = dir.path().join("password");
    std::fs::write(&password, "hunter2\n").unwrap();
    let config = parse(&format!(
        "[prometheus]\nurl = \"http://mimir:8080/prometheus\"\nuser = \"ops\"\n\
         password_file = \"{}\"\nheaders = {{ \"X-Scope-OrgID\" = \"team-a\" }}\ntimeout = \"30s\"\n",
        password.display()
    ));
    let connection = prometheus_connection(&config, env(&[])).unwrap().unwrap();
    assert_eq!(
        connection.auth,
        Auth::Basic {
            user: "ops".into(),
            password: "hunter2".into()
        }
    );
    assert_eq!(
        connection.headers,
        [("X-Scope-OrgID".to_string(), "team-a".to_string())]
    );
    assert_eq!(connection.timeout, std::time::Duration::from_secs(30));
    let printed = format!("{connection:?}");
    assert!(!printed.contains("hunter2"), "{printed}");
    assert!(printed.contains("<hidden>"), "{printed}");
}

#[test]
fn mistakes_are_refused_with_the_key_to_fix() {
    let cases = [
        (
            "[prometheus]\nurl = \"localhost:9090\"\n",
            "must start with http:// or https://",
        ),
        (
            "[prometheus]\nurl = \"http://p\"\ntoken = \"t\"\nuser = \"u\"\n",
            "either a token or a user and password",
        ),
        (
            "[prometheus]\nurl = \"http://p\"\ntimeout = \"soon\"\n",
            "prometheus.timeout",
        ),
        (
            // 4611686018427387905 minutes wrap round to 60 s in 64 bits.
            "[prometheus]\nurl = \"http://p\"\ntimeout = \"4611686018427387905m\"\n",
            "prometheus.timeout = \"4611686018427387905m\" is not a duration from 1s to 3650d",
        ),
        (
            "[prometheus]\nurl = \"http://p\"\ntoken_file = \"/nonexistent/token\"\n",
            "prometheus.token_file /nonexistent/token",
        ),
    ];
    for (text, expected) in cases {
        let err = prometheus_connection(&parse(text), env(&[])).unwrap_err();
        assert!(err.contains(expected), "{text}: {err}");
    }
    let unknown = toml::from_str::<Config>("[prometheus]\nurl = \"http://p\"\ntokn = \"x\"\n");
    assert!(unknown.unwrap_err().to_string().contains("tokn"));
}

#[test]
fn anomaly_thresholds_come_from_the_config_with_documented_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[anomalies]\noutlier_z = 4.5\nmin_run = 5\n").unwrap();
    let config = kaizen::config::load_config(&path).expect("valid");
    assert_eq!(config.anomalies.outlier_z, 4.5);
    assert_eq!(config.anomalies.min_run, 5);
    assert_eq!(
        config.anomalies.shift_z,
        kaizen::analysis::Settings::default().shift_z
    );
    std::fs::write(&path, "[anomalies]\noutlier = 4.5\n").unwrap();
    let refused = kaizen::config::load_config(&path).unwrap_err();
    assert!(
        refused.contains("config.toml:2: unknown field `outlier`"),
        "{refused}"
    );
}

#[test]
fn secrets_that_cannot_work_are_refused_naming_where_they_came_from() {
    let dir = tempfile::TempDir::new().expect("dir");
    let two_lines = dir.path().join("token");
    std::fs::write(&two_lines, "abc\ndef\n").expect("token file");
    let one_line = dir.path().join("token-ok");
    std::fs::write(&one_line, "abc\n").expect("token file");
    let cases = [
        (
            "[prometheus]\nurl = \"http://p\"\npassword = \"x\"\n".to_string(),
            vec![],
            "a password is set (prometheus.password in the config file) but no user",
        ),
        (
            "[prometheus]\nurl = \"http://p\"\ntoken = \"\"\n".to_string(),
            vec![],
            "the Prometheus token from prometheus.token in the config file is empty",
        ),
        (
            "[prometheus]\nurl = \"http://p\"\n".to_string(),
            vec![("KAIZEN_PROMETHEUS_TOKEN", "abc\ndef")],
            "the Prometheus token from KAIZEN_PROMETHEUS_TOKEN has a line break",
        ),
        (
            format!(
                "[prometheus]\nurl = \"http://p\"\ntoken_file = \"{}\"\n",
                two_lines.display()
            ),
            vec![],
            "has a line break",
        ),
    ];
    for (text, vars, expected) in cases {
        let err = prometheus_connection(&parse(&text), env(&vars)).unwrap_err();
        assert!(err.contains(expected), "{text}: {err}");
    }
    // A file's one trailing newline is not part of the token; where it came from is kept
    // for the message if the server refuses it.
    let text = format!(
        "[prometheus]\nurl = \"http://p\"\ntoken_file = \"{}\"\n",
        one_line.display()
    );
    let connection = prometheus_connection(&parse(&text), env(&[]))
        .unwrap()
        .unwrap();
    assert_eq!(connection.auth, Auth::Bearer("abc".into()));
    assert_eq!(
        connection.credentials,
        Some(format!(
            "the bearer token from prometheus.token_file {}",
            one_line.display()
        ))
    );
}

#[test]
fn a_password_in_the_url_is_never_shown() {
    use kaizen::config::shown_url;
    assert_eq!(
        shown_url("http://ops:secret@prom.example:9090/api?x=@y"),
        "http://ops:***@prom.example:9090/api?x=@y"
    );
    assert_eq!(shown_url("https://ops@prom"), "https://ops@prom");
    assert_eq!(shown_url("http://prom/a@b"), "http://prom/a@b");
    let connection = prometheus_connection(
        &parse("[prometheus]\nurl = \"http://ops:secret@prom\"\n"),
        env(&[]),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        connection.credentials.as_deref(),
        Some("the user and password in prometheus.url")
    );
}
