//! The meeting runner with an injected clock: countdown, pause, minutes, overtime and the
//! bell, moving between sections, rebalancing, ending, leaving and resuming.

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};
use kaizen::change::Change;
use kaizen::effect::Effect;
use kaizen::model::dialog::Dialog;
use kaizen::model::{Now, Screen};
use kaizen::store::Store;

/// A weekly meeting just started at 09:00 on the snapshot day.
fn weekly() -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("s y");
    assert_eq!(app.model.screen, Screen::Meeting);
    app
}

fn current(app: &Harness) -> usize {
    app.model.meeting().expect("meeting").current
}

fn spent(app: &Harness, section: usize) -> i64 {
    let meeting = app.model.meeting().expect("meeting");
    meeting.sections[section].timer.spent_secs(app.now.wall)
}

#[test]
fn entering_a_section_starts_its_countdown() {
    let mut app = weekly();
    assert_eq!(app.remaining(), 600);
    app.advance(65);
    assert_eq!(app.remaining(), 535);
    let meeting = app.model.meeting().unwrap();
    assert_eq!(meeting.elapsed_secs(app.now.wall), 65);
}

#[test]
fn space_pauses_and_resumes_and_paused_time_does_not_count() {
    let mut app = weekly();
    app.advance(10).press("space").advance(300);
    assert_eq!(app.remaining(), 590);
    assert!(app.model.meeting().unwrap().is_paused());
    assert!(app.screen().contains("PAUSED"), "the pause is obvious");
    app.press("space").advance(5);
    assert_eq!(app.remaining(), 585);
}

#[test]
fn minutes_are_added_and_taken_but_a_timebox_keeps_one_minute() {
    let mut app = weekly();
    app.press("+");
    assert_eq!(app.remaining(), 660);
    app.press("]");
    assert_eq!(app.remaining(), 960);
    app.press("- [");
    assert_eq!(app.remaining(), 600);
    app.press("[ [ [");
    assert_eq!(app.remaining(), 60, "never below a minute");
    let meeting = app.model.meeting().unwrap();
    assert_eq!(
        meeting.sections[0].original_secs, 600,
        "the original plan is kept"
    );
}

#[test]
fn the_bell_rings_once_per_section_at_zero_then_overtime_counts_up() {
    let mut app = weekly();
    app.advance(599);
    assert_eq!(app.exec.bells, 0);
    app.advance(1);
    assert_eq!(app.exec.bells, 1, "rings at zero");
    app.advance(83);
    assert_eq!(app.exec.bells, 1, "only once");
    assert_eq!(app.remaining(), -83);
    assert_eq!(kaizen::ui::clock::countdown(app.remaining()), "+01:23");
    app.press("+ +");
    app.advance(200);
    assert_eq!(
        app.exec.bells, 1,
        "adding time back does not ring the same section again"
    );
    app.press("n").advance(600);
    assert_eq!(app.exec.bells, 2, "the next section rings for itself");
}

#[test]
fn the_bell_can_be_silenced() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.model.settings.bell = false;
    app.press("s y").advance(700);
    assert_eq!(app.exec.bells, 0);
    assert!(app.remaining() < 0, "the clock still runs over");
}

#[test]
fn auto_start_can_be_turned_off() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.model.settings.auto_start = false;
    app.press("s y").advance(30);
    assert_eq!(app.remaining(), 600, "waits for Space");
    app.press("space").advance(30);
    assert_eq!(app.remaining(), 570);
    app.press("n").advance(30);
    assert_eq!(app.remaining(), 600, "the next section waits too");
}

#[test]
fn going_back_keeps_the_time_spent_and_counting_resumes() {
    let mut app = weekly();
    app.advance(100).press("n").advance(50);
    assert_eq!(
        (current(&app), spent(&app, 0), spent(&app, 1)),
        (1, 100, 50)
    );
    app.press("p").advance(10);
    assert_eq!(
        (current(&app), spent(&app, 0), spent(&app, 1)),
        (0, 110, 50)
    );
    app.press("right right").advance(5);
    assert_eq!((current(&app), spent(&app, 2)), (2, 5));
    app.press("n");
    assert_eq!(current(&app), 2, "no section after the last");
    assert!(app.screen().contains("e ends the meeting"));
}

