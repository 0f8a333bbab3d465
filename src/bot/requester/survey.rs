//! The intake conversation in a private chat: consent, the survey, the summary, Submit.
//!
//! ```text
//! person: /start
//! bot:    consent screen            [I agree] [No, thanks] [Language]
//! person: [I agree]
//! bot:    1/15 Are you safe right now?  [In danger now] [Sheltering] [Safe]
//! person: [In danger now]
//! bot:    emergency guidance, "your request #12 is registered" (supervisors alerted)
//! bot:    2/15 Which region are you in? ...
//! ...
//! bot:    summary with [Submit] and an Edit button per answer
//! person: [Submit]
//! bot:    "Your request #12 is registered" and what happens next
//! ```
//!
//! Every input is checked against the stored state, so stale or forged buttons change nothing;
//! every accepted input is stored before anything is sent, so a restart resumes at the same
//! question; the update id is stored with it, so a replayed update changes nothing twice.

use teloxide::{
    prelude::*,
    types::{ChatId, MessageId},
};

use super::relay;
use crate::{
    bot::{
        App, HandlerError, HandlerResult, Toast, answer_press_first,
        buttons::SurveyButton,
        gate::Actor,
        keyboards::{self, ReplyWord},
        menus, notify, offers, pressed_answering_first, send,
    },
    db::{Applied, CaseRow, GateOutcome, StoredSurvey, SubmitOutcome, WriteTx},
    i18n::Lang,
    outbox::Envelope,
    survey::{Input, InputError, Kind, Question, SurveyState, text_args},
    telemetry, triage,
};

/// Who and where, for one update.
#[derive(Clone, Copy)]
struct Ctx {
    chat: ChatId,
    user_id: i64,
    lang: Lang,
    update_id: i64,
    /// Silent mode: what is sent to the person goes without a sound.
    quiet: bool,
}

impl Ctx {
    fn of(actor: &Actor) -> Ctx {
        Ctx {
            chat: actor.chat,
            user_id: actor.id,
            lang: actor.lang,
            update_id: actor.update_id,
            quiet: actor.visitor.silent,
        }
    }

    fn to(&self) -> send::To {
        send::To {
            chat: self.chat,
            quiet: self.quiet,
        }
    }

    fn t(&self, app: &App, id: &str) -> String {
        app.locales.text(self.lang, id)
    }
}

/// /start, or any message from a requester without a survey or a case: the consent screen,
/// the survey where it stopped, or the open case.
pub(crate) async fn start(bot: &Bot, app: &App, actor: &Actor, from_chat: bool) -> HandlerResult {
    let (to, user_id, lang) = (actor.to(), actor.id, actor.lang);
    if let Some(stored) = app.db.load_survey(user_id).await? {
        let mut state = stored.state;
        app.survey.repair(&mut state);
        send::text(bot, to, app.locales.text(lang, "resume")).await?;
        send::screen(
            bot,
            to,
            keyboards::step(&app.survey, &app.locales, lang, &state),
        )
        .await?;
    } else if let Some(case) = app.db.open_case_of(user_id).await? {
        let text = app
            .locales
            .text_with(lang, "case-open-reminder", &[("case", case.id.into())]);
        send::text(bot, to, text).await?;
    } else {
        send::screen(
            bot,
            to,
            keyboards::consent(&app.locales, lang, &app.config, from_chat),
        )
        .await?;
    }
    Ok(())
}

/// Shows the person where they are in the survey: the current question or the summary.
async fn show_step(bot: &Bot, app: &App, ctx: &Ctx, state: &SurveyState) -> HandlerResult {
    send::screen(
        bot,
        ctx.to(),
        keyboards::step(&app.survey, &app.locales, ctx.lang, state),
    )
    .await?;
    Ok(())
}

/// What a message means for the current question.
enum MessageInput {
    Input(Input),
    Back,
    Unsupported,
}

