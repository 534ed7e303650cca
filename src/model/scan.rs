//! Sections that scan for what stands out: the scan asked for when the section opens (and on
//! `r`), its answer taken in (late ones dropped), and the findings list's keys: open one, raise
//! it as an opportunity, or make it an action item.

use super::{Focus, Model};
use crate::analysis::job::{Outcome, Row, targets};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::opportunities::{Evidence, Opportunity, Source};
use chrono::{DateTime, FixedOffset};

/// One section's scan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScanState {
    /// Answers to older scans than this are dropped.
    pub generation: u64,
    pub in_flight: bool,
    pub outcome: Option<Outcome>,
    pub asked_at: Option<DateTime<FixedOffset>>,
}

impl Model {
    /// The current section's scan, when it scans and has not (or `force`).
    pub(super) fn scan_due(&mut self, force: bool) -> Vec<Effect> {
        let (now, since, settings) = (self.now, self.scan_since(), self.anomalies);
        let Some(session) = self
            .session
            .as_mut()
            .filter(|s| s.meeting.ended_at.is_none())
        else {
            return Vec::new();
        };
        let section = session.meeting.current;
        let run = session.meeting.current_run();
        let Some(state) = session.scan_states.get_mut(section) else {
            return Vec::new();
        };
        if run.scan.is_empty() || state.in_flight || (state.outcome.is_some() && !force) {
            return Vec::new();
        }
        state.generation += 1;
        state.in_flight = true;
        state.asked_at = Some(now);
        vec![
            Effect::LoadExpected,
            Effect::Scan {
                section,
                generation: state.generation,
                targets: targets(&run.scan, now, since),
                settings,
            },
        ]
    }

    /// Where the scan's fine look starts: the morning of the cycle's last meeting, or a
    /// week back when it has none.
    fn scan_since(&self) -> f64 {
        let week_ago = (self.now - chrono::Duration::days(7)).timestamp() as f64;
        let Some(cycle) = self.meeting().map(|m| &m.cycle_key) else {
            return week_ago;
        };
        self.previous_values
            .get(cycle)
            .and_then(|previous| previous.held_on.and_hms_opt(0, 0, 0))
            .and_then(|midnight| midnight.and_local_timezone(*self.now.offset()).single())
            .map_or(week_ago, |start| start.timestamp() as f64)
    }

    pub(super) fn scanned(&mut self, section: usize, generation: u64, outcome: Outcome) {
        let Some(state) = self
            .session
            .as_mut()
            .and_then(|s| s.scan_states.get_mut(section))
        else {
            return;
        };
        if state.generation != generation {
            return; // an answer to an older scan
        }
        state.in_flight = false;
        state.outcome = Some(outcome);
        self.dirty = true;
        if let Focus::Findings { selected, .. } = &mut self.focus {
            *selected = 0;
        }
    }

    /// The findings of the current section's last scan, but those the room expected.
    pub fn findings(&self) -> Vec<&Row> {
        self.findings_of(self.meeting().map_or(0, |m| m.current))
    }

    /// What a section's scan listed, to keep with the meeting when the section ends.
    pub(super) fn findings_record(&self, section: usize) -> Vec<crate::change::FindingRecord> {
        let Some(run) = self.meeting().and_then(|m| m.sections.get(section)) else {
            return Vec::new();
        };
        self.findings_of(section)
            .into_iter()
            .map(|row| crate::change::FindingRecord {
                section: run.title.clone(),
                panel: row.panel.clone(),
                // Series names and reasons carry labels from outside: kept as shown.
                series: crate::text::clean(&row.series).into_owned(),
                query: row.query.clone(),
                kind: row.finding.kind.label().to_string(),
                reason: crate::text::clean(&row.reason).into_owned(),
                start: row.finding.start,
                end: row.finding.end,
                score: row.finding.score,
            })
            .collect()
    }

    fn findings_of(&self, section: usize) -> Vec<&Row> {
        let rows = self
            .scan_state(section)
            .and_then(|s| s.outcome.as_ref())
            .map_or(&[][..], |o| o.rows.as_slice());
        rows.iter()
            .filter(|row| {
                let key = row.key();
                !self.expected.iter().any(|e| e.covers(&key, &row.finding))
            })
            .collect()
    }

    /// `f`: the findings list of a section that scans.
    pub(super) fn open_findings(&mut self) -> Vec<Effect> {
        let scans = self
            .meeting()
            .is_some_and(|m| !m.current_run().scan.is_empty());
        if !scans {
            self.say("This section does not scan: its template can say scan = true");
            return Vec::new();
        }
        self.focus = Focus::Findings {
            selected: 0,
            open: false,
        };
        Vec::new()
    }

