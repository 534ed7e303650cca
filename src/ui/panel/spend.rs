//! A budget panel: the month's spend against its budget, and each project's share.

use super::PanelView;
use crate::metrics::units::format;
use crate::text::{clean, fit};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A budget panel: spent this month against the budget, where the month ends at the last
/// day's rate (amber from 90% of the budget, red over it), and each project's share.
pub(super) fn render_spend(
    view: &PanelView,
    spend: &crate::analysis::budget::Spend,
    frame: &mut Frame,
    area: Rect,
) {
    let unit = view.panel.unit;
    let warning = match spend.projected_share() {
        Some(share) if share > 1.0 => Style::new().fg(theme::BAD).add_modifier(Modifier::BOLD),
        Some(share) if share >= 0.9 => Style::new().fg(theme::WARN).add_modifier(Modifier::BOLD),
        Some(_) => Style::new().fg(theme::GOOD).add_modifier(Modifier::BOLD),
        None => theme::dim(),
    };
    let width = usize::from(area.width);
    let percent = |share: f64| format!("{:.0}%", share * 100.0);
    let spent = format(spend.to_date, unit);
    let of = format!(
        " of {} this month ({})",
        format(spend.budget, unit),
        percent(spend.used())
    );
    let mut lines = vec![
        Line::from(vec![
            Span::styled(spent.clone(), Style::new().add_modifier(Modifier::BOLD)),
            Span::styled(
                fit(&of, width.saturating_sub(spent.chars().count())),
                theme::dim(),
            ),
        ]),
        Line::from(Span::styled(
            fit(
                &match (spend.projected, spend.projected_share()) {
                    (Some(projected), Some(share)) => format!(
                        "month-end ~{} ({} of budget)",
                        format(projected, unit),
                        percent(share)
                    ),
                    _ => "month-end unknown: no cost in the last day".to_string(),
                },
                width,
            ),
            warning,
        )),
    ];
    if spend.shares.len() > 1 {
        let shares: Vec<String> = spend
            .shares
            .iter()
            .map(|(name, share)| format!("{} {}", clean(name), percent(*share)))
            .collect();
        lines.push(Line::styled(fit(&shares.join(" · "), width), theme::dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
