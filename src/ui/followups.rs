//! The Follow-ups step: open action items from earlier meetings grouped by owner, with age,
//! due date (overdue in red) and carry-overs, the completion rate since the last meeting,
//! and the one-line question a decision may need.

use super::theme;
use crate::actions::Status;
use crate::model::Model;
use crate::model::followups::Question;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(model: &Model, frame: &mut Frame, area: Rect) {
    let items = model.followup_items();
    let selected = model.followup_selected().min(items.len().saturating_sub(1));
    let room = usize::from(area.width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    let mut owner: Option<&str> = None;
    for (index, item) in items.iter().enumerate() {
        if owner != Some(item.owner.as_str()) {
            owner = Some(item.owner.as_str());
            let open = items
                .iter()
                .filter(|i| i.owner == item.owner && i.status == Status::Open)
                .count();
            lines.push(Line::styled(
                format!("{} · {open} open", clean(&item.owner)),
                theme::heading(),
            ));
        }
        let decided = model.decided(item.id);
        let marker = match (index == selected, decided) {
            (true, _) => "▶ ",
            (false, true) => "✓ ",
            (false, false) => "  ",
        };
        let due_style = if item.overdue(model.today) {
            theme::bad()
        } else {
            Style::new()
        };
        let state = match item.status {
            Status::Done => " · done",
            Status::Dropped => " · dropped",
            Status::Open if decided => " · decided",
            Status::Open => "",
        };
        let carried = match item.carried {
            0 => String::new(),
            n => format!(" · carried {n}"),
        };
        let facts = format!(
            "  {}{} · {} d{carried}{state}",
            super::dates::compact(item.due_on, model.today),
            if item.overdue(model.today) {
                " late"
            } else {
                ""
            },
            item.age_days(model.today),
        );
        let title_room = room.saturating_sub(facts.chars().count() + 2).max(12);
        let style = if index == selected {
            theme::selected()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{}", fit(&item.title, title_room)), style),
            Span::styled(facts, due_style),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::styled(
            "Nothing is open: on to the agenda (n).",
            theme::good(),
        ));
    }
    let title = match completion(model) {
        Some(rate) => format!(" Open action items · {rate} "),
        None => " Open action items ".to_string(),
    };
    let block = Block::bordered()
        // The keys are in the footer, from the keymap, as on every screen.
        .title(Span::styled(title, theme::title()))
        .border_style(theme::border());
    // Keep the selected item in view on a short screen.
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let selected_line = lines
        .iter()
        .position(|line| {
            line.spans
                .first()
                .is_some_and(|s| s.content.starts_with('▶'))
        })
        .unwrap_or(0);
    let scroll = selected_line.saturating_sub(visible.saturating_sub(1)) as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// "3 of 5 due since 23 Nov done (60%)".
fn completion(model: &Model) -> Option<String> {
    let meeting = model.meeting()?;
    let since = model.last_held.get(&meeting.cycle_key).copied()?;
    let (done, due) = model.completion_since(since);
    (due > 0).then(|| {
        format!(
            "{done} of {due} due since {} done ({}%)",
            since.format("%-d %b"),
            done * 100 / due
        )
    })
}

/// The question an item's decision needs, over the bottom of the section.
pub fn render_question(question: &Question, frame: &mut Frame, main: Rect) {
    let inner = super::popup::bottom_box(
        frame,
        main,
        4,
        question.asking.prompt(),
        Some("Enter answer · Esc never mind"),
    );
    let [input, problem] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(&question.input, input);
    if let Some(text) = &question.problem {
        frame.render_widget(
            Paragraph::new(Span::styled(
                fit(text, usize::from(problem.width)),
                theme::bad(),
            )),
            problem,
        );
    }
}
