//! One search of a document for the literals of every data rule.
//!
//! A data rule (`custom`) learns which lines may hold a match from the
//! literals its patterns and words need (`prefilter::LineGate`). Searched
//! rule by rule, a document was read once per data rule: the three built-in
//! ones read it three times, a tenth of a run over many documents. The data
//! rules of a configuration share one automaton instead; a document is
//! searched once, when the first data rule asks, and each rule takes the
//! owners that are its own.

use std::cell::OnceCell;
use std::ops::Range;

use super::custom::CustomRule;
use super::prefilter::{LineGate, gate_worthy};
use crate::model::Incident;
use crate::parse::markdown::{BlockKind, Line};

/// The automaton over the literals of a configuration's data rules.
#[derive(Clone, Debug)]
pub struct DataGate {
    gate: LineGate,
    /// The rules in the gate: each one's id and the range of its owners.
    rules: Vec<(String, Range<usize>)>,
}

impl DataGate {
    /// None for a quick start (building the automaton costs more than a few
    /// documents' searches) or when no rule can be gated. A rule with a
    /// pattern that needs no literal is left out: it searches line by line.
    pub fn new<'r>(rules: impl IntoIterator<Item = &'r CustomRule>) -> Option<DataGate> {
        if crate::effort::quick_start() {
            return None;
        }
        DataGate::build(rules)
    }

    fn build<'r>(rules: impl IntoIterator<Item = &'r CustomRule>) -> Option<DataGate> {
        let mut owners: Vec<Vec<String>> = Vec::new();
        let mut ranges = Vec::new();
        for rule in rules {
            let Some(own) = rule.gate_owners().filter(|own| gate_worthy(own)) else {
                continue;
            };
            ranges.push((rule.id.clone(), owners.len()..owners.len() + own.len()));
            owners.extend(own);
        }
        Some(DataGate {
            gate: LineGate::from_owners(owners)?,
            rules: ranges,
        })
    }
}

/// A line as the data rules read it, and whether it is a table row.
pub type DataLine<'m, 'a> = (&'m Line<'a>, bool);

/// A document's lines as the data rules read them, and the owners of the
/// data gate each holds; worked out when a data rule first asks.
pub struct DataLines<'m, 'a> {
    incident: &'m Incident<'a>,
    gate: Option<&'m DataGate>,
    found: OnceCell<Found<'m, 'a>>,
}

struct Found<'m, 'a> {
    lines: Vec<DataLine<'m, 'a>>,
    /// (line, owner) pairs, by line, then owner; empty without a gate.
    owners: Vec<(usize, usize)>,
}

impl<'m, 'a> DataLines<'m, 'a> {
    pub fn new(incident: &'m Incident<'a>, gate: Option<&'m DataGate>) -> Self {
        DataLines {
            incident,
            gate,
            found: OnceCell::new(),
        }
    }

    fn found(&self) -> &Found<'m, 'a> {
        self.found.get_or_init(|| {
            let lines = prose_lines(self.incident);
            let owners = self.gate.map_or_else(Vec::new, |g| {
                g.gate.owners_by_line(lines.iter().map(|(line, _)| line.text.as_ref()))
            });
            Found { lines, owners }
        })
    }

    /// The text data rules search: every line of the body outside fenced
    /// code (HTML blocks by their text), in order.
    pub fn lines(&self) -> &[DataLine<'m, 'a>] {
        &self.found().lines
    }

    /// The (line, owner) pairs of the rule `id`, in its own numbering of
    /// owners (see `CustomRule::gate_owners`), by line, then owner. None
    /// when the rule is not in the gate, or there is no gate.
    pub fn owners_of(&self, id: &str) -> Option<Vec<(usize, usize)>> {
        let range = &self.gate?.rules.iter().find(|(rule, _)| rule == id)?.1;
        Some(
            self.found()
                .owners
                .iter()
                .filter(|(_, owner)| range.contains(owner))
                .map(|&(line, owner)| (line, owner - range.start))
                .collect(),
        )
    }
}

