//! The one table of keys: `(mode, chord, command, help)`. Lookup, footer hints and the `?`
//! help overlay are all generated from [`BINDINGS`]; no key is matched anywhere else.

use crate::command::{Command, Mode};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key binding.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub mode: Mode,
    pub chord: &'static str,
    pub command: Command,
    pub help: &'static str,
    /// Shown in the footer (the rest only in the `?` overlay).
    pub hint: bool,
}

const fn bind(
    mode: Mode,
    chord: &'static str,
    command: Command,
    help: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        mode,
        chord,
        command,
        help,
        hint,
    }
}

use Command as C;
use Mode as M;

/// Every key kaizen answers to. Order matters: it is the order of hints and help.
pub const BINDINGS: &[Binding] = &[
    bind(M::Home, "up", C::Up, "previous cycle", false),
    bind(M::Home, "k", C::Up, "previous cycle", false),
    bind(M::Home, "down", C::Down, "next cycle", false),
    bind(M::Home, "j", C::Down, "next cycle", false),
    bind(M::Home, "home", C::Top, "first cycle", false),
    bind(M::Home, "end", C::Bottom, "last cycle", false),
    bind(M::Home, "enter", C::Open, "agenda", true),
    bind(M::Home, "s", C::StartMeeting, "start", true),
    bind(
        M::Home,
        "c",
        C::ContinueMeeting,
        "resume or end an unfinished meeting",
        false,
    ),
    bind(M::Agenda, "up", C::Up, "scroll up", false),
    bind(M::Agenda, "k", C::Up, "scroll up", false),
    bind(M::Agenda, "down", C::Down, "scroll down", false),
    bind(M::Agenda, "j", C::Down, "scroll down", false),
    bind(M::Agenda, "pageup", C::PageUp, "page up", false),
    bind(M::Agenda, "pagedown", C::PageDown, "page down", false),
    bind(M::Agenda, "space", C::PageDown, "page down", false),
    bind(M::Agenda, "home", C::Top, "top", false),
    bind(M::Agenda, "end", C::Bottom, "bottom", false),
    bind(M::Agenda, "s", C::StartMeeting, "start the meeting", true),
    bind(M::Agenda, "esc", C::Back, "back to cycles", true),
    bind(M::Agenda, "backspace", C::Back, "back to cycles", false),
    bind(M::Meeting, "space", C::ToggleTimer, "pause", true),
    bind(M::Meeting, "n", C::NextSection, "next", true),
    bind(M::Meeting, "right", C::NextSection, "next", false),
    bind(M::Meeting, "p", C::PreviousSection, "back", true),
    bind(M::Meeting, "left", C::PreviousSection, "back", false),
    bind(M::Meeting, "+", C::AddMinute, "+1 min", false),
    bind(M::Meeting, "=", C::AddMinute, "+1 min", false),
    bind(M::Meeting, "-", C::TakeMinute, "-1 min", false),
    bind(M::Meeting, "]", C::AddFiveMinutes, "+5 min", false),
    bind(M::Meeting, "[", C::TakeFiveMinutes, "-5 min", false),
    bind(
        M::Meeting,
        "g",
        C::JumpToSection,
        "jump to section (then its number)",
        false,
    ),
    bind(
        M::Meeting,
        "b",
        C::Rebalance,
        "rebalance the rest to end on time",
        false,
    ),
    bind(M::Meeting, "r", C::Refresh, "refresh the panels now", false),
    bind(
        M::Meeting,
        "v",
        C::ViewPanels,
        "choose a panel (Enter zooms)",
        false,
    ),
    bind(
        M::Meeting,
        "o",
        C::OpenQuadrant,
        "opportunities: the impact/effort quadrant",
        false,
    ),
    bind(
        M::Meeting,
        "f",
        C::OpenFindings,
        "what stands out (sections that scan)",
        false,
    ),
    bind(M::Findings, "up", C::Up, "previous finding", false),
    bind(M::Findings, "k", C::Up, "previous finding", false),
    bind(M::Findings, "down", C::Down, "next finding", true),
    bind(M::Findings, "j", C::Down, "next finding", false),
    bind(M::Findings, "enter", C::Open, "in full", true),
    bind(M::Findings, "o", C::AddOpportunity, "opportunity", true),
    bind(M::Findings, "t", C::NewActionItem, "action item", true),
    bind(M::Findings, "r", C::Refresh, "scan again", false),
    bind(
        M::Findings,
        "x",
        C::MarkExpected,
        "expected: not raised again for this stretch",
        false,
    ),
    bind(M::Findings, "esc", C::Back, "back", true),
    bind(M::Incidents, "up", C::Up, "previous", false),
    bind(M::Incidents, "k", C::Up, "previous", false),
    bind(M::Incidents, "down", C::Down, "next", false),
    bind(M::Incidents, "j", C::Down, "next", false),
    bind(
        M::Incidents,
        "tab",
        C::NextQuadrant,
        "incidents / alerts",
        true,
    ),
    bind(
        M::Incidents,
        "a",
        C::Accept,
        "accept the alert as an incident",
        true,
    ),
    bind(M::Incidents, "x", C::DropItem, "dismiss the alert", true),
    bind(M::Incidents, "n", C::NewIncident, "new incident", true),
    bind(M::Incidents, "enter", C::Open, "fill it in", true),
    bind(
        M::Incidents,
        "r",
        C::Refresh,
        "read the alerts again",
        false,
    ),
    bind(M::Incidents, "esc", C::Back, "back", true),
    bind(M::IncidentTitle, "enter", C::Confirm, "add", true),
    bind(M::IncidentTitle, "esc", C::Cancel, "cancel", true),
    bind(
        M::IncidentTitle,
        "ctrl-c",
        C::Quit,
        "quit (asks first)",
        false,
    ),
    bind(
        M::IncidentTitle,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::IncidentDetail, "up", C::Up, "previous field", false),
    bind(M::IncidentDetail, "k", C::Up, "previous field", false),
    bind(M::IncidentDetail, "down", C::Down, "next field", false),
    bind(M::IncidentDetail, "j", C::Down, "next field", false),
    bind(M::IncidentDetail, "enter", C::Open, "edit the field", true),
    bind(M::IncidentDetail, "m", C::AddMoment, "mark a moment", true),
    bind(
        M::IncidentDetail,
        "t",
        C::NewActionItem,
        "prevention: action item",
        true,
    ),
    bind(
        M::IncidentDetail,
        "o",
        C::AddOpportunity,
        "prevention: opportunity",
        true,
    ),
    bind(
        M::IncidentDetail,
        "esc",
        C::Back,
        "back to the meeting",
        true,
    ),
    bind(M::IncidentInput, "enter", C::Confirm, "save", true),
    bind(M::IncidentInput, "esc", C::Cancel, "cancel", true),
    bind(
        M::IncidentInput,
        "ctrl-c",
        C::Quit,
        "quit (asks first)",
        false,
    ),
    bind(
        M::IncidentInput,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Panels, "left", C::Left, "previous panel", false),
    bind(M::Panels, "h", C::Left, "previous panel", false),
    bind(M::Panels, "up", C::Up, "previous panel", false),
    bind(M::Panels, "k", C::Up, "previous panel", false),
    bind(M::Panels, "right", C::Right, "next panel", true),
    bind(M::Panels, "l", C::Right, "next panel", false),
    bind(M::Panels, "down", C::Down, "next panel", false),
    bind(M::Panels, "j", C::Down, "next panel", false),
    bind(M::Panels, "enter", C::Open, "full screen", true),
    bind(M::Panels, "r", C::Refresh, "refresh now", true),
    bind(
        M::Panels,
        "o",
        C::AddOpportunity,
        "raise an opportunity from it",
        true,
    ),
    bind(M::Panels, "esc", C::Back, "back to the clock", true),
    bind(M::Zoom, "r", C::Refresh, "refresh now", true),
    bind(
        M::Zoom,
        "o",
        C::AddOpportunity,
        "raise an opportunity from it",
        true,
    ),
    bind(M::Zoom, "esc", C::Back, "back", true),
    bind(M::Meeting, "t", C::NewActionItem, "action item", true),
    bind(
        M::Meeting,
        "u",
        C::Undo,
        "bring back the form put away",
        false,
    ),
    bind(M::FollowUps, "up", C::Up, "previous item", false),
    bind(M::FollowUps, "k", C::Up, "previous item", false),
    bind(M::FollowUps, "down", C::Down, "next item", false),
    bind(M::FollowUps, "j", C::Down, "next item", false),
    bind(M::FollowUps, "d", C::MarkDone, "done", true),
    bind(M::FollowUps, "c", C::CarryOver, "carry over", true),
    bind(M::FollowUps, "o", C::Reassign, "new owner", true),
    bind(M::FollowUps, "w", C::Reschedule, "new due date", true),
    bind(M::FollowUps, "x", C::DropItem, "drop (asks why)", true),
    bind(M::Home, "a", C::OpenActionList, "actions", true),
    bind(M::Home, "r", C::OpenRoster, "team roster", false),
    bind(M::Home, "o", C::OpenQuadrant, "opportunities", true),
    bind(M::Home, "h", C::OpenHistory, "history", true),
    bind(M::History, "up", C::Up, "previous meeting", false),
    bind(M::History, "k", C::Up, "previous meeting", false),
    bind(M::History, "down", C::Down, "next meeting", false),
    bind(M::History, "j", C::Down, "next meeting", false),
    bind(M::History, "enter", C::Open, "its report", true),
    bind(M::History, "esc", C::Back, "back", true),
    bind(M::Report, "up", C::Up, "scroll up", false),
    bind(M::Report, "k", C::Up, "scroll up", false),
    bind(M::Report, "down", C::Down, "scroll down", true),
    bind(M::Report, "j", C::Down, "scroll down", false),
    bind(M::Report, "pageup", C::PageUp, "page up", false),
    bind(M::Report, "pagedown", C::PageDown, "page down", false),
    bind(M::Report, "space", C::PageDown, "page down", false),
    bind(M::Report, "w", C::WriteReport, "write the file", true),
    bind(M::Report, "esc", C::Back, "back", true),
    bind(M::Quadrant, "up", C::Up, "move: more impact", true),
    bind(M::Quadrant, "k", C::Up, "more impact", false),
    bind(M::Quadrant, "down", C::Down, "less impact", false),
    bind(M::Quadrant, "j", C::Down, "less impact", false),
    bind(M::Quadrant, "right", C::Right, "more effort", false),
    bind(M::Quadrant, "l", C::Right, "more effort", false),
    bind(M::Quadrant, "left", C::Left, "less effort", false),
    bind(M::Quadrant, "h", C::Left, "less effort", false),
    bind(M::Quadrant, "space", C::NextItem, "next", true),
    bind(M::Quadrant, "tab", C::NextQuadrant, "quadrant", true),
    bind(M::Quadrant, "1", C::Quadrant(1), "quick wins", false),
    bind(M::Quadrant, "2", C::Quadrant(2), "strategic", false),
    bind(M::Quadrant, "3", C::Quadrant(3), "nice-to-haves", false),
    bind(M::Quadrant, "4", C::Quadrant(4), "avoid", false),
    bind(M::Quadrant, "a", C::AddOpportunity, "add", true),
    bind(M::Quadrant, "/", C::Filter, "filter", false),
    bind(M::Quadrant, "d", C::DropItem, "drop", false),
    bind(M::Quadrant, "u", C::Undo, "undo", true),
    bind(M::Quadrant, "ctrl-r", C::Redo, "redo", false),
    bind(M::Quadrant, "enter", C::Open, "detail", false),
    bind(
        M::Quadrant,
        "t",
        C::NewActionItem,
        "make it an action item (who, by when)",
        false,
    ),
    bind(M::Quadrant, "esc", C::Back, "back", false),
    bind(M::Detail, "up", C::Up, "previous field", false),
    bind(M::Detail, "k", C::Up, "previous field", false),
    bind(M::Detail, "down", C::Down, "next field", false),
    bind(M::Detail, "j", C::Down, "next field", false),
    bind(M::Detail, "enter", C::Open, "edit the field", true),
    bind(M::Detail, ">", C::Advance, "next stage", true),
    bind(
        M::Detail,
        "t",
        C::NewActionItem,
        "make it an action item (who, by when)",
        false,
    ),
    bind(
        M::Detail,
        "m",
        C::Measure,
        "measure: run the metric query now for \"after\"",
        false,
    ),
    bind(M::Detail, "esc", C::Back, "back to the quadrant", true),
    bind(M::DetailInput, "enter", C::Confirm, "save", true),
    bind(M::DetailInput, "esc", C::Cancel, "cancel", true),
    bind(M::DetailInput, "ctrl-c", C::Quit, "quit", false),
    bind(
        M::DetailInput,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::QuadrantInput, "enter", C::Confirm, "done", true),
    bind(M::QuadrantInput, "esc", C::Cancel, "cancel", true),
    bind(M::QuadrantInput, "ctrl-c", C::Quit, "quit", false),
    bind(
        M::QuadrantInput,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Roster, "up", C::Up, "previous person", false),
    bind(M::Roster, "k", C::Up, "previous person", false),
    bind(M::Roster, "down", C::Down, "next person", false),
    bind(M::Roster, "j", C::Down, "next person", false),
    bind(M::Roster, "a", C::AddPerson, "add someone", true),
    bind(M::Roster, "e", C::RenamePerson, "rename", true),
    bind(M::Roster, "x", C::RemovePerson, "remove", true),
    bind(M::Roster, "esc", C::Back, "back", true),
    bind(M::RosterInput, "enter", C::Confirm, "save", true),
    bind(M::RosterInput, "esc", C::Cancel, "cancel", true),
    bind(M::RosterInput, "ctrl-c", C::Quit, "quit", false),
    bind(
        M::RosterInput,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(
        M::Meeting,
        "l",
        C::OpenActionList,
        "list of action items",
        false,
    ),
    bind(M::ActionList, "up", C::Up, "previous item", false),
    bind(M::ActionList, "k", C::Up, "previous item", false),
    bind(M::ActionList, "down", C::Down, "next item", false),
    bind(M::ActionList, "j", C::Down, "next item", false),
    bind(M::ActionList, "f", C::CycleFilter, "what to show", true),
    bind(M::ActionList, "s", C::CycleOrder, "sort", true),
    bind(M::ActionList, "p", C::CycleOwner, "whose", true),
    bind(M::ActionList, "d", C::MarkDone, "done", true),
    bind(M::ActionList, "c", C::CarryOver, "carry over", false),
    bind(M::ActionList, "o", C::Reassign, "new owner", false),
    bind(M::ActionList, "w", C::Reschedule, "new due date", false),
    bind(M::ActionList, "x", C::DropItem, "drop (asks why)", false),
    bind(M::ActionList, "enter", C::Open, "edit", true),
    bind(M::ActionList, "esc", C::Back, "back", true),
    bind(M::Question, "enter", C::Confirm, "answer", true),
    bind(M::Question, "esc", C::Cancel, "never mind", true),
    bind(M::Question, "ctrl-c", C::Quit, "quit (asks first)", false),
    bind(
        M::Question,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::ActionForm, "tab", C::NextField, "next field", true),
    bind(
        M::ActionForm,
        "backtab",
        C::PreviousField,
        "previous field",
        false,
    ),
    bind(M::ActionForm, "enter", C::Confirm, "save", true),
    bind(
        M::ActionForm,
        "esc",
        C::Cancel,
        "put away (kept for later)",
        true,
    ),
    bind(M::ActionForm, "ctrl-c", C::Quit, "quit (asks first)", false),
    bind(
        M::ActionForm,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Meeting, "tab", C::EditNotes, "notes", true),
    bind(M::Meeting, "i", C::EditNotes, "notes", false),
    bind(M::Meeting, "a", C::Attendance, "attendance", false),
    bind(M::Meeting, "e", C::EndMeeting, "end", true),
    bind(
        M::Meeting,
        "esc",
        C::Back,
        "back home (when only watching)",
        false,
    ),
    bind(
        M::Notes,
        "esc",
        C::Back,
        "stop typing (notes are saved)",
        true,
    ),
    bind(
        M::Notes,
        "tab",
        C::Back,
        "stop typing (notes are saved)",
        false,
    ),
    bind(M::Notes, "ctrl-c", C::Quit, "quit (asks first)", false),
    bind(
        M::Notes,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Attendance, "up", C::Up, "previous person", true),
    bind(M::Attendance, "k", C::Up, "previous person", false),
    bind(M::Attendance, "down", C::Down, "next person", true),
    bind(M::Attendance, "j", C::Down, "next person", false),
    bind(
        M::Attendance,
        "space",
        C::TogglePresent,
        "present/absent",
        true,
    ),
    bind(M::Attendance, "a", C::AddAttendee, "add a name", true),
    bind(M::Attendance, "esc", C::Back, "done", true),
    bind(
        M::NameInput,
        "enter",
        C::Confirm,
        "add (empty: cancel)",
        true,
    ),
    bind(M::NameInput, "esc", C::Cancel, "cancel", true),
    bind(M::NameInput, "ctrl-c", C::Quit, "quit (asks first)", false),
    bind(
        M::NameInput,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Jump, "esc", C::Cancel, "cancel", true),
    bind(M::Jump, "ctrl-c", C::Quit, "quit (asks first)", false),
    bind(M::Jump, "ctrl-z", C::Suspend, "suspend (fg resumes)", false),
    bind(M::Confirm, "y", C::Confirm, "yes", false),
    bind(M::Confirm, "enter", C::Confirm, "yes", false),
    bind(M::Confirm, "n", C::Cancel, "no", false),
    bind(M::Confirm, "esc", C::Cancel, "no", false),
    bind(M::Resume, "enter", C::Confirm, "resume it", false),
    bind(M::Resume, "e", C::EndUnfinished, "end it now", false),
    bind(M::Resume, "esc", C::Cancel, "not now", false),
    bind(M::Summary, "enter", C::Back, "done", true),
    bind(M::Summary, "up", C::Up, "scroll the report", false),
    bind(M::Summary, "down", C::Down, "scroll the report", true),
    bind(M::Summary, "pageup", C::PageUp, "page up", false),
    bind(M::Summary, "pagedown", C::PageDown, "page down", false),
    bind(M::Summary, "esc", C::Back, "done", false),
    bind(M::Summary, "ctrl-c", C::Quit, "quit", false),
    bind(
        M::Summary,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
    bind(M::Summary, "q", C::Quit, "quit", true),
    bind(M::Summary, "?", C::ToggleHelp, "keys", true),
    bind(M::Help, "esc", C::ToggleHelp, "close help", true),
    bind(M::Help, "up", C::Up, "scroll up", false),
    bind(M::Help, "k", C::Up, "scroll up", false),
    bind(M::Help, "down", C::Down, "scroll down", false),
    bind(M::Help, "j", C::Down, "scroll down", false),
    bind(M::Help, "pageup", C::PageUp, "scroll a page up", false),
    bind(
        M::Help,
        "pagedown",
        C::PageDown,
        "scroll a page down",
        false,
    ),
    bind(M::Help, "?", C::ToggleHelp, "close help", false),
    bind(M::Global, "?", C::ToggleHelp, "keys", true),
    bind(M::Global, "q", C::Quit, "quit", true),
    bind(M::Global, "ctrl-c", C::Quit, "quit", false),
    bind(
        M::Global,
        "ctrl-z",
        C::Suspend,
        "suspend (fg resumes)",
        false,
    ),
];

/// A key with its modifiers, normalised so that `?` typed with Shift matches `"?"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    pub fn from_event(event: &KeyEvent) -> Chord {
        let modifiers = match event.code {
            // Shift is already in the character ('?', 'G') and in BackTab itself.
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        Chord {
            code: event.code,
            modifiers,
        }
    }

    /// The event a person pressing this chord produces (tests drive the app with it).
    pub fn to_event(self) -> KeyEvent {
        KeyEvent::new(self.code, self.modifiers)
    }
}

/// Parses `"q"`, `"?"`, `"enter"`, `"ctrl-c"`, `"shift-tab"`, `"f1"`...
pub fn parse_chord(text: &str) -> Result<Chord, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    // "ctrl--" is Ctrl with the '-' key: a dash with nothing after it is the key itself.
    while let Some((prefix, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
        modifiers |= match prefix {
            "ctrl" => KeyModifiers::CONTROL,
            "alt" => KeyModifiers::ALT,
            "shift" => KeyModifiers::SHIFT,
            _ => return Err(format!("key \"{text}\": unknown modifier \"{prefix}\"")),
        };
        rest = tail;
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        f if f.len() > 1 && f.starts_with('f') => {
            let n: u8 = f[1..]
                .parse()
                .map_err(|_| format!("key \"{text}\" is not understood"))?;
            KeyCode::F(n)
        }
        single if single.chars().count() == 1 => {
            KeyCode::Char(single.chars().next().unwrap_or(' '))
        }
        _ => return Err(format!("key \"{text}\" is not understood")),
    };
    // Written the way `from_event` normalises what the terminal sends.
    let shifted = modifiers.contains(KeyModifiers::SHIFT);
    let code = match code {
        KeyCode::Tab if shifted => KeyCode::BackTab,
        KeyCode::Char(c) if shifted => KeyCode::Char(c.to_ascii_uppercase()),
        other => other,
    };
    let modifiers = match code {
        KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
        _ => modifiers,
    };
    Ok(Chord { code, modifiers })
}

/// How a chord is written on screen: "↑", "Enter", "Ctrl-c".
pub fn display_chord(chord: &str) -> String {
    match chord {
        "up" => "↑".into(),
        "down" => "↓".into(),
        "left" => "←".into(),
        "right" => "→".into(),
        "enter" => "Enter".into(),
        "esc" => "Esc".into(),
        "space" => "Space".into(),
        "tab" => "Tab".into(),
        "backspace" => "Bksp".into(),
        "pageup" => "PgUp".into(),
        "pagedown" => "PgDn".into(),
        "home" => "Home".into(),
        "end" => "End".into(),
        other => other.replacen("ctrl-", "Ctrl-", 1),
    }
}

/// The parsed table, built once at start-up.
#[derive(Clone, Debug)]
pub struct Keymap {
    entries: Vec<(Mode, Chord, Command)>,
}

impl Keymap {
    /// Parses [`BINDINGS`]; a chord that does not parse is a bug the keymap tests catch.
    pub fn new() -> Result<Keymap, String> {
        let entries = BINDINGS
            .iter()
            .map(|b| Ok((b.mode, parse_chord(b.chord)?, b.command)))
            .collect::<Result<_, String>>()?;
        Ok(Keymap { entries })
    }

    /// The command a key means in `mode`; mode bindings win over global ones.
    pub fn lookup(&self, mode: Mode, event: &KeyEvent) -> Option<Command> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let chord = Chord::from_event(event);
        let find = |wanted: Mode| {
            self.entries
                .iter()
                .find(|(m, c, _)| *m == wanted && *c == chord)
                .map(|(_, _, command)| *command)
        };
        match find(mode).or_else(|| mode.parent().and_then(find)) {
            Some(command) => Some(command),
            // Typed characters are text there: `q` is a letter, not quit.
            None if mode.takes_text() => None,
            None => find(Mode::Global),
        }
    }
}

/// One row of hints or help: the chords for a command, and what it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    pub keys: String,
    pub help: &'static str,
}

/// Rows for `mode` (not including global ones), grouping chords of the same command.
pub fn help_rows(mode: Mode, hints_only: bool) -> Vec<KeyHelp> {
    let mut rows: Vec<(Command, Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| b.mode == mode) {
        let shown = !hints_only || binding.hint;
        match rows
            .iter_mut()
            .find(|(command, ..)| *command == binding.command)
        {
            Some((_, keys, _)) if shown => keys.push(display_chord(binding.chord)),
            Some(_) => {}
            None if shown => rows.push((
                binding.command,
                vec![display_chord(binding.chord)],
                binding.help,
            )),
            None => {}
        }
    }
    rows.into_iter()
        .map(|(_, keys, help)| KeyHelp {
            keys: keys.join("/"),
            help,
        })
        .collect()
}

/// The footer's hints: the mode's own, then the global ones.
pub fn footer_hints(mode: Mode) -> Vec<KeyHelp> {
    let mut rows = help_rows(mode, true);
    if !matches!(mode, Mode::Help | Mode::Confirm | Mode::Resume) && !mode.takes_text() {
        rows.extend(help_rows(Mode::Global, true));
    }
    rows
}