fn read_message(app: &App, lang: Lang, msg: &Message, q: &Question) -> MessageInput {
    if let Some(text) = msg.text() {
        if matches!(q.kind, Kind::Location | Kind::Phone) {
            match keyboards::reply_button(&app.locales, lang, text) {
                Some(ReplyWord::Back) => return MessageInput::Back,
                Some(ReplyWord::Skip) => return MessageInput::Input(Input::Skip),
                None => {}
            }
        }
        return MessageInput::Input(Input::Text(text.to_owned()));
    }
    if let Some(location) = msg.location() {
        return MessageInput::Input(Input::Coords {
            lat: location.latitude,
            lon: location.longitude,
        });
    }
    if let Some(contact) = msg.contact() {
        return MessageInput::Input(Input::Contact(contact.phone_number.clone()));
    }
    MessageInput::Unsupported
}

/// Any non-command message from a requester in their private chat.
pub(crate) async fn on_message(bot: Bot, app: App, msg: Message, actor: Actor) -> HandlerResult {
    let ctx = Ctx::of(&actor);
    if actor.visitor.seen {
        telemetry::handler("intake.replay");
        return replay(&bot, &app, &ctx).await;
    }
    let Some(stored) = actor.visitor.survey else {
        if let Some(case) = app.db.open_case_of(ctx.user_id).await? {
            return relay::from_requester(
                &bot,
                &app,
                &msg,
                ctx.update_id,
                &case,
                ctx.lang,
                ctx.to(),
            )
            .await;
        }
        if super::closed::after_closed(&bot, &app, &actor, &msg).await? {
            telemetry::handler("intake.after_closed");
            return Ok(());
        }
        telemetry::handler("intake.no_survey");
        return start(&bot, &app, &actor, false).await;
    };
    let mut state = stored.state.clone();
    app.survey.repair(&mut state);
    let Some(q) = app.survey.current(&state).cloned() else {
        telemetry::handler("intake.summary_text");
        send::text(&bot, ctx.to(), ctx.t(&app, "error-use-buttons")).await?;
        show_step(&bot, &app, &ctx, &state).await?;
        return Ok(());
    };
    match read_message(&app, ctx.lang, &msg, &q) {
        MessageInput::Input(input) => {
            telemetry::handler("intake.answer_typed");
            apply(&bot, &app, &ctx, state, &q, input, None)
                .await
                .map(drop)
        }
        MessageInput::Back => {
            telemetry::handler("intake.back_typed");
            back(&bot, &app, &ctx, state, Some(&q.id), None)
                .await
                .map(|_| ())
        }
        MessageInput::Unsupported => {
            telemetry::handler("intake.unsupported_message");
            send::text(&bot, ctx.to(), ctx.t(&app, "error-media")).await?;
            show_step(&bot, &app, &ctx, &state).await?;
            Ok(())
        }
    }
}

/// The message a button belonged to, to edit after the press.
struct Pressed {
    message: MessageId,
    text: String,
}