#[test]
fn g_then_a_number_jumps_to_that_section() {
    let mut app = weekly();
    app.press("g 3");
    assert_eq!(current(&app), 2);
    app.press("g 9");
    assert_eq!(current(&app), 2);
    assert!(app.screen().contains("No section 9: this agenda has 3"));
    app.press("g esc n");
    assert_eq!(
        current(&app),
        2,
        "Esc cancels the jump; n is then the usual key"
    );
}

#[test]
fn rebalance_shrinks_what_is_left_so_the_meeting_ends_on_time() {
    let mut app = weekly();
    app.advance(900);
    let meeting = app.model.meeting().unwrap();
    assert_eq!(meeting.behind_secs(app.now.wall), 300, "5 min behind");
    assert!(app.screen().contains("5 min behind"));
    app.press("b");
    let meeting = app.model.meeting().unwrap();
    let plans: Vec<i64> = meeting
        .sections
        .iter()
        .map(|s| s.timer.planned_secs)
        .collect();
    assert_eq!(plans, [600, 480, 420]);
    assert_eq!(meeting.behind_secs(app.now.wall), 0);
    let originals: Vec<i64> = meeting.sections.iter().map(|s| s.original_secs).collect();
    assert_eq!(
        originals,
        [600, 600, 600],
        "the original plan is kept beside"
    );
    assert!(app.screen().contains("(was 10)"), "and shown");
}

#[test]
fn rebalance_says_when_there_is_nothing_to_do() {
    let mut app = weekly();
    app.press("b");
    assert!(app.screen().contains("Not behind: nothing to rebalance"));
    app.advance(700)
        .press("n")
        .advance(700)
        .press("n")
        .advance(700)
        .press("b");
    assert!(app.screen().contains("No sections left to shorten"));
}

#[test]
fn ending_asks_first_then_shows_planned_against_actual() {
    let mut app = weekly();
    app.advance(300).press("e");
    assert_eq!(app.model.dialog, Some(Dialog::ConfirmEnd));
    app.press("n");
    assert_eq!(app.model.screen, Screen::Meeting, "n keeps going");
    app.press("e y");
    assert_eq!(app.model.screen, Screen::Summary);
    let screen = app.screen();
    assert!(screen.contains("1. Metrics Review"), "{screen}");
    let skipped = screen
        .lines()
        .find(|l| l.contains("2. Anomaly Detection"))
        .unwrap();
    assert!(
        skipped.contains("10:00") && skipped.contains("skipped"),
        "{screen}"
    );
    assert!(screen.contains("Total"), "{screen}");
    app.press("8");
    assert_eq!(app.model.meeting().unwrap().rating, Some(8));
    app.press("0");
    assert_eq!(app.model.meeting().unwrap().rating, Some(10), "0 means 10");
    app.press("enter");
    assert_eq!(app.model.screen, Screen::Home);
    assert!(
        app.screen().contains("28 Nov"),
        "the home screen shows it was held"
    );
}

#[test]
fn q_in_a_meeting_asks_and_leaving_keeps_it_resumable() {
    let mut app = weekly();
    app.press("q");
    assert_eq!(app.model.dialog, Some(Dialog::ConfirmLeave));
    assert!(!app.quit);
    app.press("esc q y");
    assert!(app.quit);
    assert!(app.effects.contains(&Effect::Persist(Change::LeaveMeeting)));
    assert!(
        !app.effects
            .iter()
            .any(|e| matches!(e, Effect::Persist(Change::EndMeeting { .. })))
    );
}

#[test]
fn q_in_notes_is_a_letter() {
    let mut app = weekly();
    app.press("tab").type_text("quick wins");
    assert!(!app.quit && app.model.dialog.is_none());
    app.press("esc");
    let meeting = app.model.meeting().unwrap();
    assert_eq!(meeting.sections[0].notes, "quick wins");
}

