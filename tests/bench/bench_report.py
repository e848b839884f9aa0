"""The benchmark's output: medians per phase and module, ratios ours / Odoo's, targets, table, JSON and plot.

Figures are medians over the runs. A ratio below 1 means ours is lower (faster, fewer
requests, fewer queries, less memory). The plot is a hand-written SVG (horizontal bars on
a log scale), so the benchmark needs nothing beyond Odoo's own Python.
"""

import json
import math
import statistics

from bench_contacts_targets import contacts_targets

METRICS = (
    ("wall", "wall s", "%.2f"),
    ("http", "HTTP requests", "%d"),
    ("sql", "SQL queries", "%d"),
    ("peak_rss_mib", "peak RSS MiB", "%.1f"),
)


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def aggregate(results):
    """{(label, phase): {side: summary}} in the order the jobs ran."""
    grouped = {}
    for job in results:
        if job.get("error"):
            grouped.setdefault((job["label"], "(job)"), {}).setdefault(job["side"], {"errors": []})["errors"].append(
                job["error"]
            )
            continue
        for phase in job["phases"]:
            runs = grouped.setdefault((job["label"], phase["phase"]), {}).setdefault(job["side"], [])
            runs.append(phase)
    table = {}
    for key, sides in grouped.items():
        for side, runs in sides.items():
            if isinstance(runs, dict):
                table.setdefault(key, {})[side] = runs
                continue
            kinds = sorted({k for r in runs for k in r["requests"]})
            table.setdefault(key, {})[side] = {
                "runs": len(runs),
                "wall": _median([r["wall"] for r in runs]),
                "wall_min": min(r["wall"] for r in runs),
                "wall_max": max(r["wall"] for r in runs),
                "http": _median([r["requests"].get("http", 0) for r in runs]),
                "sql": _median([r["sql"] for r in runs]),
                "sql_seconds": _median([r["sql_seconds"] for r in runs]),
                "peak_rss_mib": _median([r["peak_rss_mib"] for r in runs]),
                "traced_peak_mib": _median([r.get("traced_peak_mib") for r in runs]),
                "requests": {k: _median([r["requests"].get(k, 0) for r in runs]) for k in kinds},
                "facts": {
                    k: v
                    for k, v in runs[-1].items()
                    if k
                    not in (
                        "phase",
                        "wall",
                        "requests",
                        "sql",
                        "sql_seconds",
                        "peak_rss_mib",
                        "traced_peak_mib",
                        "rss_mib",
                        "peak_exact",
                        "run_walls",
                    )
                },
                "run_walls": runs[-1].get("run_walls"),
            }
    return table


def ratio(ours, theirs):
    if ours is None or theirs is None:
        return None
    if theirs == 0:
        return None if ours else 1.0
    return ours / theirs


def _fmt(value, pattern):
    return "-" if value is None else pattern % value


def _row(table, key):
    ours, theirs = table[key].get("ours", {}), table[key].get("theirs", {})
    return ours, theirs


