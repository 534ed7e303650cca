//! The Incident Review: the period's incidents against the previous period, the alerts that
//! fired waiting to be accepted or dismissed, and one incident in full.

use super::theme;
use crate::incidents::{Measure, minutes_text};
use crate::model::incident_detail::{FIELDS, IncidentView, Typing};
use crate::model::incident_review::IncidentList;
use crate::model::{Focus, Model};
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// "Last 30 days: 3 incidents, 4 h 10 min down, 1 still going (30 days before: 1, 40 min)".
fn totals_line(model: &Model) -> String {
    let (now, before) = model.incident_totals();
    let going = |t: &crate::incidents::Totals| {
        if t.ongoing > 0 {
            format!(", {} still going", t.ongoing)
        } else {
            String::new()
        }
    };
    format!(
        "Last 30 days: {} incident{}, {} down{} (30 days before: {}, {}{})",
        now.count,
        if now.count == 1 { "" } else { "s" },
        minutes_text(now.down_minutes),
        going(&now),
        before.count,
        minutes_text(before.down_minutes),
        going(&before)
    )
}

pub fn render_review(model: &Model, frame: &mut Frame, area: Rect) {
    let (selected, list) = match model.focus {
        Focus::Incidents { selected, list } => (Some(selected), Some(list)),
        _ => (None, None),
    };
    // While the list has the keys the footer names them; before, how to get into it.
    let hint = match list {
        Some(_) => String::new(),
        None => {
            let key = model.keymap().keys_for(
                crate::command::Mode::Meeting,
                crate::command::Command::OpenFindings,
            );
            format!(" {key} chooses ")
        }
    };
    let block = Block::bordered()
        .title(Span::styled(" Incidents ", theme::title()))
        .title_bottom(Span::styled(hint, theme::dim()))
        .border_style(if list.is_some() {
            theme::key()
        } else {
            theme::border()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::styled(
        fit(&totals_line(model), width),
        theme::heading(),
    )];
    let now = model.now;
    let row = |chosen: bool, text: String| {
        let style = if chosen {
            theme::selected()
        } else {
            Style::new()
        };
        Line::styled(
            fit(&format!("{} {text}", if chosen { "▶" } else { " " }), width),
            style,
        )
    };
    for (index, incident) in model.period_incidents().iter().enumerate() {
        let open = open_measures(model, incident);
        let chosen = list == Some(IncidentList::Incidents) && selected == Some(index);
        lines.push(row(
            chosen,
            format!(
                "{} · {} · {}{}",
                incident.started_at.format("%a %-d %b %H:%M"),
                incident.lasted(now).text(),
                clean(&incident.title),
                match open {
                    0 if incident.measures.is_empty() => " · no prevention measure yet".into(),
                    0 => String::new(),
                    n => format!(" · {n} measure(s) open"),
                }
            ),
        ));
    }
    let candidates = model.candidates();
    let in_flight = model.alerts().is_some_and(|a| a.in_flight);
    let heading = match model.alerts().and_then(|a| a.result.as_ref()) {
        None if in_flight => "Alerts that fired: reading them…".to_string(),
        None => "Alerts that fired: r reads them".to_string(),
        Some(Err(error)) => format!("Alerts that fired: could not read them: {error}"),
        Some(Ok(_)) if candidates.is_empty() => {
            "Alerts that fired: none waiting (each is an incident or dismissed)".to_string()
        }
        Some(Ok(_)) => format!("Alerts that fired, not yet incidents: {}", candidates.len()),
    };
    lines.push(Line::styled(fit(&heading, width), theme::dim()));
    for (index, episode) in candidates.iter().enumerate() {
        let chosen = list == Some(IncidentList::Candidates) && selected == Some(index);
        let started = chrono::DateTime::from_timestamp(episode.start as i64, 0)
            .map(|t| {
                t.with_timezone(now.offset())
                    .format("%a %-d %b %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        lines.push(row(
            chosen,
            format!(
                "{started} · {} · {}{}{}",
                minutes_text(episode.minutes().round() as i64),
                clean(&episode.alertname),
                episode
                    .service()
                    .map(|s| format!(" · {}", clean(s)))
                    .unwrap_or_default(),
                episode
                    .severity
                    .as_deref()
                    .map(|s| format!(" · {}", clean(s)))
                    .unwrap_or_default()
            ),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Focus::NewIncident(input) = &model.focus {
        let inner = super::popup::bottom_box(frame, area, 3, "New incident: what happened", None);
        frame.render_widget(&**input, inner);
    }
}

/// Prevention measures still open: action items not done, opportunities not validated.
fn open_measures(model: &Model, incident: &crate::incidents::Incident) -> usize {
    incident
        .measures
        .iter()
        .filter(|m| match m {
            Measure::Action(id) => model
                .actions
                .iter()
                .any(|a| a.id == *id && a.status == crate::actions::Status::Open),
            Measure::Opportunity(id) => model.opportunities.iter().any(|o| {
                o.id == *id
                    && o.status < crate::opportunities::Status::Validated
                    && o.status != crate::opportunities::Status::Dropped
            }),
        })
        .count()
}

pub fn render_detail(model: &Model, view: &IncidentView, frame: &mut Frame, area: Rect) {
    let Some(incident) = model.incident(view.id) else {
        return;
    };
    let title = format!(
        " {} {} · {} ",
        crate::change::shown_id(incident.id),
        fit(&incident.title, usize::from(area.width.saturating_sub(30))),
        incident.lasted(model.now).text()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Span::styled(
            " Enter edit · m moment · t action item · o opportunity · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let value_room = width.saturating_sub(36);
    let mut lines = Vec::new();
    for (index, field) in FIELDS.iter().enumerate() {
        let value = field.get(incident);
        let style = if index == view.selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("  {:<34}", field.label()), theme::dim()),
            Span::styled(
                if value.is_empty() {
                    "—".to_string()
                } else {
                    fit(&value, value_room)
                },
                style,
            ),
        ]));
    }
    let detect = incident
        .minutes_to_detect()
        .map_or("—".into(), |m| format!("{m} min"));
    let resolve = incident
        .minutes_to_resolve()
        .map_or("still going".into(), |m| format!("{m} min"));
    lines.push(Line::styled(
        format!("  time to detect {detect} · time to resolve {resolve}"),
        theme::heading(),
    ));
    lines.push(Line::styled("Timeline", theme::heading()));
    if incident.timeline.is_empty() {
        lines.push(Line::styled(
            "  m marks a moment: detected, diagnosed, mitigated, resolved",
            theme::dim(),
        ));
    }
    for entry in &incident.timeline {
        lines.push(Line::from(fit(
            &format!(
                "  {} {:<9} {}",
                entry.at.format("%-d %b %H:%M"),
                entry.moment.name(),
                clean(&entry.note)
            ),
            width,
        )));
    }
    lines.push(Line::styled("Prevention measures", theme::heading()));
    if incident.measures.is_empty() {
        lines.push(Line::styled(
            "  none yet: t makes an action item, o an opportunity",
            theme::warn(),
        ));
    }
    for measure in &incident.measures {
        let text = match measure {
            Measure::Action(id) => model
                .actions
                .iter()
                .find(|a| a.id == *id)
                .map(|a| {
                    format!(
                        "  action: {} · {} · due {} · {}",
                        clean(&a.title),
                        clean(&a.owner),
                        a.due_on.format("%-d %b"),
                        a.status
                    )
                })
                .unwrap_or_else(|| format!("  action item {id}")),
            Measure::Opportunity(id) => model
                .opportunities
                .iter()
                .find(|o| o.id == *id)
                .map(|o| format!("  opportunity: {} · {}", clean(&o.title), o.status.label()))
                .unwrap_or_else(|| format!("  opportunity {id}")),
        };
        lines.push(Line::from(fit(&text, width)));
    }
    let [body, problem] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(inner);
    frame.render_widget(Paragraph::new(lines), body);
    if let Some(text) = &view.problem {
        super::popup::problem(frame, text, problem);
    }
    if let Some((typing, input)) = &view.input {
        let label = match typing {
            Typing::Field => FIELDS[view.selected].label(),
            Typing::Moment => "A moment: its kind, time and what happened",
        };
        super::popup::field_editor(frame, area, label, input, view.problem.as_deref());
    }
}
