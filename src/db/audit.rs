//! The audit log: every role action with actor, case, time. Append-only (enforced by triggers
//! in the database); erasure alone may replace a forgotten person's id with the placeholder 0.

use super::{Db, Result, WriteTx};

/// What was done. Stored as its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    AddVolunteer,
    RemoveVolunteer,
    AddSupervisor,
    RemoveSupervisor,
    Claim,
    Release,
    Done,
    Note,
    Verify,
    Flag,
    Unflag,
    Ban,
    Unban,
    BlockPhone,
    BlockPlace,
    BlockLink,
    UnblockLink,
    Export,
    Forget,
    AddResource,
    CheckResource,
    ResourceStatus,
    SendResource,
    ResourceReported,
    GuardDelete,
    GuardHold,
    GuardBan,
    PostReport,
    BridgeReply,
    TrustMember,
    Reopen,
    Trained,
    Transfer,
    Refer,
    ReferConsent,
    TeamAdd,
    TeamRemove,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::AddVolunteer => "add_volunteer",
            AuditAction::RemoveVolunteer => "remove_volunteer",
            AuditAction::AddSupervisor => "add_supervisor",
            AuditAction::RemoveSupervisor => "remove_supervisor",
            AuditAction::Claim => "claim",
            AuditAction::Release => "release",
            AuditAction::Done => "done",
            AuditAction::Note => "note",
            AuditAction::Verify => "verify",
            AuditAction::Flag => "flag",
            AuditAction::Unflag => "unflag",
            AuditAction::Ban => "ban",
            AuditAction::Unban => "unban",
            AuditAction::BlockPhone => "block_phone",
            AuditAction::BlockPlace => "block_place",
            AuditAction::BlockLink => "block_link",
            AuditAction::UnblockLink => "unblock_link",
            AuditAction::Export => "export",
            AuditAction::Forget => "forget",
            AuditAction::AddResource => "add_resource",
            AuditAction::CheckResource => "check_resource",
            AuditAction::ResourceStatus => "resource_status",
            AuditAction::SendResource => "send_resource",
            AuditAction::ResourceReported => "resource_reported",
            AuditAction::GuardDelete => "guard_delete",
            AuditAction::GuardHold => "guard_hold",
            AuditAction::GuardBan => "guard_ban",
            AuditAction::PostReport => "post_report",
            AuditAction::BridgeReply => "bridge_reply",
            AuditAction::TrustMember => "trust_member",
            AuditAction::Reopen => "reopen",
            AuditAction::Trained => "trained",
            AuditAction::Transfer => "transfer",
            AuditAction::Refer => "refer",
            AuditAction::ReferConsent => "refer_consent",
            AuditAction::TeamAdd => "team_add",
            AuditAction::TeamRemove => "team_remove",
        }
    }
}

/// One audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: i64,
    pub action: String,
    pub case_id: Option<i64>,
    pub subject_id: Option<i64>,
    pub detail: Option<String>,
}

type AuditRow = (i64, i64, String, Option<i64>, Option<i64>, Option<String>);

impl Db {
    /// Appends one row, in a transaction of its own (for actions that change nothing else).
    pub async fn audit(
        &self,
        actor_id: i64,
        action: AuditAction,
        case_id: Option<i64>,
        subject_id: Option<i64>,
        detail: Option<&str>,
        now: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.audit(actor_id, action, case_id, subject_id, detail, now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A case's history, oldest first.
    pub async fn audit_of_case(&self, case_id: i64) -> Result<Vec<AuditEntry>> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT at, actor_id, action, case_id, subject_id, detail FROM audit_log WHERE case_id = ? ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(
                |(at, actor_id, action, case_id, subject_id, detail)| AuditEntry {
                    at,
                    actor_id,
                    action,
                    case_id,
                    subject_id,
                    detail,
                },
            )
            .collect())
    }
}

impl WriteTx {
    /// Appends one row, with the change it records. `detail` carries ids and codes only (an
    /// outcome, a kind), never personal data.
    pub async fn audit(
        &mut self,
        actor_id: i64,
        action: AuditAction,
        case_id: Option<i64>,
        subject_id: Option<i64>,
        detail: Option<&str>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, case_id, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(now)
        .bind(actor_id)
        .bind(action.as_str())
        .bind(case_id)
        .bind(subject_id)
        .bind(detail)
        .execute(&mut **self)
        .await?;
        Ok(())
    }
}
