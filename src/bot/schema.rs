//! The handler tree: which update, from whom, reaches which handler.
//!
//! ```text
//! observe (one log line per update)
//! ├─ no sender (channel posts)                         → ignored
//! ├─ PUBLIC CHATS (PUBLIC_CHAT_IDS), before the gate: members are not the bot's users
//! │  ├─ a member joined                                → public::guard::joined
//! │  ├─ /report, /help                                 → public::commands::{report, help}
//! │  ├─ SUPERVISORS ONLY: /ban, /unban                 → public::commands::{ban, unban}
//! │  └─ any other post or edit                         → public::guard::on_post (rules, bridge)
//! └─ gate: one read of the person (ban, mute, role, language, survey); banned or muted → dropped
//!    ├─ private message
//!    │  ├─ requester command (/start /help /lang /cancel /status /silent /forget)
//!    │  │  ├─ staff: /start → staff::roster::welcome, /lang → staff::roster::language, /forget → staff::roster::no_forget,
//!    │  │  │         /cancel → staff::resources::cancel (stops /addresource)
//!    │  │  └─ anyone else → requester::commands::*
//!    │  ├─ staff command
//!    │  │  ├─ STAFF ONLY (a reply to a card or a relayed copy fills in its case)
//!    │  │  │  ├─ casework (volunteers and supervisors) → staff::cases::*, /resources → staff::resources::list
//!    │  │  │  ├─ SUPERVISORS ONLY → staff::roster::*, staff::moderation::*, staff::reports::*,
//!    │  │  │  │                     staff::resources (/addresource /checked /resstatus)
//!    │  │  │  └─ a volunteer's supervisor command → staff::supervisor_only
//!    │  │  └─ anyone else → requester::commands::unknown (staff commands are never revealed)
//!    │  ├─ other /command → requester::commands::unknown
//!    │  ├─ STAFF ONLY: anything else
//!    │  │  ├─ a person chosen in the user picker (/addvolunteer, /team N add, /transfer N
//!    │  │  │  without an id) → staff::picker::picked
//!    │  │  ├─ a supervisor's /addresource dialogue open (not a reply) → staff::resources::draft_text
//!    │  │  └─ else → staff::relay::from_staff (a reply reaches the requester)
//!    │  ├─ a reply to the journey question (after /done evacuated) → requester::resources::journey_answer
//!    │  └─ anything else → requester::survey::on_message (survey answer, relay, or start)
//!    ├─ button press (data parsed once into its family; the spinner is answered before the
//!    │  outbox sends what the press committed)
//!    │  ├─ staff button → STAFF ONLY → staff::cases::on_button; anyone else → "staff only"
//!    │  ├─ "Send to #N" → STAFF ONLY → staff::resources::send_button (holds the case?)
//!    │  ├─ /addresource button → SUPERVISORS ONLY → staff::resources::on_draft_button
//!    │  ├─ review note button → SUPERVISORS ONLY → public::review::on_button
//!    │  ├─ in someone else's chat → "not valid"
//!    │  ├─ requester button → requester::buttons::on_button (check-in, /forget confirmation,
//!    │  │                     a resource helped or is wrong)
//!    │  ├─ survey button → requester::survey::on_button
//!    │  └─ unreadable or forged data → "not valid"
//!    ├─ an edit in a private chat → edits::on_edit (applied to the relayed copy, if any)
//!    └─ everything else (other groups) → ignored: group messages are never intake
//! ```

use teloxide::{dispatching::UpdateHandler, dptree::case, filter_command, prelude::*};

use super::{
    App, HandlerError, Toast,
    buttons::Pressed,
    gate::{self, Actor},
    public,
    requester::{self, Command},
    staff::{self, Staff, StaffCommand},
};
use crate::telemetry;

pub fn schema() -> UpdateHandler<HandlerError> {
    telemetry::observe().chain(
        dptree::entry()
            .branch(dptree::filter(|u: Update| u.from().is_none()).endpoint(ignored))
            .branch(public_chats())
            .branch(
                dptree::filter_map_async(gate::admit)
                    .branch(case![gate::Admission::Dropped].endpoint(dropped))
                    .branch(
                        case![gate::Admission::Admitted(actor)]
                            .map(|actor: Actor| actor.visitor.clone())
                            .branch(private_messages())
                            .branch(button_presses())
                            .branch(
                                Update::filter_edited_message()
                                    .filter(|msg: Message| msg.chat.is_private())
                                    .endpoint(super::edits::on_edit),
                            )
                            .endpoint(ignored),
                    ),
            ),
    )
}

