//! A team around one case: helpers besides the assigned volunteer, each with a role. Pure.

/// What a team member does. Observers (trainees among them) read, never answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRole {
    Psychologist,
    Driver,
    Coordinator,
    Observer,
}

impl TeamRole {
    pub const ALL: [TeamRole; 4] = [
        TeamRole::Psychologist,
        TeamRole::Driver,
        TeamRole::Coordinator,
        TeamRole::Observer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TeamRole::Psychologist => "psychologist",
            TeamRole::Driver => "driver",
            TeamRole::Coordinator => "coordinator",
            TeamRole::Observer => "observer",
        }
    }

    pub fn from_code(code: &str) -> Option<TeamRole> {
        TeamRole::ALL
            .into_iter()
            .find(|r| r.code() == code.to_lowercase())
    }

    /// May answer the person (through the relay, anonymously).
    pub fn may_reply(self) -> bool {
        self != TeamRole::Observer
    }

    /// The text id of the role's name.
    pub fn text_id(self) -> String {
        format!("team-role-{}", self.code())
    }
}

/// `/team N add USER_ID [role]`, `/team N remove USER_ID`, `/team N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamCommand {
    Show,
    Add { member: i64, role: TeamRole },
    Remove { member: i64 },
}

/// The words after the case number; `None` when they make no command. Without a role, a
/// helper is a coordinator.
pub fn parse(rest: &str) -> Option<TeamCommand> {
    let words: Vec<&str> = rest.split_whitespace().collect();
    let member = |w: &str| w.parse::<i64>().ok().filter(|id| *id > 0);
    match words.as_slice() {
        [] => Some(TeamCommand::Show),
        ["add", id] => Some(TeamCommand::Add {
            member: member(id)?,
            role: TeamRole::Coordinator,
        }),
        ["add", id, role] => Some(TeamCommand::Add {
            member: member(id)?,
            role: TeamRole::from_code(role)?,
        }),
        ["remove", id] => Some(TeamCommand::Remove {
            member: member(id)?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_commands_are_read_and_observers_do_not_reply() {
        assert_eq!(parse(""), Some(TeamCommand::Show));
        assert_eq!(
            parse("add 42 psychologist"),
            Some(TeamCommand::Add {
                member: 42,
                role: TeamRole::Psychologist
            })
        );
        assert_eq!(
            parse("add 42"),
            Some(TeamCommand::Add {
                member: 42,
                role: TeamRole::Coordinator
            })
        );
        assert_eq!(parse("remove 42"), Some(TeamCommand::Remove { member: 42 }));
        assert_eq!(parse("add 42 boss"), None);
        assert_eq!(parse("add x"), None);
        assert!(!TeamRole::Observer.may_reply() && TeamRole::Driver.may_reply());
    }
}
