//! The meeting screen: the agenda down the side with attendance, the current section with
//! its big countdown and talking points, and the notes. Read from across a room.

use super::clock::{big_height, countdown, duration, render_big};
use super::theme;
use crate::meeting::{Meeting, SectionRun};
use crate::model::action_form::{ActionForm, FIELDS};
use crate::model::{Focus, Model};
use crate::text::{clean, fit, wrap};
use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph};

/// From two minutes left the clock turns amber.
const AMBER_FROM_SECS: i64 = 120;

pub fn render(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let side_width = if area.width >= 120 { 36 } else { 30 };
    let [side, main] =
        Layout::horizontal([Constraint::Length(side_width), Constraint::Fill(1)]).areas(area);
    let agenda_height = (meeting.sections.len() as u16 * 2 + 2).min(side.height / 2 + 4);
    let [agenda, people] =
        Layout::vertical([Constraint::Length(agenda_height), Constraint::Fill(1)]).areas(side);
    render_agenda(model, meeting, frame, agenda);
    render_attendance(model, meeting, frame, people);
    if let Focus::Zoom { selected } = model.focus {
        render_panel(model, meeting, selected, true, frame, main);
        return;
    }
    if let Focus::Findings {
        selected,
        open: true,
    } = model.focus
        && let Some(row) = model.findings().get(selected)
    {
        super::findings::render_detail(model, row, frame, main);
        return;
    }
    let followups = meeting.in_followups();
    let listing = matches!(model.focus, Focus::ActionList(_));
    let prioritize = meeting.current_run().prioritize;
    let scans = !meeting.current_run().scan.is_empty();
    let reviews = meeting.current_run().incidents;
    let has_panels = followups
        || listing
        || prioritize
        || scans
        || reviews
        || !meeting.current_run().panels.is_empty();
    let notes_height = if has_panels {
        (main.height / 5).max(4)
    } else {
        (main.height / 3).max(6)
    };
    let [section, notes] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(notes_height)]).areas(main);
    if has_panels {
        let clock_height = if section.height >= 28 { 13 } else { 8 };
        let [clock, panels] =
            Layout::vertical([Constraint::Length(clock_height), Constraint::Fill(1)])
                .areas(section);
        render_section(model, meeting, true, frame, clock);
        if let Focus::ActionList(list) = &model.focus {
            super::action_list::render(model, list, frame, panels);
        } else if followups {
            super::followups::render(model, frame, panels);
        } else if reviews {
            render_review(model, meeting, frame, panels);
        } else if scans {
            render_scan(model, meeting, frame, panels);
        } else if prioritize && meeting.current_run().panels.is_empty() {
            super::quadrant::render_in_meeting(model, meeting.id, frame, panels);
        } else if prioritize {
            let [panels, strip] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(3)]).areas(panels);
            render_panels(model, meeting, frame, panels);
            super::quadrant::render_in_meeting(model, meeting.id, frame, strip);
        } else {
            render_panels(model, meeting, frame, panels);
        }
    } else {
        render_section(model, meeting, false, frame, section);
    }
    render_notes(model, frame, notes);
    match &model.focus {
        Focus::NewAction(form) => render_action_form(form, frame, main),
        Focus::Question(question) => super::followups::render_question(question, frame, main),
        _ => {}
    }
}

/// The action item form over the bottom of the section, the clock still in view above it.
/// The Incident Review: the incidents and alerts, with the section's panels under them when
/// there is room.
fn render_review(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    if meeting.current_run().panels.is_empty() || area.height < 16 {
        super::incidents::render_review(model, frame, area);
        return;
    }
    let [list, panels] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area);
    super::incidents::render_review(model, frame, list);
    render_panels(model, meeting, frame, panels);
}

/// A section that scans: what stands out, with its panels under it when there is room.
fn render_scan(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let state = model.scan_states.get(meeting.current);
    if meeting.current_run().panels.is_empty() || area.height < 16 {
        super::findings::render_list(model, state, frame, area);
        return;
    }
    let [list, panels] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
    super::findings::render_list(model, state, frame, list);
    render_panels(model, meeting, frame, panels);
}