/// Applies an input to the current question and moves on. `pressed` is the question's
/// message when the input came from one of its buttons. Returns the toast for the button.
#[allow(clippy::too_many_arguments)]
async fn apply(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    mut state: SurveyState,
    q: &Question,
    input: Input,
    pressed: Option<&Pressed>,
) -> Result<Option<&'static str>, HandlerError> {
    let is_toggle = matches!(input, Input::Toggle(_));
    let pressed_choice = pressed.is_some() && matches!(input, Input::Choice(_));
    let effect = match app.survey.answer(&mut state, &q.id, input) {
        Ok(effect) => effect,
        Err(error) => return refuse(bot, app, ctx, &state, error, pressed.is_some()).await,
    };
    if pressed_choice {
        // A pressed choice the engine took (forged data still gets its toast): the spinner
        // stops now, not after the commit.
        answer_press_first();
    }
    let now = app.now();
    // Silent mode is stored before the answer (setting it again on a replay changes nothing),
    // and from this update on every message to the person goes without a sound.
    let quiet_ctx;
    let ctx = match effect.silent {
        Some(on) => {
            app.db.set_silent(ctx.user_id, on, now).await?;
            quiet_ctx = Ctx { quiet: on, ..*ctx };
            &quiet_ctx
        }
        None => ctx,
    };
    // A busy bot confirms the answer once it is committed (not on the safety gate's path,
    // whose commit also opens the case: that one waits until it is done).
    let early = !effect.emergency && telemetry::confirm_early();
    let applied = if effect.emergency {
        let assessment = triage::assess(&app.survey, &state.answers);
        let mut tx = app.db.begin().await?;
        let outcome = tx
            .open_gate_case(
                ctx.user_id,
                ctx.update_id,
                &state,
                &assessment,
                ctx.lang,
                app.survey.region_of(&state.answers).as_deref(),
                now,
            )
            .await?;
        // The case, the person's emergency guidance and the staff alerts are one commit: a
        // crash cannot leave the case unannounced or the person without the guidance.
        if let GateOutcome::Opened(case) | GateOutcome::AlreadyOpen(case) = outcome {
            // What to do now depends on the answers (occupied territory, an ambulance).
            let mut args = text_args(&state.answers);
            args.push(("case", case.into()));
            let guidance = app.locales.text_with(ctx.lang, "emergency-guidance", &args);
            let mut out = vec![Envelope::text(ctx.user_id, guidance).for_case(case)];
            if let GateOutcome::Opened(_) = outcome
                && let Some(row) = tx.case(case).await?
            {
                out.extend(gate_alerts(app, &mut tx, &row).await?);
            }
            tx.enqueue(&out, now).await?;
        }
        notify::commit_for(app, tx, "gate", ctx.user_id).await?;
        outcome != GateOutcome::Duplicate
    } else {
        let saved = app
            .db
            .save_survey(ctx.user_id, ctx.update_id, &state, now, early)
            .await?;
        if early {
            // Committed with the mark that the next step is still to be shown: Telegram may
            // hear the update is handled while the replies go out (requester/unshown.rs).
            telemetry::committed();
        }
        saved == Applied::Yes
    };
    if !applied {
        // A replay (Telegram sends an update again after a crash before it was confirmed):
        // nothing changes twice (what the first attempt queued was committed with it), but
        // the person still sees where they are.
        match app.db.load_survey(ctx.user_id).await? {
            Some(stored) => {
                state = stored.state;
                app.survey.repair(&mut state);
            }
            None => return Ok(None),
        }
    }

    if is_toggle {
        // The same question with the new check marks, in place.
        if let Some(p) = pressed {
            send::replace(
                bot,
                ctx.chat,
                p.message,
                keyboards::step(&app.survey, &app.locales, ctx.lang, &state),
            )
            .await;
        }
        if early {
            app.shown.push(ctx.user_id, ctx.update_id);
        }
        return Ok(None);
    }
    // The answered question is marked (an edit of an older message) while the next question
    // is sent: neither waits for the other, and the new messages keep their order.
    let mark_answered = async {
        if let Some(p) = pressed {
            let answer = state
                .answers
                .get(&q.id)
                .map(|a| keyboards::answer_text(&app.locales, ctx.lang, q, a))
                .unwrap_or_default();
            send::settle(
                bot,
                ctx.chat,
                p.message,
                format!("{}\n\n✓ {answer}", p.text),
            )
            .await;
        }
    };
    let next = async {
        if pressed.is_none() && matches!(q.kind, Kind::Location | Kind::Phone) {
            send::text_removing_keyboard(bot, ctx.to(), ctx.t(app, "saved")).await?;
        }
        show_step(bot, app, ctx, &state).await
    };
    let ((), next) = tokio::join!(mark_answered, next);
    next?;
    if early {
        app.shown.push(ctx.user_id, ctx.update_id);
    }
    Ok(None)
}

