//! `pmlint init` and `pmlint new`: a commented configuration with every
//! option at its default, and a new postmortem from a template.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::rules;

/// The postmortem `pmlint new` writes when the configuration names no
/// template. Each placeholder is one `placeholder-text` reports, so a
/// document cannot be finished with one left in; filled in, the document
/// passes every structural rule.
pub const BUILTIN_TEMPLATE: &str = include_str!("template.md");

/// A value as TOML writes it inline (`["a", "b"]`, `10`).
fn inline(value: &toml::Value) -> String {
    value.to_string()
}

/// The text of `pmlint init`: every key, commented out, at its default.
pub fn init_text() -> String {
    let mut out = String::new();
    out.push_str(
        "# pmlint configuration. Every option is shown at its default, commented out:\n\
         # uncomment a line to change it. `pmlint explain <rule>` documents each rule,\n\
         # `pmlint config` shows what applies to a file and where it comes from.\n\n\
         # Stricter rule levels for teams whose postmortems feed a tracker.\n\
         # preset = \"strict\"\n\n\
         # Build on another configuration (relative to this file).\n\
         # extend = \"../pmlint.toml\"\n\n\
         # Files a folder walk lints, and files it skips (globs relative to this file;\n\
         # a glob without `/` also matches file names in any folder).\n",
    );
    let includes: Vec<String> = crate::config::DEFAULT_INCLUDE
        .iter()
        .map(|g| format!("{g:?}"))
        .collect();
    let _ = writeln!(out, "# include = [{}]", includes.join(", "));
    out.push_str(
        "# exclude = []\n\n\
         # The zone of times that name none, when the document declares none.\n\
         # default_timezone = \"UTC\"\n\n\
         # How to read 02/08/2024 when no date in the document settles it: \"dmy\" or \"mdy\".\n\
         # date_order = \"dmy\"\n\n\
         # An undated timeline entry earlier than the one before it is on the next day\n\
         # when the step forward across midnight is at most this many hours.\n",
    );
    let _ = writeln!(out, "# rollover_hours = {}", crate::settings::DEFAULT_ROLLOVER_HOURS);
    out.push_str(
        "\n# The template `pmlint new` writes (relative to this file).\n\
         # template = \"postmortem-template.md\"\n\n\
         # Rule levels: \"error\", \"warning\", \"info\" or \"off\".\n\
         [rules]\n",
    );
    let width = rules::ids().map(str::len).max().unwrap_or(0);
    for entry in rules::all() {
        let meta = entry.meta();
        let level = if meta.enabled_by_default {
            meta.default_severity.as_str()
        } else {
            "off"
        };
        // A rule with options is an inline table, so that uncommenting its
        // line sets both and clashes with nothing.
        let options = entry.default_options();
        let value = if options.is_empty() {
            format!("\"{level}\"")
        } else {
            let parts: Vec<String> = std::iter::once(format!("level = \"{level}\""))
                .chain(options.iter().map(|(k, v)| format!("{k} = {}", inline(v))))
                .collect();
            format!("{{ {} }}", parts.join(", "))
        };
        let _ = writeln!(out, "# {:<width$} = {value:<9}  # {}", meta.id, meta.summary);
    }
    out.push_str(
        "\n# More headings for a section kind (summary, impact, timeline, detection,\n\
         # root-cause, resolution, action-items, lessons-learned, other).\n\
         # [sections]\n\
         # timeline = [\"sequence of what happened\"]\n\n\
         # More phrases for timeline event roles (impact-start, detection, mitigation, resolution).\n\
         # [roles]\n\
         # detection = [\"synthetic check failed\"]\n\n\
         # What an ambiguous timezone abbreviation means in your documents.\n\
         # [timezones]\n\
         # IST = \"Asia/Kolkata\"\n\n\
         # Rule levels for the files some globs match.\n\
         # [[overrides]]\n\
         # files = [\"legacy/**\"]\n\
         # rules = { missing-section = \"off\" }\n\n\
         # A rule of your own: a regex or a word list (see the README).\n\
         # [[custom_rules]]\n\
         # id = \"no-prod-abbrev\"\n\
         # level = \"warning\"\n\
         # message = \"write \\\"production\\\", not \\\"{match}\\\"\"\n\
         # words = [\"prod\"]\n",
    );
    out
}

/// A file name for a title: lower case, words joined by `-`.
pub fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let mut cut: String = slug.chars().take(60).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    if cut.is_empty() { "postmortem".to_string() } else { cut }
}

