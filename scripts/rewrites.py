#!/usr/bin/env python3
"""Rewrite documents without changing what they say, and compare pmlint's
findings before and after: a finding that appears or goes is a parsing gap
(or a rewrite that did change the meaning: read each one).

    cargo build --release
    scripts/rewrites.py TRANSFORM FILE...      # e.g. lone_cr $(find fixtures -name '*.md')
    NOLINE=1 scripts/rewrites.py fence_wrap FILE...   # rewrites that add lines

Prints, per document whose findings differ, the findings only before and
only after (rule, line, severity), then a count. SEV=error,warning,info
widens the comparison (default error,warning); PMLINT names the binary.
Rewritten copies are left in /tmp/metaout/TRANSFORM/{a,b} to inspect.
tests/fixtures.rs runs a few of these rewrites over the fixtures as tests.
"""
import json, os, re, shutil, subprocess, sys
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PMLINT = os.environ.get("PMLINT", os.path.join(ROOT, "target/release/pmlint"))
SEV = set(os.environ.get("SEV", "error,warning").split(","))

T24 = re.compile(r"(?<![\d:.T/-])([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?(?![\d:])(?!\s*(?:[AaPp]\.?[Mm]\b))")
T12 = re.compile(r"(?<![\d:.])(1[0-2]|0?[1-9]):([0-5]\d)(:[0-5]\d)?\s?([AaPp])\.?[Mm]\.?(?![A-Za-z])")


def to12(m):
    h, mm, ss = int(m.group(1)), m.group(2), m.group(3) or ""
    suffix = "AM" if h < 12 else "PM"
    h12 = h % 12 or 12
    return f"{h12}:{mm}{ss} {suffix}"


def to24(m):
    h, mm, ss, ap = int(m.group(1)), m.group(2), m.group(3) or "", m.group(4).lower()
    if ap == "a":
        h = 0 if h == 12 else h
    else:
        h = 12 if h == 12 else h + 12
    return f"{h:02d}:{mm}{ss}"


def t24to12(text):
    if re.search(r"\d\s?[AaPp]\.?[Mm]\b", text):
        return None
    new = T24.sub(to12, text)
    return new if new != text else None


def t12to24(text):
    new = T12.sub(to24, text)
    return new if new != text else None


def numbered(text):
    new = re.sub(r"(?m)^(\s*)[-*+] ", lambda m: m.group(1) + "1. ", text)
    return new if new != text else None


def deeper(text):
    new = re.sub(r"(?m)^(##+) ", lambda m: m.group(1) + "# ", text)
    return new if new != text else None


def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def trailing(text):
    return re.sub(r"(?m)(\S)$", r"\1 ", text)


def lone_cr(text):
    return text.replace("\r\n", "\n").replace("\n", "\r")


def tabs(text):
    # a tab after a list marker or heading mark is the same markdown
    new = re.sub(r"(?m)^- ", "-\t", text)
    return new if new != text else None


def bold_time(text):
    # **10:05** in a list entry: emphasis around the time
    new = re.sub(r"(?m)^(\s*[-*] )(\d{1,2}:\d\d(?:\s?[AP]M)?)", r"\1**\2**", text)
    return new if new != text else None


def bold_headings(text):
    new = re.sub(r"(?m)^##+ +(.+?)[ \t]*#*[ \t]*$", lambda m: "**" + m.group(1).strip("*") + "**", text)
    return new if new != text else None


def plain_headings(text):
    new = re.sub(r"(?m)^##+ +(.+?)[ \t]*#*[ \t]*$", lambda m: m.group(1).strip("*").rstrip(":") + ":", text)
    return new if new != text else None


def fence_wrap(text):
    if "```" in text or "~~~" in text or text.startswith("---"):
        return None
    return "Here is the postmortem you asked for:\n```markdown\n" + text.rstrip("\n") + "\n```\n"


def loose_lists(text):
    new = re.sub(r"(?m)^(\s*[-*+] .*)$\n(?=\s*[-*+] )", lambda m: m.group(1) + "\n\n", text)
    return new if new != text else None


def emdash(text):
    new = re.sub(r"(?m)^(\s*[-*] \d{1,2}:\d\d(?:\s?[AP]M)?(?: [A-Z]{3})?) [-:] ", r"\1 — ", text)
    return new if new != text else None


HM = re.compile(r"(?<![\d:.T/-])(\d{1,2}):([0-5]\d)(?![\d:])")


def seconds(text):
    new = HM.sub(lambda m: m.group(0) + ":00", text)
    return new if new != text else None


def dotted_meridiem(text):
    new = re.sub(r"(\d)\s?([AaPp])[Mm]\b", lambda m: m.group(1) + " " + m.group(2).lower() + ".m.", text)
    return new if new != text else None


def lower_meridiem(text):
    new = re.sub(r"(\d)\s?([AP])M\b", lambda m: m.group(1) + m.group(2).lower() + "m", text)
    return new if new != text else None


def pad(text):
    new = re.sub(r"(?<![\d:.T/-])(\d):([0-5]\d)(?![\d:])", r"0\1:\2", text)
    return new if new != text else None


MONTHS = "January February March April May June July August September October November December".split()


def day_month(text):
    new = re.sub(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b", r"\2 \1 \3", text)
    return new if new != text else None


def table_timeline(text):
    lines = text.split("\n")
    out, i, changed = [], 0, False
    item = re.compile(r"^[-*] (\d{1,2}:\d\d(?:\s?[AP]M)?(?: [A-Z]{3})?)(?::| -|\s—) (.*)$")
    while i < len(lines):
        if item.match(lines[i]) and (i == 0 or not lines[i-1].strip()):
            j = i
            rows = []
            while j < len(lines) and item.match(lines[j]):
                m = item.match(lines[j])
                rows.append("| " + m.group(1) + " | " + m.group(2).replace("|", "/") + " |")
                j += 1
            if len(rows) >= 2 and (j == len(lines) or not lines[j].strip()):
                out += ["| Time | Event |", "| --- | --- |"] + rows
                changed = True
                i = j
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out) if changed else None


