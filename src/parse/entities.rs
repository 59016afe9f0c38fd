//! Named things: IP addresses, hosts, services, sites.
//!
//! Each mention keeps its span and a normalised key, so that rules can tell
//! one thing spelled two ways (`web-01`, `web01`, `web_1`) from two things.
//! Hosts are recognised conservatively: a name in backticks, a fully
//! qualified domain name, or a word with a numbered suffix (`db-02`,
//! `web01`). Sites are data centres, server rooms and cloud regions that
//! carry a name ("Data Center A", "Holberton Data Center", "DC2", "us-east-1").

use std::collections::BTreeMap;
use std::net::Ipv6Addr;

use crate::hash::HashMap;
use crate::lazy_regex::{LazyRegex, Regex};

use super::markdown::{BlockKind, Line, Markdown};
use crate::model::{Entity, EntityKind, Section};
use crate::source::Span;

static IPV4: LazyRegex = LazyRegex::new(
    r"\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\b",
);
static IPV6_CANDIDATE: LazyRegex = LazyRegex::new(r"(?i)\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b");
/// `web-01`, `db_2`, `web01`, `lb-eu-3`: a word with a numbered suffix.
static NUMBERED_HOST: LazyRegex =
    LazyRegex::new(r"\b[A-Za-z][A-Za-z]+(?:[-_][A-Za-z]+)*(?:[-_][0-9]{1,4}|[0-9]{2,4})[a-z]?\b");
/// `db01.prod.example.com`: three labels or more, ending in letters.
static FQDN: LazyRegex = LazyRegex::new(r"(?i)\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+){2,}\b");
static CODE_NAME: LazyRegex = LazyRegex::new(r"^[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$");
/// "Holberton Data Center", "Data Centre B", "Lagos DC", "the server room".
static SITE: LazyRegex = LazyRegex::new(
    r"(?:\b(?P<before>[A-Z][A-Za-z0-9]*(?:\s+[A-Z][A-Za-z0-9]*)?)\s+)?\b(?P<kind>[Dd]ata\s*[Cc]ent(?:er|re)|[Dd]atacent(?:er|re)|[Ss]erver\s+[Rr]oom|DC)\b(?:\s+(?P<after>[A-Z][a-z]+\b(?:\s+[0-9]{1,3}\b)?|[A-Z]\b|[0-9]{1,3}\b))?",
);
static NUMBERED_DC: LazyRegex = LazyRegex::new(r"\bDC[-\s]?(?P<n>[0-9]{1,3})\b").needing(b"D");
static REGION: LazyRegex = LazyRegex::new(
    r"\b(?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|northeast|northwest|southeast|southwest)-[0-9]\b",
);

/// Words with a number that are not host names.
const NOT_HOSTS: &[&str] = &[
    "utf8", "utf16", "http2", "http3", "ipv4", "ipv6", "sha1", "sha256", "sha512", "md5", "base64", "x86", "x64",
    "arm64", "aarch64", "mp3", "mp4", "h264", "h265", "win10", "win11", "covid19", "i18n", "l10n", "k8s", "a11y",
    "e2e", "p2p", "b2b", "b2c", "oauth2", "tls12", "tls13", "ec2", "s3", "python3", "php7", "php8", "node18", "es6",
    "es2015", "log4j", "int64", "int32", "uint64", "float64", "apache2", "ubuntu", "centos7", "rhel8",
];

/// Numbered words that are something else: a zone offset (`UTC-5`), a
/// severity (`Sev-2`), a month (`Dec-2022`), a ticket (`AUTH-512`,
/// `CVE-2024`), a commit (`a3f9c21`).
static NOT_HOST_SHAPE: LazyRegex = LazyRegex::new(
    r"(?i)^(?:utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|eat|wat|cat)[-_]?[0-9]|^(?:sev|p|priority|level|v|version|rfc|iso|tls|http|php|python|node)[-_]?[0-9]|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-_]?[0-9]{1,4}$",
);
static TICKET_OR_HASH: LazyRegex = LazyRegex::new(r"^[A-Z][A-Z0-9]+(?:-[0-9]+)+$|^[0-9a-f]{7,40}$");
/// Links and e-mail addresses: their names are not the incident's hosts.
static URL_OR_EMAIL: LazyRegex =
    LazyRegex::new(r"(?i)\b(?:https?|ftp)://\S+|\bwww\.\S+|[A-Za-z0-9_.+-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+")
        .needing(b":.@");

