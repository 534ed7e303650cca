//! The lessons library on screen: the lessons found, newest first, and the selected one's
//! text; side by side when the terminal is wide, one above the other when it is not.

use super::theme;
use crate::lessons::Lesson;
use crate::model::lessons::LessonsView;
use crate::text::{clean, fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

/// From this width the list and the text sit side by side.
const SIDE_BY_SIDE: u16 = 110;

pub fn render(view: &LessonsView, frame: &mut Frame, area: Rect) {
    let shown = view.shown();
    let total = view.lessons.as_ref().map_or(0, Vec::len);
    let block = Block::bordered()
        .title(Span::styled(
            title(view, shown.len(), total),
            theme::title(),
        ))
        .title_bottom(Span::styled(
            " / search · f category · Esc back ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some((text, style)) = empty(view, shown.is_empty(), total) {
        frame.render_widget(
            Paragraph::new(Span::styled(text, style)).wrap(Wrap { trim: true }),
            inner,
        );
    } else {
        let [list, text] = if inner.width >= SIDE_BY_SIDE {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(inner)
        } else {
            let rows = (shown.len() as u16).clamp(3, inner.height / 3);
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(inner)
        };
        let selected = view.selected.min(shown.len().saturating_sub(1));
        render_list(&shown, selected, frame, list);
        if let Some(lesson) = shown.get(selected) {
            render_lesson(lesson, frame, text);
        }
    }
    if let Some(field) = &view.typing {
        let inside = super::popup::bottom_box(
            frame,
            area,
            3,
            "Search the lessons",
            Some("Enter keeps it · Esc as before"),
        );
        frame.render_widget(field, inside);
    }
}

/// " Lessons · 3 of 12 · cost · "monday peak" ".
fn title(view: &LessonsView, shown: usize, total: usize) -> String {
    let mut title = format!(" Lessons · {shown} of {total}");
    if let Some(category) = view.category {
        title.push_str(&format!(" · {}", category.name().to_lowercase()));
    }
    let words = view.words();
    if !words.is_empty() {
        title.push_str(&format!(" · \"{}\"", fit(&words, 30)));
    }
    title.push(' ');
    title
}

/// What the screen says instead of a list: still reading, could not read, nothing yet,
/// nothing found.
fn empty(
    view: &LessonsView,
    nothing_shown: bool,
    total: usize,
) -> Option<(String, ratatui::style::Style)> {
    match (&view.error, &view.lessons) {
        (Some(error), _) => Some((clean(error).into_owned(), theme::bad())),
        (None, None) => Some(("Reading the lessons…".into(), theme::dim())),
        (None, Some(_)) if total == 0 => Some((
            "No lessons yet. An opportunity validated or documented with what changed, its \
             results or its lessons becomes one; so does an incident with its contributing \
             factors, what went well or what prevents it again."
                .into(),
            theme::dim(),
        )),
        (None, Some(_)) if nothing_shown => Some((nothing_found(view, total), theme::dim())),
        _ => None,
    }
}

/// Why nothing is shown, and the key that shows more.
fn nothing_found(view: &LessonsView, total: usize) -> String {
    let words = view.words();
    let category = view.category.map(|c| c.name().to_lowercase());
    match (words.is_empty(), category) {
        (true, Some(category)) => {
            format!("No lesson in {category} ({total} in all): f shows another category.")
        }
        (false, None) => format!(
            "No lesson has every word of \"{}\" ({total} in all): Esc clears the search.",
            fit(&words, 40)
        ),
        (_, Some(category)) => format!(
            "No lesson in {category} has every word of \"{}\" ({total} in all): Esc clears \
             the search, f shows another category.",
            fit(&words, 40)
        ),
        (true, None) => format!("{total} lessons, none shown."),
    }
}

fn render_list(shown: &[&Lesson], selected: usize, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = shown
        .iter()
        .map(|lesson| {
            let date = lesson.on.format("%-d %b %Y").to_string();
            let room = width.saturating_sub(date.len() + 2);
            ListItem::new(Line::from(vec![
                Span::styled(format!("{date:>11}  "), theme::dim()),
                Span::raw(fit(&lesson.title, room)),
            ]))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected));
    let list = List::new(items).highlight_style(theme::selected());
    frame.render_stateful_widget(list, area, &mut state);
}

fn render_lesson(lesson: &Lesson, frame: &mut Frame, area: Rect) {
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(1),
        ..area
    };
    let width = area.width;
    let mut lines: Vec<Line> = wrap(&lesson.title, width, "", "")
        .into_iter()
        .map(|line| Line::styled(line, theme::heading()))
        .collect();
    let category = lesson
        .category
        .as_ref()
        .map(|c| format!(" · {}", clean(c)))
        .unwrap_or_default();
    lines.push(Line::styled(
        format!(
            "{} · {}{category}",
            lesson.reference(),
            lesson.on.format("%a %-d %b %Y")
        ),
        theme::dim(),
    ));
    for (heading, text) in &lesson.parts {
        lines.push(Line::from(""));
        lines.push(Line::styled(heading.clone(), theme::title()));
        for paragraph in text.lines() {
            lines.extend(wrap(paragraph, width, "", "").into_iter().map(Line::from));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}
