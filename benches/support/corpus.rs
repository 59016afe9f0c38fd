//! A deterministic generator of synthetic postmortems, for benchmarks.
//!
//! Every style pmlint parses is represented (markdown headings with bullet
//! timelines, plain-text `Heading:` documents, table timelines, numbered
//! lists under italic pseudo-headings, multi-day dated timelines, HTML, front
//! matter with action tables), in 12- and 24-hour clocks, with and without
//! defects, about 3 KB each. The same seed gives the same bytes on every run
//! and every platform: the generator owns its random numbers (SplitMix64)
//! rather than depend on a crate whose streams may change between versions.

/// SplitMix64: small, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// How a document is written.
#[derive(Clone, Copy, Debug)]
pub enum Style {
    HeadingsBullets,
    PlainText,
    Table,
    NumberedItalic,
    MultiDay,
    Html,
    FrontMatter,
}

pub const STYLES: [Style; 7] = [
    Style::HeadingsBullets,
    Style::PlainText,
    Style::Table,
    Style::NumberedItalic,
    Style::MultiDay,
    Style::Html,
    Style::FrontMatter,
];

impl Style {
    pub fn name(self) -> &'static str {
        match self {
            Style::HeadingsBullets => "headings-bullets",
            Style::PlainText => "plain-text",
            Style::Table => "table",
            Style::NumberedItalic => "numbered-italic",
            Style::MultiDay => "multi-day",
            Style::Html => "html",
            Style::FrontMatter => "front-matter",
        }
    }
}

const SERVICES: &[&str] = &[
    "checkout",
    "search",
    "login",
    "billing",
    "inventory",
    "payments",
    "notifications",
    "reports",
    "image cache",
    "order queue",
];
const CAUSES: &[&str] = &[
    "a configuration push that removed the upstream pool",
    "a disk on the primary database that filled with audit logs",
    "an expired TLS certificate on the internal load balancer",
    "a deploy that shipped a query without its index",
    "a retry storm after a dependency slowed down",
    "a cron job that rotated credentials before the services reloaded them",
];
const FILLER: &[&str] = &[
    "The on-call engineer checked the dashboards and the recent deploys.",
    "Error rates rose across every region served by the cluster.",
    "Support received reports from customers within minutes.",
    "The team compared the failing hosts with the healthy ones.",
    "Traffic was moved away from the affected pool while the cause was found.",
    "Metrics showed latency climbing well before the alert fired.",
    "The rollback was tested on a canary host before it went everywhere.",
    "Logs from the proxy showed connections refused by the upstream.",
    "Capacity was added to absorb the backlog once service returned.",
    "The runbook for this alert did not mention the dependency at fault.",
];
const EVENTS: &[&str] = &[
    "error rate alert fires for",
    "on-call engineer paged about",
    "team identifies the failing component in",
    "rollback of the last deploy started for",
    "traffic drained from the affected hosts of",
    "fix deployed to",
    "service fully restored for",
];
const ACTIONS: &[&str] = &[
    "Alert when the error rate of the service exceeds 2% for five minutes",
    "Add a canary stage to the configuration pipeline",
    "Rotate certificates from a scheduled job thirty days before expiry",
    "Cap retries with exponential backoff in every client",
    "Document the failover in the runbook",
    "Add an index check to the migration linter",
];
/// Zones without daylight saving, so only the injected defect is one.
const ZONES: &[&str] = &["UTC", "EAT", "WAT", "CAT", "JST"];
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-south-1",
    "ap-northeast-1",
    "sa-east-1",
    "af-south-1",
];

fn month_name(month: usize) -> &'static str {
    u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok())
        .map_or("?", |m| m.name())
}

fn filler(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences).map(|_| rng.pick(FILLER)).collect::<Vec<_>>().join(" ")
}

/// The timeline's minutes after the start, rising, with an optional entry
/// moved out of order.
fn offsets(rng: &mut Rng, n: usize, out_of_order: bool) -> Vec<usize> {
    let mut minutes = Vec::with_capacity(n);
    let mut at = 0;
    for _ in 0..n {
        minutes.push(at);
        at += 3 + rng.below(25);
    }
    if out_of_order && n > 3 {
        minutes.swap(1, 2);
    }
    minutes
}

