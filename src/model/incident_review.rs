//! The Incident Review section: the period's incidents and the alerts that fired (candidate
//! incidents), loaded as the section opens; accept a candidate with one key (filled in from
//! its labels and times), dismiss one, or add an incident by hand.

use super::{Focus, Model};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::incidents::Incident;
use crate::incidents::episodes::{COARSE_STEP, Episode};
use crate::metrics::FetchError;

/// How far back the review looks: a month, and the month before to compare with.
pub const PERIOD_SECS: f64 = 30.0 * 86_400.0;
/// The query that says which alerts fired (its first look).
pub const ALERTS_QUERY: &str = "ALERTS{alertstate=\"firing\"}";

/// The alerts that fired over the period, as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlertsState {
    pub generation: u64,
    pub in_flight: bool,
    pub result: Option<Result<Vec<Episode>, String>>,
    /// The window asked about (unix seconds).
    pub window: (f64, f64),
}

/// How far apart two readings of one episode may place it (the first look's step).
const STEP_SECS: f64 = COARSE_STEP;

/// Which list of the section has the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IncidentList {
    Incidents,
    Candidates,
}

impl Model {
    /// On entering a section that reviews incidents: read them, and ask which alerts fired.
    pub(super) fn incidents_due(&mut self, force: bool) -> Vec<Effect> {
        let end = self.now.timestamp() as f64;
        let Some(session) = self
            .session
            .as_mut()
            .filter(|s| s.meeting.ended_at.is_none() && s.meeting.current_run().incidents)
        else {
            return Vec::new();
        };
        let alerts = &mut session.alerts;
        if alerts.in_flight || (alerts.result.is_some() && !force) {
            return Vec::new();
        }
        alerts.generation += 1;
        alerts.in_flight = true;
        alerts.window = (end - PERIOD_SECS, end);
        vec![
            Effect::LoadIncidents,
            Effect::FindAlerts {
                generation: alerts.generation,
                window: alerts.window,
            },
        ]
    }

    pub(super) fn alerts_loaded(
        &mut self,
        generation: u64,
        result: Result<Vec<Episode>, FetchError>,
    ) {
        let Some(alerts) = self.session.as_mut().map(|s| &mut s.alerts) else {
            return;
        };
        if generation != alerts.generation {
            return;
        }
        alerts.in_flight = false;
        alerts.result = Some(result.map_err(|e| e.to_string()));
        self.dirty = true;
    }

    /// Alerts that fired in the period and are neither incidents yet nor dismissed.
    pub fn candidates(&self) -> Vec<&Episode> {
        let Some(alerts) = self.alerts() else {
            return Vec::new();
        };
        let Some(Ok(found)) = &alerts.result else {
            return Vec::new();
        };
        // An episode already firing when the window opened has its start cut to the window:
        // a dismissal from an earlier reading still holds for it.
        let clipped = |e: &Episode| e.start <= alerts.window.0 + STEP_SECS;
        // Exact episodes are told apart to the second; others within the first look's step.
        let near = |e: &Episode| if e.exact { 5.0 } else { STEP_SECS };
        found
            .iter()
            .filter(|e| {
                let fingerprint = e.fingerprint();
                let dismissed = self.dismissed_alerts.iter().any(|(f, start)| {
                    *f == fingerprint
                        && *start <= e.end + near(e)
                        && (*start >= e.start - near(e) || clipped(e))
                });
                // Accepted: an incident from this alert whose time overlaps the episode (its
                // start may since have been corrected to earlier).
                let accepted = self.incidents.iter().any(|i| {
                    let from = i.started_at.timestamp() as f64;
                    let to = i.ended_at.unwrap_or(self.now).timestamp() as f64;
                    i.alert.as_deref() == Some(fingerprint.as_str())
                        && from <= e.end + near(e)
                        && e.start - near(e) <= to
                });
                !dismissed && !accepted
            })
            .collect()
    }

    /// The incidents that started in the period, newest first.
    pub fn period_incidents(&self) -> Vec<&Incident> {
        let from = self.now - chrono::Duration::seconds(PERIOD_SECS as i64);
        let mut inside: Vec<&Incident> = self
            .incidents
            .iter()
            .filter(|i| i.started_at >= from)
            .collect();
        inside.reverse();
        inside
    }

    /// This period's and the previous period's count and minutes down.
    pub fn incident_totals(&self) -> (crate::incidents::Totals, crate::incidents::Totals) {
        let period = chrono::Duration::seconds(PERIOD_SECS as i64);
        let now = self.now;
        (
            crate::incidents::totals(&self.incidents, now - period, now),
            crate::incidents::totals(&self.incidents, now - period - period, now - period),
        )
    }

    /// `f` in a section that reviews incidents.
    pub(super) fn open_incident_list(&mut self) {
        let list = if self.period_incidents().is_empty() && !self.candidates().is_empty() {
            IncidentList::Candidates
        } else {
            IncidentList::Incidents
        };
        self.focus = Focus::Incidents { selected: 0, list };
    }

