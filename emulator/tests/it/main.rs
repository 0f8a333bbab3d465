//! The emulator's integration tests, in one test binary (it links once): each module is one
//! former `tests/<name>.rs`. Every test starts its own emulator on a free loopback port, so
//! they share nothing but the process.

mod common;

mod concurrency;
mod dispatcher;
mod faults;
mod groups;
mod raw_http;
mod receiving;
mod sending;
mod webhook;
