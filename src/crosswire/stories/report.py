"""Render a :class:`~crosswire.stories.compare.Comparison`: Markdown, standalone HTML, Rich.

The three renderers lay out the same sections in the same order: outlets with
their profiles (and reposts), the claim matrix (each cell links to its evidence
sentence), what each outlet reports alone, sources per outlet, framing per outlet.
Article text is untrusted: Markdown escapes its markup characters, HTML escapes
everything and carries a strict Content-Security-Policy (no scripts, no remote
anything), and Rich gets :class:`rich.text.Text` objects, never markup strings.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from crosswire.stories.claims import CONTRADICTED, NOT_REPORTED, REPORTED, Claim, Evidence
from crosswire.stories.compare import Comparison, OutletColumn, OutletFraming
from crosswire.stories.framing_compare import blame_by_country
from crosswire.stories.outlets import OutletProfile

MARKS = {REPORTED: "✔", NOT_REPORTED: "\u2013", CONTRADICTED: "✘"}
LEGEND = (
    f"{MARKS[REPORTED]} reported, {MARKS[NOT_REPORTED]} not reported, "
    f"{MARKS[CONTRADICTED]} contradicted; each mark links to its evidence."
)


def profile_text(profile: OutletProfile | None) -> str:
    """One line of outlet metadata: country, language, ownership, state affiliation, lean."""
    if profile is None:
        return "no profile (add one to outlets.tsv)"
    parts = [profile.country, profile.language, profile.ownership]
    if profile.state_affiliation and profile.state_affiliation != "none":
        parts.append(profile.state_affiliation)
    if profile.lean:
        parts.append(f"US lean: {profile.lean}")
    if profile.notes:
        parts.append(profile.notes)
    return "; ".join(p for p in parts if p)


def repost_text(column: OutletColumn) -> str | None:
    """What the column republishes, in words, or None."""
    if not column.republished:
        return None
    if column.original_outlet:
        line = f"republished material; original outlet probably {column.original_outlet}"
        if column.original_profile is not None:
            line += f" ({profile_text(column.original_profile)})"
    else:
        line = f"republishes article {column.reposted_from}"
    return f"{line}; evidence: {column.repost_evidence}" if column.repost_evidence else line


def _evidence_line(evidence: Evidence) -> str:
    notes = [
        n
        for n in (evidence.modality, evidence.attributed_to and f"per {evidence.attributed_to}")
        if n
    ]
    note = f" ({'; '.join(notes)})" if notes else ""
    where = f"article {evidence.article_id} [{evidence.start}:{evidence.end}]"
    return f"{where}{note}: “{evidence.sentence}”"


def _anchor(claim: Claim, outlet_index: int, n: int) -> str:
    return f"ev-{claim.id}-{outlet_index}-{n}"


# --- Markdown -------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|<>])")


def _md(text: str) -> str:
    """Article text made inert in Markdown (and in the HTML some renderers allow)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(comparison: Comparison) -> str:
    """The comparison as a Markdown document."""
    return "\n".join(_markdown_lines(comparison)).rstrip() + "\n"


def _markdown_lines(comparison: Comparison) -> Iterator[str]:
    yield f"# Story: {_md(comparison.title or 'untitled')}"
    yield ""
    yield "## Outlets"
    for column in comparison.outlets:
        yield f"- **{_md(column.key)}**: {_md(profile_text(column.profile))}"
        note = repost_text(column)
        if note:
            yield f"  - ⚠ {_md(note)}"
        for repost in column.reposts:
            kind = "duplicate" if repost.exact else "repost"
            by = f"{_md(repost.outlet)} (article {repost.article_id})"
            yield f"  - also published as a {kind} by {by}"
    yield ""
    yield from _md_claims(comparison)
    yield "## Sources per outlet"
    for entry in comparison.sources:
        yield f"### {_md(entry.outlet)}"
        for source in entry.sources or ():
            told = f"; speaking to {', '.join(source.spoke_to)}" if source.spoke_to else ""
            kinds = _md(", ".join(source.kinds) + told)
            yield f"- {_md(source.name)} ({kinds}): {source.count}\u00d7"
        if not entry.sources:
            yield "- no source named"
    yield ""
    yield "## Framing per outlet"
    for framing in comparison.framing:
        yield f"### {_md(framing.outlet)}"
        yield from (f"- {_md(line)}" for line in framing_lines(framing))
        yield ""


