//! `evac-intake check`: validates `dialogues/` and `locales/` together and reports each problem
//! with its file and key. The bot runs the same checks at startup and refuses an invalid survey.

use std::{fmt, path::Path};

use crate::{i18n::Locales, survey::Survey};

/// One thing wrong with the survey or the texts: where, which key, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub key: String,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<String>,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            key: key.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.key, self.message)
        }
    }
}

/// The safety gate's texts, which choose by answers too (occupied territory, an ambulance).
pub const GUIDANCE_IDS: &[&str] = &["emergency-guidance"];

/// Everything organizers edit, loaded and checked: what the bot runs on.
#[derive(Debug)]
pub struct Loaded {
    pub survey: Survey,
    pub locales: Locales,
    pub validity: crate::resources::Validity,
    pub bridge: crate::bridge::Bridge,
    pub codewords: crate::codeword::CodeWords,
    pub partners: crate::partners::Partners,
}

/// Loads and checks every file the configuration names: the survey and its texts, the
/// resources' check times and the bridge's phrases; every problem of every file.
pub fn load_config(config: &crate::config::Config) -> Result<Loaded, Vec<Problem>> {
    let main = load_all(&config.dialogue_file, &config.locales_dir);
    let validity = load_resources(&config.resources_file);
    let bridge = crate::bridge::Bridge::load(&config.public.bridge_file);
    let codewords = crate::codeword::CodeWords::load(&config.codewords_file);
    let partners = crate::partners::Partners::load(&config.partners_file);
    match (main, validity, bridge, codewords, partners) {
        (Ok((survey, locales)), Ok(validity), Ok(bridge), Ok(codewords), Ok(partners)) => {
            Ok(Loaded {
                survey,
                locales,
                validity,
                bridge,
                codewords,
                partners,
            })
        }
        (main, validity, bridge, codewords, partners) => {
            let mut problems = Vec::new();
            problems.extend(main.err().unwrap_or_default());
            problems.extend(validity.err().unwrap_or_default());
            problems.extend(bridge.err().unwrap_or_default());
            problems.extend(codewords.err().unwrap_or_default());
            problems.extend(partners.err().unwrap_or_default());
            Err(problems)
        }
    }
}

/// Loads `dialogues/resources.toml` (how long a resource's check holds, per kind).
pub fn load_resources(path: &Path) -> Result<crate::resources::Validity, Vec<Problem>> {
    crate::resources::Validity::load(path)
}

/// Loads and cross-checks the survey and the locales; returns both, or every problem found.
pub fn load_all(dialogue: &Path, locales_dir: &Path) -> Result<(Survey, Locales), Vec<Problem>> {
    let survey = Survey::load(dialogue);
    let locales = Locales::load(locales_dir);
    match (survey, locales) {
        (Ok(survey), Ok(locales)) => {
            let mut missing = survey.missing_texts(&locales, locales_dir);
            missing.extend(survey.selector_problems(&locales, locales_dir, GUIDANCE_IDS));
            if missing.is_empty() {
                Ok((survey, locales))
            } else {
                Err(missing)
            }
        }
        (survey, locales) => {
            let mut problems = Vec::new();
            if let Err(p) = survey {
                problems.extend(p);
            }
            if let Err(p) = locales {
                problems.extend(p);
            }
            Err(problems)
        }
    }
}
