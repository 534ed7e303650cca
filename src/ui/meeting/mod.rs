//! The meeting screen: the agenda down the side with attendance, the current section with
//! its big countdown and talking points, and the notes. Read from across a room.

mod action_form;
mod notes;
mod panels;
mod section;
mod sidebar;
mod title_clock;

pub use action_form::render_action_form;
pub use title_clock::{meeting_clock, section_clock};

use crate::meeting::Meeting;
use crate::model::{Focus, Model};
use notes::render_notes;
use panels::{render_panel, render_panels};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use section::render_section;
use sidebar::{render_agenda, render_attendance};

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
    let listing = matches!(model.focus, Focus::ActionList(_) | Focus::Checklist { .. });
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
        } else if let Focus::Checklist { selected } = model.focus {
            super::checklist::render(model, meeting, selected, frame, panels);
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
    let state = model.scan_state(meeting.current);
    if meeting.current_run().panels.is_empty() || area.height < 16 {
        super::findings::render_list(model, state, frame, area);
        return;
    }
    let [list, panels] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
    super::findings::render_list(model, state, frame, list);
    render_panels(model, meeting, frame, panels);
}
