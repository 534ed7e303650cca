//! SQL panels against a real PostgreSQL: the process document's two queries, verbatim, on
//! tables of known rows. A monthly meeting shows what psql returns for them (the error-rate
//! trend's newest week, with the previous meeting's value, the change and a forecast), and
//! PostgreSQL's own refusal of the cost query as the document writes it, word for word as
//! psql says it; the cost query with its total summed shows psql's values. The queries run
//! read-only, one statement at a time, within a statement timeout; the password reaches the
//! server and nothing else.

use crate::harness;
use crate::pgserver;

use harness::{Harness, at, date};
use kaizen::cycles::{Origin, parse_template};
use kaizen::metrics::FetchError;
use kaizen::model::{Now, Screen};
use kaizen::msg::Msg;
use pgserver::PgServer;
use std::collections::HashMap;

/// The process document's queries, as it writes them (its trailing spaces too).
pub const COST_PER_PROJECT: &str = "SELECT \n    DATE_TRUNC('month', created_at) as month,\n    COUNT(*) as projects,\n    total_cost / COUNT(*) as cost_per_project\nFROM projects\nGROUP BY month\nORDER BY month DESC;";
pub const ERROR_RATE: &str = "SELECT \n    DATE_TRUNC('week', created_at) as week,\n    COUNT(*) FILTER (WHERE status = 'error') / COUNT(*)::float * 100 as error_rate\nFROM http_requests\nGROUP BY week\nORDER BY week DESC;";
/// The cost query PostgreSQL accepts: the month's total cost summed over its projects.
pub const COST_SUMMED: &str = "SELECT \n    DATE_TRUNC('month', created_at) as month,\n    COUNT(*) as projects,\n    SUM(total_cost) / COUNT(*) as cost_per_project\nFROM projects\nGROUP BY month\nORDER BY month DESC;";

/// Thirteen months of projects and six months of requests, every number known.
pub const TABLES: &str = "
CREATE TABLE projects (id bigserial PRIMARY KEY, name text NOT NULL,
    created_at timestamptz NOT NULL, total_cost numeric(12,2) NOT NULL);
INSERT INTO projects (name, created_at, total_cost)
SELECT 'p' || i, month + (2 + i) * interval '1 day' + interval '12 hours',
       1000 + i * 137.25 + extract(month FROM month)::int * 11.5
FROM generate_series('2025-12-01'::timestamptz, '2026-12-01', interval '1 month') AS month,
     LATERAL generate_series(0, 2 + extract(month FROM month)::int % 4) AS i;
CREATE TABLE http_requests (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL,
    status text NOT NULL);
INSERT INTO http_requests (created_at, status)
SELECT week + i * interval '37 minutes',
       CASE WHEN i <= extract(week FROM week)::int % 7 THEN 'error' ELSE 'ok' END
FROM generate_series('2026-06-01'::timestamptz, '2026-11-30', interval '1 week') AS week,
     generate_series(0, 39) AS i;
";

fn template() -> String {
    let panel = |title: &str, query: &str, rest: &str| {
        format!(
            "[[sections.panels]]\ntitle = \"{title}\"\nsource = \"warehouse\"\nquery = '''\n{query}'''\n{rest}\n"
        )
    };
    format!(
        "name = \"Monthly\"\ncadence = \"first monday of every month\"\nduration_minutes = 60\n\n\
         [[sections]]\ntitle = \"Cost Analysis\"\nminutes = 60\n\n{}{}{}",
        panel(
            "Error rate",
            ERROR_RATE,
            "kind = \"stat\"\nunit = \"percent\"\nwindow = \"182d\"\nstep = \"7d\"\n\
             goal = { better = \"lower\", amber = 5, red = 10 }\nforecast = { horizon = \"28d\" }"
        ),
        panel(
            "Projects and cost per project",
            COST_SUMMED,
            "kind = \"chart\"\nunit = \"number\"\nwindow = \"400d\"\nstep = \"1d\""
        ),
        panel(
            "As the document writes it",
            COST_PER_PROJECT,
            "kind = \"stat\""
        ),
    )
}

/// The connection kaizen makes from `[sources.warehouse]`, its password from the
/// environment as the config says.
fn sources(server: &PgServer, timeout: &str) -> kaizen::sql::Sources {
    let config = format!(
        "[sources.warehouse]\nurl = \"{}\"\npassword_env = \"WAREHOUSE_PASSWORD\"\ntimeout = \"{timeout}\"\n",
        server.url()
    );
    let config = kaizen::config::parse_config(&config, std::path::Path::new("config.toml"))
        .expect("config parses");
    kaizen::sql::settings::connections(&config.sources, |name| {
        (name == "WAREHOUSE_PASSWORD").then(|| pgserver::PASSWORD.to_string())
    })
    .expect("sources")
}

