//! Meeting screens at 80x24 and 120x40: running, paused, amber, over time, typing notes,
//! rebalanced, the end summary and the resume question. Styled snapshots keep the colours
//! that carry meaning (amber, red, the paused badge).

use crate::harness;

use harness::{Harness, SNAPSHOT_DAY};

fn meeting(width: u16, height: u16) -> Harness {
    let mut app = Harness::new(SNAPSHOT_DAY, width, height);
    app.press("s y");
    app
}

#[test]
fn running_80x24() {
    let mut app = meeting(80, 24);
    app.advance(65);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn running_120x40() {
    let mut app = meeting(120, 40);
    app.advance(65);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn paused_80x24() {
    let mut app = meeting(80, 24);
    app.advance(200).press("space").advance(40);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn paused_styled() {
    let mut app = meeting(80, 24);
    app.advance(200).press("space");
    insta::assert_snapshot!(app.styled());
}

#[test]
fn amber_in_the_last_two_minutes_styled() {
    let mut app = meeting(80, 24);
    app.advance(510);
    assert_eq!(app.remaining(), 90);
    insta::assert_snapshot!(app.styled());
}

#[test]
fn overtime_80x24() {
    let mut app = meeting(80, 24);
    app.advance(683);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn overtime_120x40() {
    let mut app = meeting(120, 40);
    app.press("n").advance(683);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn overtime_styled() {
    let mut app = meeting(80, 24);
    app.advance(683);
    insta::assert_snapshot!(app.styled());
}

#[test]
fn typing_notes_and_attendance_80x24() {
    let mut app = meeting(80, 24);
    app.press("a a").type_text("Ana Lima").press("enter esc");
    app.press("tab")
        .type_text("Uptime 99.95%\nTwo 5xx spikes on Tuesday");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn rebalanced_120x40() {
    let mut app = meeting(120, 40);
    app.advance(900).press("b n").advance(30);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn annual_hours_long_sections_120x40() {
    let mut app = Harness::new(SNAPSHOT_DAY, 120, 40);
    app.press("end s y").advance(125);
    insta::assert_snapshot!(app.screen());
}

#[test]
fn end_summary_80x24() {
    let mut app = meeting(80, 24);
    app.advance(720)
        .press("n")
        .advance(480)
        .press("n")
        .advance(540);
    app.press("e y 8");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn end_summary_120x40() {
    let mut app = meeting(120, 40);
    app.advance(720)
        .press("n")
        .advance(480)
        .press("a space esc e y");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn confirm_end_80x24() {
    let mut app = meeting(80, 24);
    app.advance(30).press("e");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn action_item_form_over_the_section_80x24() {
    let mut app = meeting(80, 24);
    app.press("t")
        .type_text("Add index on user_id")
        .press("tab")
        .type_text("Ana");
    app.press("tab enter");
    insta::assert_snapshot!(app.screen());
}

#[test]
fn no_color_takes_every_colour_off_and_keeps_the_emphasis() {
    let mut app = Harness::new(SNAPSHOT_DAY, 100, 30);
    app.press("s y").advance(700); // over time: the clock is red when there is colour
    let coloured = app.styled();
    let colours = |styled: &str| {
        styled
            .lines()
            .filter(|line| line.contains("fg: ") && !line.contains("fg: Reset, bg: Reset"))
            .count()
    };
    assert!(colours(&coloured) > 0, "the normal screen has colour");
    app.model.plain = true;
    let plain = app.styled();
    assert_eq!(colours(&plain), 0, "{plain}");
    assert!(plain.contains("BOLD"), "keys stay bold");
    assert!(app.screen().contains("over"), "overtime is said in words");
}

#[test]
fn high_contrast_is_white_on_black_with_nothing_dim_and_says_status_in_words() {
    let mut app = Harness::new(SNAPSHOT_DAY, 100, 30);
    app.model.theme = kaizen::ui::theme::Theme::HighContrast;
    app.press("s y").advance(700);
    let styled = app.styled();
    for faint in ["fg: DarkGray", "bg: Reset", "DIM"] {
        assert!(
            !styled.contains(faint),
            "no {faint} in high contrast:\n{styled}"
        );
    }
    assert!(styled.contains("fg: LightRed"), "over time is bright red");
    let screen = app.screen();
    assert!(screen.contains("OVER TIME"), "and said in words:\n{screen}");
    // A panel off its goal says so with a symbol and words, not colour alone.
    assert!(screen.contains("✓ within goal"), "{screen}");
}
