//! Verified resources, what each case was given, what requesters said, and supervisors'
//! `/addresource` drafts.

use super::{Db, DbError, Result, WriteTx};
use crate::resources::{Draft, Kind, Resource, Status};

const COLUMNS: &str = "id, kind, region, title, details, phone, capacity, status, status_note, \
                       needs_check, verified_by, verified_at, expires_at";

type RawResource = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    String,
    Option<String>,
    bool,
    i64,
    i64,
    i64,
);

fn resource_from(raw: RawResource) -> Result<Resource> {
    let (
        id,
        kind,
        region,
        title,
        details,
        phone,
        capacity,
        status,
        status_note,
        needs_check,
        verified_by,
        verified_at,
        expires_at,
    ) = raw;
    let corrupt = |what: &str| {
        DbError::Corrupt(serde::de::Error::custom(format!(
            "resource {id}: unknown {what}"
        )))
    };
    Ok(Resource {
        id,
        kind: Kind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
        region,
        title,
        details,
        phone,
        capacity,
        status: Status::from_code(&status).ok_or_else(|| corrupt("status"))?,
        status_note,
        needs_check,
        verified_by,
        verified_at,
        expires_at,
    })
}

/// A resource a case was given: the row id (the requester's feedback buttons carry it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentResource {
    pub id: i64,
    pub case_id: i64,
    pub resource_id: i64,
    pub title: String,
    pub sent_at: i64,
    /// `Some(true)`: it helped; `Some(false)`: wrong or outdated.
    pub helped: Option<bool>,
}

/// What requesters said about one resource since the last digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub resource_id: i64,
    pub title: String,
    pub helped: i64,
    pub wrong: i64,
}

/// Resource counts of one region, for `/stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionResources {
    pub region: String,
    pub active: i64,
    pub stale: i64,
    pub reported: i64,
}

/// The fields of a new resource, from a finished draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewResource {
    pub kind: Kind,
    pub region: String,
    pub title: String,
    pub details: String,
    pub phone: Option<String>,
    pub capacity: Option<i64>,
}

impl Db {
    pub async fn resource(&self, id: i64) -> Result<Option<Resource>> {
        let raw: Option<RawResource> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM resources WHERE id = ?"))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        raw.map(resource_from).transpose()
    }

    /// Resources, by region, kind and number; either filter may be left out.
    pub async fn resources(
        &self,
        region: Option<&str>,
        kind: Option<Kind>,
    ) -> Result<Vec<Resource>> {
        let raw: Vec<RawResource> = sqlx::query_as(&format!(
            "SELECT {COLUMNS} FROM resources
             WHERE (?1 IS NULL OR region = ?1) AND (?2 IS NULL OR kind = ?2)
             ORDER BY region, kind, id"
        ))
        .bind(region)
        .bind(kind.map(Kind::code))
        .fetch_all(self.pool())
        .await?;
        raw.into_iter().map(resource_from).collect()
    }

    /// What a case was given, oldest first.
    pub async fn resources_of_case(&self, case_id: i64) -> Result<Vec<SentResource>> {
        let rows: Vec<(i64, i64, i64, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT cr.id, cr.case_id, cr.resource_id, r.title, cr.sent_at, cr.feedback
             FROM case_resources cr JOIN resources r ON r.id = cr.resource_id
             WHERE cr.case_id = ? ORDER BY cr.id",
        )
        .bind(case_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(sent_from).collect())
    }