/// psql's rows: each line's fields.
fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|line| !line.is_empty())
        .map(|line| line.split('|').map(str::to_string).collect())
        .collect()
}

fn number(text: &str) -> f64 {
    text.parse().expect("psql prints a number")
}

fn panels_answered(app: &Harness) -> bool {
    app.panels().first().is_some_and(|states| {
        states
            .iter()
            .all(|s| !s.in_flight && s.requested_at.is_some())
    })
}

fn meeting(app: &mut Harness, day: &str) {
    app.now = Now {
        mono: app.now.mono,
        wall: at(date(day), 9).wall,
    };
    app.send(Msg::StartMeeting("monthly".into()));
    app.wait_for("the SQL panels", panels_answered);
}

#[test]
fn a_monthly_meeting_shows_what_psql_returns_for_the_process_document_s_queries() {
    let Some(server) = PgServer::start() else {
        return;
    };
    server.exec(TABLES);
    let cycle = parse_template("monthly", "monthly.toml", &template(), Origin::BuiltIn)
        .expect("the template loads");
    let mut app = Harness::with_cycles("2026-11-02", 200, 60, HashMap::new(), vec![cycle]);
    app.with_runtime();
    app.exec.sql = sources(&server, "10s");

    // November's meeting, ended: its values are the next meeting's comparison.
    meeting(&mut app, "2026-11-02");
    let november = app.panels()[0][0]
        .value()
        .expect("an error rate in November");
    app.press("e y enter");

    meeting(&mut app, "2026-12-07");
    let states = app.panels()[0].clone();
    let screen = app.screen();

    // The error rate: psql's newest week, to the last bit.
    let (out, errors) = server.psql(ERROR_RATE);
    assert!(errors.is_empty(), "psql: {errors}");
    let weeks = rows(&out);
    assert_eq!(weeks.len(), 27, "26 weeks of requests: {out}");
    assert!(weeks[0][0].starts_with("2026-11-30"), "{out}");
    let newest = number(&weeks[0][1]);
    assert_eq!(states[0].value(), Some(newest));
    let shown = kaizen::metrics::units::format(newest, kaizen::metrics::units::Unit::Percent);
    assert!(
        screen.contains(&shown),
        "the error rate {shown} on screen:\n{screen}"
    );
    // November's meeting saw the newest row at or before it: the week it was held in.
    let then = weeks
        .iter()
        .find(|w| w[0].starts_with("2026-11-02"))
        .expect("week");
    assert_eq!(november, number(&then[1]));
    let change = kaizen::metrics::units::format_delta(
        newest - november,
        kaizen::metrics::units::Unit::Percent,
    );
    assert!(
        screen.contains(&change),
        "the change {change} since November:\n{screen}"
    );
    // Every week in the panel's window is its history, point for point.
    let held = &states[0].series.as_ref().expect("series").series[0].points;
    let window_start = at(date("2026-12-07"), 9).wall.timestamp() as f64 - 182.0 * 86_400.0;
    let expected: Vec<f64> = weeks.iter().rev().map(|w| number(&w[1])).collect();
    let values: Vec<f64> = held.iter().map(|(_, v)| *v).collect();
    assert_eq!(values, expected[expected.len() - values.len()..].to_vec());
    assert!(held[0].0 >= window_start);
    assert!(states[0].forecast.is_some(), "a forecast of the error rate");
    assert!(
        screen.contains("in 28 days"),
        "the forecast on screen:\n{screen}"
    );

    // The cost per project, summed: psql's December row, both columns, in the legend.
    let (out, errors) = server.psql(COST_SUMMED);
    assert!(errors.is_empty(), "psql: {errors}");
    let months = rows(&out);
    assert_eq!(months.len(), 13, "{out}");
    let data = states[1].data.as_ref().expect("cost data");
    let latest = |name: &str| {
        data.series
            .iter()
            .find(|s| s.labels.get("__name__").map(String::as_str) == Some(name))
            .and_then(|s| s.last())
    };
    assert_eq!(latest("projects"), Some(number(&months[0][1])));
    assert_eq!(latest("cost_per_project"), Some(number(&months[0][2])));
    let cost =
        kaizen::metrics::units::format(number(&months[0][2]), kaizen::metrics::units::Unit::Number);
    assert!(
        screen.contains(&cost),
        "the cost per project {cost}:\n{screen}"
    );
    assert!(
        screen.contains("cost_per_project"),
        "series named by column:\n{screen}"
    );

    // The document's own cost query: PostgreSQL refuses it, and the panel says what psql says.
    let (out, errors) = server.psql(COST_PER_PROJECT);
    assert!(out.is_empty());
    let refusal = errors
        .lines()
        .find_map(|line| line.strip_prefix("ERROR:  "))
        .expect("psql's error");
    assert!(
        refusal.contains("must appear in the GROUP BY clause"),
        "{errors}"
    );
    match &states[2].error {
        Some(FetchError::Database { message, .. }) => assert_eq!(message, refusal),
        other => panic!("PostgreSQL's refusal, not {other:?}"),
    }
    assert!(
        screen.contains("PostgreSQL: column \"projects.total_cost\" must appear"),
        "the refusal on screen:\n{screen}"
    );

    // The meeting's record keeps what the room saw, each series under its column's name.
    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    app.press("e y enter");
    let report =
        kaizen::report::gather(app.store(), id, &app.model.cycles, app.now.wall).expect("report");
    let report = kaizen::report::markdown::render(&report);
    for kept in [shown.as_str(), cost.as_str(), "cost_per_project"] {
        assert!(report.contains(kept), "{kept} in the report:\n{report}");
    }
}

