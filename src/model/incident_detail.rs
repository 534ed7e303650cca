//! One incident, filled in during the discussion: its fields edited in place, moments added to
//! its timeline, and prevention measures made as action items or opportunities (linked to it).

use super::{Focus, Model, Screen};
use crate::change::Change;
use crate::command::Command;
use crate::effect::Effect;
use crate::incidents::{Incident, Measure, Moment, TimelineEntry};
use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime, TimeZone};
use ratatui_textarea::TextArea;

/// The fields the detail shows and edits, in order.
pub const FIELDS: [Field; 11] = [
    Field::Title,
    Field::Severity,
    Field::Service,
    Field::Started,
    Field::Ended,
    Field::Detected,
    Field::Outage,
    Field::Summary,
    Field::Impact,
    Field::Factors,
    Field::WentWell,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Severity,
    Service,
    Started,
    Ended,
    Detected,
    Outage,
    Summary,
    Impact,
    Factors,
    WentWell,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Severity => "severity",
            Field::Service => "service",
            Field::Started => "started",
            Field::Ended => "ended",
            Field::Detected => "detected",
            Field::Outage => "outage (counts as downtime)",
            Field::Summary => "summary",
            Field::Impact => "impact",
            Field::Factors => "contributing factors (; between)",
            Field::WentWell => "what went well",
        }
    }

    pub fn get(self, incident: &Incident) -> String {
        let time = |t: Option<DateTime<FixedOffset>>| {
            t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        };
        match self {
            Field::Title => incident.title.clone(),
            Field::Severity => incident.severity.clone(),
            Field::Service => incident.service.clone().unwrap_or_default(),
            Field::Started => time(Some(incident.started_at)),
            Field::Ended => time(incident.ended_at),
            Field::Detected => time(incident.detected_at),
            Field::Outage => if incident.outage { "yes" } else { "no" }.into(),
            Field::Summary => incident.summary.clone(),
            Field::Impact => incident.impact.clone(),
            Field::Factors => incident.factors.join("; "),
            Field::WentWell => incident.went_well.clone(),
        }
    }

    /// Writes typed text into the field, or says what is wrong and how to write it.
    pub fn set(self, incident: &mut Incident, text: &str) -> Result<(), String> {
        let text = text.trim();
        let day = incident.started_at;
        let time = |text: &str| -> Result<Option<DateTime<FixedOffset>>, String> {
            if text.is_empty() {
                return Ok(None);
            }
            parse_time(text, day, self != Field::Started)
                .map(Some)
                .ok_or_else(|| {
                    format!(
                        "{}: \"{text}\" is not a time: write \"14:05\" (the day it started) or \
                     \"2026-11-20 14:05\"",
                        self.label()
                    )
                })
        };
        match self {
            Field::Title if text.is_empty() => {
                return Err("title: it cannot be empty: what happened, in a few words".into());
            }
            Field::Title => incident.title = text.to_string(),
            Field::Severity => incident.severity = text.to_string(),
            Field::Service => incident.service = (!text.is_empty()).then(|| text.to_string()),
            Field::Started => {
                incident.started_at = time(text)?.ok_or("started: an incident has a start")?
            }
            Field::Ended => incident.ended_at = time(text)?,
            Field::Detected => incident.detected_at = time(text)?,
            Field::Outage => {
                incident.outage = match text.to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" => true,
                    "no" | "n" | "false" => false,
                    _ => {
                        return Err(format!(
                            "{}: \"{text}\" is not yes or no: yes when something was down, \
                             no for errors or slowness",
                            self.label()
                        ));
                    }
                }
            }
            Field::Summary => incident.summary = text.to_string(),
            Field::Impact => incident.impact = text.to_string(),
            Field::Factors => {
                incident.factors = text
                    .split(';')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            Field::WentWell => incident.went_well = text.to_string(),
        }
        incident.problem().map_or(Ok(()), Err)
    }
}

/// "14:05" on `day`'s date, or "2026-11-20 14:05", in `day`'s offset.
/// A time of day alone is on `day`'s date; with `after`, a time earlier than `day` (the
/// incident's start) is the next morning: "00:45" for an incident that began at 23:30.
fn parse_time(
    text: &str,
    day: DateTime<FixedOffset>,
    after: bool,
) -> Option<DateTime<FixedOffset>> {
    if let Ok(local) = NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") {
        return day.offset().from_local_datetime(&local).single();
    }
    let time = NaiveTime::parse_from_str(text, "%H:%M").ok()?;
    let same_day = day
        .offset()
        .from_local_datetime(&day.date_naive().and_time(time))
        .single()?;
    Some(if after && same_day < day {
        same_day + chrono::Duration::days(1)
    } else {
        same_day
    })
}

/// What the bottom line is typing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typing {
    Field,
    Moment,
}

#[derive(Clone, Debug, Default)]
pub struct IncidentView {
    pub id: i64,
    pub selected: usize,
    pub input: Option<(Typing, TextArea<'static>)>,
    pub problem: Option<String>,
}

impl PartialEq for IncidentView {
    fn eq(&self, other: &Self) -> bool {
        (self.id, self.selected, self.input.is_some())
            == (other.id, other.selected, other.input.is_some())
    }
}

impl Model {
    pub(super) fn open_incident(&mut self, id: i64) -> Vec<Effect> {
        self.screen = Screen::Incident(Box::new(IncidentView {
            id,
            ..IncidentView::default()
        }));
        vec![Effect::LoadActions, Effect::LoadOpportunities]
    }

    pub fn incident(&self, id: i64) -> Option<&Incident> {
        self.incidents.iter().find(|i| i.id == id)
    }

