//! Every integration test of evac-intake, in one test binary: the suite links once, not once
//! per file. Each module is one former `tests/<name>.rs`; the tests keep their names (run one
//! with `cargo test --test it <name>`, e.g. `cargo test --test it e2e_crash`).
//!
//! The tests run in parallel in this one process, so none may rely on process-wide state:
//! each has its own temporary database, its own Bot API emulator on a free loopback port and
//! its own clock; none sets environment variables or installs a tracing subscriber (the bot
//! processes the e2e tests spawn get their environment explicitly). The seeded e2e tests read
//! `E2E_SEED_<NAME>` (or `E2E_SEED` for all of them) without changing it.

mod common;
mod e2e_common;
mod leftovers;

mod albums;
mod claim_race;
mod cli;
mod closed_cases;
mod code_words;
mod dialogue_validator;
mod e2e_commit_crash;
mod e2e_crash;
mod e2e_faults;
mod e2e_fuzz;
mod e2e_journey;
mod e2e_kill;
mod e2e_logs;
mod e2e_order;
mod e2e_roster;
mod e2e_simulate;
mod e2e_webhook;
mod erasure;
mod escalation;
mod intake_bot;
mod locales;
mod moderation_bot;
mod outbox;
mod public_chats;
mod referrals;
mod reports_bot;
mod resources;
mod safety_texts;
mod silent_mode;
mod survey_engine;
mod teams;
mod training;
mod transfer;
mod triage_rules;
mod volunteers_bot;