#[test]
fn notes_are_saved_within_a_second_and_when_leaving_the_section() {
    let mut app = weekly();
    app.press("tab").type_text("Uptime 99.95%\nerror budget ok");
    let id = app.model.meeting().unwrap().id.unwrap();
    assert_eq!(app.store().load_meeting(id).unwrap().sections[0].notes, "");
    app.advance(1);
    assert_eq!(
        app.store().load_meeting(id).unwrap().sections[0].notes,
        "Uptime 99.95%\nerror budget ok"
    );
    app.type_text(" (checked)").press("esc n");
    assert_eq!(
        app.store().load_meeting(id).unwrap().sections[0].notes,
        "Uptime 99.95%\nerror budget ok (checked)"
    );
}

#[test]
fn pasted_notes_keep_lines_and_lose_escape_sequences() {
    let mut app = weekly();
    app.press("tab");
    app.send(kaizen::msg::Msg::Paste(
        "line one\r\n\u{1b}[31mred\u{7}".into(),
    ));
    let notes = &app.model.meeting().unwrap().sections[0].notes;
    assert_eq!(notes, "line one\n␛[31mred␇");
}

#[test]
fn attendance_can_be_marked_and_names_added() {
    let mut app = weekly();
    // The weekly's participants ("Operations team") are who is invited, not a person to tick.
    assert!(app.model.meeting().unwrap().attendees.is_empty());
    assert!(
        app.screen().contains("Nobody on the roster yet"),
        "{}",
        app.screen()
    );
    app.press("a a").type_text("Bo Chen").press("enter");
    app.press("space");
    assert!(!app.model.meeting().unwrap().attendees[0].present);
    app.press("a").type_text("Ana Lima").press("enter");
    app.press("a enter");
    assert!(
        matches!(app.model.focus, kaizen::model::Focus::Attendance { .. }),
        "Enter on an empty name closes the input"
    );
    app.press("esc");
    let id = app.model.meeting().unwrap().id.unwrap();
    let stored = app.store().load_meeting(id).unwrap();
    let people: Vec<(&str, bool)> = stored
        .attendees
        .iter()
        .map(|a| (a.name.as_str(), a.present))
        .collect();
    assert_eq!(people, [("Bo Chen", false), ("Ana Lima", true)]);
}

#[test]
fn a_whole_weekly_meeting_in_simulated_time_lands_in_the_store() {
    let mut app = weekly();
    // Metrics Review runs two minutes over, with notes.
    app.press("tab").type_text("p95 latency 93 ms").press("esc");
    app.advance(720);
    // Anomaly Detection: a coffee break paused for 5 minutes, then 8 minutes.
    app.press("n")
        .advance(120)
        .press("space")
        .advance(300)
        .press("space")
        .advance(360);
    // Action Items: rebalance is not needed (2 min ahead), finish in 9 minutes.
    app.press("n").advance(540);
    app.press("a a").type_text("Ana").press("enter esc");
    app.press("e y 9 enter");

    let id = app.store().last_held().unwrap();
    assert_eq!(id.get("weekly"), Some(&harness::date(SNAPSHOT_DAY)));
    let meeting_id = app
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::Persist(Change::EndMeeting { meeting, .. }) => Some(*meeting),
            _ => None,
        })
        .expect("the end was saved");
    let stored = app.store().load_meeting(meeting_id).unwrap();
    let actual: Vec<i64> = stored
        .sections
        .iter()
        .map(|s| s.timer.spent_ms / 1000)
        .collect();
    assert_eq!(actual, [720, 480, 540]);
    let planned: Vec<i64> = stored.sections.iter().map(|s| s.original_secs).collect();
    assert_eq!(planned, [600, 600, 600]);
    assert!(
        stored
            .sections
            .iter()
            .all(|s| s.timer.running_since.is_none())
    );
    assert_eq!(stored.sections[0].notes, "p95 latency 93 ms");
    assert_eq!(stored.rating, Some(9));
    assert_eq!(stored.ended_at, Some(app.now.wall));
    assert_eq!(stored.attendees.len(), 1);
    assert!(Store::unfinished_meeting(app.store()).unwrap().is_none());
}

