//! The thin Telegram layer: the handler tree, commands, keyboards and the polling loop.
//! Decisions live in the domain modules (`survey`, `triage`) and data in `db`.

mod albums;
pub mod buttons;
mod cards;
mod edits;
mod gate;
pub mod keyboards;
pub mod listener;
mod menus;
mod notify;
mod offers;
mod public;
mod requester;
pub mod scheduler;
mod schema;
mod send;
mod staff;
mod webhook;

pub use menus::register_commands;
pub use requester::Command;
pub use schema::schema;
pub use staff::StaffCommand;

use std::sync::Arc;

use teloxide::prelude::*;

use crate::{
    clock::{Clock, SystemClock},
    config::Config,
    db::Db,
    i18n::{Lang, Locales},
    outbox::Outbox,
    resources::Validity,
    roles::Role,
    survey::Survey,
    telemetry,
};

pub type HandlerError = Box<dyn std::error::Error + Send + Sync>;
pub type HandlerResult = Result<(), HandlerError>;

/// Replaces teloxide's error handler, which prints errors with their full content.
pub fn error_handler() -> Arc<dyn teloxide::error_handlers::ErrorHandler<HandlerError> + Send + Sync>
{
    Arc::new(|error: HandlerError| async move {
        let text = match error.downcast_ref::<teloxide::RequestError>() {
            Some(e) => listener::loggable(e),
            None => error.to_string(),
        };
        tracing::error!(error = %text, "handler failed");
    })
}

/// What the spinner of a pressed button shows when the press is answered: a handler's reply
/// to a press.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Toast {
    /// Nothing: the press was answered with messages.
    Quiet,
    /// A text, by message id, in the presser's language.
    Id(&'static str),
    /// A text ready to show.
    Text(String),
}

/// Handles a press: runs `work` with what it commits held back, answers the press (its
/// spinner stops) with the toast `work` returned, then sends what it committed. Inside
/// [`pressed_answering_first`] the press may have been answered already, alongside the first
/// reply: then that answer is waited for instead.
async fn pressed(
    bot: &Bot,
    app: &App,
    q: &CallbackQuery,
    actor: &gate::Actor,
    work: impl std::future::Future<Output = Result<Toast, HandlerError>>,
) -> HandlerResult {
    let (result, committed) = notify::deferring(work).await;
    let early = PRESS.try_with(|p| p.take()).ok().flatten();
    let answered = match early {
        Some(PressAnswer::Answering(answering)) => {
            let _ = answering.await;
            if result.is_err() {
                let text = app.locales.text(actor.lang, "error-try-again");
                let _ = send::text(bot, actor.to(), text).await;
            } else if !matches!(result, Ok(Toast::Quiet)) {
                tracing::debug!(
                    update_id = actor.update_id,
                    "toast after an early answer dropped"
                );
            }
            result.map(drop)
        }
        Some(PressAnswer::Unanswered(..)) | None => answer(bot, app, q, actor, result).await,
    };
    notify::flush(app, &committed).await;
    answered
}

/// Where the answer of a survey press stands (see [`pressed_answering_first`]).
enum PressAnswer {
    /// Not answered yet.
    Unanswered(Bot, teloxide::types::CallbackQueryId),
    /// Being answered, alongside the first reply.
    Answering(tokio::task::JoinHandle<()>),
}

tokio::task_local! {
    /// The survey press being handled (see [`pressed_answering_first`]).
    static PRESS: std::cell::RefCell<Option<PressAnswer>>;
}

/// [`pressed`] for the survey's presses, which answer with messages: the press is answered
/// (without a toast, so its spinner stops) as the handler's first reply starts going out,
/// alongside it rather than after it, so the person sees an answer one round trip to Telegram
/// sooner; the update is done when both are. A handler that answers with a toast (a stale
/// button) has sent nothing before it, so its press is answered with the toast as usual; one
/// that fails after replying says "try again" in a message.
async fn pressed_answering_first(
    bot: &Bot,
    app: &App,
    q: &CallbackQuery,
    actor: &gate::Actor,
    work: impl std::future::Future<Output = Result<Toast, HandlerError>>,
) -> HandlerResult {
    let slot = std::cell::RefCell::new(Some(PressAnswer::Unanswered(bot.clone(), q.id.clone())));
    PRESS.scope(slot, pressed(bot, app, q, actor, work)).await
}

