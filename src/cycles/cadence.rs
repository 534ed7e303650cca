//! Cadences: when a cycle falls ("every monday", "first monday of every quarter").
//!
//! Pure date arithmetic on local calendar dates; the caller supplies "today".

use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;
use std::str::FromStr;

/// When a cycle's reviews fall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cadence {
    /// Every week on this weekday.
    Weekly(Weekday),
    /// Every other week on this weekday: the weeks of `from`, then every 14 days.
    Fortnightly { weekday: Weekday, from: NaiveDate },
    /// The nth weekday of the month, in the months chosen.
    MonthDay {
        ordinal: Ordinal,
        weekday: Weekday,
        months: Months,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ordinal {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

/// Which months a month-day cadence falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Months {
    Every,
    /// January, April, July and October: the first month of each quarter.
    QuarterStart,
    /// One month of the year, 1-12.
    Only(u32),
}

pub const CADENCE_FORMS: &str = "use \"every monday\", \"every other monday from 2026-12-07\", \
\"first monday of every month\", \"last friday of the month\", \"first monday of every \
quarter\" or \"first monday of december\" (ordinals: first, second, third, fourth, last; any \
weekday; any month name)";

/// Where "every other monday" counts its weeks from when no date is given: a Monday.
const FORTNIGHT_EPOCH: (i32, u32, u32) = (2024, 1, 1);

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl FromStr for Cadence {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let not_understood = || format!("cadence \"{text}\" is not understood: {CADENCE_FORMS}");
        match words.as_slice() {
            ["every", day] => Ok(Cadence::Weekly(
                parse_weekday(day).ok_or_else(not_understood)?,
            )),
            ["every", "other", day, rest @ ..] => {
                let weekday = parse_weekday(day).ok_or_else(not_understood)?;
                let from = match rest {
                    [] => NaiveDate::from_ymd_opt(
                        FORTNIGHT_EPOCH.0,
                        FORTNIGHT_EPOCH.1,
                        FORTNIGHT_EPOCH.2,
                    )
                    .ok_or_else(not_understood)?,
                    ["from", date] => date.parse().map_err(|_| not_understood())?,
                    _ => return Err(not_understood()),
                };
                // The first such weekday on or after the date given.
                let ahead = (7 + weekday.num_days_from_monday()
                    - from.weekday().num_days_from_monday())
                    % 7;
                let from = from
                    .checked_add_days(chrono::Days::new(u64::from(ahead)))
                    .ok_or_else(not_understood)?;
                Ok(Cadence::Fortnightly { weekday, from })
            }
            [ordinal, day, "of", rest @ ..] => {
                let ordinal = parse_ordinal(ordinal).ok_or_else(not_understood)?;
                let weekday = parse_weekday(day).ok_or_else(not_understood)?;
                let months = match rest {
                    ["every", "month"] | ["the", "month"] | ["month"] => Months::Every,
                    ["every", "quarter"] | ["the", "quarter"] | ["quarter"] => Months::QuarterStart,
                    [month] => Months::Only(parse_month(month).ok_or_else(not_understood)?),
                    _ => return Err(not_understood()),
                };
                Ok(Cadence::MonthDay {
                    ordinal,
                    weekday,
                    months,
                })
            }
            _ => Err(not_understood()),
        }
    }
}

/// Takes "monday" as well as chrono's "mon".
fn parse_weekday(word: &str) -> Option<Weekday> {
    word.parse().ok()
}

fn parse_ordinal(word: &str) -> Option<Ordinal> {
    match word {
        "first" | "1st" => Some(Ordinal::First),
        "second" | "2nd" => Some(Ordinal::Second),
        "third" | "3rd" => Some(Ordinal::Third),
        "fourth" | "4th" => Some(Ordinal::Fourth),
        "last" => Some(Ordinal::Last),
        _ => None,
    }
}

fn parse_month(word: &str) -> Option<u32> {
    let index = MONTH_NAMES
        .iter()
        .position(|name| *name == word || (word.len() >= 3 && name.starts_with(word)))?;
    Some(index as u32 + 1)
}

impl Cadence {
    /// Roughly how many days apart its reviews are (to tell which comes round more often).
    pub fn period_days(&self) -> u32 {
        match self {
            Cadence::Weekly(_) => 7,
            Cadence::Fortnightly { .. } => 14,
            Cadence::MonthDay {
                months: Months::Every,
                ..
            } => 30,
            Cadence::MonthDay {
                months: Months::QuarterStart,
                ..
            } => 91,
            Cadence::MonthDay {
                months: Months::Only(_),
                ..
            } => 365,
        }
    }

    /// Whether a review of this cadence falls on `date`.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        match *self {
            Cadence::Weekly(weekday) => date.weekday() == weekday,
            Cadence::Fortnightly { weekday, from } => {
                date.weekday() == weekday && (date - from).num_days().rem_euclid(14) == 0
            }
            Cadence::MonthDay {
                ordinal,
                weekday,
                months,
            } => {
                date.weekday() == weekday && months.contains(date.month()) && ordinal.matches(date)
            }
        }
    }

    /// The first review on or after `date`.
    pub fn next_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        // Every cadence falls at least once a year, so a bounded walk is exact and simple.
        date.iter_days()
            .take(400)
            .find(|day| self.falls_on(*day))
            .unwrap_or(date)
    }

    /// The latest review on or before `date`, if the calendar has one.
    pub fn latest_on_or_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.iter_days()
            .rev()
            .take(400)
            .find(|day| self.falls_on(*day))
    }
}

impl Months {
    fn contains(self, month: u32) -> bool {
        match self {
            Months::Every => true,
            Months::QuarterStart => matches!(month, 1 | 4 | 7 | 10),
            Months::Only(only) => month == only,
        }
    }
}

impl Ordinal {
    fn matches(self, date: NaiveDate) -> bool {
        let week_of_month = (date.day() - 1) / 7;
        match self {
            Ordinal::First => week_of_month == 0,
            Ordinal::Second => week_of_month == 1,
            Ordinal::Third => week_of_month == 2,
            Ordinal::Fourth => week_of_month == 3,
            Ordinal::Last => date
                .checked_add_days(chrono::Days::new(7))
                .is_none_or(|week_later| week_later.month() != date.month()),
        }
    }

    fn word(self) -> &'static str {
        match self {
            Ordinal::First => "first",
            Ordinal::Second => "second",
            Ordinal::Third => "third",
            Ordinal::Fourth => "fourth",
            Ordinal::Last => "last",
        }
    }
}

impl fmt::Display for Cadence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cadence::Weekly(day) => write!(f, "every {}", weekday_name(*day)),
            Cadence::Fortnightly { weekday, from } => {
                write!(f, "every other {} from {from}", weekday_name(*weekday))
            }
            Cadence::MonthDay {
                ordinal,
                weekday,
                months,
            } => {
                write!(f, "{} {} of ", ordinal.word(), weekday_name(*weekday))?;
                match months {
                    Months::Every => f.write_str("every month"),
                    Months::QuarterStart => f.write_str("every quarter"),
                    Months::Only(month) => f.write_str(month_name(*month)),
                }
            }
        }
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}