def targets(table):
    """Issue 6's targets, checked on whatever this run measured."""
    found = []
    sizes = {}
    for (label, phase), sides in table.items():
        ours, theirs = sides.get("ours") or {}, sides.get("theirs") or {}
        if "wall" not in ours:
            continue
        n = ours["facts"].get("n")
        if phase == "import":
            want = math.ceil(n / 2500)
            got = ours["requests"].get("events.list", 0)
            found.append(("%s: list requests = ceil(N/2500) = %d" % (label, want), got == want, "%g" % got))
            sizes.setdefault("import", []).append((n, ours["peak_rss_mib"]))
        if phase == "push":
            want = math.ceil(n / 50)
            got = ours["requests"].get("batch.calendar", 0)
            found.append(("%s: batch requests = ceil(N/50) = %d" % (label, want), got == want, "%g" % got))
        if phase in ("import", "push") and theirs.get("wall"):
            speedup = theirs["wall"] / ours["wall"]
            found.append(("%s: at least 5x less wall time than Odoo's" % label, speedup >= 5, "%.1fx" % speedup))
        if phase == "noop":
            found.append(("%s, no-op run right after: 1 request" % label, ours["http"] == 1, "%g" % ours["http"]))
            sizes.setdefault("noop", []).append((n, ours["sql"]))
        if phase == "cron-noop":
            sizes.setdefault("cron", []).append((n, ours["wall"] / n, ours["sql"] / n, ours["http"] / n))
        if phase.startswith("cron-"):
            sizes.setdefault(phase, []).append((n, ours["wall"] / n))
    # Memory is flat in N once N fills pages (2,500 events): compare sizes of whole pages when
    # there are two, else the smallest and the largest, allowing a partial page twice as much.
    imports = sorted(sizes.get("import", []))
    paged = [size for size in imports if size[0] >= 2500]
    if len(paged) > 1:
        (n1, m1), (n2, m2) = paged[0], paged[-1]
        flat = m2 <= 1.25 * m1 + 5
    elif len(imports) > 1:
        (n1, m1), (n2, m2) = imports[0], imports[-1]
        flat = m2 <= max(2 * m1, m1 + 20)
    if len(imports) > 1:
        found.append(("import: memory flat in N (%d -> %d events)" % (n1, n2), flat, "%.1f -> %.1f MiB" % (m1, m2)))
    if len(sizes.get("noop", [])) > 1:
        counts = sorted(sizes["noop"])
        same = len({c for _n, c in counts}) == 1
        found.append(
            (
                "no-op: constant SQL queries whatever the calendar size",
                same,
                ", ".join("%d events: %g" % (n, c) for n, c in counts),
            )
        )
    for phase in ("cron-first", "cron-noop"):
        if len(sizes.get(phase, [])) > 1:
            (n1, w1), (n2, w2) = sorted(sizes[phase])[0], sorted(sizes[phase])[-1]
            # Linear: the cost per user stays put as users are added (within half again, for noise).
            found.append(
                (
                    "%s: linear in users (%d -> %d users)" % (phase, n1, n2),
                    w2 <= 1.5 * w1,
                    "%.3f -> %.3f s per user" % (w1, w2),
                )
            )
    noop_walls = [
        sides["ours"]["wall"]
        for (label, phase), sides in table.items()
        if phase == "noop" and "wall" in sides.get("ours", {})
    ]
    for n, per_user, sql_per_user, http_per_user in sizes.get("cron", []):
        detail = "%.3f s, %.1f SQL, %.1f requests per user" % (per_user, sql_per_user, http_per_user)
        if noop_walls:
            close = per_user <= 2 * min(noop_walls)
            detail += " (no-op sync of one user: %.3f s)" % min(noop_walls)
            found.append(("cron over %d users: per-user cost close to a no-op sync" % n, close, detail))
        else:
            found.append(("cron over %d users: per-user cost" % n, None, detail))
    return found + contacts_targets(table)


def markdown(table, meta):
    machine = meta["machine"]
    lines = [
        "# google_calendar_sync vs Odoo's google_calendar",
        "",
        "`%s` on %s, %.0f s in all; medians of %s run(s); Odoo %s, PostgreSQL %s, %s CPUs (%s)."
        % (
            meta["command"],
            meta["date"],
            meta["total_seconds"],
            _runs_text(meta["runs"]),
            machine["odoo"],
            machine["postgresql"],
            machine["cpus"],
            machine["cpu"],
        ),
        "",
        "| scenario | phase | " + " | ".join("%s ours | Odoo | ratio" % m[1] for m in METRICS) + " |",
        "|---|---|" + "---:|---:|---:|" * len(METRICS),
    ]
    for key in table:
        ours, theirs = _row(table, key)
        cells = []
        for name, _title, pattern in METRICS:
            r = ratio(ours.get(name), theirs.get(name))
            if name == "peak_rss_mib" and max(ours.get(name) or 0, theirs.get(name) or 0) < 1:
                r = None  # below a MiB, the high-water mark is noise
            cells += [_fmt(ours.get(name), pattern), _fmt(theirs.get(name), pattern), _fmt(r, "%.2f")]
        lines.append("| %s | %s | %s |" % (key[0], key[1], " | ".join(cells)))
    lines += ["", "## Requests to Google by kind", "", "| scenario | phase | ours | Odoo |", "|---|---|---|---|"]
    for key in table:
        ours, theirs = _row(table, key)
        lines.append("| %s | %s | %s | %s |" % (key[0], key[1], _kinds(ours), _kinds(theirs)))
    lines += [
        "",
        "## What each run left behind (last run)",
        "",
        "| scenario | phase | ours | Odoo |",
        "|---|---|---|---|",
    ]
    for key in table:
        ours, theirs = _row(table, key)
        lines.append("| %s | %s | %s | %s |" % (key[0], key[1], _facts(ours), _facts(theirs)))
    lines += ["", "## Targets (issue 6)", ""]
    for text, met, got in targets(table):
        lines.append("- %s: **%s** (%s)" % (text, {True: "met", False: "MISSED", None: "see figures"}[met], got))
    return "\n".join(lines) + "\n"