/// The network's public chats, before the gate: their members are not the bot's users (no
/// flood mutes; a banned author's post is acted on, not dropped).
fn public_chats() -> UpdateHandler<HandlerError> {
    use public::commands::GroupCommand as G;
    let in_public = |chat: Option<&teloxide::types::Chat>, app: &App| {
        chat.is_some_and(|c| app.config.public.is_public(c.id.0))
    };
    let commands = filter_command::<G, _>()
        .branch(case![G::Report].endpoint(public::commands::report))
        .branch(case![G::Help].endpoint(public::commands::help))
        .branch(
            dptree::filter_map_async(public::commands::from_supervisor)
                .branch(case![G::Ban(args)].endpoint(public::commands::ban))
                .branch(case![G::Unban(args)].endpoint(public::commands::unban)),
        )
        // A member's /ban: nothing (supervisors only).
        .endpoint(ignored);
    dptree::filter(move |u: Update, app: App| in_public(u.chat(), &app))
        .branch(Update::filter_chat_member().endpoint(public::guard::joined))
        .branch(
            Update::filter_message()
                .branch(commands)
                .endpoint(public::guard::on_post),
        )
        .branch(Update::filter_edited_message().endpoint(public::guard::on_post))
}

fn private_messages() -> UpdateHandler<HandlerError> {
    use Command as C;
    let requester_commands = filter_command::<Command, _>()
        .branch(
            dptree::filter_map(Staff::of)
                .branch(case![C::Start].endpoint(staff::roster::welcome))
                .branch(case![C::Lang].endpoint(staff::roster::language))
                .branch(case![C::Forget].endpoint(staff::roster::no_forget))
                .branch(case![C::Cancel].endpoint(staff::resources::cancel)),
        )
        .branch(case![C::Start].endpoint(requester::commands::start))
        .branch(case![C::Help].endpoint(requester::commands::help))
        .branch(case![C::Lang].endpoint(requester::commands::language))
        .branch(case![C::Cancel].endpoint(requester::commands::cancel))
        .branch(case![C::Status].endpoint(requester::commands::status))
        .branch(case![C::Silent].endpoint(requester::commands::silent))
        .branch(case![C::Forget].endpoint(requester::commands::forget));

    let staff_commands = filter_command::<StaffCommand, _>()
        .branch(
            dptree::filter_map(Staff::of)
                .map_async(staff::remember)
                .map_async(staff::fill_from_reply)
                .branch(casework())
                .branch(
                    dptree::filter(|me: Staff| me.is_supervisor())
                        .branch(supervision())
                        .endpoint(ignored),
                )
                .endpoint(staff::supervisor_only),
        )
        .endpoint(requester::commands::unknown);

    Update::filter_message()
        .filter(|msg: Message| {
            msg.chat.is_private() && msg.from.as_ref().is_some_and(|u| !u.is_bot)
        })
        .branch(requester_commands)
        .branch(staff_commands)
        .branch(
            dptree::filter(|msg: Message| msg.text().is_some_and(|t| t.starts_with('/')))
                .endpoint(requester::commands::unknown),
        )
        .branch(
            dptree::filter_map(Staff::of)
                .branch(dptree::filter_map(staff::picker::shared).endpoint(staff::picker::picked))
                .branch(
                    dptree::filter_map_async(staff::resources::open_draft)
                        .endpoint(staff::resources::draft_text),
                )
                .endpoint(staff::relay::from_staff),
        )
        .branch(
            dptree::filter_map_async(requester::resources::journey_reply)
                .endpoint(requester::resources::journey_answer),
        )
        .endpoint(requester::survey::on_message)
}

/// Staff commands for volunteers and supervisors.
fn casework() -> UpdateHandler<HandlerError> {
    use StaffCommand as C;
    use staff::cases;
    dptree::entry()
        .branch(case![C::Online].endpoint(cases::online))
        .branch(case![C::Offline].endpoint(cases::offline))
        .branch(case![C::Queue].endpoint(cases::queue))
        .branch(case![C::Mycases].endpoint(cases::my_cases))
        .branch(case![C::Claim(args)].endpoint(cases::claim))
        .branch(case![C::Case(args)].endpoint(cases::case))
        .branch(case![C::Note(args)].endpoint(cases::note))
        .branch(case![C::Release(args)].endpoint(cases::release))
        .branch(case![C::Done(args)].endpoint(cases::done))
        .branch(case![C::Msg(args)].endpoint(cases::message_requester))
        .branch(
            case![C::Transfer(args)]
                .branch(
                    dptree::filter_map(staff::picker::transfer_without_user)
                        .endpoint(staff::picker::choose),
                )
                .endpoint(cases::transfer),
        )
        .branch(case![C::Refer(args)].endpoint(staff::referrals::refer))
        .branch(
            case![C::Team(args)]
                .branch(
                    dptree::filter_map(staff::picker::team_add_without_user)
                        .endpoint(staff::picker::choose),
                )
                .endpoint(staff::team::team),
        )
        .branch(case![C::Resources(args)].endpoint(staff::resources::list))
}

