//! The action list: every action item that matches the list's filter, in its order, with the
//! decision keys of the Follow-ups step.

use super::text::{clean, fit};
use super::theme;
use crate::actions::Status;
use crate::model::Model;
use crate::model::action_list::ActionList;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

pub fn render(model: &Model, list: &ActionList, frame: &mut Frame, area: Rect) {
    let items = model.listed_actions(list);
    let owner = list
        .owner
        .as_deref()
        .map_or("everyone".to_string(), |o| clean(o).into_owned());
    let title = format!(
        " Action items · {} · {owner} · by {} · {} ",
        list.show.label(),
        list.order.label(),
        items.len()
    );
    let block = Block::bordered()
        .title(Span::styled(title, theme::title()))
        .title_bottom(Span::styled(
            " f show · s sort · p person · d done · c carry · o owner · w due · x drop ",
            theme::dim(),
        ))
        .border_style(theme::border());
    let title_room = usize::from(area.width.saturating_sub(46)).max(10);
    let rows = items.iter().map(|item| {
        let due = if item.overdue(model.today) {
            Cell::from(format!("{} late", item.due_on.format("%-d %b"))).style(theme::bad())
        } else {
            Cell::from(item.due_on.format("%-d %b").to_string())
        };
        let status = match item.status {
            Status::Open => Cell::from("open"),
            Status::Done => Cell::from("done").style(theme::good()),
            Status::Dropped => Cell::from("dropped").style(theme::dim()),
        };
        Row::new([
            Cell::from(fit(&item.title, title_room)),
            Cell::from(clean(&item.owner).into_owned()),
            due,
            status,
            Cell::from(format!("{} d", item.age_days(model.today))),
            Cell::from(match item.carried {
                0 => String::new(),
                n => format!("↻{n}"),
            }),
        ])
    });
    let header = Row::new(["What", "Who", "Due", "Status", "Age", ""]).style(theme::heading());
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(10),
        Constraint::Length(11),
        Constraint::Length(7),
        Constraint::Length(5),
        Constraint::Length(3),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut state =
        TableState::default().with_selected(Some(list.selected.min(items.len().saturating_sub(1))));
    if items.is_empty() {
        let empty = Block::bordered()
            .title(Span::styled(" Action items ", theme::title()))
            .border_style(theme::border());
        let inner = empty.inner(area);
        frame.render_widget(table, area);
        frame.render_widget(
            Line::styled(
                format!(
                    "No {} items. f shows others; t in a meeting makes one.",
                    list.show.label()
                ),
                Style::new().fg(theme::ACCENT),
            ),
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
        return;
    }
    frame.render_stateful_widget(table, area, &mut state);
}