def _md_claims(comparison: Comparison) -> Iterator[str]:
    """The claim matrix, the summary under it, and the evidence each mark links to."""
    keys = [c.key for c in comparison.outlets]
    yield "## Claims"
    yield LEGEND
    yield ""
    yield "| claim | " + " | ".join(_md(k) for k in keys) + " |"
    yield "|---|" + "---|" * len(keys)
    for claim in comparison.claims:
        cells = []
        for i, cell in enumerate(claim.cells):
            links = " ".join(
                f"[{MARKS[cell.status]}](#{_anchor(claim, i, n)})"
                for n in range(len(cell.evidence))
            )
            cells.append(links or MARKS[cell.status])
        yield f"| {claim.id}: {_md(claim.label)} | " + " | ".join(cells) + " |"
    yield ""
    for heading, claims in summary(comparison):
        yield f"**{_md(heading)}:** " + "; ".join(_md(c.label) for c in claims)
        yield ""
    yield "### Evidence"
    for claim in comparison.claims:
        for i, cell in enumerate(claim.cells):
            for n, evidence in enumerate(cell.evidence):
                anchor = _anchor(claim, i, n)
                line = _md(_evidence_line(evidence))
                where = f"{claim.id}, {_md(cell.outlet)} ({cell.status})"
                yield f'- <a id="{anchor}"></a>{where}: {line}'
    yield ""


