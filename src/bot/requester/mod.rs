//! The requester's side of the bot, in their private chat: the commands, the intake survey,
//! their buttons outside it (check-ins, the /forget confirmation), their side of the relay and
//! erasure. Nothing here imports the staff handlers: what both sides need (cards, offers,
//! menus, the outbox) lives in `bot` below both.

pub(super) mod buttons;
pub(crate) mod closed;
pub(super) mod commands;
mod erasure;
mod referrals;
mod relay;
pub(super) mod resources;
pub(super) mod survey;
pub(super) mod unshown;

pub use commands::Command;
