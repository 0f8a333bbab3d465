//! `/team N`, `/team N add USER_ID [role]`, `/team N remove USER_ID`: helpers around one case
//! (roles in [`crate::team`]). The assigned volunteer or a supervisor changes the team; the
//! person is told a helper joined, by role, never by name; every change is audited. Team
//! members get the person's messages and, except observers, may answer them.

use teloxide::prelude::*;

use super::{Staff, cases::handled_case};
use crate::{
    bot::{App, HandlerError, HandlerResult, notify},
    db::{AuditAction, CaseStatus},
    outbox::Envelope,
    roles::case_and_rest,
    team::{self, TeamCommand, TeamRole},
    telemetry,
    training::Training,
};

/// `/team …`.
pub(crate) async fn team(bot: Bot, app: App, me: Staff, args: String) -> HandlerResult {
    telemetry::handler("volunteer.team");
    let text = run(&app, &me, &args).await?;
    me.say(&bot, text).await
}

pub(super) async fn run(app: &App, me: &Staff, args: &str) -> Result<String, HandlerError> {
    let Some((case_id, command)) =
        case_and_rest(args).and_then(|(case, rest)| Some((case, team::parse(rest)?)))
    else {
        return Ok(me.t(app, "usage-team"));
    };
    let case = match handled_case(app, me, case_id).await? {
        Ok(case) => case,
        Err(refusal) => return Ok(refusal),
    };
    let tc = |id: &str, args: &[(&str, crate::i18n::Arg)]| app.locales.text_with(me.lang, id, args);
    let now = app.now();
    match command {
        TeamCommand::Show => {
            let members = app.db.team(case.id).await?;
            if members.is_empty() {
                return Ok(tc("team-empty", &[("case", case.id.into())]));
            }
            let mut text = tc("team-title", &[("case", case.id.into())]);
            for (member, role) in members {
                let role = TeamRole::from_code(&role).map_or(role, |r| me.t(app, &r.text_id()));
                text.push_str(&format!("\n{member} · {role}"));
            }
            Ok(text)
        }
        TeamCommand::Add { member, role } => {
            if case.status != CaseStatus::Claimed {
                return Ok(me.tc(app, "case-not-claimed", case.id));
            }
            let user = [("user", member.into()), ("case", case.id.into())];
            if Some(member) == case.volunteer_id {
                return Ok(tc("team-is-assigned", &user));
            }
            let Some(helper) = app.db.volunteer(member).await? else {
                return Ok(tc("transfer-not-volunteer", &user));
            };
            // A trainee may watch a case, never answer in it.
            if role != TeamRole::Observer && !Training::of(helper.trained_until, now).may_work() {
                return Ok(tc("team-untrained", &user));
            }
            let mut tx = app.db.begin().await?;
            let new = tx
                .add_to_team(case.id, member, role.code(), me.id, now)
                .await?;
            tx.audit(
                me.id,
                AuditAction::TeamAdd,
                Some(case.id),
                Some(member),
                Some(role.code()),
                now,
            )
            .await?;
            let mut out = Vec::new();
            let mlang = app.language_for(member, None).await;
            out.push(
                Envelope::text(
                    member,
                    app.locales.text_with(
                        mlang,
                        "team-joined",
                        &[
                            ("case", case.id.into()),
                            ("role", app.locales.text(mlang, &role.text_id()).into()),
                        ],
                    ),
                )
                .for_case(case.id),
            );
            if new && let Some(requester) = case.requester_id {
                out.push(
                    Envelope::text(
                        requester,
                        app.locales.text_with(
                            case.language,
                            "requester-helper-joined",
                            &[
                                ("case", case.id.into()),
                                (
                                    "role",
                                    app.locales.text(case.language, &role.text_id()).into(),
                                ),
                            ],
                        ),
                    )
                    .for_case(case.id),
                );
            }
            tx.enqueue(&out, now).await?;
            notify::commit(app, tx, "team_add").await?;
            Ok(tc(
                "team-added",
                &[
                    ("user", member.into()),
                    ("case", case.id.into()),
                    ("role", me.t(app, &role.text_id()).into()),
                ],
            ))
        }
        TeamCommand::Remove { member } => {
            let user = [("user", member.into()), ("case", case.id.into())];
            let mut tx = app.db.begin().await?;
            if !tx.remove_from_team(case.id, member).await? {
                return Ok(tc("team-not-member", &user));
            }
            tx.audit(
                me.id,
                AuditAction::TeamRemove,
                Some(case.id),
                Some(member),
                None,
                now,
            )
            .await?;
            let mlang = app.language_for(member, None).await;
            tx.enqueue(
                &[Envelope::text(
                    member,
                    app.locales
                        .text_with(mlang, "team-left", &[("case", case.id.into())]),
                )
                .for_case(case.id)],
                now,
            )
            .await?;
            notify::commit(app, tx, "team_remove").await?;
            Ok(tc("team-removed", &user))
        }
    }
}