fn prose_lines<'m, 'a>(incident: &'m Incident<'a>) -> Vec<DataLine<'m, 'a>> {
    let mut lines = Vec::new();
    let blocks = incident
        .markdown
        .blocks_in(incident.body)
        .filter(|b| !matches!(b.kind, BlockKind::Code { fenced: true }));
    for block in blocks {
        let table = matches!(block.kind, BlockKind::TableRow { .. });
        let block_lines = if block.kind == BlockKind::Html {
            &block.prose
        } else {
            &block.lines
        };
        lines.extend(block_lines.iter().map(|line| (line, table)));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;
    use crate::hash::HashSet;
    use crate::rules::{ConfiguredRule, LintContext, custom};

    /// The built-in data rules, and user rules: gated ones with words and
    /// sections, and one whose pattern needs no literal (left out of the gate).
    fn rules() -> Vec<CustomRule> {
        let mut rules: Vec<CustomRule> = super::super::DATA_RULES.iter().map(|r| r.rule.clone()).collect();
        let user = r#"
            [[custom_rules]]
            id = "say-production"
            message = "{match}"
            words = ["prod", "prd*"]
            pattern = '\bPROD\b'

            [[custom_rules]]
            id = "long-number"
            message = "{match}"
            pattern = '\d{7,}'

            [[custom_rules]]
            id = "we-in-the-timeline"
            message = "{match}"
            words = ["we", "our team"]
            sections = ["timeline"]
            skip_tables = true
        "#;
        #[derive(serde::Deserialize)]
        struct File {
            custom_rules: Vec<custom::CustomRuleDef>,
        }
        let file: File = toml::from_str(user).unwrap();
        rules.extend(custom::compile(&file.custom_rules, &HashSet::default(), true).unwrap());
        rules
    }

    /// Generated documents: lines made of the rules' own literals, under
    /// the headings the rules are scoped to, as prose, list items, table
    /// rows, code and HTML.
    fn generated(rules: &[CustomRule]) -> Vec<String> {
        let literals: Vec<String> = rules
            .iter()
            .filter_map(CustomRule::gate_owners)
            .flatten()
            .flatten()
            .collect();
        let mut words: Vec<&str> = literals.iter().map(String::as_str).collect();
        words.extend([
            "human error",
            "should have",
            "[name]",
            "<owner>",
            "we",
            "the engineer",
            "improve monitoring",
        ]);
        let lines = crate::cue::equivalence::sample_texts("", &words, 1200);
        const HEADINGS: &[&str] = &[
            "Summary",
            "Timeline",
            "Root cause",
            "Action items",
            "Notes",
            "Lessons learned",
        ];
        const SHAPES: &[&str] = &[
            "{}",
            "- {}",
            "1. {}",
            "| {} | x |",
            "> {}",
            "```\n{}\n```",
            "<p>{}</p>",
            "**{}**",
        ];
        let mut draws = crate::cue::equivalence::Draws::new(0x2545_f491_4f6c_dd1d);
        lines
            .chunks(40)
            .map(|chunk| {
                let mut doc = String::from("# Incident\n\n");
                for line in chunk {
                    if draws.below(6) == 0 {
                        doc.push_str(&format!("## {}\n\n", draws.pick(HEADINGS)));
                    }
                    doc.push_str(&draws.pick(SHAPES).replace("{}", line));
                    doc.push_str(if draws.below(3) == 0 { "\n\n" } else { "\n" });
                }
                doc
            })
            .collect()
    }

    fn documents() -> Vec<String> {
        let mut docs = vec![
            "# Outage\n\n## Timeline\n\n- 10:00 We paged the prod on-call. TODO\n- 10:05 our team said it was human error\n\n| a | we |\n|---|---|\n| TBD | PROD 12345678 |\n".to_string(),
            "# Notes\n\n```\nTODO human error\n```\n\n<p>Owner: TBD, careless prd</p>\n\n## Root cause\n\nHuman error. The engineer should have checked.\n".to_string(),
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "md") {
                    docs.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        docs
    }

    fn findings(rule: &CustomRule, incident: &crate::model::Incident<'_>, gate: Option<&DataGate>) -> Vec<String> {
        let settings = Settings::default();
        let ctx = LintContext::new(incident, &settings, "x.md", gate);
        let mut out = Vec::new();
        rule.check(&ctx, &mut out);
        let mut found: Vec<String> = out
            .iter()
            .map(|d| format!("{:?} {}", d.primary.span, d.message))
            .collect();
        found.sort();
        found
    }

    /// One search for every rule finds what each rule finds searching
    /// line by line on its own.
    #[test]
    fn the_shared_gate_finds_what_each_rule_finds_alone() {
        let rules = rules();
        let gate = DataGate::build(&rules).unwrap();
        let gated: Vec<&str> = gate.rules.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            gated,
            [
                "blameful-language",
                "placeholder-text",
                "action-item-vague",
                "say-production",
                "we-in-the-timeline"
            ]
        );
        let mut total = 0;
        for doc in documents().into_iter().chain(generated(&rules)) {
            let incident = crate::parse::parse(&doc, &crate::parse::ParseOptions::default());
            for rule in &rules {
                let alone = findings(rule, &incident, None);
                assert_eq!(findings(rule, &incident, Some(&gate)), alone, "{}", rule.id);
                total += alone.len();
            }
        }
        assert!(total >= 500, "the documents should exercise the rules ({total})");
    }
}