/// Words in code spans that name a command, a user, a keyword or an HTTP
/// method, not a service.
const NOT_SERVICES: &[&str] = &[
    "ab", "apt", "awk", "cat", "cd", "chmod", "chown", "cp", "curl", "delete", "df", "du", "echo", "get", "git",
    "grep", "head", "htop", "kill", "less", "listen", "ls", "mv", "nano", "netstat", "patch", "ping", "post", "ps",
    "put", "rm", "root", "scp", "sed", "ssh", "strace", "sudo", "tail", "telnet", "top", "true", "false", "null",
    "none", "vim", "vi", "wget", "www-data", "yes", "no",
];

fn is_not_a_host(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    NOT_HOSTS.contains(&lower.as_str())
        || NOT_HOSTS.contains(&host_key(name).as_str())
        || NOT_HOST_SHAPE.is_match(name)
        || TICKET_OR_HASH.is_match(name)
            && (name.contains('-')
                || name.chars().any(|c| c.is_ascii_digit()) && name.chars().any(|c| c.is_ascii_alphabetic()))
}

/// Words that start a sentence or qualify, not name, a site: "Our data center".
const NOT_SITE_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "Our",
    "Their",
    "Its",
    "This",
    "That",
    "Each",
    "Every",
    "One",
    "Another",
    "Main",
    "Primary",
    "Secondary",
    "Backup",
    "Entire",
    "Whole",
    "Same",
    "In",
    "At",
    "From",
    "To",
    "Of",
    "On",
    "All",
    "Both",
    "Some",
];

/// File extensions that make a dotted name a file, not a host.
const FILE_EXTENSIONS: &[&str] = &[
    "php", "conf", "log", "txt", "json", "yml", "yaml", "html", "htm", "js", "ts", "py", "rb", "sh", "pp", "md", "css",
    "ini", "cfg", "xml", "sql", "service", "go", "rs", "java", "c", "h", "cpp", "lock", "toml", "env", "png", "jpg",
    "gif", "svg", "csv", "gz", "zip", "tar", "deb", "rpm", "so", "exe", "d",
];

/// The identity of a host name: lower case, separators dropped, leading zeros
/// of numbers dropped. `web-01`, `web01`, `WEB_1` all give `web1`.
pub fn host_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, key: &mut String| {
        if !digits.is_empty() {
            let trimmed = digits.trim_start_matches('0');
            key.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            digits.clear();
        }
    };
    for c in name.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        flush(&mut digits, &mut key);
        if !matches!(c, '-' | '_' | '.') {
            key.push(c.to_ascii_lowercase());
        }
    }
    flush(&mut digits, &mut key);
    key
}

fn is_file_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        let ext = ext.to_ascii_lowercase();
        FILE_EXTENSIONS.contains(&ext.as_str())
            // `wp-locale.phpp`: one dot and a short extension that is no
            // domain ending names a file, typo or not.
            || !stem.contains('.')
                && (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_lowercase())
                && !["com", "net", "org", "io", "local", "internal", "lan", "dev", "cloud"].contains(&ext.as_str())
    })
}

/// What a line must show before the address, domain, host and region
/// regexes are worth compiling and running on it. Read in one pass: most
/// lines show none of it.
#[derive(Default)]
struct LineShape {
    /// Dots followed by a digit: an IPv4 address has three.
    dots_before_digit: usize,
    /// Dots followed by a label: a domain name has two. A sentence's full
    /// stop is followed by a space. Beyond ASCII, case-insensitive `k` and
    /// `s` match the Kelvin sign and the long s, so any such byte counts.
    dots_before_label: usize,
    /// A letter followed by a digit, or by `-`/`_` and a digit, as in every
    /// numbered host (`web01`, `db-2`) and region (`us-east-1`).
    letter_then_number: bool,
    /// Two colons with at most four hex digits between them, as in every
    /// IPv6 address (`fe80::1`); a time's colons (`12:25 PM:`) are not.
    hex_between_colons: bool,
    /// An `@` after a character an e-mail address's local part may end in.
    mail_at: bool,
    /// `://` or `www.` (in any case), as in every link.
    link_mark: bool,
    /// `ata` (data centre), `erver` (server room) or `DC`, as in every site.
    site_word: bool,
}