    pub async fn sent_resource(&self, id: i64) -> Result<Option<SentResource>> {
        let row: Option<(i64, i64, i64, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT cr.id, cr.case_id, cr.resource_id, r.title, cr.sent_at, cr.feedback
             FROM case_resources cr JOIN resources r ON r.id = cr.resource_id
             WHERE cr.id = ?",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(sent_from))
    }

    /// Per region: resources volunteers can send, stale ones, and those reported wrong.
    pub async fn resource_counts(&self, now: i64) -> Result<Vec<RegionResources>> {
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT region,
                    SUM(status = 'active' AND needs_check = 0 AND expires_at > ?1),
                    SUM(needs_check = 1 OR expires_at <= ?1),
                    SUM(needs_check = 1)
             FROM resources GROUP BY region ORDER BY region",
        )
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(region, active, stale, reported)| RegionResources {
                region,
                active,
                stale,
                reported,
            })
            .collect())
    }

    /// Every resource with how often it was sent, and what requesters said: (resource, sent,
    /// helped, wrong), for `/export`.
    pub async fn resources_for_export(&self) -> Result<Vec<(Resource, i64, i64, i64)>> {
        let all = self.resources(None, None).await?;
        let tallies: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT resource_id, COUNT(*), SUM(feedback = 'helped'), SUM(feedback = 'wrong')
             FROM case_resources GROUP BY resource_id",
        )
        .fetch_all(self.pool())
        .await?;
        let mut rows: Vec<(Resource, i64, i64, i64)> = all
            .into_iter()
            .map(|r| {
                let (sent, helped, wrong) = tallies
                    .iter()
                    .find(|t| t.0 == r.id)
                    .map_or((0, 0, 0), |t| (t.1, t.2, t.3));
                (r, sent, helped, wrong)
            })
            .collect();
        rows.sort_by_key(|(r, ..)| r.id);
        Ok(rows)
    }

    /// The case whose journey question this message asked, if it is this person's and still
    /// open.
    pub async fn journey_question(
        &self,
        person: i64,
        message_id: i32,
        now: i64,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT case_id FROM journey_questions
             WHERE telegram_id = ? AND message_id = ? AND expires_at > ?",
        )
        .bind(person)
        .bind(message_id)
        .bind(now)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Asks the journey question in `message_id` (one open question per person).
    pub async fn ask_journey(
        &self,
        person: i64,
        case_id: i64,
        message_id: i32,
        expires_at: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO journey_questions (telegram_id, case_id, message_id, expires_at)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (telegram_id) DO UPDATE SET case_id = excluded.case_id,
                 message_id = excluded.message_id, expires_at = excluded.expires_at",
        )
        .bind(person)
        .bind(case_id)
        .bind(message_id)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgets journey questions nobody answered in time.
    pub async fn forget_expired_journeys(&self, now: i64) -> Result<u64> {
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM journey_questions WHERE expires_at <= ?")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// A supervisor's `/addresource` dialogue in progress.
    pub async fn draft(&self, supervisor: i64) -> Result<Option<Draft>> {
        let json: Option<String> =
            sqlx::query_scalar("SELECT draft FROM resource_drafts WHERE supervisor_id = ?")
                .bind(supervisor)
                .fetch_optional(self.pool())
                .await?;
        json.map(|j| serde_json::from_str(&j).map_err(DbError::from))
            .transpose()
    }

    pub async fn save_draft(&self, supervisor: i64, draft: &Draft, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO resource_drafts (supervisor_id, draft, updated_at) VALUES (?, ?, ?)
             ON CONFLICT (supervisor_id) DO UPDATE SET draft = excluded.draft,
                 updated_at = excluded.updated_at",
        )
        .bind(supervisor)
        .bind(serde_json::to_string(draft)?)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// `true` if there was one.
    pub async fn drop_draft(&self, supervisor: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let gone = tx.drop_draft(supervisor).await?;
        tx.commit().await?;
        Ok(gone)
    }
}

fn sent_from(row: (i64, i64, i64, String, i64, Option<String>)) -> SentResource {
    let (id, case_id, resource_id, title, sent_at, feedback) = row;
    SentResource {
        id,
        case_id,
        resource_id,
        title,
        sent_at,
        helped: match feedback.as_deref() {
            Some("helped") => Some(true),
            Some("wrong") => Some(false),
            _ => None,
        },
    }
}

