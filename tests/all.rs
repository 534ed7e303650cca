//! Every integration test, in one crate: the library and the test helpers are linked once,
//! and the tests run side by side in one process (`cargo test` builds this one binary).
//! A new test file is a `mod` line here (Cargo.toml turns off test auto-discovery).

mod harness;
mod promserver;
mod pty;
mod tmpfs;

mod action_form;
mod actions_cli;
mod alerts_live;
mod analysis;
mod checklist;
mod cli;
mod config;
mod crash;
mod doctor;
mod due_dates;
mod e2e;
mod e2e_meeting;
mod e2e_panels;
mod findings;
mod followups;
mod grafana_import;
mod import;
mod incident_review;
mod incidents;
mod keymap;
mod meeting;
mod metrics_decode;
mod model;
mod opportunities;
mod opportunities_in_meetings;
mod panel_record;
mod prometheus;
mod prometheus_analysis;
mod prometheus_refusals;
mod properties;
mod quadrant;
mod record;
mod report_outputs;
mod reports;
mod roster;
mod saving;
mod schedule;
mod screens;
mod screens_large;
mod screens_meeting;
mod screens_panels;
mod signals;
mod store;
mod tail_refresh;
mod templates;
mod terminal_safety;
mod text;
mod window_values;