/// The bytes `LineShape::of` looks at closely: a table test lets the rest
/// (most letters) pass in fewer instructions than the `match` takes.
static LOOKED_AT: [bool; 256] = crate::text::byte_set(b".0123456789:tvC@");

impl LineShape {
    fn of(text: &str) -> LineShape {
        let mut shape = LineShape::default();
        let bytes = text.as_bytes();
        let at = |i: usize| bytes.get(i).copied().unwrap_or(b' ');
        // Only dots, digits, colons and @ are looked at closely: a few bytes of a line.
        for (i, &b) in bytes.iter().enumerate() {
            if !LOOKED_AT[usize::from(b)] {
                continue;
            }
            match b {
                b'.' => {
                    shape.link_mark |= i >= 3 && bytes[i - 3..i].eq_ignore_ascii_case(b"www");
                    let next = at(i + 1);
                    shape.dots_before_digit += usize::from(next.is_ascii_digit());
                    shape.dots_before_label +=
                        usize::from(next.is_ascii_alphanumeric() || next == b'-' || !next.is_ascii());
                }
                b'0'..=b'9' if !shape.letter_then_number && i > 0 => {
                    let before = at(i - 1);
                    shape.letter_then_number = before.is_ascii_alphabetic()
                        || matches!(before, b'-' | b'_') && i > 1 && at(i - 2).is_ascii_alphabetic();
                }
                b':' => {
                    shape.link_mark |= bytes[i + 1..].starts_with(b"//");
                    if !shape.hex_between_colons {
                        let hex = bytes[i + 1..]
                            .iter()
                            .take(5)
                            .take_while(|b| b.is_ascii_hexdigit())
                            .count();
                        shape.hex_between_colons = hex <= 4 && at(i + 1 + hex) == b':';
                    }
                }
                b't' => shape.site_word |= i > 0 && at(i - 1) == b'a' && at(i + 1) == b'a',
                b'v' => shape.site_word |= i >= 2 && &bytes[i - 2..i] == b"er" && bytes[i + 1..].starts_with(b"er"),
                b'C' => shape.site_word |= i > 0 && at(i - 1) == b'D',
                // Case-insensitive `[A-Za-z]` also matches the Kelvin sign and the long s.
                b'@' if i > 0 => {
                    let before = at(i - 1);
                    shape.mail_at |= before.is_ascii_alphanumeric() || b"_.+-".contains(&before) || !before.is_ascii();
                }
                _ => {}
            }
        }
        shape
    }

    /// Whether a link or an e-mail address may be in `text`.
    fn may_hold_link(&self) -> bool {
        self.mail_at || self.link_mark
    }

    fn may_hold_address(&self) -> bool {
        self.dots_before_digit >= 3
    }

    fn may_hold_domain(&self) -> bool {
        self.dots_before_label >= 2
    }
}

fn section_of(sections: &[Section<'_>], at: usize) -> Option<usize> {
    sections.iter().rposition(|s| s.span.start <= at && at < s.span.end)
}

struct Collector<'s, 'a> {
    sections: &'s [Section<'a>],
    /// Entities in the order found, which is their priority when two overlap:
    /// an address beats a host, a name in backticks beats a word.
    out: Vec<Entity>,
}

impl Collector<'_, '_> {
    fn push(&mut self, kind: EntityKind, span: Span, key: String) {
        if span.is_empty() {
            return;
        }
        self.out.push(Entity {
            kind,
            span,
            key,
            section: section_of(self.sections, span.start),
        });
    }