impl WriteTx {
    /// Takes the person's journey question (answered): `false` if it was taken before.
    pub async fn take_journey_question(&mut self, person: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM journey_questions WHERE telegram_id = ?")
            .bind(person)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn drop_draft(&mut self, supervisor: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM resource_drafts WHERE supervisor_id = ?")
            .bind(supervisor)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores a resource checked now by `by`; its id.
    pub async fn insert_resource(
        &mut self,
        new: &NewResource,
        by: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<i64> {
        let id = sqlx::query_scalar(
            "INSERT INTO resources (kind, region, title, details, phone, capacity, verified_by,
                 verified_at, expires_at, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(new.kind.code())
        .bind(&new.region)
        .bind(&new.title)
        .bind(&new.details)
        .bind(&new.phone)
        .bind(new.capacity)
        .bind(by)
        .bind(now)
        .bind(expires_at)
        .bind(now)
        .fetch_one(&mut **self)
        .await?;
        Ok(id)
    }

    /// A new check: `verified_at` now, a new expiry, and any requester's report cleared.
    pub async fn confirm_resource(
        &mut self,
        id: i64,
        by: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE resources SET verified_by = ?, verified_at = ?, expires_at = ?, needs_check = 0
             WHERE id = ?",
        )
        .bind(by)
        .bind(now)
        .bind(expires_at)
        .bind(id)
        .execute(&mut **self)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_resource_status(
        &mut self,
        id: i64,
        status: Status,
        note: Option<&str>,
    ) -> Result<bool> {
        let done = sqlx::query("UPDATE resources SET status = ?, status_note = ? WHERE id = ?")
            .bind(status.code())
            .bind(note)
            .bind(id)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that a case was given a resource; the row's id, or `None` if it was already.
    pub async fn record_resource_sent(
        &mut self,
        case_id: i64,
        resource_id: i64,
        by: i64,
        now: i64,
    ) -> Result<Option<i64>> {
        let id = sqlx::query_scalar(
            "INSERT INTO case_resources (case_id, resource_id, sent_by, sent_at)
             VALUES (?, ?, ?, ?) ON CONFLICT (case_id, resource_id) DO NOTHING RETURNING id",
        )
        .bind(case_id)
        .bind(resource_id)
        .bind(by)
        .bind(now)
        .fetch_optional(&mut **self)
        .await?;
        Ok(id)
    }

    /// A requester's answer about a resource they were given: counted once. "Wrong" marks the
    /// resource for a new check at once. `false` if it was answered before.
    pub async fn resource_feedback(
        &mut self,
        sent_id: i64,
        helped: bool,
        now: i64,
    ) -> Result<bool> {
        let resource: Option<i64> = sqlx::query_scalar(
            "UPDATE case_resources SET feedback = ?, feedback_at = ?
             WHERE id = ? AND feedback IS NULL RETURNING resource_id",
        )
        .bind(if helped { "helped" } else { "wrong" })
        .bind(now)
        .bind(sent_id)
        .fetch_optional(&mut **self)
        .await?;
        let Some(resource) = resource else {
            return Ok(false);
        };
        sqlx::query("INSERT INTO resource_reports (resource_id, helped, at) VALUES (?, ?, ?)")
            .bind(resource)
            .bind(helped)
            .bind(now)
            .execute(&mut **self)
            .await?;
        if !helped {
            sqlx::query("UPDATE resources SET needs_check = 1 WHERE id = ?")
                .bind(resource)
                .execute(&mut **self)
                .await?;
        }
        Ok(true)
    }

    /// Claims this hour's digest: `false` if it was sent already.
    pub async fn take_digest_hour(&mut self, hour: i64) -> Result<bool> {
        let done = sqlx::query("INSERT OR IGNORE INTO resource_digests (hour) VALUES (?)")
            .bind(hour)
            .execute(&mut **self)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Resources whose check runs out within `window` seconds and was not warned about yet
    /// (each check is warned about once); marks them warned.
    pub async fn take_expiring(&mut self, now: i64, window: i64) -> Result<Vec<Resource>> {
        let raw: Vec<RawResource> = sqlx::query_as(&format!(
            "UPDATE resources SET warned_for = expires_at
             WHERE status = 'active' AND needs_check = 0 AND expires_at > ?1
               AND expires_at <= ?1 + ?2 AND warned_for IS NOT expires_at
             RETURNING {COLUMNS}"
        ))
        .bind(now)
        .bind(window)
        .fetch_all(&mut **self)
        .await?;
        let mut all = raw
            .into_iter()
            .map(resource_from)
            .collect::<Result<Vec<_>>>()?;
        all.sort_by_key(|r| r.expires_at);
        Ok(all)
    }

    /// What requesters reported since the last digest, per resource; marks it digested.
    pub async fn take_reports(&mut self) -> Result<Vec<Reported>> {
        let rows: Vec<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT r.id, r.title, SUM(rr.helped), SUM(1 - rr.helped)
             FROM resource_reports rr JOIN resources r ON r.id = rr.resource_id
             WHERE rr.digested = 0 GROUP BY r.id ORDER BY r.id",
        )
        .fetch_all(&mut **self)
        .await?;
        sqlx::query("UPDATE resource_reports SET digested = 1 WHERE digested = 0")
            .execute(&mut **self)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(resource_id, title, helped, wrong)| Reported {
                resource_id,
                title,
                helped,
                wrong,
            })
            .collect())
    }
}