pub fn render_action_form(form: &ActionForm, frame: &mut Frame, main: Rect) {
    let title = if form.editing.is_some() {
        "Edit action item"
    } else {
        "New action item"
    };
    let inner = super::popup::bottom_box(
        frame,
        main,
        7,
        title,
        Some("Tab next field · Enter save · Esc put away"),
    );
    let rows = Layout::vertical([Constraint::Length(1); 5]).split(inner);
    for (index, label) in FIELDS.iter().enumerate() {
        let Some(row) = rows.get(index) else {
            continue;
        };
        let [label_area, field_area] =
            Layout::horizontal([Constraint::Length(6), Constraint::Fill(1)]).areas(*row);
        let style = if index == form.field {
            theme::key()
        } else {
            theme::dim()
        };
        frame.render_widget(Paragraph::new(Span::styled(*label, style)), label_area);
        if index == form.field {
            frame.render_widget(&form.fields[index], field_area);
        } else {
            frame.render_widget(
                Paragraph::new(clean(&form.text(index)).into_owned()),
                field_area,
            );
        }
    }
    if let (Some(problem), Some(row)) = (&form.problem, rows.get(3)) {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(problem, usize::from(row.width)),
                theme::bad(),
            )),
            *row,
        );
    }
}

/// The current section's panels in a grid, two to a row.
fn render_panels(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let count = meeting.current_run().panels.len();
    let columns = if count == 1 { 1 } else { 2 };
    let rows = count.div_ceil(columns);
    let row_areas = Layout::vertical(vec![Constraint::Fill(1); rows]).split(area);
    for (row, row_area) in row_areas.iter().enumerate() {
        let cells = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(*row_area);
        for (column, cell) in cells.iter().enumerate() {
            let index = row * columns + column;
            if index < count {
                render_panel(model, meeting, index, false, frame, *cell);
            }
        }
    }
}

fn render_panel(
    model: &Model,
    meeting: &Meeting,
    index: usize,
    zoomed: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let run = meeting.current_run();
    let (Some(panel), Some(state)) = (
        run.panels.get(index),
        model
            .panel_states
            .get(meeting.current)
            .and_then(|states| states.get(index)),
    ) else {
        return;
    };
    let selected = matches!(model.focus, Focus::Panels { selected } if selected == index);
    // The Incident Review's charts mark when the incidents were.
    let incidents: Vec<(f64, f64)> = if run.incidents {
        model
            .incidents
            .iter()
            .map(|i| {
                let end = i.ended_at.unwrap_or(model.now);
                (i.started_at.timestamp() as f64, end.timestamp() as f64)
            })
            .collect()
    } else {
        Vec::new()
    };
    // A stat compares the series it shows (its first) with the same series last time; a
    // budget panel its month's spend, saved as the panel's one value.
    let series = match (&state.values, panel.budget) {
        (Some(data), None) => crate::model::panels::series_key(&data.series, 0),
        _ => String::new(),
    };
    let compared = model.comparison(&run.title, &panel.title, &series, state);
    let view = super::panel::PanelView {
        panel,
        state,
        previous: compared.as_ref().map(|(value, _)| *value),
        history: model.panel_trend(&run.title, &panel.title, &series),
        incidents: &incidents,
        since: compared.as_ref().map_or("", |(_, since)| since.as_str()),
        now: model.now,
        selected,
        zoomed,
    };
    super::panel::render(&view, frame, area);
}

/// The meeting clock for the title bar: elapsed of budget, projected end, ahead or behind.
pub fn meeting_clock(meeting: &Meeting, now: DateTime<FixedOffset>) -> Vec<Span<'static>> {
    let behind = meeting.behind_secs(now);
    let (pace, style) = match behind.div_euclid(60) {
        _ if behind.abs() < 60 => ("on time".to_string(), theme::good()),
        minutes if behind > 0 => (format!("{minutes} min behind"), theme::bad()),
        _ => (format!("{} min ahead", (-behind) / 60), theme::good()),
    };
    vec![
        Span::raw(format!(
            "{} of {}",
            duration(meeting.elapsed_secs(now)),
            duration(meeting.budget_secs())
        )),
        Span::styled(" · ends ", theme::dim()),
        Span::raw(meeting.projected_end(now).format("%H:%M").to_string()),
        Span::styled(" · ", theme::dim()),
        Span::styled(pace, style),
    ]
}

