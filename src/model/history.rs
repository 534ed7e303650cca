//! Past meetings from the home screen: the list, newest first, and any meeting's report,
//! scrolled and written again on demand (after a template or an item changed, say).

use super::{Model, Screen};
use crate::command::Command;
use crate::effect::Effect;
use crate::store::reports::MeetingRow;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct HistoryView {
    pub meetings: Vec<MeetingRow>,
    pub selected: usize,
    /// Still waiting for the list.
    pub loading: bool,
    /// Why the list could not be read.
    pub error: Option<String>,
}

impl Model {
    pub(super) fn open_history(&mut self) -> Vec<Effect> {
        self.screen = Screen::History(Box::new(HistoryView {
            loading: true,
            ..HistoryView::default()
        }));
        vec![Effect::LoadHistory]
    }

    pub(super) fn history_loaded(&mut self, meetings: Vec<MeetingRow>) -> Vec<Effect> {
        if let Screen::History(view) = &mut self.screen {
            view.selected = view.selected.min(meetings.len().saturating_sub(1));
            view.meetings = meetings;
            view.loading = false;
            view.error = None;
            self.dirty = true;
        }
        Vec::new()
    }

    pub(super) fn run_history(&mut self, command: Command) -> Vec<Effect> {
        let Screen::History(view) = &mut self.screen else {
            return Vec::new();
        };
        let last = view.meetings.len().saturating_sub(1);
        match command {
            Command::Up => view.selected = view.selected.saturating_sub(1),
            Command::Down => view.selected = (view.selected + 1).min(last),
            Command::Back => self.screen = Screen::Home,
            Command::Publish => {
                let Some(id) = view.meetings.get(view.selected).map(|m| m.id) else {
                    return Vec::new();
                };
                return self.publish_meeting(id);
            }
            Command::Open => {
                let Some(meeting) = view.meetings.get(view.selected) else {
                    return Vec::new();
                };
                let id = meeting.id;
                let back = view.clone();
                self.report = None;
                self.screen = Screen::Report(back);
                return vec![Effect::WriteReport {
                    meeting: id,
                    write: false,
                }];
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn run_report(&mut self, command: Command) -> Vec<Effect> {
        let page = i32::from(self.viewport.1.saturating_sub(6)).max(1);
        let by = match command {
            Command::Up => -1,
            Command::Down => 1,
            Command::PageUp => -page,
            Command::PageDown => page,
            Command::Back => {
                if let Screen::Report(back) = std::mem::replace(&mut self.screen, Screen::Home) {
                    self.screen = Screen::History(back);
                }
                return Vec::new();
            }
            Command::WriteReport if self.demo => {
                self.say("The demo writes nothing: run kaizen without --demo to keep reports");
                return Vec::new();
            }
            Command::WriteReport => {
                return self
                    .report
                    .as_ref()
                    .map(|report| Effect::WriteReport {
                        meeting: report.meeting,
                        write: true,
                    })
                    .into_iter()
                    .collect();
            }
            _ => 0,
        };
        if let Some(report) = &mut self.report {
            report.scroll_by(by);
        }
        Vec::new()
    }
}