    pub(super) fn run_incident_list(&mut self, command: Command) -> Vec<Effect> {
        let Focus::Incidents { selected, list } = self.focus else {
            return Vec::new();
        };
        let count = match list {
            IncidentList::Incidents => self.period_incidents().len(),
            IncidentList::Candidates => self.candidates().len(),
        };
        let last = count.saturating_sub(1);
        let to = |selected: usize, list: IncidentList| Focus::Incidents { selected, list };
        match command {
            Command::Up => self.focus = to(selected.saturating_sub(1), list),
            Command::Down => self.focus = to((selected + 1).min(last), list),
            Command::NextQuadrant => {
                let other = match list {
                    IncidentList::Incidents => IncidentList::Candidates,
                    IncidentList::Candidates => IncidentList::Incidents,
                };
                self.focus = to(0, other);
            }
            Command::Back => self.focus = Focus::Clock,
            Command::Refresh => return self.incidents_due(true),
            Command::Accept if list == IncidentList::Candidates => return self.accept(selected),
            Command::DropItem if list == IncidentList::Candidates => return self.dismiss(selected),
            Command::Undo => return self.undismiss(),
            Command::NewIncident => {
                self.focus = Focus::NewIncident(Box::default());
            }
            Command::Open if list == IncidentList::Incidents => {
                if let Some(id) = self.period_incidents().get(selected).map(|i| i.id) {
                    return self.open_incident(id);
                }
            }
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

    /// `a` on a candidate: an incident from it, then its detail to fill in.
    fn accept(&mut self, selected: usize) -> Vec<Effect> {
        let Some(episode) = self.candidates().get(selected).map(|e| (*e).clone()) else {
            return Vec::new();
        };
        // Still firing at the end of the window (its last sample within a few evaluations, or
        // in its last step): the incident is not over.
        let window_end = self.alerts().map_or(f64::INFINITY, |a| a.window.1);
        let ongoing = episode.end >= window_end - 2.5 * episode.every;
        let Some(incident) = Incident::from_episode(&episode, ongoing, self.now) else {
            return Vec::new();
        };
        self.say(format!(
            "Accepted {} as an incident: fill it in",
            incident.title
        ));
        self.add_incident(incident)
    }

    /// Shown at once; the store's answer gives it its id, and then its detail opens.
    fn add_incident(&mut self, mut incident: Incident) -> Vec<Effect> {
        incident.id = self.provisional_id();
        self.incidents.push(incident.clone());
        self.focus = Focus::Incidents {
            selected: 0,
            list: IncidentList::Incidents,
        };
        self.open_new_incident = true;
        vec![Effect::Persist(Change::SaveIncident(Box::new(incident)))]
    }

    /// `x` on a candidate: not an incident, and not offered again.
    fn dismiss(&mut self, selected: usize) -> Vec<Effect> {
        let Some(episode) = self.candidates().get(selected).map(|e| (*e).clone()) else {
            return Vec::new();
        };
        let fingerprint = episode.fingerprint();
        self.dismissed_alerts
            .push((fingerprint.clone(), episode.start));
        self.say(format!(
            "Dismissed {}: not an incident (u takes it back)",
            episode.alertname
        ));
        let left = self.candidates().len();
        self.focus = Focus::Incidents {
            selected: selected.min(left.saturating_sub(1)),
            list: IncidentList::Candidates,
        };
        vec![Effect::Persist(Change::DismissAlert {
            fingerprint,
            start: episode.start,
        })]
    }

    /// `u`: the last dismissal taken back, the episode offered again.
    fn undismiss(&mut self) -> Vec<Effect> {
        let Some((fingerprint, start)) = self.dismissed_alerts.pop() else {
            self.say("Nothing dismissed to take back");
            return Vec::new();
        };
        self.say(format!("{fingerprint} is offered again"));
        self.focus = Focus::Incidents {
            selected: 0,
            list: IncidentList::Candidates,
        };
        vec![Effect::Persist(Change::UndismissAlert {
            fingerprint,
            start,
        })]
    }

    /// The title typed for an incident added by hand: it starts now, to be corrected.
    pub(super) fn finish_new_incident(&mut self, command: Command) -> Vec<Effect> {
        let Focus::NewIncident(input) = std::mem::take(&mut self.focus) else {
            return Vec::new();
        };
        let title = crate::text::clean(input.lines().join(" ").trim()).into_owned();
        match command {
            Command::Confirm if title.is_empty() => {
                self.focus = Focus::NewIncident(input);
                self.say("A title, please: what happened, in a few words");
                Vec::new()
            }
            Command::Confirm => self.add_incident(Incident::new(&title, self.now, self.now)),
            _ => {
                self.focus = Focus::Incidents {
                    selected: 0,
                    list: IncidentList::Incidents,
                };
                Vec::new()
            }
        }
    }

    pub(super) fn incident_saved(&mut self, landed: crate::msg::Landed) -> Vec<Effect> {
        self.landed(landed);
        if std::mem::take(&mut self.open_new_incident) {
            return self.open_incident(landed.id);
        }
        Vec::new()
    }

    pub(super) fn new_incident_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Focus::NewIncident(input) = &mut self.focus {
            input.input(key);
        }
    }
}
