//! A case's life: how it can end, and who may end it.

use crate::{db::CaseStatus, roles::Role};

/// How a case can end, as `/done N <outcome>` takes it (and the buttons offer it, by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Evacuated,
    StayingSafe,
    Unreachable,
    Referred,
    Declined,
}

impl Outcome {
    /// In the order the buttons show them; a button carries the index.
    pub const ALL: [Outcome; 5] = [
        Outcome::Evacuated,
        Outcome::StayingSafe,
        Outcome::Unreachable,
        Outcome::Referred,
        Outcome::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Evacuated => "evacuated",
            Outcome::StayingSafe => "staying_safe",
            Outcome::Unreachable => "unreachable",
            Outcome::Referred => "referred",
            Outcome::Declined => "declined",
        }
    }

    /// As typed after `/done N` (any case).
    pub fn parse(typed: &str) -> Option<Outcome> {
        let typed = typed.trim().to_lowercase();
        Outcome::ALL.into_iter().find(|o| o.as_str() == typed)
    }

    /// The outcome a button's index names.
    pub fn from_index(index: usize) -> Option<Outcome> {
        Outcome::ALL.get(index).copied()
    }

    pub fn index(self) -> usize {
        Outcome::ALL
            .iter()
            .position(|o| *o == self)
            .expect("every outcome is in ALL")
    }
}

/// Why someone may not close a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseRefusal {
    /// It is someone else's, or (for a volunteer) nobody's yet.
    NotYours,
}

/// The rule of who may close a case: its volunteer, or a supervisor; an unclaimed case only a
/// supervisor (a volunteer claims it first).
pub fn may_close(
    role: Role,
    me: i64,
    status: CaseStatus,
    volunteer: Option<i64>,
) -> Result<(), CloseRefusal> {
    if !role.may_handle(me, volunteer) {
        return Err(CloseRefusal::NotYours);
    }
    if status == CaseStatus::Open && role != Role::Supervisor {
        return Err(CloseRefusal::NotYours);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_round_trip_by_name_and_index() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            assert_eq!(Outcome::from_index(o.index()), Some(o));
        }
        assert_eq!(Outcome::parse("Evacuated"), Some(Outcome::Evacuated));
        assert_eq!(
            Outcome::parse("banned"),
            None,
            "banned is set by /ban, not typed"
        );
        assert_eq!(Outcome::from_index(5), None);
    }

    #[test]
    fn only_the_cases_volunteer_or_a_supervisor_closes_it() {
        use CaseStatus::{Claimed, Open};
        assert_eq!(may_close(Role::Volunteer, 1, Claimed, Some(1)), Ok(()));
        assert!(may_close(Role::Volunteer, 1, Claimed, Some(2)).is_err());
        assert!(may_close(Role::Volunteer, 1, Open, None).is_err());
        assert_eq!(may_close(Role::Supervisor, 9, Claimed, Some(2)), Ok(()));
        assert_eq!(may_close(Role::Supervisor, 9, Open, None), Ok(()));
        assert!(may_close(Role::Requester, 1, Claimed, Some(1)).is_err());
    }
}