/// Tells the person why an input was not taken; the state is unchanged. For a button the
/// toast says it.
async fn refuse(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    state: &SurveyState,
    error: InputError,
    from_button: bool,
) -> Result<Option<&'static str>, HandlerError> {
    let l = &app.locales;
    let text = match error {
        InputError::Stale | InputError::UnknownChoice => {
            if from_button {
                return Ok(Some("error-stale"));
            }
            ctx.t(app, "error-stale")
        }
        InputError::UseButtons => ctx.t(app, "error-use-buttons"),
        InputError::NotExpectedHere => ctx.t(app, "error-media"),
        InputError::TooLong { max } => {
            l.text_with(ctx.lang, "error-too-long", &[("max", max.into())])
        }
        InputError::NotANumber { min, max } | InputError::OutOfRange { min, max } => l.text_with(
            ctx.lang,
            "error-number",
            &[("min", min.into()), ("max", max.into())],
        ),
        InputError::BadPhone => ctx.t(app, "error-bad-phone"),
        InputError::NothingVisible => ctx.t(app, "error-nothing-visible"),
        InputError::ChooseAtLeastOne | InputError::CannotSkip => {
            if from_button {
                return Ok(Some("error-choose-one"));
            }
            ctx.t(app, "error-choose-one")
        }
    };
    send::text(bot, ctx.to(), text).await?;
    if matches!(
        error,
        InputError::UseButtons | InputError::NotExpectedHere | InputError::Stale
    ) {
        show_step(bot, app, ctx, state).await?;
    }
    Ok(None)
}

async fn back(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    mut state: SurveyState,
    from: Option<&str>,
    pressed: Option<&Pressed>,
) -> Result<Option<&'static str>, HandlerError> {
    if app.survey.back(&mut state, from).is_err() {
        return Ok(Some("error-stale"));
    }
    if app
        .db
        .save_survey(ctx.user_id, ctx.update_id, &state, app.now(), false)
        .await?
        == Applied::Duplicate
    {
        return Ok(None);
    }
    if let Some(p) = pressed {
        send::settle(bot, ctx.chat, p.message, p.text.clone()).await;
    }
    show_step(bot, app, ctx, &state).await?;
    Ok(None)
}

/// A press on one of the survey's buttons, in the person's own chat (the tree checks it).
pub(crate) async fn on_button(
    bot: Bot,
    app: App,
    q: CallbackQuery,
    actor: Actor,
    button: SurveyButton,
) -> HandlerResult {
    let work = async {
        let toast = handle_button(&bot, &app, &q, &actor, button).await?;
        Ok(toast.map_or(Toast::Quiet, Toast::Id))
    };
    pressed_answering_first(&bot, &app, &q, &actor, work).await
}

/// Handles a press; `Ok(Some(id))` is a message id for the toast.
async fn handle_button(
    bot: &Bot,
    app: &App,
    q: &CallbackQuery,
    actor: &Actor,
    button: SurveyButton,
) -> Result<Option<&'static str>, HandlerError> {
    let Some(message) = q.regular_message() else {
        telemetry::handler("button.no_message");
        return Ok(Some("error-stale"));
    };
    let ctx = Ctx::of(actor);
    let lang = ctx.lang;
    let pressed = Pressed {
        message: message.id,
        text: message.text().unwrap_or_default().to_owned(),
    };
    if actor.visitor.seen {
        telemetry::handler("button.replay");
        replay(bot, app, &ctx).await?;
        return Ok(None);
    }
    use SurveyButton as B;
    match button {
        B::Consent {
            agree,
            lang,
            from_chat,
        } => {
            telemetry::handler("button.consent");
            consent(bot, app, &ctx, &pressed, agree, lang, from_chat).await
        }
        B::LanguageMenu => {
            telemetry::handler("button.language_menu");
            send::screen(bot, ctx.to(), keyboards::language_menu(&app.locales, lang)).await?;
            Ok(None)
        }
        B::Language(new) => {
            telemetry::handler("button.language");
            choose_language(bot, app, actor, &pressed, new).await
        }
        B::Cancel { confirm } => {
            telemetry::handler("button.cancel");
            cancel(bot, app, &ctx, &pressed, confirm).await
        }
        B::Submit => {
            telemetry::handler("button.submit");
            submit(bot, app, &ctx, &pressed).await
        }
        step => {
            let Some(stored) = actor.visitor.survey.as_ref() else {
                telemetry::handler("button.no_survey");
                return Ok(Some("error-stale"));
            };
            survey_step(bot, app, &ctx, stored, &pressed, step).await
        }
    }
}

