//! The built-in cycle templates match the process document, and bad templates are refused
//! with the file, the line and a reason a person can act on.

use kaizen::cycles::{Cadence, Months, Ordinal, Origin, load_cycles, parse_template};
use std::fs;

fn builtin(key: &str) -> kaizen::cycles::Cycle {
    load_cycles(None)
        .expect("built-in templates load")
        .into_iter()
        .find(|cycle| cycle.key == key)
        .expect("cycle exists")
}

fn titles(key: &str) -> Vec<String> {
    builtin(key).sections.into_iter().map(|s| s.title).collect()
}

fn minutes(key: &str) -> Vec<u32> {
    builtin(key).sections.iter().map(|s| s.minutes).collect()
}

#[test]
fn the_four_seed_cycles_load_in_order() {
    let keys: Vec<String> = load_cycles(None)
        .unwrap()
        .into_iter()
        .map(|c| c.key)
        .collect();
    assert_eq!(keys, ["weekly", "monthly", "quarterly", "annual"]);
}

#[test]
fn weekly_is_three_ten_minute_sections_every_monday() {
    let weekly = builtin("weekly");
    assert_eq!(weekly.name, "Weekly");
    assert_eq!(weekly.duration_minutes, 30);
    assert_eq!(minutes("weekly"), [10, 10, 10]);
    assert_eq!(
        titles("weekly"),
        ["Metrics Review", "Anomaly Detection", "Action Items"]
    );
    assert_eq!(weekly.cadence, Cadence::Weekly(chrono::Weekday::Mon));
    assert_eq!(weekly.frequency, "Every Monday morning");
    assert_eq!(weekly.participants, ["Operations team"]);
    assert_eq!(
        weekly.outputs,
        [
            "Weekly metrics report",
            "Action item list",
            "Follow-up assignments"
        ]
    );
    assert_eq!(
        weekly.sections[0].talking_points,
        [
            "System uptime",
            "Error rates",
            "Performance trends",
            "User feedback"
        ]
    );
    let categories: Vec<(String, Vec<String>)> = weekly
        .categories
        .into_iter()
        .map(|group| (group.key, group.items))
        .collect();
    assert_eq!(
        categories,
        [
            (
                "performance".to_string(),
                vec![
                    "Query optimization".to_string(),
                    "Cache tuning".into(),
                    "Slow request identification".into()
                ]
            ),
            (
                "quality".to_string(),
                vec![
                    "Error analysis".to_string(),
                    "Test coverage review".into(),
                    "Confidence score monitoring".into()
                ]
            ),
        ]
    );
}

#[test]
fn monthly_is_four_half_hours_on_the_first_monday() {
    let monthly = builtin("monthly");
    assert_eq!(monthly.duration_minutes, 120);
    assert_eq!(minutes("monthly"), [30, 30, 30, 30]);
    assert_eq!(
        titles("monthly"),
        [
            "Performance Review",
            "Cost Analysis",
            "Incident Review",
            "Capacity Planning"
        ]
    );
    assert_eq!(
        monthly.cadence,
        Cadence::MonthDay {
            ordinal: Ordinal::First,
            weekday: chrono::Weekday::Mon,
            months: Months::Every
        }
    );
    assert_eq!(monthly.participants, ["Operations", "Engineering"]);
    assert_eq!(
        monthly.outputs,
        ["Monthly report", "Optimization plan", "Capacity forecast"]
    );
    assert_eq!(
        monthly.categories.len(),
        4,
        "all four categories have monthly items"
    );
}

#[test]
fn quarterly_is_four_hours_in_the_first_month_of_each_quarter() {
    let quarterly = builtin("quarterly");
    assert_eq!(quarterly.duration_minutes, 240);
    assert_eq!(minutes("quarterly"), [60, 60, 60, 60]);
    assert_eq!(
        titles("quarterly"),
        [
            "Architecture Review",
            "Process Improvement",
            "Technology Refresh",
            "Strategic Planning"
        ]
    );
    assert_eq!(
        quarterly.cadence,
        Cadence::MonthDay {
            ordinal: Ordinal::First,
            weekday: chrono::Weekday::Mon,
            months: Months::QuarterStart
        }
    );
    assert_eq!(
        quarterly.outputs,
        [
            "Quarterly strategic plan",
            "Roadmap updates",
            "Budget adjustments"
        ]
    );
}

