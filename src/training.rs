//! Training before claiming: a volunteer a supervisor added is a trainee until a supervisor
//! records their training (`/trained`), which holds for `TRAINING_VALID_DAYS`. Only a
//! trained volunteer goes on shift, is offered cases or claims one. Pure.

/// Volunteers and supervisors are told this long before a training runs out.
pub const WARN_BEFORE_SECS: i64 = 14 * 86_400;

/// Where a volunteer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Training {
    /// Added, not trained yet.
    Trainee,
    /// Trained until then.
    Valid { until: i64 },
    /// The training ran out then.
    Expired { since: i64 },
}

impl Training {
    pub fn of(trained_until: Option<i64>, now: i64) -> Training {
        match trained_until {
            None => Training::Trainee,
            Some(until) if now < until => Training::Valid { until },
            Some(since) => Training::Expired { since },
        }
    }

    /// May go on shift, be offered cases and claim them.
    pub fn may_work(self) -> bool {
        matches!(self, Training::Valid { .. })
    }

    /// The text id that tells a volunteer why they cannot work yet.
    pub fn refusal_id(self) -> Option<&'static str> {
        match self {
            Training::Trainee => Some("training-required"),
            Training::Expired { .. } => Some("training-expired"),
            Training::Valid { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_valid_training_lets_a_volunteer_work() {
        assert_eq!(Training::of(None, 10), Training::Trainee);
        assert!(!Training::Trainee.may_work());
        assert!(Training::of(Some(11), 10).may_work());
        assert_eq!(Training::of(Some(10), 10), Training::Expired { since: 10 });
        assert_eq!(Training::Trainee.refusal_id(), Some("training-required"));
        assert_eq!(
            Training::of(Some(5), 10).refusal_id(),
            Some("training-expired")
        );
    }
}