def closing_hashes(text):
    new = re.sub(r"(?m)^(#{1,6}) (.+?)[ \t]*$", lambda m: m.group(0) if m.group(2).endswith("#") else m.group(1) + " " + m.group(2) + " " + m.group(1), text)
    return new if new != text else None


def upper_headings(text):
    new = re.sub(r"(?m)^(#{2,6}) (.+?)[ \t]*$", lambda m: m.group(1) + " " + m.group(2).upper(), text)
    return new if new != text else None


def emoji_headings(text):
    new = re.sub(r"(?m)^(#{2,6}) (.+?)[ \t]*$", lambda m: m.group(1) + " \U0001F4CC " + m.group(2), text)
    return new if new != text else None


def numbered_headings(text):
    n = [0]
    def f(m):
        n[0] += 1
        return m.group(1) + " " + str(n[0]) + ". " + m.group(2)
    new = re.sub(r"(?m)^(##) (.+?)[ \t]*$", f, text)
    return new if new != text else None


SYN = [("Root Cause", "Root Cause Analysis"), ("Root cause", "Root cause analysis"), ("Action Items", "Follow-ups"), ("Action items", "Follow-up actions"), ("Summary", "Incident summary"), ("Timeline", "Timeline of events")]


def synonyms(text):
    def f(m):
        h = m.group(2)
        for a, b in SYN:
            if h.strip().rstrip(":") == a:
                return m.group(1) + " " + b
        return m.group(0)
    new = re.sub(r"(?m)^(#{1,6}) (.+?)[ \t]*$", f, text)
    return new if new != text else None


def timeline_last(text):
    # the ATX timeline section moved to the end of the document
    m = re.search(r"(?ms)^(##+) [^\n]*[Tt]imeline[^\n]*\n.*?(?=^#{1,2} |\Z)", text)
    if not m or m.end() == len(text) or text.count("\n## ") < 3:
        return None
    section = m.group(0)
    if not section.endswith("\n\n"):
        section = section.rstrip("\n") + "\n\n"
    rest = text[:m.start()] + text[m.end():]
    return rest.rstrip("\n") + "\n\n" + section


def setext_title(text):
    new = re.sub(r"\A# (.+)\n", lambda m: m.group(1) + "\n" + "=" * len(m.group(1)) + "\n", text)
    return new if new != text else None


def month_abbrev(text):
    new = re.sub(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b", lambda m: m.group(1)[:3] + " " + m.group(2) + ", " + m.group(3), text)
    return new if new != text else None


def ordinal_day(text):
    def suf(d):
        d = int(d)
        return "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    new = re.sub(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b", lambda m: m.group(1) + " " + m.group(2) + suf(m.group(2)) + ", " + m.group(3), text)
    return new if new != text else None


def iso_dates(text):
    def f(m):
        return "%s-%02d-%02d" % (m.group(3), MONTHS.index(m.group(1)) + 1, int(m.group(2)))
    new = re.sub(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b", f, text)
    return new if new != text else None


TRANSFORMS = {f.__name__: f for f in [month_abbrev, ordinal_day, iso_dates, timeline_last, setext_title, closing_hashes, upper_headings, emoji_headings, numbered_headings, synonyms, seconds, dotted_meridiem, lower_meridiem, pad, day_month, table_timeline, bold_headings, plain_headings, fence_wrap, loose_lists, emdash, t24to12, t12to24, numbered, deeper, crlf, trailing, lone_cr, tabs, bold_time]}


def findings(root):
    out = subprocess.run([PMLINT, "--no-config", "--format", "json", root], capture_output=True, text=True)
    res = {}
    for d in json.loads(out.stdout or "[]"):
        if d["severity"] not in SEV:
            continue
        rel = os.path.relpath(d["path"], root)
        key = (d["rule"], d["severity"]) if os.environ.get("NOLINE") else (d["rule"], d["line"], d["severity"])
        res.setdefault(rel, Counter())[key] += 1
    return res, out


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in TRANSFORMS:
        sys.exit("usage: rewrites.py TRANSFORM FILE...\ntransforms: " + " ".join(sorted(TRANSFORMS)))
    name, files = sys.argv[1], sys.argv[2:]
    fn = TRANSFORMS[name]
    base = f"/tmp/metaout/{name}"
    shutil.rmtree(base, ignore_errors=True)
    a, b = f"{base}/a", f"{base}/b"
    n = 0
    for i, f in enumerate(files):
        try:
            text = open(f, encoding="utf-8", newline="").read()
        except Exception:
            continue
        new = fn(text)
        if new is None:
            continue
        n += 1
        for root, t in ((a, text), (b, new)):
            d = f"{root}/{i}"
            os.makedirs(d, exist_ok=True)
            with open(f"{d}/{os.path.basename(f)}", "w", encoding="utf-8", newline="") as h:
                h.write(t)
    fa, _ = findings(a)
    fb, _ = findings(b)
    diffs = 0
    for rel in sorted(set(fa) | set(fb)):
        ca, cb = fa.get(rel, Counter()), fb.get(rel, Counter())
        if ca != cb:
            diffs += 1
            idx = rel.split("/")[0]
            print(f"== {files[int(idx)]}  ({base}/a/{rel} vs b)")
            for k in sorted((ca - cb).keys()):
                print("   only before:", k)
            for k in sorted((cb - ca).keys()):
                print("   only after: ", k)
    print(f"{name}: {n} documents changed, {diffs} differ")


main()