/// Starts a weekly meeting on a database file, types a note, and "crashes" (drops the app
/// without leaving) after `run` seconds, optionally paused. Returns the time of the crash.
fn crash_mid_meeting(path: &std::path::Path, run: i64, pause: bool) -> Now {
    let mut app = weekly_on(path);
    app.press("tab").type_text("carried over").press("esc");
    app.advance(run);
    if pause {
        app.press("space");
    }
    app.now
}

fn weekly_on(path: &std::path::Path) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.set_store(Store::open(path).expect("database opens"));
    app.press("s y");
    app
}

/// Opens the database again `later` seconds after `crash`, as a new kaizen would.
pub(crate) fn restart(path: &std::path::Path, crash: Now, later: i64) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.set_store(Store::open(path).expect("database opens"));
    app.now = crash;
    app.advance(later);
    // The rows as the app loads them at start.
    let store = Store::open(path).expect("database opens");
    kaizen::cli::load_rows(&mut app.model, &store).expect("readable");
    assert!(app.model.unfinished.is_some(), "an unfinished meeting");
    app
}

#[test]
fn after_a_crash_the_meeting_resumes_with_the_clock_that_kept_running() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let crash = crash_mid_meeting(&path, 100, false);
    let mut app = restart(&path, crash, 60);
    assert!(app.screen().contains("Unfinished meeting"));
    app.press("enter");
    assert_eq!(app.model.screen, Screen::Meeting);
    assert_eq!(app.remaining(), 600 - 100 - 60, "time went on in the room");
    assert_eq!(
        app.model.meeting().unwrap().sections[0].notes,
        "carried over"
    );
    assert_eq!(
        app.model.meeting().unwrap().sections[0].talking_points[0],
        "System uptime",
        "talking points come back from the template"
    );
}

#[test]
fn a_meeting_paused_before_the_crash_stays_paused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let crash = crash_mid_meeting(&path, 100, true);
    let mut app = restart(&path, crash, 600);
    app.press("enter");
    assert_eq!(app.remaining(), 500);
    assert!(app.model.meeting().unwrap().is_paused());
}

#[test]
fn an_unfinished_meeting_can_be_ended_instead_and_blocks_a_new_one_until_then() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let crash = crash_mid_meeting(&path, 100, false);
    let mut app = restart(&path, crash, 20);
    app.press("esc s");
    assert_eq!(app.model.screen, Screen::Home);
    assert!(app.screen().contains("never ended"), "{}", app.screen());
    app.press("c e");
    assert_eq!(app.model.screen, Screen::Summary);
    assert!(app.store().unfinished_meeting().unwrap().is_none());
    app.press("enter s y");
    assert_eq!(
        app.model.screen,
        Screen::Meeting,
        "a new meeting can start now"
    );
}

#[test]
fn a_second_kaizen_on_the_same_database_may_only_watch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let mut first = weekly_on(&path);
    first.advance(30);
    let mut second = restart(&path, first.now, 0);
    assert!(second.screen().contains("Meeting running elsewhere"));
    second.press("enter");
    assert!(second.model.read_only());
    second.press("space n");
    assert!(second.screen().contains("Read-only"));
    first.press("n");
    second.advance(1);
    assert_eq!(
        second.model.meeting().unwrap().current,
        1,
        "it follows along"
    );
    second.press("esc");
    assert_eq!(second.model.screen, Screen::Home);
    second.press("s");
    assert!(second.screen().contains("never ended") || second.model.screen == Screen::Home);
    assert!(
        second.model.meeting().is_none(),
        "cannot start another meeting meanwhile"
    );
}

#[test]
fn going_back_does_not_make_the_meeting_look_ahead() {
    let mut app = weekly();
    app.advance(300).press("n").advance(300).press("p p");
    let meeting = app.model.meeting().unwrap();
    assert_eq!(
        meeting.behind_secs(app.now.wall),
        0,
        "sections after the current one still need their time"
    );
}

