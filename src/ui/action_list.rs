//! The action list: every action item that matches the list's filter, in its order, with the
//! decision keys of the Follow-ups step.

use super::theme;
use crate::actions::Status;
use crate::model::Model;
use crate::model::action_list::ActionList;
use crate::text::{clean, fit};
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
    // Narrow (a meeting at 80 columns): the title keeps its room, status and age go.
    let wide = area.width >= 70;
    // Borders, the highlight mark, the other columns and the gaps between them.
    let title_room = usize::from(area.width.saturating_sub(if wide { 49 } else { 29 })).max(8);
    let rows = items.iter().map(|item| {
        let date = super::dates::compact(item.due_on, model.today);
        let due = if item.overdue(model.today) {
            Cell::from(format!("{date} late")).style(theme::bad())
        } else {
            Cell::from(date)
        };
        let status = match item.status {
            Status::Open => Cell::from("open"),
            Status::Done => Cell::from("done").style(theme::good()),
            Status::Dropped => Cell::from("dropped").style(theme::dim()),
        };
        let carried = Cell::from(match item.carried {
            0 => String::new(),
            n => format!("↻{n}"),
        });
        let who = Cell::from(clean(&item.owner).into_owned());
        let what = Cell::from(fit(&item.title, title_room));
        if wide {
            let age = Cell::from(format!("{} d", item.age_days(model.today)));
            Row::new(vec![what, who, due, status, age, carried])
        } else {
            Row::new(vec![what, who, due, carried])
        }
    });
    let (header, widths) = if wide {
        (
            Row::new(["What", "Who", "Due", "Status", "Age", "Carried"]),
            vec![
                Constraint::Fill(1),
                Constraint::Length(10),
                Constraint::Length(11),
                Constraint::Length(7),
                Constraint::Length(5),
                Constraint::Length(7),
            ],
        )
    } else {
        (
            Row::new(vec!["What", "Who", "Due", ""]),
            vec![
                Constraint::Fill(1),
                Constraint::Length(8),
                Constraint::Length(11),
                Constraint::Length(3),
            ],
        )
    };
    let header = header.style(theme::heading());
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .row_highlight_style(theme::selected())
        .highlight_symbol("▶ ");
    let mut state = TableState::default().with_selected(Some(model.action_list_row(list)));
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