def _one_line(errors, width=300):
    text = "; ".join(" ".join(str(e).split()) for e in errors)
    return text if len(text) <= width else text[:width] + " ..."


def _runs_text(runs):
    counts = sorted(set(runs.values()))
    if len(counts) == 1:
        return str(counts[0])
    return ", ".join("%s: %d" % (label, count) for label, count in runs.items())


def _kinds(side):
    if side.get("errors"):
        return _one_line(side["errors"])
    return ", ".join("%s %g" % (k, v) for k, v in side.get("requests", {}).items() if k != "http" and v) or "-"


def _facts(side):
    facts = dict(side.get("facts") or {})
    for key in ("n", "base", "per_user"):
        facts.pop(key, None)
    if side.get("errors"):
        return _one_line(side["errors"])
    return (
        ", ".join(
            "%s=%s" % (k, round(v, 2) if isinstance(v, float) else v)
            for k, v in facts.items()
            if v not in (None, [], {})
        )
        or "-"
    )


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_svg(table, metrics, meta, width=960, bar=9):
    """One panel per metric, two bars per phase (ours, Odoo's), log scale; returns the SVG text."""
    keys = [key for key in table if key[1] != "(job)"]
    label_w, plot_w, row_h = 250, width - 250 - 90, 2 * bar + 8
    parts, y = [], 30
    parts.append(
        '<text x="10" y="20" font-size="14" font-weight="bold">google_calendar_sync (blue) vs Odoo '
        "google_calendar (orange), medians, log scale</text>"
    )
    for name, title, pattern in metrics:
        values = [
            v for key in keys for side in ("ours", "theirs") for v in [(table[key].get(side) or {}).get(name)] if v
        ]
        if not values:
            continue
        low = 10 ** math.floor(math.log10(min(values)))
        high = 10 ** math.ceil(math.log10(max(values)))
        high = high * 10 if high == low else high
        span = math.log10(high) - math.log10(low)
        y += 22
        parts.append('<text x="10" y="%d" font-size="13" font-weight="bold">%s</text>' % (y, _escape(title)))
        top = y + 8
        decade = low
        while decade <= high:
            x = label_w + plot_w * (math.log10(decade) - math.log10(low)) / span
            bottom = top + row_h * len(keys)
            parts.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, top, x, bottom))
            parts.append(
                '<text x="%.1f" y="%d" font-size="9" text-anchor="middle" fill="#777">%g</text>'
                % (x, top + row_h * len(keys) + 11, decade)
            )
            decade *= 10
        for index, key in enumerate(keys):
            row_y = top + index * row_h
            parts.append(
                '<text x="%d" y="%d" font-size="11" text-anchor="end">%s: %s</text>'
                % (label_w - 6, row_y + bar + 4, _escape(key[0]), _escape(key[1]))
            )
            for offset, side, colour in ((0, "ours", "#1f6fb4"), (bar, "theirs", "#e8830c")):
                value = (table[key].get(side) or {}).get(name)
                if not value:
                    continue
                length = max(1.0, plot_w * (math.log10(value) - math.log10(low)) / span)
                parts.append(
                    '<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                    % (label_w, row_y + offset, length, bar - 1, colour)
                )
                parts.append(
                    '<text x="%.1f" y="%d" font-size="9">%s</text>'
                    % (label_w + length + 3, row_y + offset + bar - 1, pattern % value)
                )
        y = top + row_h * len(keys) + 16
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
        '<rect width="100%%" height="100%%" fill="white"/>%s</svg>\n' % (width, y + 10, "".join(parts))
    )


def write_all(out, results, meta):
    out.mkdir(parents=True, exist_ok=True)
    table = aggregate(results)
    rows = [
        {
            "scenario": label,
            "phase": phase,
            **sides,
            "ratio": {
                m: ratio((sides.get("ours") or {}).get(m), (sides.get("theirs") or {}).get(m)) for m, _t, _p in METRICS
            },
        }
        for (label, phase), sides in table.items()
    ]
    checked = [{"target": t, "met": m, "measured": g} for t, m, g in targets(table)]
    (out / "results.json").write_text(
        json.dumps({"meta": meta, "rows": rows, "targets": checked, "jobs": results}, indent=1, default=str)
    )
    text = markdown(table, meta)
    (out / "results.md").write_text(text)
    (out / "bench.svg").write_text(render_svg(table, METRICS[:3], meta))
    return text