#[test]
#[allow(clippy::disallowed_methods)] // the statement timeout is real time
fn sql_runs_read_only_one_statement_at_a_time_and_within_its_timeout() {
    let Some(server) = PgServer::start() else {
        return;
    };
    server.exec(TABLES);
    let sources = sources(&server, "1s");
    let warehouse = &sources["warehouse"];
    let runtime = tokio::runtime::Runtime::new().expect("tokio");
    let run = |query: &str| runtime.block_on(warehouse.run(query)).map(|_| ()).err();
    let count = || {
        server
            .psql("SELECT count(*) FROM projects")
            .0
            .trim()
            .to_string()
    };
    let before = count();

    let refused = |error: Option<FetchError>| match error {
        Some(FetchError::Database { message, .. }) => message,
        other => panic!("a refusal, not {other:?}"),
    };
    assert_eq!(
        refused(run("DELETE FROM projects RETURNING id")),
        "cannot execute DELETE in a read-only transaction"
    );
    assert_eq!(
        refused(run("SELECT 1; DELETE FROM projects")),
        "cannot insert multiple commands into a prepared statement"
    );
    let started = std::time::Instant::now();
    assert_eq!(
        refused(run("SELECT pg_sleep(30)")),
        "canceling statement due to statement timeout"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(count(), before, "nothing was deleted");

    // A column kaizen cannot plot is named, with the fix.
    let Some(FetchError::Sql(why)) = run("SELECT created_at, name FROM projects") else {
        panic!("a text column after the time is refused");
    };
    assert!(why.contains("column \"name\" is text"), "{why}");

    // A server that is not there is said in one line by its cause, quickly.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let gone = kaizen::config::parse_config(
        &format!("[sources.gone]\nurl = \"postgres://x@127.0.0.1:{closed}/db\"\n"),
        std::path::Path::new("config.toml"),
    )
    .expect("config");
    let gone = kaizen::sql::settings::connections(&gone.sources, |_| None).expect("sources");
    let error = runtime.block_on(gone["gone"].run("SELECT 1")).err();
    assert!(
        matches!(&error, Some(FetchError::Unreachable(why)) if why.starts_with("Connection refused")),
        "{error:?}"
    );

    // The password reached the server and nothing else: not the server's log of queries.
    assert!(!server.log().contains(pgserver::PASSWORD));
    let wrong = kaizen::config::parse_config(
        &format!(
            "[sources.w]\nurl = \"{}\"\npassword_env = \"P\"\n",
            server.url()
        ),
        std::path::Path::new("config.toml"),
    )
    .expect("config");
    let wrong = kaizen::sql::settings::connections(&wrong.sources, |_| Some("nope".into()))
        .expect("sources");
    let error = runtime.block_on(wrong["w"].run("SELECT 1")).err();
    assert!(
        matches!(&error, Some(FetchError::Database { message, .. }) if message.contains("password authentication failed")),
        "{error:?}"
    );
    assert!(!format!("{error:?}").contains("nope"));
}

/// A home whose config names the server as `[sources.warehouse]` (password from the
/// environment) and whose monthly review carries the SQL panels.
fn home_with_warehouse(url: &str) -> tempfile::TempDir {
    let home = tempfile::TempDir::new().expect("home");
    let config = home.path().join("config/kaizen");
    std::fs::create_dir_all(config.join("cycles")).expect("config folder");
    std::fs::write(config.join("cycles/monthly.toml"), template()).expect("template");
    std::fs::write(
        config.join("config.toml"),
        format!("[sources.warehouse]\nurl = \"{url}\"\npassword_env = \"WAREHOUSE_PASSWORD\"\n"),
    )
    .expect("config");
    home
}

