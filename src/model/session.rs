//! The meeting on screen and everything that belongs to it alone: whether this kaizen runs it
//! or only watches, what its panels and scans show, the alerts of its review period, and the
//! Follow-ups decided in it. Made whole when a meeting opens and dropped when it closes, so
//! nothing of one meeting is left over in the next.

use super::incident_review::AlertsState;
use super::panel_state::PanelState;
use super::scan::ScanState;
use crate::meeting::Meeting;
use std::collections::HashSet;

pub struct MeetingSession {
    pub meeting: Meeting,
    /// The meeting runs in another kaizen: this one only shows it.
    pub read_only: bool,
    /// What each panel of the meeting's sections shows, by section then panel.
    pub panel_states: Vec<Vec<PanelState>>,
    /// Each section's anomaly scan, by section.
    pub scan_states: Vec<ScanState>,
    /// The alerts that fired over the review period.
    pub alerts: AlertsState,
    /// Items decided in this meeting's Follow-ups (still listed, marked decided).
    pub decided: HashSet<i64>,
    /// The selected row in the Follow-ups list.
    pub followup_selected: usize,
}

impl super::Model {
    /// The meeting on screen (running, watched, or just ended).
    pub fn meeting(&self) -> Option<&Meeting> {
        self.session.as_ref().map(|s| &s.meeting)
    }

    pub fn meeting_mut(&mut self) -> Option<&mut Meeting> {
        self.session.as_mut().map(|s| &mut s.meeting)
    }

    /// The meeting on screen runs in another kaizen: this one only shows it.
    pub fn read_only(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.read_only)
    }

    /// The alerts that fired over the meeting's review period.
    pub fn alerts(&self) -> Option<&AlertsState> {
        self.session.as_ref().map(|s| &s.alerts)
    }

    /// What a panel of the meeting on screen shows.
    pub fn panel_state(&self, section: usize, panel: usize) -> Option<&PanelState> {
        self.session.as_ref()?.panel_states.get(section)?.get(panel)
    }

    /// A section's anomaly scan in the meeting on screen.
    pub fn scan_state(&self, section: usize) -> Option<&ScanState> {
        self.session.as_ref()?.scan_states.get(section)
    }

    /// Whether an open item was decided in this meeting's Follow-ups.
    pub fn decided(&self, item: i64) -> bool {
        self.session
            .as_ref()
            .is_some_and(|s| s.decided.contains(&item))
    }

    /// The selected row in the Follow-ups list.
    pub fn followup_selected(&self) -> usize {
        self.session.as_ref().map_or(0, |s| s.followup_selected)
    }

    /// Puts a meeting on screen as a session of its own.
    pub(super) fn open_session(&mut self, meeting: Meeting, read_only: bool) {
        self.close_session();
        let generation = self.past_generation + 1;
        self.session = Some(MeetingSession::new(meeting, read_only, generation));
    }

    /// Drops the meeting on screen and everything that belonged to it.
    pub(super) fn close_session(&mut self) {
        if let Some(session) = self.session.take() {
            self.past_generation = self.past_generation.max(session.generation());
        }
    }
}

impl MeetingSession {
    /// A meeting put on screen. `generation` is where this session's requests start
    /// counting, past every earlier session's, so a late answer to another meeting's
    /// request is never taken for this one's.
    pub fn new(meeting: Meeting, read_only: bool, generation: u64) -> MeetingSession {
        let fresh_scan = ScanState {
            generation,
            ..ScanState::default()
        };
        MeetingSession {
            scan_states: vec![fresh_scan; meeting.sections.len()],
            panel_states: meeting
                .sections
                .iter()
                .map(|run| {
                    let fresh = PanelState {
                        generation,
                        ..PanelState::default()
                    };
                    vec![fresh; run.panels.len()]
                })
                .collect(),
            alerts: AlertsState {
                generation,
                ..AlertsState::default()
            },
            decided: HashSet::new(),
            followup_selected: 0,
            meeting,
            read_only,
        }
    }

    /// The highest generation any of its requests used.
    pub fn generation(&self) -> u64 {
        let scans = self.scan_states.iter().map(|s| s.generation);
        let panels = self.panel_states.iter().flatten().map(|p| p.generation);
        scans
            .chain(panels)
            .chain([self.alerts.generation])
            .max()
            .unwrap_or(0)
    }
}