#[test]
fn annual_is_a_day_of_three_two_hour_sections_in_december() {
    let annual = builtin("annual");
    assert_eq!(annual.duration_minutes, 360);
    assert_eq!(annual.duration_label, "1 day");
    assert_eq!(annual.frequency, "Q4 of each year");
    assert_eq!(minutes("annual"), [120, 120, 120]);
    assert_eq!(
        titles("annual"),
        ["Year in Review", "Strategic Planning", "Team Retrospective"]
    );
    assert_eq!(
        annual.cadence,
        Cadence::MonthDay {
            ordinal: Ordinal::First,
            weekday: chrono::Weekday::Mon,
            months: Months::Only(12)
        }
    );
    assert_eq!(annual.participants, ["Leadership", "All teams"]);
    assert_eq!(
        annual.outputs,
        ["Annual report", "Strategic plan", "Budget proposal"]
    );
    let categories: Vec<&str> = annual.categories.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(categories, ["cost", "security"]);
}

const VALID: &str = r#"name = "Standup"
cadence = "every friday"
duration_minutes = 15

[[sections]]
title = "Round"
minutes = 10

[[sections]]
title = "Blockers"
minutes = 5
"#;

fn refusal(text: &str) -> (Option<usize>, String) {
    let err = parse_template("standup", "standup.toml", text, Origin::BuiltIn)
        .expect_err("template must be refused");
    assert_eq!(err.file, "standup.toml");
    (err.line, err.reason)
}

#[test]
fn a_valid_custom_template_loads() {
    let cycle = parse_template("standup", "standup.toml", VALID, Origin::BuiltIn).unwrap();
    assert_eq!(cycle.cadence, Cadence::Weekly(chrono::Weekday::Fri));
    assert_eq!(cycle.duration_label, "15 min", "a missing label is derived");
    assert_eq!(
        cycle.frequency, "every Friday",
        "a missing frequency is the cadence"
    );
}

#[test]
fn malformed_toml_is_refused_with_its_line() {
    let text = VALID.replace("minutes = 5", "minutes = = 5");
    let (line, reason) = refusal(&text);
    assert_eq!(line, Some(11));
    assert!(!reason.is_empty());
}

#[test]
fn an_unknown_key_is_refused_and_named() {
    let text = VALID.replace("minutes = 10", "minutes = 10\nspeaker = \"Ana\"");
    let (line, reason) = refusal(&text);
    assert_eq!(line, Some(8));
    assert!(reason.contains("speaker"), "{reason}");
    assert!(
        reason.contains("talking_points"),
        "lists the keys that exist: {reason}"
    );
}

#[test]
fn an_unknown_top_level_key_is_refused() {
    let (line, reason) = refusal(&format!("colour = \"red\"\n{VALID}"));
    assert_eq!(line, Some(1));
    assert!(reason.contains("colour"), "{reason}");
}

#[test]
fn a_section_of_zero_minutes_is_refused() {
    let text = VALID
        .replace("minutes = 5", "minutes = 0")
        .replace("duration_minutes = 15", "duration_minutes = 10");
    let (line, reason) = refusal(&text);
    assert_eq!(line, Some(11));
    assert_eq!(
        reason,
        "section 2 \"Blockers\" has 0 minutes: give it at least 1 minute"
    );
}

#[test]
fn a_section_without_a_title_is_refused() {
    let text = VALID.replace("title = \"Blockers\"\n", "");
    let (line, reason) = refusal(&text);
    assert_eq!(line, Some(9));
    assert_eq!(reason, "section 2 has no title: add title = \"...\" to it");
}

#[test]
fn a_blank_title_is_refused() {
    let (line, reason) = refusal(&VALID.replace("\"Round\"", "\"  \""));
    assert_eq!(line, Some(6));
    assert!(reason.starts_with("section 1 has no title"), "{reason}");
}

#[test]
fn minutes_that_do_not_add_up_are_refused() {
    let (line, reason) = refusal(&VALID.replace("duration_minutes = 15", "duration_minutes = 30"));
    assert_eq!(line, Some(3));
    assert!(
        reason.contains("add up to 15 minutes but duration_minutes is 30"),
        "{reason}"
    );
}

