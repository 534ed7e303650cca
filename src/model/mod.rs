//! The app's whole state and its one way to change: [`Model::update`]. Pure: no clock, no
//! IO, no terminal. The runtime passes the time in and performs the effects that come out.

mod agenda;

pub use agenda::AgendaView;

use crate::command::{Command, Mode};
use crate::cycles::Cycle;
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::msg::Msg;
use crate::schedule::CycleStatus;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::collections::HashMap;
use std::time::Instant;

/// The time as the runtime read it: a monotonic instant for durations, the wall clock for
/// dates and for what is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub mono: Instant,
    pub wall: DateTime<FixedOffset>,
}

/// Which screen is showing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    Agenda(AgendaView),
}

pub struct Model {
    pub cycles: Vec<Cycle>,
    /// The latest date each cycle was held, by cycle key.
    pub last_held: HashMap<String, NaiveDate>,
    /// The local calendar date, from the last `now` seen.
    pub today: NaiveDate,
    pub screen: Screen,
    /// The selected row on the home screen (kept while reading an agenda).
    pub home_selected: usize,
    pub help_open: bool,
    /// Terminal size in columns and rows.
    pub viewport: (u16, u16),
    /// Where the database lives, shown on the home screen ("demo" for the demo).
    pub store_label: String,
    keymap: Keymap,
    dirty: bool,
}

impl Model {
    pub fn new(
        cycles: Vec<Cycle>,
        last_held: HashMap<String, NaiveDate>,
        now: Now,
        keymap: Keymap,
    ) -> Model {
        Model {
            cycles,
            last_held,
            today: now.wall.date_naive(),
            screen: Screen::Home,
            home_selected: 0,
            help_open: false,
            viewport: (80, 24),
            store_label: String::new(),
            keymap,
            dirty: true,
        }
    }

    /// The only way the state changes.
    pub fn update(&mut self, msg: Msg, now: Now) -> Vec<Effect> {
        let today = now.wall.date_naive();
        if today != self.today {
            self.today = today;
            self.dirty = true;
        }
        match msg {
            Msg::Tick => Vec::new(),
            Msg::Shutdown => vec![Effect::Quit],
            Msg::Resize(columns, rows) => {
                self.viewport = (columns, rows);
                self.clamp_scroll();
                self.dirty = true;
                Vec::new()
            }
            Msg::Key(key) => match self.keymap.lookup(self.mode(), &key) {
                Some(command) => {
                    self.dirty = true;
                    self.run(command)
                }
                None => Vec::new(),
            },
        }
    }

    /// Which bindings apply now.
    pub fn mode(&self) -> Mode {
        match (&self.screen, self.help_open) {
            (_, true) => Mode::Help,
            (Screen::Home, false) => Mode::Home,
            (Screen::Agenda(_), false) => Mode::Agenda,
        }
    }

    /// True once after anything visible changed; the runtime draws only then.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// Where a cycle stands today.
    pub fn status(&self, cycle: &Cycle) -> CycleStatus {
        CycleStatus::of(cycle, self.today, self.last_held.get(&cycle.key).copied())
    }

    pub fn selected_cycle(&self) -> Option<&Cycle> {
        self.cycles.get(self.home_selected)
    }

    fn run(&mut self, command: Command) -> Vec<Effect> {
        match (command, self.mode()) {
            (Command::Quit, _) => return vec![Effect::Quit],
            (Command::ToggleHelp, _) => self.help_open = !self.help_open,
            (_, Mode::Home) => self.run_home(command),
            (_, Mode::Agenda) => self.run_agenda(command),
            (_, Mode::Help | Mode::Global) => {}
        }
        Vec::new()
    }

    fn run_home(&mut self, command: Command) {
        let last = self.cycles.len().saturating_sub(1);
        self.home_selected = match command {
            Command::Up => self.home_selected.saturating_sub(1),
            Command::Down => (self.home_selected + 1).min(last),
            Command::Top => 0,
            Command::Bottom => last,
            Command::Open => {
                if self.selected_cycle().is_some() {
                    self.screen = Screen::Agenda(AgendaView::new(self.home_selected));
                }
                self.home_selected
            }
            _ => self.home_selected,
        };
    }

    fn run_agenda(&mut self, command: Command) {
        if command == Command::Back {
            self.screen = Screen::Home;
            return;
        }
        let page = self.viewport.1.saturating_sub(8).max(1);
        if let Screen::Agenda(view) = &mut self.screen {
            view.scroll = match command {
                Command::Up => view.scroll.saturating_sub(1),
                Command::Down => view.scroll.saturating_add(1),
                Command::PageUp => view.scroll.saturating_sub(page),
                Command::PageDown => view.scroll.saturating_add(page),
                Command::Top => 0,
                Command::Bottom => u16::MAX,
                _ => view.scroll,
            };
        }
        self.clamp_scroll();
    }

    fn clamp_scroll(&mut self) {
        let viewport = self.viewport;
        if let Screen::Agenda(view) = &mut self.screen
            && let Some(cycle) = self.cycles.get(view.cycle)
        {
            view.scroll = view
                .scroll
                .min(crate::ui::agenda::max_scroll(cycle, viewport));
        }
    }
}