/// Staff commands for supervisors only.
fn supervision() -> UpdateHandler<HandlerError> {
    use StaffCommand as C;
    use staff::{moderation, reports, roster};
    dptree::entry()
        .branch(
            case![C::Addvolunteer(args)]
                .branch(
                    dptree::filter_map(staff::picker::addvolunteer_without_user)
                        .endpoint(staff::picker::choose),
                )
                .endpoint(roster::add_volunteer),
        )
        .branch(case![C::Removevolunteer(args)].endpoint(roster::remove_volunteer))
        .branch(case![C::Volunteers].endpoint(roster::volunteers))
        .branch(case![C::Trained(args)].endpoint(roster::trained))
        .branch(case![C::Addsupervisor(args)].endpoint(roster::add_supervisor))
        .branch(case![C::Removesupervisor(args)].endpoint(roster::remove_supervisor))
        .branch(case![C::Verify(args)].endpoint(moderation::verify))
        .branch(case![C::Flag(args)].endpoint(moderation::flag))
        .branch(case![C::Unflag(args)].endpoint(moderation::unflag))
        .branch(case![C::Ban(args)].endpoint(moderation::ban))
        .branch(case![C::Unban(args)].endpoint(moderation::unban))
        .branch(case![C::Bans].endpoint(moderation::bans))
        .branch(case![C::Blockphone(args)].endpoint(moderation::block_phone))
        .branch(case![C::Blockplace(args)].endpoint(moderation::block_place))
        .branch(case![C::Blocklink(args)].endpoint(moderation::block_link))
        .branch(case![C::Unblocklink(args)].endpoint(moderation::unblock_link))
        .branch(case![C::Audit(args)].endpoint(reports::audit))
        .branch(case![C::Stats].endpoint(reports::stats))
        .branch(case![C::Export(args)].endpoint(reports::export))
        .branch(case![C::Addresource].endpoint(staff::resources::add))
        .branch(case![C::Checked(args)].endpoint(staff::resources::checked))
        .branch(case![C::Resstatus(args)].endpoint(staff::resources::status))
}

fn button_presses() -> UpdateHandler<HandlerError> {
    let refused = || {
        dptree::endpoint(
            |bot: Bot, app: App, q: CallbackQuery, actor: Actor| async move {
                telemetry::handler("staff.button_refused");
                super::answer(&bot, &app, &q, &actor, Ok(Toast::Id("staff-only"))).await
            },
        )
    };
    let staff_buttons = case![Pressed::Staff(button)]
        .branch(dptree::filter_map(Staff::of).endpoint(staff::cases::on_button))
        .branch(refused());
    // Sending a resource: staff who hold the case (checked in the handler).
    let send_resource = case![Pressed::SendResource(button)]
        .branch(dptree::filter_map(Staff::of).endpoint(staff::resources::send_button))
        .branch(refused());
    // A review note (the public chats' guard): supervisors only.
    let review_buttons = case![Pressed::Review(button)]
        .branch(
            dptree::filter_map(Staff::of)
                .filter(|me: Staff| me.is_supervisor())
                .endpoint(public::review::on_button),
        )
        .branch(refused());
    // The /addresource dialogue: supervisors only.
    let draft_buttons = case![Pressed::Draft(button)]
        .branch(
            dptree::filter_map(Staff::of)
                .branch(
                    dptree::filter(|me: Staff| me.is_supervisor())
                        .endpoint(staff::resources::on_draft_button),
                )
                .endpoint(
                    |bot: Bot, app: App, q: CallbackQuery, actor: Actor| async move {
                        telemetry::handler("staff.button_supervisors_only");
                        super::answer(&bot, &app, &q, &actor, Ok(Toast::Id("supervisor-only")))
                            .await
                    },
                ),
        )
        .branch(refused());
    // A requester's buttons work only in their own private chat.
    let own_chat = dptree::filter(|q: CallbackQuery, actor: Actor| {
        q.message
            .as_ref()
            .is_some_and(|m| m.chat().id == actor.chat)
    });
    Update::filter_callback_query()
        .branch(
            dptree::filter_map(|q: CallbackQuery| q.data.as_deref().and_then(Pressed::parse))
                .branch(staff_buttons)
                .branch(send_resource)
                .branch(draft_buttons)
                .branch(review_buttons)
                .branch(
                    own_chat
                        .branch(
                            case![Pressed::Requester(button)]
                                .endpoint(requester::buttons::on_button),
                        )
                        .branch(
                            case![Pressed::Survey(button)].endpoint(requester::survey::on_button),
                        ),
                )
                .endpoint(invalid_button),
        )
        .endpoint(invalid_button)
}

/// A press on forged or unreadable data, or on a requester's button in another chat.
async fn invalid_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
) -> super::HandlerResult {
    telemetry::handler("button.invalid");
    super::answer(
        &bot,
        &app,
        &q,
        &actor,
        Ok(Toast::Id("error-invalid-button")),
    )
    .await
}

async fn ignored() -> super::HandlerResult {
    telemetry::handler("ignored");
    Ok(())
}

/// Banned or muted: silence. A button press is still answered (without a text), so its
/// spinner stops.
async fn dropped(bot: Bot, update: Update) -> super::HandlerResult {
    telemetry::handler("gate.dropped");
    if let teloxide::types::UpdateKind::CallbackQuery(q) = &update.kind {
        let _ = bot.answer_callback_query(q.id.clone()).await;
    }
    Ok(())
}