#[test]
fn a_cadence_that_is_not_understood_is_refused() {
    for cadence in [
        "mondays",
        "every funday",
        "first monday of the fortnight",
        "fifth monday of every month",
        "every other monday from someday",
        "every other monday since 2026-12-07",
        "",
    ] {
        let text = VALID.replace("every friday", cadence);
        let (line, reason) = refusal(&text);
        assert_eq!(line, Some(2), "{cadence}");
        assert!(reason.contains("is not understood"), "{cadence}: {reason}");
        assert!(reason.contains("every monday"), "says what works: {reason}");
    }
}

#[test]
fn cadences_in_the_documented_forms_are_understood() {
    let cases = [
        ("every monday", "every Monday"),
        ("Every Tuesday", "every Tuesday"),
        ("first monday of every month", "first Monday of every month"),
        ("last friday of every month", "last Friday of every month"),
        (
            "first monday of every quarter",
            "first Monday of every quarter",
        ),
        ("second wed of october", "second Wednesday of October"),
        ("first monday of dec", "first Monday of December"),
        ("last friday of the month", "last Friday of every month"),
        (
            "every other monday from 2026-12-07",
            "every other Monday from 2026-12-07",
        ),
        // From a Wednesday: its first Monday after.
        (
            "every other monday from 2026-12-02",
            "every other Monday from 2026-12-07",
        ),
        ("every other friday", "every other Friday from 2024-01-05"),
    ];
    for (text, shown) in cases {
        let cadence: Cadence = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(cadence.to_string(), shown);
    }
}

#[test]
fn a_template_without_sections_is_refused() {
    let text = "name = \"X\"\ncadence = \"every monday\"\nduration_minutes = 10\n";
    let (_, reason) = refusal(text);
    assert!(reason.contains("no agenda"), "{reason}");
}

#[test]
fn a_user_file_overrides_a_builtin_and_a_new_name_adds_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let weekly =
        include_str!("../assets/cycles/weekly.toml").replace("\"Weekly\"", "\"Ops weekly\"");
    fs::write(dir.path().join("weekly.toml"), weekly).unwrap();
    fs::write(dir.path().join("standup.toml"), VALID).unwrap();
    fs::write(dir.path().join("notes.txt"), "not a template").unwrap();
    let cycles = load_cycles(Some(dir.path())).unwrap();
    let names: Vec<&str> = cycles.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ops weekly", "Monthly", "Quarterly", "Annual", "Standup"]
    );
    assert_eq!(
        cycles[0].origin,
        Origin::File(dir.path().join("weekly.toml"))
    );
}

#[test]
fn every_bad_user_file_is_reported_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.toml"),
        VALID.replace("minutes = 10", "minutes = 0"),
    )
    .unwrap();
    fs::write(dir.path().join("b.toml"), "name = ").unwrap();
    let err = load_cycles(Some(dir.path())).unwrap_err();
    assert_eq!(err.problems.len(), 2, "{err}");
    assert!(err.problems[0].starts_with(&format!("{}:7:", dir.path().join("a.toml").display())));
    assert!(err.problems[1].starts_with(&format!("{}:1:", dir.path().join("b.toml").display())));
}

/// The valid template with one panel on its first section.
fn with_panel(panel: &str) -> String {
    VALID.replacen(
        "minutes = 10\n",
        &format!(
            "minutes = 10\n\n[[sections.panels]]\ntitle = \"Errors\"\nquery = \"up\"\n{panel}\n"
        ),
        1,
    )
}

#[test]
fn panel_mistakes_are_refused_with_the_key_and_the_fix() {
    let cases = [
        (
            "legend = \"{{job\"",
            "legend = \"{{job\" opens \"{{\" without a closing \"}}\"",
        ),
        (
            "legend = \"{{job-name}}\"",
            "names \"job-name\", which is not a label name",
        ),
        (
            "step = \"5 minutes\"",
            "step = \"5 minutes\" is not a duration",
        ),
        (
            "window = \"1h\"\nstep = \"2h\"",
            "step is longer than window",
        ),
        ("window = \"30d\"\nstep = \"1s\"", "raise step"),
    ];
    for (panel, expected) in cases {
        let (line, reason) = refusal(&with_panel(panel));
        assert!(
            reason.contains("section 1 \"Round\": panel \"Errors\"") && reason.contains(expected),
            "{panel}: {reason}"
        );
        assert_eq!(line, Some(9), "{panel}: points at the panel");
    }
}