/// A press on a question's or the summary's buttons.
async fn survey_step(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    stored: &StoredSurvey,
    pressed: &Pressed,
    step: SurveyButton,
) -> Result<Option<&'static str>, HandlerError> {
    use SurveyButton as B;
    let state = stored.state.clone();
    let (input, question) = match step {
        B::Back { question } => {
            telemetry::handler("button.back");
            return back(bot, app, ctx, state, Some(&question), Some(pressed)).await;
        }
        B::BackFromSummary => {
            telemetry::handler("button.back");
            return back(bot, app, ctx, state, None, Some(pressed)).await;
        }
        B::Edit { question } => {
            telemetry::handler("button.edit");
            let mut state = state;
            if app.survey.edit(&mut state, &question).is_err() {
                return Ok(Some("error-stale"));
            }
            if app
                .db
                .save_survey(ctx.user_id, ctx.update_id, &state, app.now(), false)
                .await?
                == Applied::Yes
            {
                send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
                show_step(bot, app, ctx, &state).await?;
            }
            return Ok(None);
        }
        B::Answer { question, index } => {
            telemetry::handler("button.answer");
            (Input::Choice(index), question)
        }
        B::Toggle { question, index } => {
            telemetry::handler("button.toggle");
            (Input::Toggle(index), question)
        }
        B::Done { question } => {
            telemetry::handler("button.done");
            (Input::Done, question)
        }
        B::Skip { question } => {
            telemetry::handler("button.skip");
            (Input::Skip, question)
        }
        B::Consent { .. } | B::LanguageMenu | B::Language(_) | B::Cancel { .. } | B::Submit => {
            return Ok(Some("error-stale"));
        }
    };
    answer_button(bot, app, ctx, stored, &question, input, pressed).await
}

async fn answer_button(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    stored: &StoredSurvey,
    question: &str,
    input: Input,
    pressed: &Pressed,
) -> Result<Option<&'static str>, HandlerError> {
    let mut state = stored.state.clone();
    app.survey.repair(&mut state);
    let Some(q) = app
        .survey
        .current(&state)
        .filter(|q| q.id == question)
        .cloned()
    else {
        return Ok(Some("error-stale"));
    };
    apply(bot, app, ctx, state, &q, input, Some(pressed)).await
}

async fn consent(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    pressed: &Pressed,
    agree: bool,
    lang: Lang,
    from_chat: bool,
) -> Result<Option<&'static str>, HandlerError> {
    if app.db.load_survey(ctx.user_id).await?.is_some() {
        return Ok(Some("error-stale"));
    }
    if let Some(case) = app.db.open_case_of(ctx.user_id).await? {
        let text = app
            .locales
            .text_with(lang, "case-open-reminder", &[("case", case.id.into())]);
        send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
        send::text(bot, ctx.to(), text).await?;
        return Ok(None);
    }
    if !agree {
        // Nothing is stored for someone who declines.
        send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
        send::text(bot, ctx.to(), app.locales.text(lang, "consent-declined")).await?;
        return Ok(None);
    }
    let state = app.survey.begin();
    // As for an answer: a busy bot confirms the consent once the survey is stored with the
    // mark that its first question is still to be shown (requester/unshown.rs).
    let early = telemetry::confirm_early();
    if app
        .db
        .begin_survey(ctx.user_id, lang, ctx.update_id, &state, app.now(), early)
        .await?
        == Applied::Duplicate
    {
        return Ok(None);
    }
    if from_chat {
        app.db.set_survey_source(ctx.user_id, "chat").await?;
    }
    if early {
        telemetry::committed();
    }
    send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
    send::screen(
        bot,
        ctx.to(),
        keyboards::step(&app.survey, &app.locales, lang, &state),
    )
    .await?;
    if early {
        app.shown.push(ctx.user_id, ctx.update_id);
    }
    Ok(None)
}

