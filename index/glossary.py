"""Plain English and council jargon, so a question finds papers that use the other one.

Members and residents ask about "tips", "children in care" or "old sofas"; officers write
"HWRCs", "looked-after children" and "soft furnishings". Each group below holds phrases
that mean the same thing in council papers. The index counts which phrases its papers
use; where a question uses a phrase of a group that the papers use less than another of
the group, the search adds the papers' phrases (BM25, at a lower weight), the vector
search embeds the question with the papers' phrase swapped in (only where the question's
phrase is nearly absent), and the evidence gate counts a passage that uses any phrase of
the group as holding that part of the question.

Phrases are matched on stemmed words, stopwords kept ("lighting up" is not "lighting"),
longest first ("fly-tipping" is not a tip). A council adds its own groups in settings
(`index.glossary_file`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cofnod.errors import ConfigError
from index.keyword import _WORD as _WORD_RE
from index.keyword import _stemmer

GROUPS: tuple[tuple[str, ...], ...] = (
    # waste and streets
    ("tip", "tips", "dump", "household waste recycling centre", "HWRC", "HWRCs", "recycling centre", "civic amenity site"),
    ("sofa", "sofas", "armchair", "armchairs", "settee", "couch", "soft furnishings", "upholstered furniture",
     "upholstered seating"),
    ("rubbish", "refuse", "bin collection", "bin collections", "waste collection"),
    ("fly-tipping", "fly tipping", "illegal dumping"),
    ("pothole", "potholes", "road repairs", "highway maintenance", "carriageway defects"),
    ("pavement", "pavements", "footway", "footways"),
    ("street lights", "streetlights", "street lighting"),
    ("speed limit", "20mph", "twenty miles per hour"),
    ("buses", "bus services", "public transport"),
    ("playground", "playgrounds", "play area", "play areas", "play park", "play parks"),
    # health and care
    ("smoking", "lighting up", "cigarettes", "smoke-free", "smokefree", "tobacco"),
    ("vaping", "vapes", "e-cigarettes"),
    ("GP", "GPs", "GP surgery", "family doctor", "primary care"),
    ("care home", "care homes", "residential care", "nursing home", "nursing homes"),
    ("home care", "care at home", "domiciliary care"),
    ("bed blocking", "delayed discharge", "delayed transfers of care", "hospital discharge"),
    ("unpaid carers", "family carers", "young carers"),
    ("older people", "elderly", "pensioners", "older adults"),
    ("adult social care", "ASC", "ASCH", "adult social care and health"),
    ("mental health", "emotional wellbeing", "emotional health"),
    # children and schools
    ("children in care", "looked after children", "looked-after children", "children looked after", "LAC", "CLA",
     "care experienced children"),
    ("care leavers", "leaving care", "care experienced young people"),
    ("foster carers", "foster parents", "foster households", "fostering households", "foster families"),
    ("placements", "homes for children", "where children live"),
    ("special educational needs", "special educational needs and disabilities", "additional learning needs",
     "ALN"),
    ("EHCP", "EHCPs", "education health and care plan", "education health and care plans"),
    ("school places", "pupil places", "places in schools"),
    ("pupil numbers", "school rolls", "number of pupils", "pupil population"),
    ("projections", "forecasts", "predictions", "projected", "forecast"),
    ("school transport", "home to school transport", "school buses"),
    ("free school meals", "FSM"),
    ("exclusions", "excluded pupils", "excluded from school"),
    ("absence", "attendance", "truancy", "persistent absence"),
    ("nursery", "nurseries", "early years", "childcare"),
    ("family hubs", "children's centres", "family centres"),
    ("child protection", "safeguarding children"),
    ("asylum seekers", "asylum seeking children", "UASC", "unaccompanied asylum seeking children", "refugees"),
    # housing and communities
    ("council housing", "council houses", "social housing", "social rented homes"),
    ("homelessness", "homeless", "rough sleeping", "rough sleepers"),
    ("antisocial behaviour", "anti-social behaviour", "ASB"),
    ("domestic abuse", "domestic violence"),
    ("planning permission", "planning consent", "planning application", "planning applications"),
    ("climate change", "net zero", "carbon emissions", "decarbonisation"),
    ("flooding", "flood risk", "floods"),
    # money and governance
    ("council tax", "council tax precept", "Band D"),
    ("business rates", "non-domestic rates", "NNDR"),
    ("overspend", "overspending", "over budget", "spending more than budgeted"),
    ("savings", "cuts", "spending reductions", "efficiencies"),
    ("reserves", "general reserves", "earmarked reserves", "rainy day fund"),
    ("paying for", "pay for", "paid for", "funded", "funding"),
    ("agency staff", "agency workers", "temporary staff"),
    ("vacancies", "unfilled posts", "vacant posts"),
    ("portfolio holder", "cabinet member"),
    ("council leader", "leader of the council"),
    ("councillors", "elected members"),
    ("inspectors", "inspectorate", "inspection", "Ofsted", "Estyn", "Care Inspectorate Wales", "CIW"),
    # what inspectors ask for: CIW writes "areas for improvement", Estyn "recommendations", Ofsted
    # "what needs to improve"
    ("recommendations", "areas for improvement", "what needs to improve", "areas for development"),
)

NAMES: tuple[tuple[str, ...], ...] = (("Ofsted",), ("Estyn",), ("Care Inspectorate Wales", "CIW"))
"""Phrases of a group that name one body (each tuple: one body's names). A question naming a body
is widened to its group's common words and the body's other names, never to another body: what
Estyn said is not what Ofsted said."""

ONLY_WITH: dict[str, str] = {"recommendations": "inspectors"}
"""Phrases that belong to their group only where the text also speaks of the named phrase's group:
committees and officers recommend too, and what they recommend is no inspector's "area for
improvement"."""


COUNTING = 3
"""Version of how phrases are matched and counted: saved counts from another version are recounted."""

RARE, RARE_SHARE = 2, 0.1
"""A question's phrase is rewritten for embedding when at most this many passages (or this share of
its best equivalent's count) hold it."""


@lru_cache(maxsize=4096)
def _stem(word: str) -> str:
    stem = _stemmer()
    return stem.stemWord(word) if stem else word


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of each word; hyphens split words ("fly-tipping" is "fly tipping")."""
    flat = text.lower().replace("-", " ").replace("’", "'")
    return [(m.start(), m.end(), _stem(m.group(0))) for m in _WORD_RE.finditer(flat)]


def _seq(text: str) -> tuple[str, ...]:
    return tuple(st for _, _, st in _tokens(text))


def _in_capitals(word: str) -> bool:
    """"ENCTS", "KPIs", "KCC's", "DfT": written as an acronym, not as the word "hit" or "Lift"."""
    core = re.sub(r"['’]s$", "", word)
    core = core[:-1] if core.endswith("s") else core
    return len(core) >= 2 and core[0].isupper() and core[-1].isupper()


def _read(text: str, spans: list[tuple[int, int, str]] | None = None) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The text's stems, and for each whether the word is written in capitals (from its `_tokens`,
    where the caller has them already)."""
    spans = _tokens(text) if spans is None else spans
    return tuple(st for _, _, st in spans), tuple(_in_capitals(text[a:b]) for a, b, _ in spans)


@dataclass(frozen=True)
class Match:
    start: int
    """Index of the first word."""
    length: int
    group: int
    phrase: str


@dataclass(frozen=True)
class Glossary:
    groups: tuple[tuple[str, ...], ...]
    cased: frozenset[tuple[str, ...]] = frozenset()
    """Phrases (as stems) that match only where written in capitals: the papers' own acronyms
    (index.acronyms), which may spell a word ("HIT", "LIFT") a question uses as a word."""

    @classmethod
    def default(cls) -> "Glossary":
        return cls(GROUPS)

    @classmethod
    def with_file(cls, path: str | Path | None) -> "Glossary":
        """The built-in groups plus a council's own: one group a line, phrases separated by '|'."""
        groups = list(GROUPS)
        if not path:
            return cls(tuple(groups))
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: cannot read the glossary file: {e}") from e
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            phrases = tuple(p.strip() for p in line.split("|") if p.strip())
            if len(phrases) < 2:
                raise ConfigError(f"{path}, line {number}: a group needs two or more phrases separated by '|'")
            groups.append(phrases)
        return cls(tuple(groups))

    def with_acronyms(self, pairs: list[tuple[str, str]]) -> "Glossary":
        """These groups and the papers' acronyms (long form, acronym; see index.acronyms): an
        acronym whose long form a group holds joins that group ("children in care", "CIC"); one
        a group already holds is left to it; any other pair is a group of its own."""
        groups = [list(g) for g in self.groups]
        where = {st: g for g, phrases in enumerate(_distinct(self.groups)) for st, _ in phrases}
        cased = set(self.cased)
        for long_form, acronym in pairs:
            short, full = _seq(acronym), _seq(long_form)
            if not short or not full or short in where:
                continue
            g = where.get(full)
            if g is None:
                g = len(groups)
                groups.append([long_form])
                where[full] = g
            groups[g].append(acronym)
            where[short] = g
            cased.add(short)
        return Glossary(tuple(tuple(g) for g in groups), frozenset(cased))

    def matches(self, seq: tuple[str, ...], caps: tuple[bool, ...] | None = None) -> list[Match]:
        """Glossary phrases in a stemmed word sequence, longest first and never overlapping:
        "fly tipping" is fly-tipping, not a tip. `caps` says which words are written in capitals
        (an acronym of `cased` matches only those; without `caps`, none)."""
        by_first = _phrases_by_first_word(self.groups)
        found: list[Match] = []
        i = 0
        while i < len(seq):
            best = max(((len(st), g, phrase) for st, g, phrase in by_first.get(seq[i], ())
                        if seq[i:i + len(st)] == st
                        and (st not in self.cased or (caps is not None and all(caps[i:i + len(st)])))), default=None)
            if best:
                found.append(Match(i, best[0], best[1], best[2]))
                i += best[0]
            else:
                i += 1
        return found

    def concepts(self, text: str) -> set[int]:
        """The groups one of whose phrases occurs in the text."""
        return {m.group for m in self.matches(*_read(text))}

    def _alternatives(self, own: list[Match], counts: dict[str, int] | None) -> tuple[int, list[str]]:
        """How often the papers use the question's words for an idea, and the group's other phrases
        (of them, only the common words and the names of a body the question names, if it names one)."""
        said = {m.phrase for m in own}
        asked = max((counts.get(p, 0) for p in said), default=0) if counts is not None else -1
        named = {_body(p) for p in said} - {None}
        return asked, [p for _, p in _distinct(self.groups)[own[0].group]
                       if p not in said and (not named or _body(p) in named or _body(p) is None)]

    def _in_context(self, found: list[Match]) -> list[Match]:
        """The matches without those of `ONLY_WITH` phrases whose required group the text lacks."""
        groups = {m.group for m in found}
        return [m for m in found if m.phrase not in ONLY_WITH or self._group_of(ONLY_WITH[m.phrase]) in groups]

    def _group_of(self, phrase: str) -> int | None:
        st = _seq(phrase)
        return next((g for g, phrases in enumerate(_distinct(self.groups)) if any(s == st for s, _ in phrases)),
                    None)

    def _by_group(self, text: str, spans: list[tuple[int, int, str]] | None = None) -> dict[int, list[Match]]:
        out: dict[int, list[Match]] = {}
        for m in self._in_context(self.matches(*_read(text, spans))):
            out.setdefault(m.group, []).append(m)
        return out

    def expansions(self, text: str, counts: dict[str, int] | None = None) -> list[str]:
        """The other phrases of every group the text mentions: what else to search for.

        With `counts` (passages holding each phrase, from `count_phrases`), only the phrases
        the papers use more than the question's own words are added: "tips" brings in
        "household waste recycling centre", but "smoking" stays as it is in papers that
        say "smoking".
        """
        out: list[str] = []
        for own in self._by_group(text).values():
            asked, others = self._alternatives(own, counts)
            out += [p for p in others if counts is None or counts.get(p, 0) > asked]
        return out

    def rewrite(self, text: str, counts: dict[str, int]) -> str:
        """The text with a phrase the papers hardly use replaced by the one they use most
        ("tips" -> "household waste recycling centre"): what the vector search embeds."""
        spans = _tokens(text)
        edits: list[tuple[int, int, str]] = []
        for own in self._by_group(text, spans).values():
            asked, others = self._alternatives(own, counts)
            others = [p for p in others if counts.get(p, 0)]
            # only where the papers hardly use the question's words: "ASCH" or "forecast" stay as asked
            if not others or asked > max(RARE, RARE_SHARE * max(counts[p] for p in others)):
                continue
            # a spelled-out phrase embeds better than an acronym
            best = max(others, key=lambda p: (" " in p or len(p) > 5, counts[p]))
            first = own[0]
            edits.append((spans[first.start][0], spans[first.start + first.length - 1][1], best))
        out, last = [], 0
        for start, end, phrase in sorted(edits):
            out += [text[last:start], phrase]
            last = end
        return "".join(out) + text[last:]

    def spelled_out(self, text: str) -> str:
        """The text with each acronym of `cased` written in its words ("ENCTS" -> "english national
        concessionary travel scheme"): what a sentence means, for the embedding model, which
        knows the words and not the letters."""
        if not self.cased:
            return text
        spans = _tokens(text)
        seq, caps = _read(text, spans)
        out, last = [], 0
        for m in self.matches(seq, caps):
            st = seq[m.start:m.start + m.length]
            if st not in self.cased:
                continue
            words = next((p for p in self.groups[m.group] if _seq(p) not in self.cased), None)
            if words is None:
                continue
            out += [text[last:spans[m.start][0]], words]
            last = spans[m.start + m.length - 1][1]
        return "".join(out) + text[last:]

    def count_phrases(self, texts) -> dict[str, int]:
        """How many of the texts hold each phrase, for `expansions` and `rewrite`."""
        counts: dict[str, int] = {}
        for text in texts:
            for phrase in {m.phrase for m in self.matches(*_read(text))}:
                counts[phrase] = counts.get(phrase, 0) + 1
        return counts

    def covered_stems(self, question: str, text: str) -> set[str]:
        """Stems of the question's glossary phrases whose meaning the text holds in other words."""
        held = self.concepts(text)
        q_seq, caps = _read(question)
        return {st for m in self._in_context(self.matches(q_seq, caps)) if m.group in held for st in q_seq[m.start:m.start + m.length]}


@lru_cache(maxsize=256)
def _body(phrase: str) -> int | None:
    """Which body of `NAMES` a phrase names, if any."""
    st = _seq(phrase)
    return next((i for i, names in enumerate(NAMES) if any(_seq(n) == st for n in names)), None)


def for_display(phrases: list[str]) -> list[str]:
    """The phrases without plural repeats ("HWRC, HWRCs" shows as "HWRC")."""
    lowered = {p.lower() for p in phrases}
    return [p for p in phrases if not (p.lower().endswith("s") and p.lower()[:-1] in lowered)]


@lru_cache(maxsize=8)
def _distinct(groups: tuple[tuple[str, ...], ...]) -> list[list[tuple[tuple[str, ...], str]]]:
    """Each group's phrases with their stems, one phrase per stem sequence ("tip" stands for "tips")."""
    out = []
    for group in groups:
        seen: dict[tuple[str, ...], str] = {}
        for phrase in group:
            st = _seq(phrase)
            if st and st not in seen:
                seen[st] = phrase
        out.append([(st, phrase) for st, phrase in seen.items()])
    return out


@lru_cache(maxsize=8)
def _phrases_by_first_word(groups: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[tuple[str, ...], int, str]]]:
    out: dict[str, list[tuple[tuple[str, ...], int, str]]] = {}
    for g, phrases in enumerate(_distinct(groups)):
        for st, phrase in phrases:
            out.setdefault(st[0], []).append((st, g, phrase))
    return out