    fn line(&mut self, line: &Line<'_>) {
        let text: &str = &line.text;
        // Cheap tests first: most lines name nothing, and each regex below
        // can only match text with these characters in it.
        let shape = LineShape::of(text);
        let links: Vec<std::ops::Range<usize>> = if shape.may_hold_link() {
            URL_OR_EMAIL.find_iter(text).map(|m| m.range()).collect()
        } else {
            Vec::new()
        };
        // Links come in order and never overlap: the one a range may be in is
        // the last to start at or before it, found by halving, not by reading
        // them all (a line of thousands of links took seconds).
        let in_link = |r: &std::ops::Range<usize>| {
            let before = links.partition_point(|l| l.start <= r.start);
            before > 0 && r.end <= links[before - 1].end
        };
        // Only where the line shows what every match needs: most lines show
        // none of it, and a regex no line can match is never compiled.
        if shape.may_hold_address() {
            for m in IPV4.find_iter(text) {
                let before = &text[..m.start()];
                let after = &text[m.end()..];
                // `1.2.3.4.5` is a version, not an address.
                let versionish = before.ends_with('.')
                    && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
                    || after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
                if !versionish {
                    self.push(EntityKind::Address, line.source_span(m.range()), m.as_str().to_string());
                }
            }
        }
        if shape.hex_between_colons {
            for m in IPV6_CANDIDATE.find_iter(text) {
                let candidate = m.as_str();
                let has_hex_letter = candidate.chars().any(|c| c.is_ascii_alphabetic());
                if (has_hex_letter || candidate.contains("::")) && candidate.parse::<Ipv6Addr>().is_ok() {
                    self.push(
                        EntityKind::Address,
                        line.source_span(m.range()),
                        candidate.to_ascii_lowercase(),
                    );
                }
            }
        }
        for range in line.code_ranges() {
            let name = text[range.clone()].trim();
            if !CODE_NAME.is_match(name)
                || name.len() < 2
                || name.len() > 40
                || is_file_name(name)
                || is_not_a_host(name)
                || NOT_SERVICES.contains(&name.to_ascii_lowercase().as_str())
            {
                continue;
            }
            // `web-01`, `db01.prod`: a host; `nginx`, `auth-service`: a service.
            let kind = if name.contains(|c: char| c.is_ascii_digit() || c == '.') {
                EntityKind::Host
            } else {
                EntityKind::Service
            };
            self.push(kind, line.source_span(range), host_key(name));
        }
        if shape.may_hold_domain() {
            for m in FQDN.find_iter(text) {
                if in_link(&m.range()) {
                    continue;
                }
                let name = m.as_str();
                let last = name.rsplit('.').next().unwrap_or("");
                // `a.k.a`, `S.O.S`: initials, not a domain.
                let initials = name.split('.').all(|label| label.len() == 1);
                if last.len() >= 2
                    && !initials
                    && last.chars().all(|c| c.is_ascii_alphabetic())
                    && !is_file_name(name)
                    && !IPV4.is_match(name)
                {
                    self.push(EntityKind::Host, line.source_span(m.range()), host_key(name));
                }
            }
        }
        if shape.letter_then_number {
            for m in REGION.find_iter(text) {
                self.push(EntityKind::Region, line.source_span(m.range()), m.as_str().to_string());
            }
            for m in NUMBERED_HOST.find_iter(text) {
                let name = m.as_str();
                if in_link(&m.range()) || is_not_a_host(name) {
                    continue;
                }
                self.push(EntityKind::Host, line.source_span(m.range()), host_key(name));
            }
        }
        if shape.site_word {
            self.sites(line);
        }
    }

    /// Sites in a line that holds a site's word: `[Dd]ata centre`,
    /// `[Ss]erver room`, `DC` (nothing else can match).
    fn sites(&mut self, line: &Line<'_>) {
        let text: &str = &line.text;
        for m in NUMBERED_DC.captures_iter(text) {
            let (Some(all), Some(n)) = (m.get(0), m.name("n")) else {
                continue;
            };
            let number = n.as_str().trim_start_matches('0');
            self.push(EntityKind::Site, line.source_span(all.range()), format!("dc {number}"));
        }
        for caps in SITE.captures_iter(text) {
            let Some(all) = caps.get(0) else {
                continue;
            };
            let before = caps
                .name("before")
                .map(|b| b.as_str())
                .filter(|b| !b.split_whitespace().all(|w| NOT_SITE_NAMES.contains(&w)));
            let after = caps.name("after").map(|a| a.as_str());
            let name: Vec<&str> = before.into_iter().chain(after).collect();
            if name.is_empty() {
                continue;
            }
            let start = match (before, caps.name("before")) {
                (Some(_), Some(b)) => b.start(),
                _ => caps.name("kind").map_or(all.start(), |k| k.start()),
            };
            let key = name.join(" ").to_lowercase();
            self.push(EntityKind::Site, line.source_span(start..all.end()), key);
        }
    }