/// The language picker (requesters and staff alike: staff keep their own menu).
async fn choose_language(
    bot: &Bot,
    app: &App,
    actor: &Actor,
    pressed: &Pressed,
    new: Lang,
) -> Result<Option<&'static str>, HandlerError> {
    let ctx = &Ctx::of(actor);
    let stored_person = app.db.set_language(ctx.user_id, new, app.now()).await?;
    send::settle(
        bot,
        ctx.chat,
        pressed.message,
        app.locales.text(new, &format!("language-{}", new.code())),
    )
    .await;
    if actor.is_staff() {
        menus::set_staff_menu(bot, app, ctx.user_id, new, actor.role).await;
    } else {
        menus::set_menu_for(bot, &app.locales, ctx.chat, new).await;
    }
    send::text(bot, ctx.to(), app.locales.text(new, "language-set")).await?;
    if let Some(stored) = app.db.load_survey(ctx.user_id).await? {
        let mut state = stored.state;
        app.survey.repair(&mut state);
        send::screen(
            bot,
            ctx.to(),
            keyboards::step(&app.survey, &app.locales, new, &state),
        )
        .await?;
    } else if !stored_person && app.db.open_case_of(ctx.user_id).await?.is_none() {
        // Before consent nothing is stored: the consent screen carries the language on.
        send::screen(
            bot,
            ctx.to(),
            keyboards::consent(&app.locales, new, &app.config, false),
        )
        .await?;
    }
    Ok(None)
}

async fn cancel(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    pressed: &Pressed,
    confirm: bool,
) -> Result<Option<&'static str>, HandlerError> {
    let Some(stored) = app.db.load_survey(ctx.user_id).await? else {
        return Ok(Some("error-stale"));
    };
    send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
    if !confirm {
        let mut state = stored.state;
        app.survey.repair(&mut state);
        send::text(bot, ctx.to(), ctx.t(app, "cancel-kept")).await?;
        show_step(bot, app, ctx, &state).await?;
        return Ok(None);
    }
    app.db.delete_survey(ctx.user_id).await?;
    let text = match stored.case_id {
        Some(case) => app
            .locales
            .text_with(ctx.lang, "cancel-done-case", &[("case", case.into())]),
        None => ctx.t(app, "cancel-done"),
    };
    send::text_removing_keyboard(bot, ctx.to(), text).await?;
    Ok(None)
}

