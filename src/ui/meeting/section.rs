//! The current section: its big countdown, whether it runs, its progress through the
//! timebox, and its talking points.

use crate::meeting::{Meeting, SectionRun};
use crate::model::Model;
use crate::text::{clean, fit, wrap};
use crate::ui::clock::{big_height, countdown, render_big};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph};

/// From two minutes left the clock turns amber.
const AMBER_FROM_SECS: i64 = 120;

pub(super) fn clock_style(remaining: i64, running: bool) -> Style {
    match remaining {
        _ if !running => theme::dim(),
        r if r < 0 => theme::bad(),
        r if r <= AMBER_FROM_SECS => Style::new().fg(theme::WARN).add_modifier(Modifier::BOLD),
        _ => Style::new().add_modifier(Modifier::BOLD),
    }
}

/// The section's clock, status and progress; `compact` (panels below) puts the talking
/// points on the block's bottom edge to leave the clock its room.
pub(super) fn render_section(
    model: &Model,
    meeting: &Meeting,
    compact: bool,
    frame: &mut Frame,
    area: Rect,
) {
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
    let plan = format!(
        "{} timebox",
        crate::ui::clock::minutes(run.timer.planned_secs)
    );
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
