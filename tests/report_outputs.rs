//! Each shipped review's outputs, as the process names them, show what their `[report]`
//! mapping says and nothing from another section: a meeting of each cycle is held with a
//! marked note in every section, and every output heading of its report is read back.

use crate::harness;

use harness::Harness;
use kaizen::report::parts::Part;

/// The note typed in a section: its title, marked so it can be found in the report.
fn marker(section: &str) -> String {
    format!("NOTE OF {}", section.to_uppercase())
}

/// Holds a meeting of `cycle` with a marked note in every section; returns its report.
fn held(cycle: &str, day: &str) -> (Harness, String) {
    let mut app = Harness::new(day, 120, 40);
    let now = app.now.wall;
    kaizen::demo::seed_opportunities(app.store_mut(), now).expect("opportunities");
    app.send(kaizen::msg::Msg::StartMeeting(cycle.into()));
    loop {
        let meeting = app.model.meeting().expect("meeting");
        let title = meeting.current_run().title.clone();
        let last = meeting.current + 1 >= meeting.sections.len();
        app.press("tab").type_text(&marker(&title)).press("esc");
        app.advance(60);
        if last {
            break;
        }
        app.press("n");
    }
    let id = app.model.meeting().and_then(|m| m.id).expect("stored");
    app.press("e y enter");
    let report =
        kaizen::report::gather(app.store(), id, &app.model.cycles, app.now.wall).expect("report");
    (app, kaizen::report::markdown::render(&report))
}

/// The text under each `## ` heading after the agenda.
fn outputs(report: &str) -> Vec<(String, String)> {
    report
        .split("\n## ")
        .skip(1)
        .filter(|chunk| !chunk.starts_with("Agenda"))
        .map(|chunk| {
            let (heading, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
            (heading.to_string(), body.to_string())
        })
        .collect()
}

/// Checks every output of `cycle`'s template against its report.
fn check(cycle: &str, day: &str) {
    let (app, report) = held(cycle, day);
    let template = app
        .model
        .cycles
        .iter()
        .find(|c| c.key == cycle)
        .expect("cycle")
        .clone();
    let sections: Vec<String> = template.sections.iter().map(|s| s.title.clone()).collect();
    let found = outputs(&report);
    let mut quoted: Vec<String> = Vec::new();
    for (heading, parts) in &template.report {
        let body = &found
            .iter()
            .find(|(h, _)| h == heading)
            .unwrap_or_else(|| panic!("{cycle}: no \"{heading}\" in\n{report}"))
            .1;
        for section in &sections {
            let named = parts.contains(&Part::SectionNotes(section.clone()));
            let shown = body.contains(&marker(section));
            let pointed = body.contains(&format!("The notes of {section} are under"));
            match (named, quoted.contains(section)) {
                (true, false) => assert!(shown, "{cycle}: {heading} quotes {section}:\n{body}"),
                (true, true) => assert!(pointed, "{cycle}: {heading} points to {section}:\n{body}"),
                (false, _) => assert!(
                    !shown,
                    "{cycle}: {heading} has nothing of {section}'s notes:\n{body}"
                ),
            }
            if named {
                quoted.push(section.clone());
            }
        }
        // Metric tables only of the sections the output names (or, for "metrics", of those
        // no other output shows).
        let metric_sections: Vec<&String> = sections
            .iter()
            .filter(|s| {
                parts.contains(&Part::SectionMetrics((*s).clone()))
                    || (parts.contains(&Part::Metrics)
                        && !template
                            .report
                            .iter()
                            .any(|(_, p)| p.contains(&Part::SectionMetrics((*s).clone()))))
            })
            .collect();
        for section in &template.sections {
            for panel in &section.panels {
                let row = format!("| {} |", panel.title);
                let row_of_series = format!("| {}: ", panel.title);
                let listed = body.contains(&row) || body.contains(&row_of_series);
                let belongs = metric_sections.contains(&&section.title)
                    || (parts.contains(&Part::Costs)
                        && panel.unit == kaizen::metrics::units::Unit::Currency)
                    // A title shared with a named section's panel reads the same.
                    || metric_sections.iter().any(|s| {
                        template
                            .sections
                            .iter()
                            .find(|t| &&t.title == s)
                            .is_some_and(|t| t.panels.iter().any(|p| p.title == panel.title))
                    });
                if !belongs {
                    assert!(
                        !listed,
                        "{cycle}: {heading} shows {}'s panel {}:\n{body}",
                        section.title, panel.title
                    );
                }
            }
        }
        if parts.contains(&Part::Findings) {
            assert!(
                body.contains("What stood out")
                    || body.contains("standing out")
                    || body.contains("): "),
                "{cycle}: {heading} lists the findings:\n{body}"
            );
        }
        if parts.contains(&Part::Plan) {
            assert!(
                body.contains("Plan: ") || body.contains("No opportunities are being worked on"),
                "{cycle}: {heading} shows the plan:\n{body}"
            );
        }
    }
}

#[test]
fn the_weekly_outputs_show_what_they_name_and_the_metrics_report_has_the_findings() {
    check("weekly", "2026-11-30");
    let (_, report) = held("weekly", "2026-11-30");
    let body = &outputs(&report)
        .into_iter()
        .find(|(h, _)| h == "Weekly metrics report")
        .expect("metrics report")
        .1;
    // The demo's incident two days ago is what the Anomaly Detection section found.
    assert!(body.contains("### What stood out"), "{body}");
    assert!(body.contains("(outlier): spike to"), "{body}");
}

#[test]
fn the_monthly_outputs_show_what_they_name_the_plan_and_the_forecast() {
    check("monthly", "2026-12-07");
    let (_, report) = held("monthly", "2026-12-07");
    let sections = outputs(&report);
    let body = |heading: &str| {
        sections
            .iter()
            .find(|(h, _)| h == heading)
            .map(|(_, b)| b.clone())
            .unwrap_or_default()
    };
    let forecast = body("Capacity forecast");
    assert!(
        forecast.contains("- **Disk used**: in 90 days: "),
        "{forecast}"
    );
    // The demo's open opportunities, though this meeting moved none.
    let plan = body("Optimization plan");
    assert!(plan.contains("### Plan: quick wins"), "{plan}");
    assert!(!plan.contains("No opportunities"), "{plan}");
}

#[test]
fn the_quarterly_outputs_show_what_they_name_and_budget_is_not_the_architecture_review() {
    check("quarterly", "2027-01-04");
    let (_, report) = held("quarterly", "2027-01-04");
    let budget = output(&report, "Budget adjustments");
    assert!(!budget.contains(&marker("Architecture Review")), "{budget}");
    assert!(budget.contains("### Costs"), "{budget}");
    assert!(
        budget.contains("The notes of Strategic Planning are under Quarterly strategic plan"),
        "resource allocation is discussed in Strategic Planning:\n{budget}"
    );
}

fn output(report: &str, heading: &str) -> String {
    outputs(report)
        .into_iter()
        .find(|(h, _)| h == heading)
        .map(|(_, body)| body)
        .unwrap_or_else(|| panic!("no {heading} in\n{report}"))
}

#[test]
fn the_annual_outputs_show_what_they_name_and_budget_is_not_the_retrospective() {
    check("annual", "2026-12-07");
    let (_, report) = held("annual", "2026-12-07");
    let budget = output(&report, "Budget proposal");
    assert!(!budget.contains(&marker("Team Retrospective")), "{budget}");
    assert!(
        budget.contains("The notes of Strategic Planning are under Strategic plan"),
        "budget planning is discussed in Strategic Planning:\n{budget}"
    );
}
