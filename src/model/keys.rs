//! What a key does: a command runs in the mode that has it, a key that is no command types
//! into whatever takes text, and the ways out (quit, suspend) say what would be lost first.

use super::dialog::Dialog;
use super::{Focus, Model, Screen};
use crate::command::{Command, Mode};
use crate::effect::Effect;

impl Model {
    pub(super) fn run(&mut self, command: Command) -> Vec<Effect> {
        match (command, self.mode()) {
            (Command::ToggleHelp, _) => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
                Vec::new()
            }
            (Command::Up | Command::Down | Command::PageUp | Command::PageDown, Mode::Help) => {
                let page = self.viewport.1.saturating_sub(4).max(1);
                let most = crate::ui::help::most_scroll(
                    &self.keymap,
                    self.mode_under_help(),
                    self.viewport,
                );
                self.help_scroll = match command {
                    Command::Up => self.help_scroll.saturating_sub(1),
                    Command::Down => self.help_scroll.saturating_add(1),
                    Command::PageUp => self.help_scroll.saturating_sub(page),
                    _ => self.help_scroll.saturating_add(page),
                }
                .min(most);
                Vec::new()
            }
            (Command::Suspend, _) => self.suspend(),
            (Command::Quit, Mode::Help) => {
                self.help_open = false;
                self.quit()
            }
            (_, Mode::Help | Mode::Global) => Vec::new(),
            (_, Mode::Confirm | Mode::Resume) => self.answer_dialog(command),
            (Command::Quit, _) => self.quit(),
            (_, Mode::Home) => self.run_home(command),
            (_, Mode::Agenda) => self.run_agenda(command),
            (_, Mode::Summary) => self.run_summary(command),
            (_, Mode::History) => self.run_history(command),
            (_, Mode::Report) => self.run_report(command),
            (_, Mode::Scorecard) => self.run_scorecard(command),
            (_, Mode::Watching) => self.run_meeting(command),
            (_, Mode::Lessons | Mode::LessonsSearch) => self.run_lessons(command),
            (_, Mode::ActionList) => self.run_action_list(command),
            (_, Mode::Roster | Mode::RosterInput) => self.run_roster(command),
            (_, Mode::Quadrant | Mode::QuadrantInput) => self.run_quadrant(command),
            (_, Mode::Detail | Mode::DetailInput) => self.run_detail(command),
            (_, Mode::IncidentDetail | Mode::IncidentInput) => self.run_incident(command),
            (_, Mode::Question | Mode::ActionForm) if self.screen != Screen::Meeting => {
                self.run_meeting(command)
            }
            (_, _) => self.run_meeting(command),
        }
    }

    /// `q`: straight out, unless a meeting is running here (then it asks first).
    /// A key that would quit while changes wait to be saved says what would be lost, once;
    /// the same key again quits anyway.
    pub(super) fn warn_before_losing_saves(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        if self.saves_waiting == 0 || self.quit_warned || !effects.contains(&Effect::Quit) {
            return effects;
        }
        self.quit_warned = true;
        self.say(format!(
            "{} change(s) are still waiting to be saved: wait and kaizen keeps trying, or q \
             again quits and loses them",
            self.saves_waiting
        ));
        effects.into_iter().filter(|e| *e != Effect::Quit).collect()
    }

    /// Ctrl-Z or SIGTSTP: the notes are saved first (a stopped process may never be
    /// continued), then the runtime gives the terminal back and stops.
    pub(super) fn suspend(&mut self) -> Vec<Effect> {
        let mut effects = self.save_notes();
        effects.push(Effect::Suspend);
        effects
    }

    pub(super) fn quit(&mut self) -> Vec<Effect> {
        let running_here = self.meeting_on_screen() && !self.read_only();
        if running_here {
            self.dialog = Some(Dialog::ConfirmLeave);
            return Vec::new();
        }
        vec![Effect::Quit]
    }

    pub(super) fn type_key(&mut self, mode: Mode, key: crossterm::event::KeyEvent) -> Vec<Effect> {
        match mode {
            Mode::Notes => {
                match self.notes.key(key) {
                    Ok(true) => self.copy_notes_into_run(),
                    Ok(false) => {}
                    Err(full) => self.say(full),
                }
                Vec::new()
            }
            Mode::NameInput => {
                if let Focus::NewAttendee(input) = &mut self.focus {
                    input.input(key);
                }
                Vec::new()
            }
            Mode::Jump => self.jump_key(key),
            Mode::ActionForm => {
                if let Focus::NewAction(form) = &mut self.focus {
                    form.key(key);
                }
                Vec::new()
            }
            Mode::DetailInput => {
                self.detail_key(key);
                Vec::new()
            }
            Mode::IncidentInput => {
                self.incident_key(key);
                Vec::new()
            }
            Mode::IncidentTitle => {
                self.new_incident_key(key);
                Vec::new()
            }
            Mode::QuadrantInput => {
                self.quadrant_key(key);
                Vec::new()
            }
            Mode::RosterInput => {
                self.roster_key(key);
                Vec::new()
            }
            Mode::LessonsSearch => {
                self.lessons_key(key);
                Vec::new()
            }
            Mode::Question => {
                if let Focus::Question(question) = &mut self.focus
                    && question.input.input(key)
                {
                    question.problem = None;
                }
                Vec::new()
            }
            Mode::Summary => self.rating_key(key),
            _ => Vec::new(),
        }
    }
}
