//! Changes: one persisted edit each, written by the store in its own transaction.

use crate::meeting::Meeting;
use crate::meeting::timer::SectionTimer;
use chrono::{DateTime, FixedOffset};

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Stores a new meeting whole; the store answers with its id.
    StartMeeting(Box<Meeting>),
    /// A section's clock and whether it has been entered.
    SaveSection {
        meeting: i64,
        position: usize,
        timer: SectionTimer,
        visited: bool,
    },
    SaveNotes {
        meeting: i64,
        position: usize,
        notes: String,
    },
    SetCurrent {
        meeting: i64,
        position: usize,
    },
    SaveAttendee {
        meeting: i64,
        position: usize,
        name: String,
        present: bool,
    },
    /// An improvement checklist item ticked (or unticked) in a meeting.
    Tick {
        meeting: i64,
        category: String,
        item: String,
        ticked: bool,
    },
    EndMeeting {
        meeting: i64,
        ended_at: DateTime<FixedOffset>,
    },
    Rate {
        meeting: i64,
        rating: Option<u8>,
    },
    /// An ended meeting's publication to these targets (`git`, `webhook`, `email`), waiting
    /// for its summary to close (the rating is part of the report).
    QueuePublications {
        meeting: i64,
        targets: Vec<&'static str>,
    },
    /// What a section's panels showed when it ended, to compare with next time.
    SavePanelValues {
        meeting: i64,
        position: usize,
        values: Vec<PanelValue>,
    },
    /// What a section's scan listed when the section ended, most significant first
    /// (replacing what it listed before).
    SaveFindings {
        meeting: i64,
        position: usize,
        findings: Vec<FindingRecord>,
    },
    /// A new action item; its owner joins the roster when `add_owner`. `id` is the
    /// provisional id the screen shows it under until the store gives it its own.
    CreateAction {
        id: i64,
        new: crate::actions::NewAction,
        add_owner: bool,
        at: DateTime<FixedOffset>,
    },
    /// An open item's what, who and due, changed from the action list.
    EditAction {
        item: i64,
        title: String,
        owner: String,
        due_on: chrono::NaiveDate,
        add_owner: bool,
        at: DateTime<FixedOffset>,
    },
    /// An opportunity, saved whole (a new one when its id is provisional).
    SaveOpportunity(
        Box<crate::opportunities::Opportunity>,
        DateTime<FixedOffset>,
    ),
    /// An opportunity moves to another stage (kept in its history).
    SetOpportunityStatus {
        id: i64,
        status: crate::opportunities::Status,
        at: DateTime<FixedOffset>,
    },
    /// The room expects this finding: not raised again for the same series and stretch.
    MarkExpected(crate::analysis::Expected),
    /// Save an incident whole (a new one when its id is provisional).
    SaveIncident(Box<crate::incidents::Incident>),
    /// The room says this alert episode was not an incident.
    DismissAlert {
        fingerprint: String,
        start: f64,
    },
    /// The room takes back a dismissal: the episode is offered again.
    UndismissAlert {
        fingerprint: String,
        start: f64,
    },
    /// A change to the team roster.
    Roster(RosterChange),
    /// A decision on an open action item, recorded in its history.
    Decide {
        item: i64,
        decision: Decision,
        meeting: Option<i64>,
        at: DateTime<FixedOffset>,
    },
    /// This process takes over an unfinished meeting (only one process runs a meeting).
    ResumeMeeting,
    /// This process takes the running meeting from the kaizen holding it (PostgreSQL's
    /// lease), which from then on only watches.
    TakeOverMeeting,
    /// This process stops running the meeting (it stays resumable).
    LeaveMeeting,
}

/// A row made on screen before the store has answered carries a provisional id: negative,
/// never reused in a run. Changes and reads asked for meanwhile use it; the store's side
/// puts the real id in its place once the row has landed (changes land in order, so the row
/// always has by then).
pub fn is_provisional(id: i64) -> bool {
    id < 0
}

/// An id as the screen shows it: "#12", or "new" while the row has not landed.
pub fn shown_id(id: i64) -> String {
    if is_provisional(id) {
        "new".to_string()
    } else {
        format!("#{id}")
    }
}