    /// A site's name alone stands for it: "servers in Holberton" after
    /// "Holberton Data Center": the first word of a site's name, capitalised,
    /// after "in", "at", "from" or "to" (and "the").
    ///
    /// Each line is read once for every name, not once a name: a document
    /// naming fifty thousand sites took minutes.
    fn site_aliases(&mut self, md: &Markdown<'_>, body: Span, src: &str) {
        // Names by first word, each list sorted: of two names with one first
        // word, the first in that order is the one an alias stands for.
        let mut by_first_word: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for e in &self.out {
            if e.kind == EntityKind::Site && !e.key.starts_with("dc ") && e.key.len() > 2 {
                let first_word = e.key.split(' ').next().unwrap_or_default();
                by_first_word.entry(first_word).or_default().push(&e.key);
            }
        }
        if by_first_word.is_empty() {
            return;
        }
        for names in by_first_word.values_mut() {
            names.sort_unstable();
            names.dedup();
        }
        // A word that is itself "the" or a preposition, or one beyond ASCII,
        // is looked for with a regex of its own, as every word once was: the
        // search below cannot tell where such an alias starts or ends.
        let (by_word, by_regex): (Vec<_>, Vec<_>) = by_first_word.into_iter().partition(|(word, _)| {
            word.bytes().all(|b| b.is_ascii_alphanumeric()) && !["in", "at", "from", "to", "the"].contains(word)
        });
        let by_word: HashMap<&str, Vec<&str>> = by_word.into_iter().collect();
        let mut found: Vec<(Span, String)> = Vec::new();
        for line in md.lines_in(body) {
            if by_word.is_empty() {
                break;
            }
            let text: &str = &line.text;
            for place in PLACE_WORD.find_iter(text) {
                let Some(word) = word_after_place_word(&text[place.end()..]) else {
                    continue;
                };
                let range = place.end() + word.start..place.end() + word.end;
                let Some(names) = by_word.get(simple_fold(&text[range.clone()]).as_str()) else {
                    continue;
                };
                if let Some(span) = alias_span(line, &text[range.clone()], range, src) {
                    found.extend(names.iter().map(|name| (span, name.to_string())));
                }
            }
        }
        for (word, names) in by_regex {
            let pattern = format!(
                r"(?i)\b(?:in|at|from|to)\s+(?:the\s+)?({})\b",
                regex_syntax::escape(word)
            );
            let Ok(re) = Regex::new(&pattern) else {
                continue;
            };
            for line in md.lines_in(body) {
                for caps in re.captures_iter(&line.text) {
                    if let Some(span) = caps.get(1).and_then(|w| alias_span(line, w.as_str(), w.range(), src)) {
                        found.extend(names.iter().map(|name| (span, name.to_string())));
                    }
                }
            }
        }
        for (span, name) in found {
            self.push(EntityKind::Site, span, name);
        }
    }
}

/// "in", "at", "from", "to": the words before a place.
static PLACE_WORD: LazyRegex = LazyRegex::new(r"(?i)\b(?:in|at|from|to)\s+").needing(b"iIaAfFtT");
/// Where the word after a place word is in `rest` (the text after it),
/// past a "the": what `^(?:(?i:the)\s+)?(\w+)` captures, the regex once
/// built for each site's first word less that word.
fn word_after_place_word(rest: &str) -> Option<std::ops::Range<usize>> {
    let word_at = |from: usize| {
        let len: usize = rest[from..]
            .chars()
            .take_while(|&c| regex_syntax::is_word_character(c))
            .map(char::len_utf8)
            .sum();
        from..from + len
    };
    if rest.get(..3).is_some_and(|the| the.eq_ignore_ascii_case("the")) {
        let space: usize = rest[3..]
            .chars()
            .take_while(|c| c.is_whitespace())
            .map(char::len_utf8)
            .sum();
        let word = word_at(3 + space);
        if space > 0 && !word.is_empty() {
            return Some(word);
        }
    }
    let word = word_at(0);
    (!word.is_empty()).then_some(word)
}

