//! A requester's buttons outside the survey: the answer to a check-in, the `/forget`
//! confirmation, and what they say about a resource they were sent. Pressed in their own private chat (the handler tree checks it).

use teloxide::prelude::*;

use super::{closed, erasure, referrals, relay, resources, survey};
use crate::{
    bot::{App, HandlerResult, Toast, buttons::RequesterButton, gate::Actor, pressed, send},
    telemetry,
};

pub(crate) async fn on_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    button: RequesterButton,
) -> HandlerResult {
    let work = async {
        let Some(message) = q.message.as_ref().map(|m| m.id()) else {
            return Ok(Toast::Id("error-stale"));
        };
        match button {
            RequesterButton::Checkin { case, safe } => {
                telemetry::handler("button.checkin");
                send::settle_buttons(&bot, actor.chat, message).await;
                relay::checkin_answer(
                    &bot,
                    &app,
                    actor.update_id,
                    actor.to(),
                    case,
                    safe,
                    actor.lang,
                )
                .await
            }
            RequesterButton::Forget { .. } if actor.is_staff() => {
                telemetry::handler("button.forget_staff");
                let text = app.locales.text(actor.lang, "forget-staff");
                send::text(&bot, actor.to(), text).await?;
                Ok(Toast::Quiet)
            }
            RequesterButton::Forget { erase } => {
                telemetry::handler("button.forget");
                erasure::confirm(&bot, &app, &actor, message, erase).await
            }
            RequesterButton::ResourceFeedback { sent, helped } => {
                telemetry::handler("button.resource_feedback");
                resources::feedback(&bot, &app, &actor, message, sent, helped).await
            }
            RequesterButton::Referral { referral, agree } => {
                telemetry::handler("button.referral");
                referrals::answer(&bot, &app, &actor, message, referral, agree).await
            }
            RequesterButton::NewRequest => {
                telemetry::handler("button.new_request");
                send::settle_buttons(&bot, actor.chat, message).await;
                survey::start(&bot, &app, &actor, false).await?;
                Ok(Toast::Quiet)
            }
            RequesterButton::WriteVolunteer {
                case,
                message: original,
            } => {
                telemetry::handler("button.write_volunteer");
                closed::write_volunteer(&bot, &app, &actor, message, case, original).await
            }
            RequesterButton::Journey { case } => {
                telemetry::handler("button.journey");
                resources::ask_journey(&bot, &app, &actor, message, case).await
            }
        }
    };
    pressed(&bot, &app, &q, &actor, work).await
}