async fn submit(
    bot: &Bot,
    app: &App,
    ctx: &Ctx,
    pressed: &Pressed,
) -> Result<Option<&'static str>, HandlerError> {
    let stored = app.db.load_survey(ctx.user_id).await?;
    let (answers, gate_case) = match &stored {
        Some(s) if app.survey.current(&s.state).is_none() => (s.state.answers.clone(), s.case_id),
        Some(_) => return Ok(Some("error-stale")),
        None => Default::default(),
    };
    let assessment = triage::assess(&app.survey, &answers);
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let outcome = tx
        .submit_case(
            ctx.user_id,
            ctx.update_id,
            &answers,
            &assessment,
            ctx.lang,
            app.survey.region_of(&answers).as_deref(),
            now,
        )
        .await?;
    // The case and its cards (or, for the safety gate's case, the cards' update) are one commit.
    // The person's "request #N is registered" too: a crash after the commit cannot lose it.
    if let SubmitOutcome::Registered(case) = outcome
        && let Some(row) = tx.case(case).await?
    {
        let text = app
            .locales
            .text_with(ctx.lang, "submitted", &[("case", case.into())]);
        let mut out = vec![Envelope::text(ctx.user_id, text).for_case(case)];
        if gate_case.is_some() {
            out.extend(offers::refresh_cards(app, &row).await?);
        } else {
            out.extend(announce(app, &mut tx, &row).await?);
        }
        tx.enqueue(&out, now).await?;
    }
    // What the person must get ("request #N is registered") is in the outbox: a busy bot may
    // confirm the press now (only the summary's buttons are still to be removed).
    notify::commit_confirming(app, tx, "submit").await?;
    match outcome {
        SubmitOutcome::Registered(_) => {
            send::settle(bot, ctx.chat, pressed.message, pressed.text.clone()).await;
            Ok(None)
        }
        SubmitOutcome::AlreadyRegistered(case) => {
            let text =
                app.locales
                    .text_with(ctx.lang, "already-registered", &[("case", case.into())]);
            send::text(bot, ctx.to(), text).await?;
            Ok(None)
        }
        SubmitOutcome::NothingToSubmit => Ok(Some("error-stale")),
    }
}

/// Cards for a newly registered case (and critical alerts), each at most once per chat,
/// queued in the transaction that registers it. A case with information marked as fake is
/// flagged and shown to supervisors first, not routed.
async fn announce(
    app: &App,
    tx: &mut WriteTx,
    row: &CaseRow,
) -> Result<Vec<Envelope>, HandlerError> {
    let mut out = if offers::check_blocklist(app, tx, row).await? {
        Vec::new()
    } else {
        offers::for_new_case(app, row).await?
    };
    if row.priority == triage::Priority::Critical {
        out.extend(offers::supervisor_alerts(app, row, false).await);
    }
    Ok(offers::keyed(out, "route", row.id))
}

/// The safety gate's alerts and cards, at most once per case and chat, queued in the
/// transaction that opens the case.
async fn gate_alerts(
    app: &App,
    tx: &mut WriteTx,
    row: &CaseRow,
) -> Result<Vec<Envelope>, HandlerError> {
    let mut out = offers::supervisor_alerts(app, row, true).await;
    if !offers::check_blocklist(app, tx, row).await? {
        out.extend(offers::for_new_case(app, row).await?);
    }
    Ok(offers::keyed(out, "gate", row.id))
}

/// An update applied before a crash, sent again by Telegram: nothing changes twice, but the
/// person sees where they are. (What the first attempt queued was committed with its change.)
async fn replay(bot: &Bot, app: &App, ctx: &Ctx) -> HandlerResult {
    if let Some(stored) = app.db.load_survey(ctx.user_id).await? {
        let mut state = stored.state;
        app.survey.repair(&mut state);
        show_step(bot, app, ctx, &state).await?;
        app.shown.push(ctx.user_id, ctx.update_id);
    }
    Ok(())
}

/// At the start, for someone whose last answer was committed but whose next step may not
/// have been shown (requester/unshown.rs): shows where they are, in their language and
/// without a sound if they chose silence.
pub(super) async fn show_again(bot: &Bot, app: &App, user_id: i64) -> HandlerResult {
    let visitor = app.db.visitor(user_id, 0).await?;
    if visitor.banned {
        return Ok(());
    }
    let Some(stored) = visitor.survey else {
        return Ok(());
    };
    let ctx = Ctx {
        chat: ChatId(user_id),
        user_id,
        lang: app.language_or(visitor.language, None),
        update_id: 0,
        quiet: visitor.silent,
    };
    let mut state = stored.state;
    app.survey.repair(&mut state);
    show_step(bot, app, &ctx, &state).await
}
