//! Commands: what the user means by a key, independent of which key it was.
//!
//! Names are snake_case in serde so a config file can rebind keys with the same words.

use serde::{Deserialize, Serialize};

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Command {
    Quit,
    /// Give the terminal back and stop, as a shell's job control expects (`fg` resumes).
    Suspend,
    ToggleHelp,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    StartMeeting,
    ContinueMeeting,
    ToggleTimer,
    AddMinute,
    TakeMinute,
    AddFiveMinutes,
    TakeFiveMinutes,
    NextSection,
    PreviousSection,
    JumpToSection,
    Rebalance,
    EndMeeting,
    EditNotes,
    Attendance,
    /// The improvement checklist over the section.
    OpenChecklist,
    /// Tick or untick a checklist item.
    Tick,
    TogglePresent,
    AddAttendee,
    Confirm,
    Cancel,
    EndUnfinished,
    Refresh,
    ViewPanels,
    NewActionItem,
    Undo,
    NextField,
    PreviousField,
    MarkDone,
    CarryOver,
    DropItem,
    Reassign,
    Reschedule,
    OpenActionList,
    CycleFilter,
    CycleOrder,
    CycleOwner,
    OpenRoster,
    AddPerson,
    EditPerson,
    RemovePerson,
    OpenQuadrant,
    /// Past meetings and their reports.
    OpenHistory,
    /// Every stat panel of a cycle across its last meetings.
    OpenScorecard,
    /// The lessons library.
    OpenLessons,
    /// Take over a meeting this kaizen watches.
    TakeOver,
    /// Publish a meeting to the config's targets.
    Publish,
    /// Push an action item to the tracker as an issue.
    PushToTracker,
    /// What the section's scan found.
    OpenFindings,
    /// The room expected this finding: do not raise it again.
    MarkExpected,
    /// Accept an alert episode as an incident.
    Accept,
    /// Add a moment to an incident's timeline.
    AddMoment,
    /// Add an incident by hand.
    NewIncident,
    /// Write (again) the report on screen into the reports folder.
    WriteReport,
    NextQuadrant,
    /// Focus quadrant 1-4 (quick wins, strategic, nice-to-haves, avoid).
    Quadrant(u8),
    NextItem,
    AddOpportunity,
    /// Run an opportunity's metric query now for its "after" value.
    Measure,
    Filter,
    Redo,
    /// Move an opportunity to its next stage.
    Advance,
    /// Back to the stage before (a stage moved on by mistake).
    StepBack,
}

impl Command {
    /// Its name in the `?` help and in the config's `[keys]`: `next_section`, `quadrant_1`.
    pub fn name(self) -> String {
        match self {
            Command::Quadrant(n) => format!("quadrant_{n}"),
            other => <&'static str>::from(other).to_string(),
        }
    }
}

/// Which screen, panel or prompt is taking keys; each has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Global,
    Home,
    Agenda,
    Meeting,
    Notes,
    Attendance,
    /// The improvement checklist over the section.
    Checklist,
    NameInput,
    Jump,
    Panels,
    Zoom,
    ActionForm,
    FollowUps,
    Question,
    ActionList,
    Roster,
    RosterInput,
    Quadrant,
    QuadrantInput,
    Detail,
    DetailInput,
    Confirm,
    Resume,
    Summary,
    /// Past meetings, from the home screen.
    History,
    /// What a section's scan found.
    Findings,
    /// The Incident Review's lists.
    Incidents,
    /// Typing a new incident's title.
    IncidentTitle,
    /// One incident.
    IncidentDetail,
    /// Editing an incident's field or adding a moment.
    IncidentInput,
    /// A past meeting's report.
    Report,
    /// A cycle's stat panels across its meetings.
    Scorecard,
    /// Watching a meeting another kaizen runs.
    Watching,
    /// The lessons library.
    Lessons,
    /// Typing words to search the lessons.
    LessonsSearch,
    Help,
}

impl Mode {
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::Home => "Home",
            Mode::Agenda => "Agenda",
            Mode::Meeting => "Meeting",
            Mode::Notes => "Typing notes",
            Mode::Attendance => "Attendance",
            Mode::Checklist => "Improvement checklist",
            Mode::NameInput => "Adding a name",
            Mode::Jump => "Jump to a section",
            Mode::Panels => "Metric panels",
            Mode::Zoom => "Panel full screen",
            Mode::ActionForm => "New action item",
            Mode::FollowUps => "Follow-ups",
            Mode::Question => "Answering",
            Mode::ActionList => "Action items",
            Mode::Roster => "Team roster",
            Mode::Quadrant => "Impact/effort quadrant (3 and up count as high)",
            Mode::QuadrantInput => "Typing",
            Mode::Detail => "Opportunity",
            Mode::DetailInput => "Editing a field",
            Mode::RosterInput => "Typing a name",
            Mode::Confirm => "Confirm",
            Mode::Resume => "Unfinished meeting",
            Mode::Summary => "Meeting summary",
            Mode::History => "Past meetings",
            Mode::Findings => "What stands out",
            Mode::Incidents => "Incident Review",
            Mode::IncidentTitle => "A new incident's title",
            Mode::IncidentDetail => "Incident",
            Mode::IncidentInput => "Editing the incident",
            Mode::Report => "Meeting report",
            Mode::Scorecard => "Scorecard",
            Mode::Watching => "Watching a meeting run elsewhere",
            Mode::Lessons => "Lessons library",
            Mode::LessonsSearch => "Searching the lessons",
            Mode::Help => "Help",
        }
    }

    /// Where keys not bound here are looked up next (before the global ones).
    pub fn parent(self) -> Option<Mode> {
        match self {
            // The meeting's own keys (next, back, jump, pause, end, notes) work in its lists.
            Mode::FollowUps
            | Mode::Findings
            | Mode::Incidents
            | Mode::Checklist
            | Mode::Panels
            | Mode::Zoom => Some(Mode::Meeting),
            _ => None,
        }
    }

    /// Modes where typed characters are text, so global keys like `q` must not fire.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Notes
                | Mode::NameInput
                | Mode::Jump
                | Mode::Summary
                | Mode::ActionForm
                | Mode::Question
                | Mode::RosterInput
                | Mode::QuadrantInput
                | Mode::DetailInput
                | Mode::IncidentInput
                | Mode::IncidentTitle
                | Mode::LessonsSearch
        )
    }
}