/// The current section's clock for the title bar of screens opened from the meeting.
pub fn section_clock(meeting: &Meeting, now: DateTime<FixedOffset>) -> Vec<Span<'static>> {
    let run = meeting.current_run();
    let remaining = run.timer.remaining_secs(now);
    let left = if remaining >= 0 {
        format!("{} left", duration(remaining))
    } else {
        format!("{} over", duration(-remaining))
    };
    vec![
        Span::raw(format!("{} ", fit(&run.title, 24))),
        Span::styled(left, clock_style(remaining, run.timer.is_running())),
        Span::styled(" · ends ", theme::dim()),
        Span::raw(meeting.projected_end(now).format("%H:%M").to_string()),
    ]
}

fn render_agenda(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let room = usize::from(area.width.saturating_sub(4));
    let mut lines = Vec::new();
    for (index, run) in meeting.sections.iter().enumerate() {
        let current = index == meeting.current;
        // Only sections before the current one are done; later ones are still to come,
        // even if the meeting visited them before going back.
        let (marker, style) = match (current, run.visited, index < meeting.current) {
            (true, ..) => ("▶", theme::heading().fg(theme::ACCENT)),
            (false, true, true) => ("✓", Style::new()),
            (false, true, false) => ("·", Style::new()),
            (false, false, _) => (" ", theme::dim()),
        };
        let title = fit(
            &format!("{} {}", index + 1, run.title),
            room.saturating_sub(2),
        );
        lines.push(Line::styled(format!("{marker} {title}"), style));
        lines.push(section_times(model.now, run, current));
    }
    let block = Block::bordered()
        .title(Span::styled(" Agenda ", theme::title()))
        .border_style(theme::border());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The second line of a section in the agenda: "04:12 left · 10m", "+01:23 over · 10m",
/// "took 12:03 · 10m", or the plan alone, with "(was 10)" when the timebox changed.
fn section_times(now: DateTime<FixedOffset>, run: &SectionRun, current: bool) -> Line<'static> {
    let plan = run.timer.planned_secs;
    let remaining = run.timer.remaining_secs(now);
    let mut spans = vec![Span::raw("   ")];
    if current {
        let word = if remaining < 0 { "over" } else { "left" };
        spans.push(Span::styled(
            format!("{} {word}", countdown(remaining)),
            clock_style(remaining, run.timer.is_running()),
        ));
        spans.push(Span::styled(" · ", theme::dim()));
    } else if run.visited {
        spans.push(Span::styled(
            format!("took {}", duration(run.timer.spent_secs(now))),
            if remaining < 0 {
                theme::bad()
            } else {
                Style::new()
            },
        ));
        spans.push(Span::styled(" · ", theme::dim()));
    }
    spans.push(Span::styled(format!("{}m", (plan + 30) / 60), theme::dim()));
    if plan != run.original_secs {
        spans.push(Span::styled(
            format!(" (was {})", run.original_secs / 60),
            theme::warn(),
        ));
    }
    Line::from(spans)
}

fn render_attendance(model: &Model, meeting: &Meeting, frame: &mut Frame, area: Rect) {
    let selected = match model.focus {
        Focus::Attendance { selected } => Some(selected),
        _ => None,
    };
    let present = meeting.attendees.iter().filter(|a| a.present).count();
    let room = usize::from(area.width.saturating_sub(6));
    let mut lines: Vec<Line> = meeting
        .attendees
        .iter()
        .enumerate()
        .map(|(index, person)| {
            let mark = if person.present { "☑" } else { "☐" };
            let style = match (Some(index) == selected, person.present) {
                (true, _) => theme::selected(),
                (false, true) => Style::new(),
                (false, false) => theme::dim(),
            };
            Line::styled(format!(" {mark} {}", fit(&person.name, room)), style)
        })
        .collect();
    if let Focus::NewAttendee(input) = &model.focus {
        let typed = input.lines().join(" ");
        lines.push(Line::styled(format!(" + {}▏", clean(&typed)), theme::key()));
    }
    let focused = selected.is_some() || matches!(model.focus, Focus::NewAttendee(_));
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Attendance {present}/{} ", meeting.attendees.len()),
            theme::title(),
        ))
        .title_bottom(Span::styled(
            if focused { "" } else { " a edits " },
            theme::dim(),
        ))
        .border_style(if focused {
            theme::key()
        } else {
            theme::border()
        });
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn clock_style(remaining: i64, running: bool) -> Style {
    match remaining {
        _ if !running => theme::dim(),
        r if r < 0 => theme::bad(),
        r if r <= AMBER_FROM_SECS => Style::new().fg(theme::WARN).add_modifier(Modifier::BOLD),
        _ => Style::new().add_modifier(Modifier::BOLD),
    }
}