/// Starts answering the press being handled, if it is still unanswered, without a toast and
/// without waiting (see [`pressed_answering_first`]): called before each reply goes out.
fn answer_press_first() {
    let _ = PRESS.try_with(|p| {
        let mut p = p.borrow_mut();
        *p = match p.take() {
            Some(PressAnswer::Unanswered(bot, id)) => {
                Some(PressAnswer::Answering(tokio::spawn(async move {
                    if let Err(e) = bot.answer_callback_query(id).await {
                        tracing::debug!(
                            error = %listener::loggable(&e),
                            "could not answer a button press"
                        );
                    }
                })))
            }
            other => other,
        };
    });
}

/// Answers a press with a toast; a handler's error answers "try again" and is passed on.
async fn answer(
    bot: &Bot,
    app: &App,
    q: &CallbackQuery,
    actor: &gate::Actor,
    result: Result<Toast, HandlerError>,
) -> HandlerResult {
    let text = match &result {
        Ok(Toast::Quiet) => None,
        Ok(Toast::Id(id)) => Some(app.locales.text(actor.lang, id)),
        Ok(Toast::Text(text)) => Some(text.clone()),
        Err(_) => Some(app.locales.text(actor.lang, "error-try-again")),
    };
    let mut request = bot.answer_callback_query(q.id.clone());
    if let Some(text) = text {
        request = request.text(text);
    }
    if let Err(e) = request.await {
        tracing::debug!(error = %listener::loggable(&e), "could not answer a button press");
    }
    result.map(drop)
}

/// Everything a handler needs, passed in through `dptree::deps!`: no global state.
#[derive(Debug, Clone)]
pub struct App {
    pub db: Db,
    pub survey: Arc<Survey>,
    pub locales: Arc<Locales>,
    /// How long a resource's check holds, per kind (`dialogues/resources.toml`).
    pub validity: Arc<Validity>,
    /// The phrases of a public cry for help (`dialogues/bridge.toml`).
    pub bridge: Arc<crate::bridge::Bridge>,
    /// The code words per language (`dialogues/codewords.toml`).
    pub codewords: Arc<crate::codeword::CodeWords>,
    /// The partner organisations of `/refer` (`dialogues/partners.toml`).
    pub partners: Arc<crate::partners::Partners>,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    /// The sender of the outbox: handlers send what they commit through it at once, and its
    /// worker (started by [`spawn`]) sends what is left.
    pub outbox: Outbox,
    /// The Bot API the outbox sends through.
    bot: Bot,
    /// Recent message times per person, for flood control.
    pub flood: Arc<gate::FloodMeter>,
    /// The Telegram language of people who wrote recently (memory only).
    pub seen_languages: Arc<gate::SeenLanguages>,
    /// Survey steps shown since their marks were last cleared (`requester/unshown.rs`).
    pub(crate) shown: Arc<requester::unshown::Shown>,
    /// Albums written after a case was closed (`requester/closed.rs`, memory only).
    pub(crate) closed_albums: Arc<requester::closed::Albums>,
    /// What a reached failpoint does: abort the process (in-process tests panic instead).
    pub on_failpoint: fn(&str),
}