    pub(super) fn run_findings(&mut self, command: Command) -> Vec<Effect> {
        let Focus::Findings { selected, open } = self.focus else {
            return Vec::new();
        };
        let last = self.findings().len().saturating_sub(1);
        match command {
            Command::Up => self.focus_finding(selected.saturating_sub(1), open),
            Command::Down => self.focus_finding((selected + 1).min(last), open),
            Command::Open => self.focus_finding(selected, true),
            Command::Back if open => self.focus_finding(selected, false),
            Command::Back => self.focus = Focus::Clock,
            Command::Refresh => return self.scan_due(true),
            Command::AddOpportunity => return self.opportunity_from_finding(selected),
            Command::NewActionItem => self.action_from_finding(selected),
            Command::MarkExpected => return self.mark_expected(selected),
            // The meeting's own keys (pause, next, end...) still work with the list open; in
            // another section the list is not there any more.
            _ => {
                let section = self.meeting().map(|m| m.current);
                let effects = self.run_clock(command);
                if self.meeting().map(|m| m.current) != section {
                    self.focus = Focus::Clock;
                }
                return effects;
            }
        }
        Vec::new()
    }

    fn focus_finding(&mut self, selected: usize, open: bool) {
        self.focus = Focus::Findings { selected, open };
    }

    /// `x` on a finding: expected, so not raised again for this series and stretch.
    fn mark_expected(&mut self, selected: usize) -> Vec<Effect> {
        let Some(row) = self.findings().get(selected).map(|row| (*row).clone()) else {
            return Vec::new();
        };
        let expected = crate::analysis::Expected {
            series_key: row.key(),
            kind: row.finding.kind.label().to_string(),
            start: row.finding.start,
            end: row.finding.end,
            marked_at: self.now,
        };
        self.expected.push(expected.clone());
        let last = self.findings().len().saturating_sub(1);
        self.focus_finding(selected.min(last), false);
        self.say(format!(
            "Marked expected: {} is not raised again for that stretch",
            row.panel
        ));
        if self.read_only() {
            return Vec::new();
        }
        vec![Effect::Persist(Change::MarkExpected(expected))]
    }

    /// `o` on a finding: an opportunity (metrics analysis) with the finding as its evidence.
    fn opportunity_from_finding(&mut self, selected: usize) -> Vec<Effect> {
        let Some(row) = self.findings().get(selected).map(|row| (*row).clone()) else {
            return Vec::new();
        };
        let Some(meeting) = self.running_meeting() else {
            return Vec::new();
        };
        let (meeting_id, section) = (meeting.id, meeting.current_run().title.clone());
        let finding = &row.finding;
        let (when, value) = finding
            .peak
            .or(finding.levels.map(|(_, after)| (finding.start, after)))
            .unwrap_or((finding.start, f64::NAN));
        let title = format!("{} ({}): {}", row.panel, row.series, finding.kind.label());
        let mut new = Opportunity::titled(&title, self.now);
        new.source = Some(Source::MetricsAnalysis);
        new.description = row.reason.clone();
        new.current_state = row.reason.clone();
        new.before = Evidence {
            value: value.is_finite().then_some(value),
            note: format!(
                "{} ({}), scanned {} to {}",
                row.panel,
                row.series,
                day(row.window.0, self.now),
                day(row.window.1, self.now)
            ),
            query: Some(row.query.clone()),
            at: DateTime::from_timestamp(when as i64, 0)
                .map(|t| t.with_timezone(self.now.offset())),
        };
        new.meeting_id = meeting_id;
        new.section = Some(section);
        self.say(format!("Opportunity raised: {title}"));
        self.add_opportunity(new)
    }

    /// `t` on a finding: the action item form, saying what to look into.
    fn action_from_finding(&mut self, selected: usize) {
        let findings = self.findings();
        let Some(row) = findings.get(selected) else {
            return;
        };
        let what = format!(
            "Look into {} ({}): {}",
            row.panel,
            row.series,
            row.finding.kind.label()
        );
        self.focus = Focus::NewAction(Box::new(super::action_form::ActionForm::titled(&what)));
    }
}

fn day(unix: f64, now: DateTime<FixedOffset>) -> String {
    DateTime::from_timestamp(unix as i64, 0)
        .map(|t| t.with_timezone(now.offset()).format("%-d %b").to_string())
        .unwrap_or_default()
}