#[test]
fn doctor_runs_each_sql_panel_and_says_postgresql_s_refusal() {
    let Some(server) = PgServer::start() else {
        return;
    };
    server.exec(TABLES);
    let home = home_with_warehouse(&server.url());
    let output = crate::cli::kaizen(&home)
        .arg("doctor")
        .env("WAREHOUSE_PASSWORD", pgserver::PASSWORD)
        .output()
        .expect("doctor runs");
    let out = String::from_utf8_lossy(&output.stdout);
    let expected_source = format!(
        "SQL source warehouse: postgres://{}@127.0.0.1:{}/postgres",
        pgserver::USER,
        server.port
    );
    assert!(out.contains(&expected_source), "{out}");
    assert!(
        out.contains("OK       monthly / Cost Analysis / Error rate: 1 series (warehouse)"),
        "{out}"
    );
    assert!(
        out.contains(
            "OK       monthly / Cost Analysis / Projects and cost per project: 2 series (warehouse)"
        ),
        "{out}"
    );
    assert!(
        out.contains("FAILED   monthly / Cost Analysis / As the document writes it: PostgreSQL: column \"projects.total_cost\" must appear in the GROUP BY clause"),
        "{out}"
    );
    assert!(
        out.contains("2 of 3 SQL queries OK, 0 with no rows, 1 failed"),
        "{out}"
    );
    assert!(!output.status.success());
    // The password is in no output and no log line.
    let log_dir = home.path().join(".local/state/kaizen");
    let logs: String = std::fs::read_dir(&log_dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| std::fs::read_to_string(entry.path()).unwrap_or_default())
        .collect();
    for text in [
        out.as_ref(),
        &String::from_utf8_lossy(&output.stderr),
        &logs,
    ] {
        assert!(!text.contains(pgserver::PASSWORD));
    }
}