impl App {
    /// An app whose outbox sends through `bot` (with Telegram's limits unless
    /// `THROTTLE=off`). Must be called inside the tokio runtime.
    pub fn new(db: Db, loaded: crate::check::Loaded, config: Config, bot: Bot) -> App {
        let crate::check::Loaded {
            survey,
            locales,
            validity,
            bridge,
            codewords,
            partners,
        } = loaded;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let outbox = Outbox::new(db.clone(), bot.clone(), clock.clone(), config.throttle);
        App {
            db,
            survey: Arc::new(survey),
            locales: Arc::new(locales),
            validity: Arc::new(validity),
            bridge: Arc::new(bridge),
            codewords: Arc::new(codewords),
            partners: Arc::new(partners),
            config: Arc::new(config),
            clock,
            outbox,
            bot,
            flood: Arc::default(),
            seen_languages: Arc::default(),
            shown: Arc::default(),
            closed_albums: Arc::default(),
            on_failpoint: |_| std::process::abort(),
        }
    }

    /// Every supervisor: those from `SUPERVISOR_IDS` and those added with `/addsupervisor`.
    pub async fn supervisors(&self) -> Result<Vec<i64>, crate::db::DbError> {
        let mut all = self.config.supervisor_ids.clone();
        for id in self.db.db_supervisors().await? {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        Ok(all)
    }

    /// The role of the sender of an update, from what the gate read of them.
    pub fn role_from(&self, user_id: i64, visitor: &crate::db::Visitor) -> Role {
        if self.config.is_supervisor(user_id) || visitor.supervisor {
            Role::Supervisor
        } else if visitor.volunteer {
            Role::Volunteer
        } else {
            Role::Requester
        }
    }

    /// The same app on another clock (tests); its outbox uses it too.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> App {
        self.clock = clock;
        self.outbox = self.new_outbox();
        self
    }

    /// The same app sending through another Bot API (a test's own emulator).
    pub fn with_bot(mut self, bot: Bot) -> App {
        self.bot = bot;
        self.outbox = self.new_outbox();
        self
    }