# --- HTML -----------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; max-width: 80rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; vertical-align: top; text-align: left; }
td.reported { background: #e6f4ea; } td.contradicted { background: #fde7e9; }
td.mark { text-align: center; } .note { color: #8a4b00; } .muted { color: #666; }
li:target { background: #fff3bf; }
"""


def to_html(comparison: Comparison) -> str:
    """The comparison as one standalone HTML page: no scripts, no remote resources."""
    digest = base64.b64encode(hashlib.sha256(_STYLE.encode()).digest()).decode()
    csp = (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    title = html.escape(comparison.title or "untitled story")
    body = "\n".join(_html_body(comparison))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>Story comparison: {title}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_body(comparison: Comparison) -> Iterator[str]:
    yield f"<h1>Story: {_e(comparison.title or 'untitled')}</h1>"
    yield "<h2>Outlets</h2><table><tr><th>outlet</th><th>profile</th><th>reposts</th></tr>"
    for column in comparison.outlets:
        notes = [repost_text(column) or ""]
        notes += [f"also published by {r.outlet} (article {r.article_id})" for r in column.reposts]
        note = "<br>".join(_e(n) for n in notes if n)
        yield (
            f"<tr><td>{_e(column.key)}</td><td>{_e(profile_text(column.profile))}</td>"
            f'<td class="note">{note}</td></tr>'
        )
    yield "</table>"
    yield "<h2>Claims</h2>"
    yield f'<p class="muted">{_e(LEGEND)}</p>'
    head = "".join(f"<th>{_e(c.key)}</th>" for c in comparison.outlets)
    yield f"<table><tr><th>claim</th>{head}</tr>"
    for claim in comparison.claims:
        cells = "".join(_html_cell(claim, i) for i in range(len(claim.cells)))
        yield f"<tr><td>{_e(claim.id)}: {_e(claim.label)}</td>{cells}</tr>"
    yield "</table>"
    yield from _html_summary(comparison)
    yield "<h3>Evidence</h3><ul>"
    for claim in comparison.claims:
        for i, cell in enumerate(claim.cells):
            for n, evidence in enumerate(cell.evidence):
                yield (
                    f'<li id="{_anchor(claim, i, n)}">{_e(claim.id)}, {_e(cell.outlet)} '
                    f"({_e(cell.status)}): {_e(_evidence_line(evidence))}</li>"
                )
    yield "</ul>"
    yield from _html_sources(comparison)
    yield "<h2>Framing per outlet</h2>"
    for framing in comparison.framing:
        yield f"<h3>{_e(framing.outlet)}</h3><ul>"
        yield from (f"<li>{_e(line)}</li>" for line in framing_lines(framing))
        yield "</ul>"


def _html_cell(claim: Claim, index: int) -> str:
    cell = claim.cells[index]
    mark = MARKS[cell.status]
    links = " ".join(
        f'<a href="#{_anchor(claim, index, n)}" title="{_e(e.sentence)}">{mark}</a>'
        for n, e in enumerate(cell.evidence)
    )
    css = cell.status.replace(" ", "-")
    return f'<td class="mark {css}">{links or mark}</td>'


def _html_summary(comparison: Comparison) -> Iterator[str]:
    for heading, claims in summary(comparison):
        items = "".join(f"<li>{_e(c.label)}</li>" for c in claims)
        yield f"<h3>{_e(heading)}</h3><ul>{items}</ul>"


def _html_sources(comparison: Comparison) -> Iterator[str]:
    yield "<h2>Sources per outlet</h2>"
    for entry in comparison.sources:
        yield f"<h3>{_e(entry.outlet)}</h3><ul>"
        for source in entry.sources:
            told = f"; speaking to {', '.join(source.spoke_to)}" if source.spoke_to else ""
            kinds = ", ".join(source.kinds) + told
            yield f"<li>{_e(source.name)} ({_e(kinds)}): {source.count}\u00d7</li>"
        if not entry.sources:
            yield "<li>no source named</li>"
        yield "</ul>"


def summary(comparison: Comparison) -> list[tuple[str, tuple[Claim, ...]]]:
    """Headed groups of claims: reported by all, by one outlet only, contradicted."""
    groups = [("Reported by all", comparison.shared())]
    groups += [(f"Only {c.key}", comparison.only(c.key)) for c in comparison.outlets]
    contradicted = tuple(
        c for c in comparison.claims if any(x.status == CONTRADICTED for x in c.cells)
    )
    groups.append(("Contradicted", contradicted))
    return [(heading, claims) for heading, claims in groups if claims]


def framing_lines(framing: OutletFraming) -> list[str]:
    """The framing of one outlet as plain-text lines."""
    lines = []
    for term in framing.terms:
        alts = "; ".join(f"“{t}” ({o})" for o, t in term.alternatives)
        lines.append(
            f"loaded term “{term.text}” \u00d7{term.count}"
            + (f" — elsewhere: {alts}" if alts else "")
        )
    if framing.words:
        lines.append(
            "distinguishing words (log-odds z): "
            + ", ".join(f"{w.word} ({w.z:+.2f})" for w in framing.words)
        )
    sides = blame_by_country(framing.blame)
    if sides:
        lines.append(
            "cast as source of conflict, by country: "
            + ", ".join(f"{country} \u00d7{count}" for country, count in sides)
        )
    for blamed in framing.blame:
        lines.append(
            f"cast as source of conflict: {blamed.actor} \u00d7{blamed.count}: "
            + "; ".join(blamed.events)
        )
    if framing.tone:
        lines.append(
            "tone (VADER, mean of sentences naming the actor): "
            + ", ".join(f"{t.actor} {t.score:+.2f} (n={t.sentences})" for t in framing.tone)
        )
    return lines


# --- Rich (terminal) ------------------------------------------------------------------


def to_rich(comparison: Comparison) -> RenderableType:
    """The comparison as Rich renderables for the terminal (article text never parsed as markup)."""
    parts: list[RenderableType] = [
        Text(f"Story: {comparison.title or 'untitled'}", style="bold"),
        _rich_outlets(comparison),
        _rich_claims(comparison),
    ]
    for heading, claims in summary(comparison):
        parts.append(Text(heading, style="bold"))
        parts.extend(Text(f"  • {c.id}: {c.label}") for c in claims)
    for entry in comparison.sources:
        table = Table("source", "kind", "cited", title=Text(f"Sources: {entry.outlet}"))
        for source in entry.sources:
            told = f"; speaking to {', '.join(source.spoke_to)}" if source.spoke_to else ""
            table.add_row(
                Text(source.name), Text(", ".join(source.kinds) + told), str(source.count)
            )
        parts.append(table)
    for framing in comparison.framing:
        parts.append(Text(f"Framing: {framing.outlet}", style="bold"))
        parts.extend(Text(f"  • {line}") for line in framing_lines(framing))
    return Group(*parts)


def _rich_outlets(comparison: Comparison) -> Table:
    table = Table("outlet", "profile", "reposts", title="Outlets")
    for column in comparison.outlets:
        notes = [repost_text(column) or ""]
        notes += [f"also published by {r.outlet}" for r in column.reposts]
        table.add_row(
            Text(column.key),
            Text(profile_text(column.profile)),
            Text("\n".join(n for n in notes if n), style="yellow"),
        )
    return table


def _rich_claims(comparison: Comparison) -> Table:
    table = Table("claim", title="Claims")
    for column in comparison.outlets:
        table.add_column(Text(column.key), justify="center")
    styles = {REPORTED: "green", NOT_REPORTED: "dim", CONTRADICTED: "bold red"}
    for claim in comparison.claims:
        cells = [Text(MARKS[c.status], style=styles[c.status]) for c in claim.cells]
        table.add_row(Text(f"{claim.id}: {claim.label}"), *cells)
    return table