    pub(super) fn run_incident(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Incident(view) = &mut self.screen else {
            return Vec::new();
        };
        if view.input.is_some() {
            return match command {
                Command::Confirm => self.save_incident_input(),
                Command::Cancel => {
                    view.input = None;
                    view.problem = None;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        let (id, selected) = (view.id, view.selected);
        let text = self
            .incident(id)
            .map(|i| FIELDS[selected].get(i))
            .unwrap_or_default();
        let Screen::Incident(view) = &mut self.screen else {
            return Vec::new();
        };
        match command {
            Command::Up => view.selected = view.selected.saturating_sub(1),
            Command::Down => view.selected = (view.selected + 1).min(FIELDS.len() - 1),
            Command::Open => {
                let mut input = TextArea::from([text]);
                input.move_cursor(ratatui_textarea::CursorMove::End);
                view.input = Some((Typing::Field, input));
                view.problem = None;
            }
            Command::AddMoment => {
                let mut input = TextArea::default();
                input.set_placeholder_text("detected 14:12 a customer wrote in");
                view.input = Some((Typing::Moment, input));
                view.problem = None;
            }
            Command::NewActionItem => {
                let title = self
                    .incident(id)
                    .map(|i| i.title.clone())
                    .unwrap_or_default();
                let mut form = super::action_form::ActionForm::titled(&format!("Prevent: {title}"));
                form.incident = Some(id);
                self.focus = Focus::NewAction(Box::new(form));
            }
            Command::AddOpportunity => return self.opportunity_for_incident(id),
            // One Esc returns to the section, not to the list the incident was chosen from.
            Command::Back => {
                self.screen = Screen::Meeting;
                self.focus = Focus::Clock;
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn incident_key(&mut self, key: crossterm::event::KeyEvent) {
        if let Screen::Incident(view) = &mut self.screen
            && let Some((_, input)) = &mut view.input
            && input.input(key)
        {
            view.problem = None;
        }
    }

    fn save_incident_input(&mut self) -> Vec<Effect> {
        let Screen::Incident(view) = &mut self.screen else {
            return Vec::new();
        };
        let Some((typing, input)) = &view.input else {
            return Vec::new();
        };
        let text = crate::text::clean(&input.lines().join(" ")).into_owned();
        let (id, field, typing) = (view.id, FIELDS[view.selected], *typing);
        let Some(mut changed) = self.incident(id).cloned() else {
            return Vec::new();
        };
        let result = match typing {
            Typing::Field => field.set(&mut changed, &text),
            Typing::Moment => moment(&text, changed.started_at).map(|entry| {
                changed.timeline.push(entry);
                changed.timeline.sort_by_key(|e| e.at);
            }),
        };
        let Screen::Incident(view) = &mut self.screen else {
            return Vec::new();
        };
        if let Err(problem) = result {
            view.problem = Some(problem);
            return Vec::new();
        }
        view.input = None;
        view.problem = None;
        self.replace_incident(changed)
    }

    /// Keeps the model in step and saves the incident whole.
    pub(super) fn replace_incident(&mut self, changed: Incident) -> Vec<Effect> {
        if let Some(incident) = self.incidents.iter_mut().find(|i| i.id == changed.id) {
            *incident = changed.clone();
        }
        vec![Effect::Persist(Change::SaveIncident(Box::new(changed)))]
    }

    /// `o` in an incident: an opportunity to prevent it again (source: incident analysis).
    fn opportunity_for_incident(&mut self, id: i64) -> Vec<Effect> {
        let Some(incident) = self.incident(id) else {
            return Vec::new();
        };
        let mut new = crate::opportunities::Opportunity::titled(
            &format!("Prevent: {}", incident.title),
            self.now,
        );
        new.source = Some(crate::opportunities::Source::IncidentAnalysis);
        new.description = incident.summary.clone();
        new.current_state = incident.factors.join("; ");
        if let Some(meeting) = self.running_meeting() {
            new.meeting_id = meeting.id;
            new.section = Some(meeting.current_run().title.clone());
        }
        self.pending_measure = Some(id);
        self.say(format!("Opportunity raised: {}", new.title));
        self.add_opportunity(new)
    }

    /// A new action item or opportunity made for an incident is linked to it once it has an id.
    pub(super) fn link_measure(&mut self, measure: Measure) -> Vec<Effect> {
        let Some(id) = self.pending_measure.take() else {
            return Vec::new();
        };
        let Some(mut incident) = self.incident(id).cloned() else {
            return Vec::new();
        };
        incident.measures.push(measure);
        self.replace_incident(incident)
    }
}

/// "detected 14:12 a customer wrote in": the kind, the time, and what happened.
fn moment(text: &str, day: DateTime<FixedOffset>) -> Result<TimelineEntry, String> {
    let mut words = text.split_whitespace().peekable();
    let (Some(kind), Some(first)) = (words.next(), words.next()) else {
        return Err(
            "a moment: its kind, its time and a few words, e.g. \"mitigated 15:26 rolled back\""
                .into(),
        );
    };
    let moment = Moment::parse(&kind.to_lowercase()).ok_or_else(|| {
        format!("\"{kind}\" is not a moment: use detected, diagnosed, mitigated, resolved or other")
    })?;
    // "14:05", or a date and a time: "2026-11-21 00:45".
    let time = match words.peek() {
        Some(clock) if first.contains('-') && clock.contains(':') => {
            let time = format!("{first} {clock}");
            words.next();
            time
        }
        _ => first.to_string(),
    };
    let at = parse_time(&time, day, true).ok_or_else(|| {
        format!("\"{time}\" is not a time: write it as 14:05 or 2026-11-21 00:45")
    })?;
    Ok(TimelineEntry {
        at,
        moment,
        note: words.collect::<Vec<_>>().join(" "),
    })
}
