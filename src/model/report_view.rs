//! A meeting's report on screen: the Markdown text, scrolled, and where it was written.

use super::{Model, Screen};
use crate::effect::Effect;
use std::path::PathBuf;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportView {
    pub meeting: i64,
    pub text: String,
    /// Where the file went, or why it could not; `None` when it was not written.
    pub written: Option<Result<PathBuf, String>>,
    /// Lines scrolled past.
    pub scroll: u16,
}

impl ReportView {
    fn lines(&self) -> u16 {
        self.text.lines().count().min(u16::MAX as usize) as u16
    }

    /// Moves by `by` lines, within the text.
    pub fn scroll_by(&mut self, by: i32) {
        let last = self.lines().saturating_sub(1);
        self.scroll = (i32::from(self.scroll) + by).clamp(0, i32::from(last)) as u16;
    }
}

impl Model {
    /// The meeting's report came back from the runtime.
    pub(super) fn report_ready(
        &mut self,
        meeting: i64,
        text: String,
        written: Option<Result<PathBuf, String>>,
    ) -> Vec<Effect> {
        let scroll = self
            .report
            .as_ref()
            .filter(|r| r.meeting == meeting)
            .map_or(0, |r| r.scroll);
        match &written {
            Some(Ok(path)) => self.say(format!("Report written to {}", path.display())),
            Some(Err(error)) => self.say(format!("Report not written: {error}")),
            None => {}
        }
        self.report = Some(ReportView {
            meeting,
            text,
            written,
            scroll,
        });
        self.dirty = true;
        Vec::new()
    }

    /// Asks for this meeting's report, written to the reports folder unless in the demo.
    pub(super) fn write_report(&self) -> Option<Effect> {
        let meeting = self.meeting()?;
        if self.read_only() || self.screen != Screen::Summary {
            return None;
        }
        Some(Effect::WriteReport {
            meeting: meeting.id?,
            write: !self.demo,
        })
    }
}