/// `word` folded as a case-insensitive regex compares it with ASCII: the
/// Kelvin sign is a `k` and the long s an `s`; other letters beyond ASCII
/// stay as they are (and match no ASCII name).
fn simple_fold(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '\u{212a}' => 'k',
            '\u{17f}' => 's',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The span of an alias found at `range` of a line's text: None unless it
/// is capitalised as a name is (not the word in a sentence), and it is
/// where the line says in the source.
fn alias_span(line: &Line<'_>, word: &str, range: std::ops::Range<usize>, src: &str) -> Option<Span> {
    if !word.starts_with(char::is_uppercase) {
        return None;
    }
    let span = line.source_span(range);
    (span.slice(src) == word).then_some(span)
}

pub(crate) fn collect_entities(src: &str, md: &Markdown<'_>, body: Span, sections: &[Section<'_>]) -> Vec<Entity> {
    let mut c = Collector::over_lines(md, body, sections);
    c.site_aliases(md, body, src);
    without_overlaps(c.out)
}

impl<'s, 'a> Collector<'s, 'a> {
    /// The entities each line of the body names by itself.
    // Inlined into `collect_entities`: called, its line loop compiled to 0.4%
    // more instructions over many documents (BENCHMARKS.md, stop 26).
    #[inline(always)]
    fn over_lines(md: &Markdown<'_>, body: Span, sections: &'s [Section<'a>]) -> Self {
        let mut c = Collector {
            sections,
            out: Vec::new(),
        };
        for block in md.blocks_in(body) {
            if matches!(
                block.kind,
                BlockKind::Code { fenced: true } | BlockKind::ThematicBreak | BlockKind::FrontMatter
            ) {
                continue;
            }
            let lines = if block.kind == BlockKind::Html {
                &block.prose
            } else {
                &block.lines
            };
            for line in lines {
                c.line(line);
            }
        }
        c
    }
}

/// Drops mentions inside an earlier-found one (`db01` inside
/// `db01.prod.example.com`), in one pass over the sorted list.
fn without_overlaps(found: Vec<Entity>) -> Vec<Entity> {
    let mut found: Vec<(usize, Entity)> = found.into_iter().enumerate().collect();
    found.sort_by_key(|(priority, e)| (e.span.start, *priority));
    let mut out: Vec<Entity> = Vec::with_capacity(found.len());
    for (_, entity) in found {
        if out.last().is_none_or(|last| entity.span.start >= last.span.end) {
            out.push(entity);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse};

    fn entities(src: &str) -> Vec<(EntityKind, String, String)> {
        let incident = parse(src, &ParseOptions::default());
        incident
            .entities
            .iter()
            .map(|e| (e.kind, incident.text(e.span).to_string(), e.key.clone()))
            .collect()
    }

    /// Site aliases as they were found before stop 26: a regex for each
    /// name, over every line. The reference for the one-pass search.
    fn site_aliases_by_name(c: &mut Collector<'_, '_>, md: &Markdown<'_>, body: Span, src: &str) {
        let mut names: Vec<String> = c
            .out
            .iter()
            .filter(|e| e.kind == EntityKind::Site && !e.key.starts_with("dc ") && e.key.len() > 2)
            .map(|e| e.key.clone())
            .collect();
        names.sort();
        names.dedup();
        for name in names {
            let first_word = name.split(' ').next().unwrap();
            let pattern = format!(
                r"(?i)\b(?:in|at|from|to)\s+(?:the\s+)?({})\b",
                regex_syntax::escape(first_word)
            );
            let re = Regex::new(&pattern).unwrap();
            for line in md.lines_in(body) {
                for caps in re.captures_iter(&line.text) {
                    let word = caps.get(1).unwrap();
                    if !word.as_str().starts_with(|c: char| c.is_uppercase()) {
                        continue;
                    }
                    let span = line.source_span(word.range());
                    if span.slice(src) == word.as_str() {
                        c.push(EntityKind::Site, span, name.clone());
                    }
                }
            }
        }
    }

    /// The one-pass alias search finds what a regex for each name found:
    /// names whose first word is a preposition, "the", or shared; aliases in
    /// any case, after runs of white space, with the Kelvin sign, a
    /// combining accent or an underscore after them.
    #[test]
    fn aliases_found_in_one_pass_are_those_a_regex_a_name_found() {
        // Not in the order of their names: the first name in that order wins.
        let sites = "Sites: Holberton East Data Center, Holberton Data Center, Lagos DC, In Lagos Data Centre, \
                     Kano Data Center, The Abuja Data Centre, To Data Center, Data Center Ikeja, Server Room Yaba.\n";
        let pieces = [
            "in ",
            "at ",
            "from ",
            "to ",
            "In ",
            "AT ",
            "the ",
            "The ",
            "THE ",
            "Holberton",
            "holberton",
            "HOLBERTON",
            "Lagos",
            "Lago\u{17f}",
            "In",
            "in",
            "Kano",
            "\u{212a}ano",
            "Lagos\u{301}",
            "Lagos_x",
            "Holbertons",
            "Abuja",
            "Ikeja",
            "Yaba",
            "To",
            "  ",
            "\t",
            " ",
            ", ",
            "x",
            "\u{a0}",
            "**",
            "`",
        ];
        let mut draws = crate::cue::equivalence::Draws::new(0x9b05_688c_2b3e_6c1f);
        let (mut aliased, mut documents) = (0, 0);
        for _ in 0..400 {
            let mut src = format!("# Outage\n\n{sites}\n");
            for _ in 0..8 {
                let line: String = (0..1 + draws.below(10)).map(|_| draws.pick(&pieces)).collect();
                src.push_str(&format!("- {line}\n"));
            }
            let incident = parse(&src, &ParseOptions::default());
            let (md, body) = (&incident.markdown, incident.body);
            let mut one_pass = Collector::over_lines(md, body, &incident.sections);
            let mut by_name = Collector::over_lines(md, body, &incident.sections);
            let before = one_pass.out.len();
            one_pass.site_aliases(md, body, &src);
            site_aliases_by_name(&mut by_name, md, body, &src);
            aliased += one_pass.out.len() - before;
            documents += usize::from(by_name.out.len() > before);
            assert_eq!(without_overlaps(one_pass.out), without_overlaps(by_name.out), "{src}");
        }
        assert!(aliased > 300 && documents > 100, "{aliased} {documents}");
    }

    /// The word after a place word is what the regex it stands for captures.
    #[test]
    fn the_word_after_a_place_word_is_the_regexs() {
        let re = Regex::new(r"^(?:(?i:the)\s+)?(\w+)").unwrap();
        let pieces = [
            "the", "The", "THE", "theory", "th", " ", "  ", "\t", "\u{a0}", "\u{2003}", "Lagos", "x", "_", "9", "-",
            ",", "\u{301}", "é", "\u{200d}", "ſ", "\u{212a}", "日本", ".",
        ];
        let mut draws = crate::cue::equivalence::Draws::new(0x1f83_d9ab_fb41_bd6b);
        let mut found = 0;
        for _ in 0..50_000 {
            let rest: String = (0..draws.below(6)).map(|_| draws.pick(&pieces)).collect();
            let by_regex = re.captures(&rest).and_then(|c| c.get(1)).map(|m| m.range());
            assert_eq!(word_after_place_word(&rest), by_regex, "{rest:?}");
            found += usize::from(by_regex.is_some());
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn keys() {
        assert_eq!(host_key("web-01"), "web1");
        assert_eq!(host_key("WEB_1"), "web1");
        assert_eq!(host_key("web01"), "web1");
        assert_eq!(host_key("docker-shim"), "dockershim");
        assert_eq!(host_key("db10"), "db10");
    }

    #[test]
    fn addresses_hosts_and_services() {
        let found = entities(
            "Requests to `100.34.56.123` and 10.0.0.2 via web-01 and `nginx` on db01.prod.example.com and 2001:db8::1 failed; version 1.2.3.4.5 and wp-settings.php are not hosts; utf8 neither.\n",
        );
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (EntityKind::Address, "100.34.56.123"),
                (EntityKind::Address, "10.0.0.2"),
                (EntityKind::Host, "web-01"),
                (EntityKind::Service, "nginx"),
                (EntityKind::Host, "db01.prod.example.com"),
                (EntityKind::Address, "2001:db8::1"),
            ]
        );
    }

    #[test]
    fn things_that_only_look_like_hosts() {
        let found = entities(
            "At 14:00 UTC-5 (Sev-2, Dec-2022, January23, INC-2026-0718, a.k.a. `wp-locale.phpp`) commit `a3f9c21` fixed AUTH-512; see https://blog.example.com/@writer22 or mail ops22@example.org. Ran `curl` as `root` on `auth-service`, `web-03`.\n",
        );
        let kinds: Vec<(EntityKind, &str)> = found.iter().map(|(k, t, _)| (*k, t.as_str())).collect();
        assert_eq!(
            kinds,
            vec![(EntityKind::Service, "auth-service"), (EntityKind::Host, "web-03")]
        );
    }

    /// Names in links are no hosts; names between, before and after links are.
    #[test]
    fn hosts_between_links() {
        let found = entities(
            "db-01 then http://web-02.example.com/x and lb-03, ops@cache-04.example.net and https://edge.example.org/q/web-05 db-06.prod.example.com; api-07\n",
        );
        let hosts: Vec<&str> = found.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(hosts, vec!["db-01", "lb-03", "db-06.prod.example.com", "api-07"]);
    }

    #[test]
    fn sites() {
        let found = entities(
            "A disk failed in Data Center A. We replaced servers in Holberton and audited the Holberton Data Center, DC2, the Lagos DC and us-east-1; one of our data centers was fine.\n",
        );
        let sites: Vec<(String, String)> = found
            .into_iter()
            .filter(|(k, _, _)| matches!(k, EntityKind::Site | EntityKind::Region))
            .map(|(_, t, key)| (t, key))
            .collect();
        assert_eq!(
            sites,
            vec![
                ("Data Center A".to_string(), "a".to_string()),
                ("Holberton".to_string(), "holberton".to_string()),
                ("Holberton Data Center".to_string(), "holberton".to_string()),
                ("DC2".to_string(), "dc 2".to_string()),
                ("Lagos DC".to_string(), "lagos".to_string()),
                ("us-east-1".to_string(), "us-east-1".to_string()),
            ]
        );
    }
}

#[cfg(test)]
mod patterns {
    use super::*;

    /// The cheap tests before the address, domain, host and region regexes
    /// let through every text they match.
    #[test]
    fn gates_let_every_match_through() {
        let words = [
            "web-01",
            "db01",
            "db_2",
            "lb-eu-3",
            "us-east-1",
            "eu-west-2",
            "10.0.0.1",
            "192.168.1.20",
            "1.2.3",
            "db01.prod.example.com",
            "a.b",
            "api.example.io",
            "x.\u{212A}z",
            "ex.\u{17F}t",
            "Web",
            "-",
            "_",
            ".",
            "9",
            "2022",
            "v2",
            "a",
            "k",
            "s",
            "é",
            "fe80::1",
            "::",
            "2001:db8::ff00:42:8329",
            "12:25",
            "PM:",
            ":",
            "@",
            "ops@example.com",
            "@eng2",
            "a@b.c",
            "\u{17F}@x.io",
            "https://x.io/a",
            "WWW.example.org",
            "ftp://h",
            "wWw.",
            "data",
            "Data Center",
            "datacentre",
            "Server room",
            "server",
            "DC",
            "DC-2",
            "dc",
            "Holberton",
        ];
        let mut matched = 0;
        for text in crate::cue::equivalence::sample_texts("", &words, 20_000) {
            let shape = LineShape::of(&text);
            let checks = [
                (&IPV6_CANDIDATE, shape.hex_between_colons),
                (&URL_OR_EMAIL, shape.may_hold_link()),
                (&SITE, shape.site_word),
                (&NUMBERED_DC, shape.site_word),
                (&IPV4, shape.may_hold_address()),
                (&FQDN, shape.may_hold_domain()),
                (&REGION, shape.letter_then_number),
                (&NUMBERED_HOST, shape.letter_then_number),
            ];
            for (regex, gate) in checks {
                if regex.is_match(&text) {
                    matched += 1;
                    assert!(gate, "{text:?}");
                }
            }
        }
        assert!(matched > 5000, "{matched}");
    }

    #[test]
    fn patterns_compile_and_need_what_they_say() {
        for pattern in [
            &super::IPV4,
            &super::IPV6_CANDIDATE,
            &super::NUMBERED_HOST,
            &super::FQDN,
            &super::CODE_NAME,
            &super::SITE,
            &super::NUMBERED_DC,
            &super::REGION,
            &super::NOT_HOST_SHAPE,
            &super::TICKET_OR_HASH,
            &super::URL_OR_EMAIL,
            &super::PLACE_WORD,
        ] {
            pattern.check();
        }
    }
}