/// The section's clock, status and progress; `compact` (panels below) puts the talking
/// points on the block's bottom edge to leave the clock its room.
fn render_section(model: &Model, meeting: &Meeting, compact: bool, frame: &mut Frame, area: Rect) {
    let run = meeting.current_run();
    let now = model.now;
    let remaining = run.timer.remaining_secs(now);
    let running = run.timer.is_running();
    let title = format!(
        " {}/{}  {} ",
        meeting.current + 1,
        meeting.sections.len(),
        clean(&run.title)
    );
    let mut block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .border_style(theme::border());
    let mut points = talking_points(run, area.width.saturating_sub(2));
    if compact && !points.is_empty() {
        let room = usize::from(area.width.saturating_sub(6));
        block = block.title_bottom(Span::styled(
            format!(" {} ", fit(&run.talking_points.join(" · "), room)),
            theme::dim(),
        ));
        points.clear();
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let clock_text = countdown(remaining);
    let clock_room = Rect {
        height: inner
            .height
            .saturating_sub(2 + u16::from(!compact) + points.len() as u16)
            .max(1),
        ..inner
    };
    let clock_height = big_height(&clock_text, clock_room);
    let [clock, status, gauge, _, rest] = Layout::vertical([
        Constraint::Length(clock_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(u16::from(!compact)),
        Constraint::Fill(1),
    ])
    .areas(inner);
    render_big(frame, clock, &clock_text, clock_style(remaining, running));
    frame.render_widget(
        Paragraph::new(status_line(run, remaining, running)).centered(),
        status,
    );
    let ratio = if run.timer.planned_secs > 0 {
        (run.timer.spent_secs(now) as f64 / run.timer.planned_secs as f64).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let gauge_area = Rect {
        x: gauge.x + 2,
        width: gauge.width.saturating_sub(4),
        ..gauge
    };
    frame.render_widget(
        LineGauge::default()
            .ratio(ratio)
            // Thick against thin, so progress reads without colour (and on a projector).
            .filled_symbol("━")
            .unfilled_symbol("─")
            .filled_style(clock_style(remaining, true))
            .unfilled_style(theme::dim())
            .label(""),
        gauge_area,
    );
    frame.render_widget(Paragraph::new(points), rest);
}

fn status_line(run: &SectionRun, remaining: i64, running: bool) -> Line<'static> {
    let plan = format!("{} timebox", super::clock::minutes(run.timer.planned_secs));
    match (running, remaining < 0) {
        (false, _) => Line::from(vec![
            Span::styled(" ⏸ PAUSED ", theme::paused()),
            Span::styled(format!("  Space resumes · {plan}"), theme::dim()),
        ]),
        (true, true) => Line::from(vec![
            Span::styled(" OVER TIME ", theme::bad().add_modifier(Modifier::REVERSED)),
            Span::styled(format!("  {plan} · n moves on"), theme::dim()),
        ]),
        (true, false) => Line::from(vec![
            Span::styled("▶ running", theme::good()),
            Span::styled(format!("  · {plan}"), theme::dim()),
        ]),
    }
}

fn talking_points(run: &SectionRun, width: u16) -> Vec<Line<'static>> {
    let text = run.talking_points.join(" · ");
    if text.is_empty() {
        return Vec::new();
    }
    wrap(&text, width.saturating_sub(4), "  ", "  ")
        .into_iter()
        .map(Line::from)
        .collect()
}

fn render_notes(model: &Model, frame: &mut Frame, area: Rect) {
    let typing = matches!(model.focus, Focus::Notes);
    let hint = match (model.read_only, typing, model.demo) {
        (true, ..) => " Notes (read-only) ",
        (false, true, false) => " Notes · Esc when done · saved as you type ",
        (false, true, true) => " Notes · Esc when done · demo: not saved ",
        (false, false, _) => " Notes · Tab to type ",
    };
    let block = Block::bordered()
        .title(Span::styled(hint, theme::title()))
        .border_style(if typing {
            theme::key()
        } else {
            theme::border()
        });
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if typing {
        frame.render_widget(&model.notes.area, inner);
    } else {
        let lines: Vec<Line> = model
            .notes
            .area
            .lines()
            .iter()
            .map(|line| Line::from(clean(line).into_owned()))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
    }
}
