//! Telegram's own user picker (`KeyboardButtonRequestUsers`) where a command needs a USER_ID
//! and none was typed: `/addvolunteer`, `/team N add`, `/transfer N`. The chosen person comes
//! back as a "users shared" message; the command then runs as if the id had been typed,
//! with every check it makes (roles, training, the case's owner) made again on the server.

use teloxide::{
    prelude::*,
    types::{
        ButtonRequest, KeyboardButton, KeyboardButtonRequestUsers, KeyboardMarkup, ReplyMarkup,
        RequestId,
    },
};

use super::{Staff, cases, roster, team};
use crate::{
    bot::{App, HandlerResult, send},
    roles::case_and_rest,
    telemetry,
};

/// What a picker was for, in its request id (an `i32`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pick {
    AddVolunteer,
    TeamAdd { case: i64 },
    Transfer { case: i64 },
}

const TEAM: i32 = 1_000_000_000;
const TRANSFER: i32 = 2_000_000_000;

impl Pick {
    fn request_id(self) -> Option<i32> {
        match self {
            Pick::AddVolunteer => Some(1),
            Pick::TeamAdd { case } => i32::try_from(case)
                .ok()
                .filter(|c| *c < TEAM)
                .map(|c| TEAM + c),
            Pick::Transfer { case } => i32::try_from(case)
                .ok()
                .filter(|c| *c < i32::MAX - TRANSFER)
                .map(|c| TRANSFER + c),
        }
    }

    fn from_request_id(id: i32) -> Option<Pick> {
        match id {
            1 => Some(Pick::AddVolunteer),
            n if n > TRANSFER => Some(Pick::Transfer {
                case: i64::from(n - TRANSFER),
            }),
            n if n > TEAM && n < TRANSFER => Some(Pick::TeamAdd {
                case: i64::from(n - TEAM),
            }),
            _ => None,
        }
    }
}

/// The handler tree's filters: a command that lacks only its USER_ID.
pub(crate) fn addvolunteer_without_user(args: String) -> Option<Pick> {
    args.trim().is_empty().then_some(Pick::AddVolunteer)
}

pub(crate) fn team_add_without_user(args: String) -> Option<Pick> {
    let (case, rest) = case_and_rest(&args)?;
    (rest.trim() == "add").then_some(Pick::TeamAdd { case })
}

pub(crate) fn transfer_without_user(args: String) -> Option<Pick> {
    let (case, rest) = case_and_rest(&args)?;
    rest.trim().is_empty().then_some(Pick::Transfer { case })
}

/// Shows the picker.
pub(crate) async fn choose(bot: Bot, app: App, me: Staff, pick: Pick) -> HandlerResult {
    telemetry::handler("staff.user_picker");
    let Some(request_id) = pick.request_id() else {
        return me.say(&bot, me.t(&app, "usage-transfer")).await;
    };
    let mut request = KeyboardButtonRequestUsers::new(RequestId(request_id));
    request.user_is_bot = Some(false);
    let button = KeyboardButton::new(me.t(&app, "button-pick-user"))
        .request(ButtonRequest::RequestUsers(request));
    let keyboard = KeyboardMarkup::new(vec![vec![button]])
        .resize_keyboard()
        .one_time_keyboard();
    send::text_with(
        &bot,
        me.chat,
        me.t(&app, "pick-user"),
        Some(ReplyMarkup::Keyboard(keyboard)),
    )
    .await?;
    Ok(())
}

/// The handler tree's filter: a "users shared" message answering one of our pickers.
pub(crate) fn shared(msg: Message) -> Option<(Pick, i64)> {
    let shared = msg.shared_users()?;
    let pick = Pick::from_request_id(shared.request_id.0)?;
    let user = shared.users.first()?.user_id.0 as i64;
    Some((pick, user))
}

/// Runs the command with the chosen person, as if their id had been typed.
pub(crate) async fn picked(bot: Bot, app: App, me: Staff, picked: (Pick, i64)) -> HandlerResult {
    telemetry::handler("staff.user_picked");
    let (pick, user) = picked;
    let text = match pick {
        Pick::AddVolunteer if me.is_supervisor() => {
            roster::add_a_volunteer(&bot, &app, &me, &user.to_string()).await?
        }
        Pick::AddVolunteer => me.t(&app, "supervisor-only"),
        Pick::TeamAdd { case } => team::run(&app, &me, &format!("{case} add {user}")).await?,
        Pick::Transfer { case } => {
            cases::transfer_case(&app, &me, &format!("{case} {user}")).await?
        }
    };
    send::text_removing_keyboard(&bot, me.chat, text).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pickers_purpose_survives_its_request_id() {
        for pick in [
            Pick::AddVolunteer,
            Pick::TeamAdd { case: 1 },
            Pick::TeamAdd { case: 999_999_999 },
            Pick::Transfer { case: 42 },
        ] {
            assert_eq!(
                Pick::from_request_id(pick.request_id().unwrap()),
                Some(pick)
            );
        }
        assert_eq!(
            Pick::TeamAdd {
                case: 1_000_000_000
            }
            .request_id(),
            None
        );
        assert_eq!(Pick::from_request_id(0), None);
    }
}