fn clock(start_minutes: usize, offset: usize, twelve_hour: bool) -> String {
    let total = start_minutes + offset;
    let (h, m) = ((total / 60) % 24, total % 60);
    if twelve_hour {
        let (h12, ampm) = match h {
            0 => (12, "AM"),
            1..=11 => (h, "AM"),
            12 => (12, "PM"),
            _ => (h - 12, "PM"),
        };
        format!("{h12}:{m:02} {ampm}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// One document: its file name and text.
pub fn document(seed: u64, index: usize) -> (String, String) {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let style = STYLES[index % STYLES.len()];
    let service = rng.pick(SERVICES);
    let cause = rng.pick(CAUSES);
    let zone = rng.pick(ZONES);
    let (year, month, day) = (2022 + rng.below(4), 1 + rng.below(12), 1 + rng.below(28));
    let date = format!("{year}-{month:02}-{day:02}");
    let defective = rng.chance(40);
    let n_entries = 6 + rng.below(5);
    let out_of_order = defective && rng.chance(50);
    let minutes = offsets(&mut rng, n_entries, out_of_order);
    // A multi-day timeline starts late in the evening and runs past midnight.
    let start = if matches!(style, Style::MultiDay) {
        60 * 23 + rng.below(40)
    } else {
        60 * (6 + rng.below(10)) + rng.below(60)
    };
    let total = minutes.last().copied().unwrap_or(0);
    // A defective document may misstate the duration.
    let stated = if defective && rng.chance(40) { total + 45 } else { total };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let duration = if stated >= 60 {
        format!("{} and {}", plural(stated / 60, "hour"), plural(stated % 60, "minute"))
    } else {
        plural(stated, "minute")
    };
    let twelve = matches!(style, Style::PlainText | Style::NumberedItalic);
    let doubled = if defective && rng.chance(30) { "the the" } else { "the" };
    let users = 100 + rng.below(9000);
    let summary = format!(
        "On {date}, {doubled} {service} service failed for {duration}, affecting about {users} users. {} {}",
        filler(&mut rng, 6),
        filler(&mut rng, 6)
    );
    let root = format!(
        "The root cause was {cause}. {} {}",
        filler(&mut rng, 8),
        if defective && rng.chance(20) {
            "Human error by the operator made it worse."
        } else {
            ""
        }
    );
    let resolution = format!(
        "Service was restored after the change was rolled back. {}",
        filler(&mut rng, 7)
    );
    let entries: Vec<(String, String)> = minutes
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let what = EVENTS[i.min(EVENTS.len() - 1)];
            (clock(start, m, twelve), format!("{what} {service}"))
        })
        .collect();
    let actions: Vec<String> = (0..3 + rng.below(3))
        .map(|i| {
            let owner = if rng.chance(60) {
                format!(" (owner: @eng{i})")
            } else {
                String::new()
            };
            format!("{}{owner}", rng.pick(ACTIONS))
        })
        .collect();
    let placeholder = if defective && rng.chance(20) {
        " Owner: TBD."
    } else {
        ""
    };
    let title = format!("{} outage in {}", capitalise(service), rng.pick(REGIONS));
    let text = match style {
        Style::HeadingsBullets => {
            let mut t = format!(
                "# {title}\n\n## Summary\n\n{summary}\n\n## Impact\n\n{}\n\n## Timeline ({zone})\n\n",
                filler(&mut rng, 2)
            );
            for (time, what) in &entries {
                t.push_str(&format!("- {time}: {what}\n"));
            }
            t.push_str(&format!(
                "\n## Root cause\n\n{root}\n\n## Resolution\n\n{resolution}\n\n## Action items\n\n"
            ));
            for a in &actions {
                t.push_str(&format!("- {a}\n"));
            }
            t.push_str(placeholder);
            t
        }
        Style::PlainText => {
            let mut t = format!("Issue Summary:\n{summary}\nTimeline ({zone}):\n");
            for (time, what) in &entries {
                t.push_str(&format!(
                    "{day}{} {}, {time}: {what}\n",
                    ordinal(day),
                    month_name(month)
                ));
            }
            t.push_str(&format!(
                "Root Cause:\n{root}\nResolution:\n{resolution}\nCorrective and Preventative Measures:\n"
            ));
            for a in &actions {
                t.push_str(&format!("{a}.\n"));
            }
            t
        }
        Style::Table => {
            let mut t = format!(
                "# {title}\n\n## Summary\n\n{summary}\n\n## Timeline\n\n| Time ({zone}) | Event |\n| --- | --- |\n"
            );
            for (time, what) in &entries {
                t.push_str(&format!("| {time} | {what} |\n"));
            }
            if defective && rng.chance(30) {
                t.push_str("|  |  |\n");
            }
            t.push_str(&format!("\n## Root cause\n\n{root}\n\n## Resolution\n\n{resolution}\n\n## Action items\n\n| Action | Owner |\n| --- | --- |\n"));
            for (i, a) in actions.iter().enumerate() {
                t.push_str(&format!("| {a} | @eng{i} |\n"));
            }
            t
        }
        Style::NumberedItalic => {
            let label = if defective && rng.chance(30) && (4..=10).contains(&month) {
                "PST"
            } else {
                zone
            };
            let mut t = format!("**{title}**\n\n*Summary:*\n\n{summary}\n\n*Timeline (all times {label}):*\n\n");
            for (i, (time, what)) in entries.iter().enumerate() {
                t.push_str(&format!("{}. {time}: {what}\n", i + 1));
            }
            t.push_str(&format!(
                "\n*Root cause:*\n\n{root}\n\n*Resolution:*\n\n{resolution}\n\n*Action items:*\n\n"
            ));
            for (i, a) in actions.iter().enumerate() {
                t.push_str(&format!("{}. {a}\n", i + 1));
            }
            t
        }
        Style::MultiDay => {
            let mut t = format!("# {title}\n\n## Summary\n\n{summary}\n\n## Timeline ({zone})\n\n**{date}**\n\n");
            let mut next_day_shown = false;
            for ((time, what), offset) in entries.iter().zip(&minutes) {
                if start + offset >= 24 * 60 && !next_day_shown {
                    let next = format!("{year}-{month:02}-{:02}", day + 1);
                    t.push_str(&format!("\n**{next}**\n\n"));
                    next_day_shown = true;
                }
                t.push_str(&format!("- {time}: {what}\n"));
            }
            t.push_str(&format!(
                "\n## Root cause\n\n{root}\n\n## Resolution\n\n{resolution}\n\n## Follow-ups\n\n"
            ));
            for a in &actions {
                t.push_str(&format!("- [ ] {a}\n"));
            }
            t
        }
        Style::Html => {
            let mut t =
                format!("<h1>{title}</h1>\n\n<h2>Summary</h2>\n<p>{summary}</p>\n\n<h2>Timeline ({zone})</h2>\n<ul>\n");
            for (time, what) in &entries {
                t.push_str(&format!("<li>{time}: {what}</li>\n"));
            }
            t.push_str(&format!("</ul>\n\n<h2>Root cause</h2>\n<p>{root}</p>\n\n<h2>Resolution</h2>\n<p>{resolution}</p>\n\n<h2>Action items</h2>\n<ul>\n"));
            for a in &actions {
                t.push_str(&format!("<li>{a}</li>\n"));
            }
            t.push_str("</ul>\n");
            t
        }
        Style::FrontMatter => {
            let mut t = format!(
                "---\ntitle: \"{title}\"\ndate: {date}\nseverity: {}\nowner: eng{}\ntimezone: {zone}\nincident_id: INC-{index}\n---\n\n# {title}\n\n## Summary\n\n{summary}\n\n## Timeline\n\n",
                1 + rng.below(4),
                rng.below(9)
            );
            for (time, what) in &entries {
                t.push_str(&format!("- {date} {time}: {what}\n"));
            }
            t.push_str(&format!("\n## Root cause\n\n{root}\n\n## Resolution\n\n{resolution}\n\n## Action items\n\n| Action | Owner | Due | Ticket |\n| --- | --- | --- | --- |\n"));
            for (i, a) in actions.iter().enumerate() {
                t.push_str(&format!(
                    "| {a} | @eng{i} | {year}-12-0{} | OPS-{} |\n",
                    1 + i % 9,
                    100 + i
                ));
            }
            t
        }
    };
    let name = format!("{date}-{}-{index:06}.md", style.name());
    (name, text)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn ordinal(day: usize) -> &'static str {
    match (day % 10, day % 100) {
        (1, n) if n != 11 => "st",
        (2, n) if n != 12 => "nd",
        (3, n) if n != 13 => "rd",
        _ => "th",
    }
}