#[test]
fn a_source_the_config_lacks_or_a_password_in_the_url_is_refused_before_the_screen_opens() {
    let Some(server) = PgServer::start() else {
        return;
    };
    let with_password = format!(
        "postgres://{}:{}@127.0.0.1:{}/postgres",
        pgserver::USER,
        pgserver::PASSWORD,
        server.port
    );
    // `kaizen start monthly` refuses with exit code 2 and says why on stderr.
    let refused = |home: &tempfile::TempDir| {
        let output = crate::cli::kaizen(home)
            .args(["start", "monthly"])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    let errors = refused(&home_with_warehouse(&with_password));
    assert!(
        errors.contains("sources.warehouse.url holds a password: take it out of the URL"),
        "{errors}"
    );
    assert!(!errors.contains(pgserver::PASSWORD), "{errors}");

    let home = home_with_warehouse(&server.url());
    std::fs::write(home.path().join("config/kaizen/config.toml"), "").expect("config");
    let errors = refused(&home);
    assert!(
        errors.contains("panel \"Error rate\" says source = \"warehouse\", but the config has no [sources.warehouse]"),
        "{errors}"
    );
}

/// A weekly review of SQL panels only: a table of requests by status, the spend this month
/// against a budget from hourly cost rows, and a section that scans errors per day.
fn weekly_template() -> String {
    let panel = |title: &str, query: &str, rest: &str| {
        format!(
            "[[sections.panels]]\ntitle = \"{title}\"\nsource = \"warehouse\"\nquery = '''\n{query}'''\n{rest}\n"
        )
    };
    format!(
        "name = \"Weekly\"\ncadence = \"every monday\"\nduration_minutes = 40\n\n\
         [[sections]]\ntitle = \"Metrics Review\"\nminutes = 20\n\n{}{}\n\
         [[sections]]\ntitle = \"Anomaly Detection\"\nminutes = 20\nscan = true\n\n{}",
        panel(
            "Requests by status",
            "SELECT status, COUNT(*) AS requests FROM http_requests GROUP BY status ORDER BY status",
            "kind = \"table\"",
        ),
        panel(
            "Spend this month",
            "SELECT hour, cost_per_hour FROM billing ORDER BY hour",
            "kind = \"stat\"\nunit = \"currency\"\nwindow = \"31d\"\nstep = \"1h\"\nbudget = 1000",
        ),
        panel(
            "Errors per day",
            "SELECT DATE_TRUNC('day', at) AS day, SUM(errors) AS errors FROM daily_errors GROUP BY day ORDER BY day",
            "kind = \"chart\"\nwindow = \"14d\"\nstep = \"1d\"",
        ),
    )
}

#[test]
fn tables_budgets_scans_and_measuring_after_work_on_sql_panels() {
    let Some(server) = PgServer::start() else {
        return;
    };
    server.exec(TABLES);
    let month_start = at(date("2026-12-01"), 0).wall.timestamp();
    let meeting = at(date("2026-12-07"), 9).wall.timestamp();
    server.exec(&format!(
        "CREATE TABLE billing (hour timestamptz NOT NULL, cost_per_hour numeric NOT NULL);
         INSERT INTO billing SELECT to_timestamp(t), 2.5
         FROM generate_series({month_start}, {last}, 3600) AS t;
         CREATE TABLE daily_errors (at timestamptz NOT NULL, errors int NOT NULL);
         INSERT INTO daily_errors
         SELECT day + interval '3 hours', CASE WHEN day = '2026-12-03' THEN 90 ELSE 10 + extract(day FROM day)::int % 3 END
         FROM generate_series('2026-11-15'::timestamptz, '2026-12-06', interval '1 day') AS day;",
        last = meeting - 3600
    ));
    let cycle = parse_template("weekly", "weekly.toml", &weekly_template(), Origin::BuiltIn)
        .expect("the template loads");
    let mut app = Harness::with_cycles("2026-12-07", 120, 40, HashMap::new(), vec![cycle]);
    app.with_runtime();
    app.exec.sql = sources(&server, "10s");
    app.send(Msg::StartMeeting("weekly".into()));
    app.wait_for("the SQL panels", panels_answered);
    let states = app.panels()[0].clone();

    // The table: a row per status, as psql counts them.
    let (out, _) =
        server.psql("SELECT status, COUNT(*) FROM http_requests GROUP BY status ORDER BY status");
    let counts = rows(&out);
    let table = states[0].values.as_ref().expect("rows");
    let shown: Vec<(String, f64)> = table
        .series
        .iter()
        .map(|s| (s.labels["__name__"].clone(), s.last().expect("a count")))
        .collect();
    let expected: Vec<(String, f64)> = counts
        .iter()
        .map(|r| (r[0].clone(), number(&r[1])))
        .collect();
    assert_eq!(shown, expected);

    // The budget: 153 hours at $2.50 since the month began.
    let spend = states[1].spend.as_ref().expect("the month's spend");
    assert_eq!(spend.to_date, 153.0 * 2.5);
    let screen = app.screen();
    assert!(screen.contains("$382.50"), "the spend on screen:\n{screen}");

    // The scan of errors per day finds the day of 90.
    app.press("n");
    app.wait_for("the scan", |app| {
        app.model
            .scan_state(1)
            .is_some_and(|s| !s.in_flight && s.outcome.is_some())
    });
    let outcome = app
        .model
        .scan_state(1)
        .and_then(|s| s.outcome.clone())
        .expect("scanned");
    assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
    let spike = at(date("2026-12-03"), 0).wall.timestamp() as f64;
    assert!(
        outcome.rows.iter().any(|row| row.panel == "Errors per day"
            && row
                .points
                .iter()
                .any(|(t, v)| *v == 90.0 && (*t - spike).abs() < 86_400.0)),
        "the spike found: {:?}",
        outcome.rows.iter().map(|r| &r.reason).collect::<Vec<_>>()
    );

    // Raised from the spend panel, then measured again from the database.
    app.press("p").wait_for("the panels again", panels_answered);
    app.press("v right o");
    let raised = app
        .store()
        .opportunities()
        .expect("stored")
        .into_iter()
        .find(|o| o.title.starts_with("Spend this month"))
        .expect("raised");
    server.exec("UPDATE billing SET cost_per_hour = 4");
    // Its detail, from the quadrant's list of new ideas (2), where it is the only one.
    app.press("esc o 2");
    let Screen::Quadrant(view) = &app.model.screen else {
        panic!("the quadrant");
    };
    let selected = app
        .model
        .selected_in(view)
        .and_then(|id| app.model.opportunity(id));
    assert_eq!(
        selected.map(|o| o.title.clone()),
        Some(raised.title.clone())
    );
    app.press("enter m");
    app.wait_for("the measure", |app| {
        app.model
            .opportunity(raised.id)
            .is_some_and(|o| o.after.value.is_some())
    });
    let after = app.model.opportunity(raised.id).and_then(|o| o.after.value);
    assert_eq!(after, Some(4.0), "the newest row's rate, from the database");
}