#[test]
fn s_asks_before_starting_so_a_stray_key_holds_no_meeting() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("s");
    assert!(app.screen().contains("Start the Weekly review now"));
    app.press("n");
    assert_eq!(app.model.screen, Screen::Home);
    assert!(app.model.meeting().is_none());
}

#[test]
fn a_meeting_asked_for_on_the_command_line_waits_for_the_unfinished_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kaizen.db");
    let crash = crash_mid_meeting(&path, 100, false);
    let mut app = restart(&path, crash, 5);
    app.send(kaizen::msg::Msg::StartMeeting("monthly".into()));
    assert!(
        app.screen()
            .contains("The monthly meeting you asked for starts after it ends")
    );
    app.press("e");
    assert_eq!(app.model.screen, Screen::Summary);
    app.press("enter");
    let meeting = app.model.meeting().expect("the monthly meeting started");
    assert_eq!(meeting.cycle_key, "monthly");
}

#[test]
fn the_summary_shows_every_section_s_notes() {
    let mut app = weekly();
    app.press("tab").type_text("uptime fine").press("esc n tab");
    app.type_text("one outlier on Tuesday").press("esc e y");
    let screen = app.screen();
    assert!(screen.contains("│ 1. Metrics Review "), "{screen}");
    assert!(screen.contains("   uptime fine"), "{screen}");
    assert!(screen.contains("   one outlier on Tuesday"), "{screen}");
}

#[test]
fn the_notes_box_shows_the_newest_notes_and_says_how_many_are_above() {
    let mut app = Harness::new(SNAPSHOT_DAY, 80, 24);
    app.press("s y tab");
    app.type_text("the very first point\n");
    for line in 1..=12 {
        app.type_text(&format!("point number {line}\n"));
    }
    app.type_text("the last thing said");
    app.press("esc");
    let screen = app.screen();
    assert!(screen.contains("the last thing said"), "{screen}");
    assert!(!screen.contains("the very first point"), "{screen}");
    assert!(
        screen.contains("earlier line(s) · Tab to read them all"),
        "{screen}"
    );
}

#[test]
fn rebalance_after_a_jump_shortens_the_sections_jumped_over_and_says_what_it_cut() {
    let mut app = weekly();
    // 12 minutes in the first section, then a jump to the last: the two jumped over are
    // still to come.
    app.advance(720).press("g 3").advance(60);
    let meeting = app.model.meeting().unwrap();
    let behind = meeting.behind_secs(app.now.wall);
    assert_eq!(behind, 120, "the jumped-over sections still count");
    app.press("b");
    let meeting = app.model.meeting().unwrap();
    let plans: Vec<i64> = meeting
        .sections
        .iter()
        .map(|s| s.timer.planned_secs)
        .collect();
    assert_eq!(
        plans,
        [600, 480, 600],
        "section 2, jumped over, gave back the 2 min"
    );
    assert_eq!(meeting.behind_secs(app.now.wall), 0);
    assert!(
        app.screen()
            .contains("sections to come give back 2 min; ends on time"),
        "{}",
        app.screen()
    );
}

#[test]
fn a_huge_paste_is_cut_at_what_notes_hold_and_says_so() {
    let mut app = weekly();
    app.press("tab");
    app.send(kaizen::msg::Msg::Paste("x".repeat(100 * 1024)));
    let notes = &app.model.meeting().unwrap().sections[0].notes;
    assert_eq!(notes.len(), kaizen::meeting::NOTES_LIMIT);
    assert!(
        app.screen().contains("Pasted 100 KiB; 36 KiB did not fit"),
        "{}",
        app.screen()
    );
    // Full: a typed key is taken back and said.
    app.press("y");
    assert_eq!(
        app.model.meeting().unwrap().sections[0].notes.len(),
        kaizen::meeting::NOTES_LIMIT
    );
    assert!(
        app.screen().contains("The notes are full"),
        "{}",
        app.screen()
    );
    // And the notes still save and the screen still answers.
    app.press("esc n");
    assert_eq!(current(&app), 1);
}