    fn new_outbox(&self) -> Outbox {
        Outbox::new(
            self.db.clone(),
            self.bot.clone(),
            self.clock.clone(),
            self.config.throttle,
        )
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Crash tests: the process dies here, right after the commit named `point`, when
    /// `EVAC_FAILPOINT` names it ([`App::on_failpoint`] decides how; in the binary, abort).
    pub fn failpoint(&self, point: &str) {
        if self.config.failpoint.as_deref() == Some(point) {
            tracing::error!(point, "failpoint reached; stopping the process");
            (self.on_failpoint)(point);
        }
    }

    /// The language to speak to a person: the one stored for them, else their Telegram
    /// language if we speak it, else the configured default.
    pub async fn language_for(&self, user_id: i64, telegram_code: Option<&str>) -> Lang {
        let stored = self.db.language_of(user_id).await.ok().flatten();
        self.language_or(stored, telegram_code)
    }

    /// The same choice as [`App::language_for`], from a language already read.
    pub fn language_or(&self, stored: Option<Lang>, telegram_code: Option<&str>) -> Lang {
        stored
            .or_else(|| telegram_code.and_then(Lang::from_code))
            .unwrap_or(self.config.default_language)
    }
}

/// Runs the bot with long polling until Ctrl-C. A Bot API that does not answer getMe
/// readably, or refuses the token, is a clear error before anything else is done; a network
/// that is down for a while is waited out.
pub async fn run(app: App, bot: Bot) -> anyhow::Result<()> {
    if let Err(e) = wait_for_bot_api(&bot).await {
        anyhow::bail!(
            "the Bot API did not answer getMe ({}): check TELOXIDE_TOKEN and TELOXIDE_API_URL",
            listener::loggable(&e)
        );
    }
    let running = spawn(app, bot, true).await?;
    running.task.await?;
    Ok(())
}

/// Asks getMe until the Bot API answers it (see [`until_answered`]).
async fn wait_for_bot_api(bot: &Bot) -> Result<teloxide::types::Me, teloxide::RequestError> {
    until_answered("getMe", || bot.get_me().into_future()).await
}

/// Makes a Bot API call until it is answered. An answer that is not the Bot API's, or a
/// refusal other than a server error, is returned as the error (the settings are wrong);
/// network errors, 5xx and 429 are waited out (1 s, then twice as long each time, at most
/// 30 s; 429 as long as Telegram asks).
async fn until_answered<T, F, Fut>(method: &str, mut call: F) -> Result<T, teloxide::RequestError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, teloxide::RequestError>>,
{
    use teloxide::RequestError;
    let mut delay = std::time::Duration::from_secs(1);
    loop {
        match call().await {
            Ok(answer) => return Ok(answer),
            Err(RequestError::RetryAfter(after)) => tokio::time::sleep(after.duration()).await,
            Err(RequestError::Api(e)) if !crate::outbox::is_server_error(&e.to_string()) => {
                return Err(RequestError::Api(e));
            }
            Err(e @ RequestError::InvalidJson { .. }) => return Err(e),
            Err(e) => {
                tracing::warn!(method, error = %listener::loggable(&e), "Bot API call failed; trying again");
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(std::time::Duration::from_secs(30));
            }
        }
    }
}

/// Updates with the same key are handled one after another, in order; different keys at the
/// same time. A chat's messages share its key; a button press is keyed by the person who
/// pressed it (in their private chat that is the chat's key too, so their answers stay in
/// order; in the volunteer group, two volunteers pressing cards do not wait for each other).
fn order_key(update: &Update) -> Option<i64> {
    match &update.kind {
        teloxide::types::UpdateKind::CallbackQuery(q) => Some(q.from.id.0 as i64),
        // In a group, by author: a busy public chat's posts do not wait for one another,
        // and each member's stay in order (the newcomer rule counts them).
        _ => match update.chat() {
            Some(chat) if !chat.is_private() => update.from().map(|u| u.id.0 as i64),
            other => other.map(|c| c.id.0),
        },
    }
}

/// Aborts the tasks when dropped.
struct AbortOnDrop(Vec<tokio::task::JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// How long [`Running::stop`] waits for the handlers still running.
const STOP_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// How long the webhook server may take to close its connections once the bot stops.
const SERVER_STOP_LIMIT: std::time::Duration = std::time::Duration::from_secs(2);

/// A bot running in the background (for `simulate`, benchmarks and tests).
pub struct Running {
    pub shutdown: teloxide::dispatching::ShutdownToken,
    pub task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops polling, lets handlers finish and confirms the last updates. Bounded: a bot
    /// that is not polling yet, or does not stop within [`STOP_LIMIT`], is aborted (what it
    /// did not confirm, Telegram sends again).
    pub async fn stop(self) {
        match self.shutdown.shutdown() {
            Ok(done) => {
                if tokio::time::timeout(STOP_LIMIT, done).await.is_err() {
                    tracing::warn!("the bot did not stop within {STOP_LIMIT:?}; aborted");
                    self.task.abort();
                }
            }
            // Still starting (not polling yet): nothing to let finish.
            Err(_) => self.task.abort(),
        }
        let _ = self.task.await;
    }
}

/// Starts the bot: in webhook mode (`WEBHOOK_URL`) serves the webhook and registers it, else
/// removes any webhook to poll; registers the command menus, starts the outbox worker and the
/// scheduler, and hands updates to the handler tree in a task. Fails only if the webhook's
/// address cannot be served or Telegram refuses the webhook.
pub async fn spawn(mut app: App, bot: Bot, ctrlc: bool) -> anyhow::Result<Running> {
    let serving = match app.config.webhook.clone() {
        None => {
            if let Err(e) = bot.delete_webhook().await {
                tracing::warn!(error = %e, "could not remove a webhook");
            }
            None
        }
        Some(hook) => {
            let serving = webhook::serve(&hook, app.db.clone(), app.config.max_in_flight)
                .await
                .map_err(|e| anyhow::anyhow!("WEBHOOK_LISTEN {}: {e}", hook.listen))?;
            until_answered("setWebhook", || {
                webhook::register(&bot, &hook, app.config.max_in_flight)
            })
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "Telegram refused the webhook ({}): check WEBHOOK_URL",
                    listener::loggable(&e)
                )
            })?;
            Some(serving)
        }
    };
    if let Err(e) = register_commands(&bot, &app.locales).await {
        tracing::warn!(error = %e, "could not register the command menus");
    }
    public::startup(&bot, &app).await;
    match app.db.release_outbox_leases().await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            rows = n,
            "notifications interrupted by the last stop are due again"
        ),
        Err(e) => tracing::warn!(error = %e, "could not release the outbox leases"),
    }
    app = app.with_bot(bot.clone());
    let worker = app.outbox.spawn_worker();
    let scheduler = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(scheduler::PERIOD);
            loop {
                every.tick().await;
                if let Err(e) = scheduler::tick(&app).await {
                    tracing::error!(error = %e, "scheduler pass failed");
                }
            }
        })
    };
    requester::unshown::show_after_restart(&bot, &app).await;
    let checkpointer = {
        let (db, app) = (app.db.clone(), app.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(std::time::Duration::from_secs(1));
            loop {
                every.tick().await;
                app.shown.flush(&db).await;
                if let Err(e) = db.checkpoint().await {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        })
    };
    let in_flight = Arc::new(listener::InFlight::default());
    let finished: telemetry::Finished = match serving.as_ref().map(|s| s.waiting.clone()) {
        Some(waiting) => waiting,
        None => in_flight.clone(),
    };
    let (listener_bot, listener_db) = (bot.clone(), app.db.clone());
    let max_in_flight = app.config.max_in_flight;
    tracing::info!(
        supervisors = app.config.supervisor_ids.len(),
        questions = app.survey.questions.len(),
        mode = if serving.is_some() {
            "webhook"
        } else {
            "polling"
        },
        "evac-intake is running"
    );
    let (shown, shown_db) = (app.shown.clone(), app.db.clone());
    let mut builder = Dispatcher::builder(bot, schema())
        .distribution_function(order_key)
        .dependencies(dptree::deps![app, finished])
        .default_handler(|_update| async {})
        .error_handler(error_handler());
    if ctrlc {
        builder = builder.enable_ctrlc_handler();
    }
    let mut dispatcher = builder.build();
    let shutdown = dispatcher.shutdown_token();
    let task = tokio::spawn(async move {
        // The background tasks end with polling (also when this task is aborted).
        let _background = AbortOnDrop(vec![scheduler, checkpointer, worker]);
        // The dispatcher asks getMe before it polls: a failure there (the network) is tried
        // again, with a new listener (nothing was fetched yet).
        let mut delay = std::time::Duration::from_secs(1);
        loop {
            let on_error = Arc::new(|error: teloxide::RequestError| async move {
                tracing::warn!(error = %listener::loggable(&error), "getUpdates failed; retrying");
            });
            let dispatched = match &serving {
                Some(serving) => {
                    dispatcher
                        .try_dispatch_with_listener(serving.listener(), on_error)
                        .await
                }
                None => {
                    let polling = listener::AckListener::new(
                        listener_bot.clone(),
                        listener_db.clone(),
                        in_flight.clone(),
                        max_in_flight,
                    );
                    dispatcher
                        .try_dispatch_with_listener(polling, on_error)
                        .await
                }
            };
            match dispatched {
                Ok(()) => break,
                Err(e) => {
                    tracing::warn!(error = %listener::loggable(&e), "getMe failed; trying again later");
                    tokio::time::sleep(delay).await;
                    delay = (delay * 2).min(std::time::Duration::from_secs(30));
                }
            }
        }
        shown.flush(&shown_db).await;
        if let Some(serving) = serving {
            // Stopped with the dispatcher: the requests still open are answered (503, so
            // Telegram sends them again); idle keep-alive connections are not waited for.
            let mut server = serving.task;
            if tokio::time::timeout(SERVER_STOP_LIMIT, &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
    });
    Ok(Running { shutdown, task })
}
