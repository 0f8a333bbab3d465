//! Partner organisations a case can be referred to (`dialogues/partners.toml`): a referral
//! sends the partner's chat a summary of the case, and only after the person agreed.

use std::path::Path;

use serde::Deserialize;

use crate::check::Problem;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// What volunteers type after `/refer N`.
    pub id: String,
    /// How people read it.
    pub name: String,
    /// The partner's Telegram chat.
    pub chat_id: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Partners {
    list: Vec<Partner>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    partners: Vec<Partner>,
}

impl Partners {
    pub fn load(path: &Path) -> Result<Partners, Vec<Problem>> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| vec![Problem::new(&file, "", format!("cannot read: {e}"))])?;
        Partners::parse(&text, &file)
    }

    pub fn parse(text: &str, file: &str) -> Result<Partners, Vec<Problem>> {
        let parsed: File =
            toml::from_str(text).map_err(|e| vec![Problem::new(file, "", e.to_string())])?;
        let mut problems = Vec::new();
        for (i, p) in parsed.partners.iter().enumerate() {
            let key = format!("partners[{i}]");
            let valid_id = !p.id.is_empty()
                && p.id.len() <= 32
                && p.id.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-'
                });
            if !valid_id {
                problems.push(Problem::new(
                    file,
                    format!("{key}.id"),
                    "1 to 32 of a-z, 0-9, _ and -",
                ));
            }
            if parsed.partners[..i].iter().any(|q| q.id == p.id) {
                problems.push(Problem::new(file, format!("{key}.id"), "listed twice"));
            }
            if p.name.trim().is_empty() || p.name.chars().count() > 60 {
                problems.push(Problem::new(
                    file,
                    format!("{key}.name"),
                    "1 to 60 characters",
                ));
            }
            if p.chat_id == 0 {
                problems.push(Problem::new(
                    file,
                    format!("{key}.chat_id"),
                    "a Telegram chat id",
                ));
            }
        }
        if problems.is_empty() {
            Ok(Partners {
                list: parsed.partners,
            })
        } else {
            Err(problems)
        }
    }

    pub fn find(&self, id: &str) -> Option<&Partner> {
        let id = id.trim().to_lowercase();
        self.list.iter().find(|p| p.id == id)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.list.iter().map(|p| p.id.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_partners_pass_and_mistakes_are_reported() {
        let shipped = Partners::parse(include_str!("../dialogues/partners.toml"), "p").unwrap();
        assert!(shipped.find("Medics").is_some());
        let bad = "[[partners]]\nid = \"A b\"\nname = \"\"\nchat_id = 0\n[[partners]]\nid = \"x\"\nname = \"X\"\nchat_id = 5\n[[partners]]\nid = \"x\"\nname = \"Y\"\nchat_id = 6\n";
        let keys: Vec<String> = Partners::parse(bad, "p")
            .unwrap_err()
            .into_iter()
            .map(|p| p.key)
            .collect();
        assert_eq!(
            keys,
            [
                "partners[0].id",
                "partners[0].name",
                "partners[0].chat_id",
                "partners[2].id"
            ]
        );
    }
}
