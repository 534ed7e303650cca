//! kaizen: a terminal app that runs an operations team's continuous-improvement reviews.
//!
//! The binary (`main.rs`) parses the command line and hands over to [`cli`], which runs a
//! subcommand or opens the app on [`runtime`]; everything else is a library so that `tests/`
//! and `benches/` drive the same code.

pub mod actions;
pub mod analysis;
pub mod change;
pub mod cli;
pub mod command;
pub mod config;
pub mod cycles;
pub mod demo;
pub mod doctor;
pub mod effect;
pub mod executor;
pub mod grafana;
pub mod ics;
pub mod incidents;
pub mod keymap;
pub mod lessons;
pub mod log;
pub mod meeting;
pub mod metrics;
pub mod model;
pub mod msg;
pub mod opportunities;
pub mod people;
pub mod publish;
pub mod report;
pub mod runtime;
pub mod schedule;
pub mod scorecard;
pub mod sql;
pub mod store;
pub mod text;
pub mod tracker;
pub mod ui;