/// The document `pmlint new` writes: `template` with `{title}` and `{date}`
/// filled in.
pub fn new_document(template: &str, title: &str, date: NaiveDate) -> String {
    template
        .replace("{title}", title)
        .replace("{date}", &date.format("%Y-%m-%d").to_string())
}

/// Where `pmlint new` writes: `DIR/YYYY-MM-DD-slug.md`.
pub fn new_path(dir: &Path, title: &str, date: NaiveDate) -> PathBuf {
    dir.join(format!("{}-{}.md", date.format("%Y-%m-%d"), slug(title)))
}

/// Write `text` to a file that must not exist yet.
pub fn create_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::source::Source;

    #[test]
    fn init_text_is_the_defaults_commented_and_uncommented() {
        let text = init_text();
        let commented = Config::from_toml(&text, Path::new("pmlint.toml")).expect("valid as written");
        let levels = |c: &Config| {
            c.rule_levels()
                .map(|(id, level, _)| (id.to_string(), level))
                .collect::<Vec<_>>()
        };
        let defaults = levels(&Config::default());
        assert_eq!(levels(&commented), defaults);
        // Uncomment every `[rules]` level and option table: still the defaults.
        let uncommented: String = text
            .lines()
            .map(|l| {
                let bare = l.strip_prefix("# ").unwrap_or(l);
                let is_rule_line = rules::ids().any(|id| bare.starts_with(&format!("{id} ")));
                if is_rule_line { bare.to_string() } else { l.to_string() }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let config = Config::from_toml(&uncommented, Path::new("pmlint.toml")).expect("valid uncommented");
        assert_eq!(levels(&config), defaults);
        assert!(text.contains("# missing-section "), "{text}");
        assert!(text.contains("required = [\"summary\""), "options are shown: {text}");
        assert!(text.contains("tolerance_minutes = 10"), "{text}");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Database outage: 2 hours!"), "database-outage-2-hours");
        assert_eq!(slug("Dépôt — panne"), "dépôt-panne");
        assert_eq!(slug("!!!"), "postmortem");
        assert_eq!(slug(&"a ".repeat(100)).len(), 59);
    }

    /// The built-in template: every placeholder is reported; filled in, the
    /// document has no findings at all.
    #[test]
    fn the_template_is_caught_until_filled_and_clean_once_filled() {
        let date = NaiveDate::from_ymd_opt(2024, 3, 9).expect("date");
        let doc = new_document(BUILTIN_TEMPLATE, "Queue stall", date);
        let source = Source::new("t.md", doc.clone());
        let found = crate::lint(&source, &Config::default());
        let placeholders = found.iter().filter(|d| d.rule == "placeholder-text").count();
        let marked = doc.matches("[describe").count() + doc.matches("HH:MM").count();
        assert!(placeholders >= marked, "{placeholders} < {marked}: {found:#?}");

        let mut times = ["09:00", "09:12", "09:40", "10:05"].into_iter();
        let filled: String = doc
            .lines()
            .map(|line| {
                let mut line = line.to_string();
                if line.contains("HH:MM") {
                    line = line.replacen("HH:MM", times.next().unwrap_or("11:00"), 1);
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
            .replace("severity: TBD", "severity: 2")
            .replace("<owner>", "@ana")
            .replace("<date>", "2024-03-20")
            .replace("[ticket]", "OPS-12")
            .replace(
                "[insert action]",
                "Alert when the oldest queued message is older than 5 minutes",
            )
            .replace(
                "[describe what happened and to whom]",
                "Checkout orders waited in a stalled queue.",
            )
            .replace(
                "[describe who and how much]",
                "About 1,200 orders, 5% of the day's total, were delayed.",
            )
            .replace(
                "[describe the first sign of trouble]",
                "queue consumers stop acknowledging messages",
            )
            .replace(
                "[describe how it was detected]",
                "the queue-depth alert pages the on-call engineer",
            )
            .replace("[describe what stopped the impact]", "the consumer pool is restarted")
            .replace(
                "[describe when service was back]",
                "the backlog is drained and orders flow normally",
            )
            .replace(
                "[describe the conditions that allowed it]",
                "A consumer deadlock under a burst of retries.",
            )
            .replace(
                "[describe how service was restored]",
                "The consumer pool was restarted and the backlog drained.",
            )
            .replace(
                "[describe what went well and badly]",
                "The alert fired quickly; the runbook was out of date.",
            );
        let source = Source::new("t.md", filled.clone());
        let found = crate::lint(&source, &Config::default());
        assert!(found.is_empty(), "{filled}\n{found:#?}");
    }
}
