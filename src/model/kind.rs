//! The canonical kinds of postmortem section.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    Summary,
    Impact,
    Timeline,
    Detection,
    RootCause,
    Resolution,
    ActionItems,
    LessonsLearned,
    Other,
}

impl SectionKind {
    pub const ALL: [SectionKind; 9] = [
        SectionKind::Summary,
        SectionKind::Impact,
        SectionKind::Timeline,
        SectionKind::Detection,
        SectionKind::RootCause,
        SectionKind::Resolution,
        SectionKind::ActionItems,
        SectionKind::LessonsLearned,
        SectionKind::Other,
    ];

    /// The kebab-case name used in config, JSON and messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Timeline => "timeline",
            SectionKind::Detection => "detection",
            SectionKind::RootCause => "root-cause",
            SectionKind::Resolution => "resolution",
            SectionKind::ActionItems => "action-items",
            SectionKind::LessonsLearned => "lessons-learned",
            SectionKind::Other => "other",
        }
    }

    /// How a heading of this kind reads to a person, for messages.
    pub const fn title(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Impact => "impact",
            SectionKind::Timeline => "timeline",
            SectionKind::Detection => "detection",
            SectionKind::RootCause => "root cause",
            SectionKind::Resolution => "resolution",
            SectionKind::ActionItems => "action items",
            SectionKind::LessonsLearned => "lessons learned",
            SectionKind::Other => "other",
        }
    }

    /// Headings that would give a document this kind, for help messages.
    pub const fn example_headings(self) -> &'static [&'static str] {
        match self {
            SectionKind::Summary => &["Summary", "Issue summary", "Executive summary"],
            SectionKind::Impact => &["Impact", "Customer impact"],
            SectionKind::Timeline => &["Timeline", "Timeline of events", "Chronology"],
            SectionKind::Detection => &["Detection"],
            SectionKind::RootCause => &["Root cause", "Root cause analysis", "Contributing factors"],
            SectionKind::Resolution => &["Resolution", "Resolution and recovery", "Mitigation"],
            SectionKind::ActionItems => &["Action items", "Corrective and preventative measures", "Follow-ups"],
            SectionKind::LessonsLearned => &["Lessons learned"],
            SectionKind::Other => &[],
        }
    }

    const fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for SectionKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for SectionKind {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for SectionKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SectionKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = SectionKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("unknown section kind `{s}` (expected one of {})", names.join(", "))
        })
    }
}

/// A small set of section kinds (a heading such as "Root cause and resolution" has two).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct KindSet(u16);

impl KindSet {
    pub const EMPTY: KindSet = KindSet(0);

    pub const fn of(kind: SectionKind) -> Self {
        KindSet(kind.bit())
    }

    pub fn insert(&mut self, kind: SectionKind) {
        self.0 |= kind.bit();
    }

    pub fn union(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    pub const fn contains(self, kind: SectionKind) -> bool {
        self.0 & kind.bit() != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True if the set names at least one kind other than `Other`.
    /// True if the two sets share a known kind.
    pub const fn intersects(self, other: KindSet) -> bool {
        self.0 & other.0 & !SectionKind::Other.bit() != 0
    }

    /// True if every kind in `self` is also in `other`.
    pub const fn is_subset(self, other: KindSet) -> bool {
        self.0 & !other.0 == 0
    }

    pub const fn is_known(self) -> bool {
        self.0 & !SectionKind::Other.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = SectionKind> {
        SectionKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl fmt::Debug for KindSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<SectionKind> for KindSet {
    fn from_iter<T: IntoIterator<Item = SectionKind>>(iter: T) -> Self {
        let mut set = KindSet::EMPTY;
        for k in iter {
            set.insert(k);
        }
        set
    }
}