impl Change {
    /// The provisional id of the row this change creates, if it creates one.
    pub fn creates(&self) -> Option<i64> {
        let id = match self {
            Change::StartMeeting(meeting) => meeting.id?,
            Change::CreateAction { id, .. } => *id,
            Change::SaveOpportunity(opportunity, _) => opportunity.id,
            Change::SaveIncident(incident) => incident.id,
            _ => return None,
        };
        is_provisional(id).then_some(id)
    }

    /// Puts real ids in place of provisional ones that have landed: `real` answers, for any
    /// id, the stored one (itself when it is not provisional, or has not landed).
    pub fn resolve(&mut self, real: &impl Fn(i64) -> i64) {
        let fix = |id: &mut i64| *id = real(*id);
        match self {
            Change::StartMeeting(_)
            | Change::MarkExpected(_)
            | Change::DismissAlert { .. }
            | Change::UndismissAlert { .. }
            | Change::Roster(_)
            | Change::ResumeMeeting
            | Change::TakeOverMeeting
            | Change::LeaveMeeting => {}
            Change::SaveSection { meeting, .. }
            | Change::SaveNotes { meeting, .. }
            | Change::SetCurrent { meeting, .. }
            | Change::SaveAttendee { meeting, .. }
            | Change::Tick { meeting, .. }
            | Change::EndMeeting { meeting, .. }
            | Change::Rate { meeting, .. }
            | Change::QueuePublications { meeting, .. }
            | Change::SavePanelValues { meeting, .. }
            | Change::SaveFindings { meeting, .. } => fix(meeting),
            Change::CreateAction { new, .. } => {
                new.meeting_id.as_mut().map(fix);
                new.opportunity_id.as_mut().map(fix);
            }
            Change::EditAction { item, .. } => fix(item),
            Change::SaveOpportunity(opportunity, _) => {
                // Saved again before its first save landed: then it is the stored one.
                fix(&mut opportunity.id);
                opportunity.depends_on.iter_mut().for_each(fix);
                opportunity.meeting_id.as_mut().map(fix);
            }
            Change::SetOpportunityStatus { id, .. } => fix(id),
            Change::SaveIncident(incident) => {
                fix(&mut incident.id);
                for measure in &mut incident.measures {
                    match measure {
                        crate::incidents::Measure::Action(id)
                        | crate::incidents::Measure::Opportunity(id) => fix(id),
                    }
                }
            }
            Change::Decide { item, meeting, .. } => {
                fix(item);
                meeting.as_mut().map(fix);
            }
        }
    }
}

/// One series' value on a panel (or the panel's one value), with what is needed to trace it
/// back. A panel with several series saves one of these for each.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelValue {
    pub section: String,
    pub panel: String,
    /// The series' labels (`{job="api"}`); empty for a panel's one value.
    pub series: String,
    /// What the screen called the series (its legend); empty for a panel's one value.
    pub name: String,
    pub query: String,
    /// `None`: the panel had no data (or the value was not a number).
    pub value: Option<f64>,
    pub range_start: f64,
    pub range_end: f64,
    pub fetched_at: DateTime<FixedOffset>,
    /// Where the series is heading, as the panel said it (panels that forecast).
    pub forecast: Option<String>,
    /// With no earlier meeting of the cycle: the value over the same length of window ending
    /// `before_at` (unix seconds, a period back), as Prometheus had it.
    pub before: Option<f64>,
    pub before_at: Option<f64>,
}

/// One thing a section's scan listed, as the room read it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FindingRecord {
    pub section: String,
    pub panel: String,
    /// The series' name as listed ("api"), or the panel's title for its one series.
    pub series: String,
    pub query: String,
    /// outlier, level shift, trend change, seasonal, breach.
    pub kind: String,
    /// The sentence the list showed.
    pub reason: String,
    /// The stretch that stands out (unix seconds).
    pub start: f64,
    pub end: f64,
    pub score: f64,
}

/// What a meeting decided about an open action item.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    Done,
    Carry,
    Drop { reason: String },
    Reassign { owner: String, add_owner: bool },
    Reschedule { due_on: chrono::NaiveDate },
}

/// Adding, editing (name, handle, address) or removing someone in the team roster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterChange {
    /// Someone new, or a handle and address for someone already there.
    Add(crate::people::Person),
    Edit {
        old: String,
        person: crate::people::Person,
    },
    Remove {
        name: String,
    },
}
