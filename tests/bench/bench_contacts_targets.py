"""Issue 15's targets for the contacts scenario (ours only), checked on what a run measured.

People's limits set the counts: 1,000 contacts a listed page, 200 a batch create. Memory is
flat in N when importing more contacts, a page at a time, costs no more memory than fewer.
"""

import math

CONTACTS_COUNTS = {
    "contacts-import": ("list requests = ceil(N/1000)", "people.connections.list", 1000),
    "contacts-push": ("batch requests = ceil(N/200)", "people.batchCreateContacts", 200),
}


def contacts_targets(table):
    """[(target, met, measured)] of the contacts jobs in `table` (bench_report.aggregate)."""
    found, imports = [], []
    for (label, phase), sides in table.items():
        ours = sides.get("ours") or {}
        if "wall" not in ours:
            continue
        n = ours["facts"].get("n")
        if phase in CONTACTS_COUNTS:
            text, kind, per_request = CONTACTS_COUNTS[phase]
            want, got = math.ceil(n / per_request), ours["requests"].get(kind, 0)
            found.append(("%s, %s: %s = %d" % (label, phase, text, want), got == want, "%g" % got))
        if phase == "contacts-import":
            imports.append((n, ours["peak_rss_mib"]))
        if phase == "contacts-noop":
            # The run lists the calendar too (one events.list): People's requests are the contacts'.
            people = sum(v for k, v in ours["requests"].items() if k.startswith("people."))
            found.append(("%s, no-op run: 1 People request" % label, people == 1, "%g" % people))
    # A page of 1,000 at a time is held: the largest import may use a quarter more than the
    # smallest, plus 5 MiB for noise (`--contacts 1000 --contacts 5000` measures both).
    if len(imports) > 1:
        (n1, m1), (n2, m2) = min(imports), max(imports)
        found.append(
            (
                "contacts-import: memory flat in N (%d -> %d contacts)" % (n1, n2),
                m2 <= 1.25 * m1 + 5,
                "%.1f -> %.1f MiB" % (m1, m2),
            )
        )
    return found
