//! evac-intake: a Telegram bot that takes evacuation-help requests, triages them and routes
//! each case to a trained volunteer.
//!
//! The domain core (survey engine, triage, phone numbers, configuration, texts) knows nothing
//! of Telegram; `db` is the only place that talks to the database; `bot` is the thin teloxide
//! layer (handler tree, commands, keyboards).
//!
//! Modules are public where the binary, `simulate`, the benches or the integration tests use
//! them; everything else is `pub(crate)`.

#![warn(unreachable_pub)]

pub mod blocklist;
pub mod bot;
pub mod bridge;
pub mod case;
pub mod check;
pub mod clock;
pub mod codeword;
pub mod config;
pub mod db;
pub mod guard;
pub mod i18n;
pub mod limits;
pub mod outbox;
pub mod partners;
pub(crate) mod phone;
pub mod resources;
pub(crate) mod roles;
pub(crate) mod routing;
pub mod simulate;
pub mod survey;
pub mod team;
pub mod telemetry;
pub mod training;
pub mod triage;
pub(crate) mod typed;