#[test]
fn legends_name_series_from_their_labels() {
    let labels = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let panel_with = |legend: &str| {
        let cycle = parse_template(
            "standup",
            "standup.toml",
            &with_panel(&format!("legend = \"{legend}\"")),
            Origin::BuiltIn,
        )
        .expect("legend accepted");
        cycle.sections[0].panels[0].clone()
    };
    let series = labels(&[("job", "api"), ("instance", "web-1:9100")]);
    assert_eq!(
        panel_with("{{job}} on {{ instance }}").series_name(&series),
        "api on web-1:9100"
    );
    assert_eq!(
        panel_with("{{job}} ({{region}})").series_name(&series),
        "api ()",
        "a label the series lacks reads as nothing, not as braces"
    );
}

#[test]
fn series_whose_legends_repeat_are_told_apart_by_the_labels_that_differ() {
    let cycle = parse_template(
        "standup",
        "standup.toml",
        &with_panel("legend = \"{{job}}\""),
        Origin::BuiltIn,
    )
    .unwrap();
    let panel = &cycle.sections[0].panels[0];
    let series = |job: &str, instance: &str| {
        [("job", job), ("instance", instance), ("env", "prod")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (api_a, api_b, db) = (
        series("api", "a:80"),
        series("api", "b:80"),
        series("db", "c:5432"),
    );
    assert_eq!(
        panel.series_names(&[&api_a, &db, &api_b]),
        ["api (instance=a:80)", "db", "api (instance=b:80)"],
        "the two api series differ only by instance; env is the same everywhere"
    );
}

#[test]
fn a_report_table_is_checked_against_outputs_parts_and_sections() {
    let base = "name = \"Standup\"\ncadence = \"every friday\"\nduration_minutes = 5\n\
                outputs = [\"Blocker list\"]\n\n[[sections]]\ntitle = \"Blockers\"\nminutes = 5\n\n";
    let parse = |report: &str| {
        parse_template(
            "standup",
            "standup.toml",
            &format!("{base}[report]\n{report}\n"),
            Origin::BuiltIn,
        )
    };
    let ok = parse("\"Blocker list\" = [\"notes:blockers\", \"actions\"]").expect("valid");
    assert_eq!(
        ok.report[0].1,
        [
            kaizen::report::parts::Part::SectionNotes("Blockers".into()),
            kaizen::report::parts::Part::Actions
        ]
    );
    let not_output = parse("\"Minutes\" = [\"actions\"]")
        .unwrap_err()
        .to_string();
    assert!(
        not_output.contains("standup.toml:11: [report] \"Minutes\" is not one of this cycle's outputs (Blocker list)"),
        "{not_output}"
    );
    let bad_part = parse("\"Blocker list\" = [\"everything\"]")
        .unwrap_err()
        .to_string();
    assert!(
        bad_part
            .contains("\"everything\" is not a report part: use one of metrics, metrics:SECTION"),
        "{bad_part}"
    );
    let bad_section = parse("\"Blocker list\" = [\"notes:Retro\"]")
        .unwrap_err()
        .to_string();
    assert!(
        bad_section.contains("\"notes:Retro\" names no section of this cycle: use one of Blockers"),
        "{bad_section}"
    );
}

#[test]
fn a_budget_must_be_an_amount_and_a_forecast_horizon_a_duration() {
    let panel = |extra: &str| {
        format!(
            "name = \"Costs\"\ncadence = \"every friday\"\nduration_minutes = 5\n\n[[sections]]\n\
             title = \"Spend\"\nminutes = 5\n\n[[sections.panels]]\ntitle = \"Cloud\"\n\
             query = \"sum(cost_per_hour)\"\n{extra}\n"
        )
    };
    let refused = |extra: &str| {
        parse_template("costs", "costs.toml", &panel(extra), Origin::BuiltIn)
            .unwrap_err()
            .to_string()
    };
    assert!(refused("budget = 0").contains("budget = 0 must be an amount above 0"));
    assert!(
        refused("budget = 3000").contains("a budget needs kind = \"stat\" and window = \"31d\""),
        "the default window of 7 days would miss most of the month"
    );
    assert!(
        refused("forecast = { horizon = \"soon\" }")
            .contains("forecast horizon = \"soon\" is not a duration")
    );
    assert!(
        refused("forecast = { horizon = \"30d\", limit = 1, when = 2 }")
            .contains("unknown field `when`")
    );
    let ok = parse_template(
        "costs",
        "costs.toml",
        &panel("budget = 3000\nwindow = \"31d\"\nforecast = { horizon = \"30d\", limit = 0.9 }"),
        Origin::BuiltIn,
    )
    .expect("valid");
    let cloud = &ok.sections[0].panels[0];
    assert_eq!(cloud.budget, Some(3000.0));
    assert_eq!(
        cloud.forecast.map(|f| f.horizon.as_secs()),
        Some(30 * 86_400)
    );
}

#[test]
fn the_follow_ups_step_takes_its_minutes_from_the_section_named_and_keeps_the_length() {
    let text = VALID.replace(
        "duration_minutes = 15",
        "duration_minutes = 15\nfollowups_from = \"Blockers\"\nfollowups_minutes = 4",
    );
    let cycle = parse_template("standup", "standup.toml", &text, Origin::BuiltIn).unwrap();
    let plan: Vec<(&str, u32)> = cycle
        .steps(true)
        .iter()
        .map(|s| (s.title, s.minutes))
        .collect();
    assert_eq!(plan, [("Follow-ups", 4), ("Round", 10), ("Blockers", 1)]);
    assert_eq!(plan.iter().map(|(_, m)| m).sum::<u32>(), 15);
    let without: Vec<u32> = cycle.steps(false).iter().map(|s| s.minutes).collect();
    assert_eq!(without, [10, 5]);

    let missing = text.replace("followups_from = \"Blockers\"", "followups_from = \"Nope\"");
    let (line, reason) = refusal(&missing);
    assert_eq!(line, Some(4), "the followups_from line");
    assert!(
        reason.contains("names no section: use one of Round, Blockers"),
        "{reason}"
    );
    let short = text.replace("followups_minutes = 4", "followups_minutes = 5");
    let (_, reason) = refusal(&short);
    assert!(
        reason.contains("takes 5 minutes from \"Blockers\", which has 5"),
        "{reason}"
    );
}

#[test]
fn minutes_that_would_wrap_round_are_refused_not_added() {
    // 4294967295 + 31 is 30 in 32 bits.
    let text = VALID
        .replace("minutes = 10", "minutes = 4294967295")
        .replace("minutes = 5", "minutes = 31")
        .replace("duration_minutes = 15", "duration_minutes = 30");
    let (line, reason) = refusal(&text);
    assert_eq!(line, Some(7), "{reason}");
    assert!(
        reason.contains("has 4294967295 minutes: a section is at most a day"),
        "{reason}"
    );
}

#[test]
fn durations_too_long_for_a_clock_are_refused_not_wrapped() {
    use kaizen::cycles::panel::parse_duration;
    assert_eq!(
        parse_duration("4611686018427387905m"),
        None,
        "wraps to 60 s in 64 bits"
    );
    assert_eq!(parse_duration("99999999999999999999s"), None);
    assert_eq!(parse_duration("3651d"), None);
    assert_eq!(
        parse_duration("3650d").map(|d| d.as_secs()),
        Some(3650 * 86_400)
    );
    assert_eq!(parse_duration("5m").map(|d| d.as_secs()), Some(300));
}

#[test]
fn every_other_monday_falls_every_fourteen_days_from_its_date() {
    let cadence: Cadence = "every other monday from 2026-12-07".parse().unwrap();
    let day = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
    assert!(cadence.falls_on(day("2026-12-07")));
    assert!(!cadence.falls_on(day("2026-12-14")));
    assert!(cadence.falls_on(day("2026-12-21")));
    assert!(cadence.falls_on(day("2026-11-23")), "and before it");
    assert_eq!(
        cadence.next_on_or_after(day("2026-12-08")),
        day("2026-12-21")
    );
    assert_eq!(
        cadence.latest_on_or_before(day("2026-12-20")),
        Some(day("2026-12-07"))
    );
    assert_eq!(cadence.period_days(), 14);
}
