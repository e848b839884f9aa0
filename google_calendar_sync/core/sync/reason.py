"""Why one item was skipped, failed, deferred or lost a conflict: a kind and its parameters.

The core never words a reason for users. The Odoo side words each kind in the reader's
language when the log is read (user_sync/log_texts.py), so a run logged today reads in
Persian tomorrow. Parameters are short values (a date, an id, Google's own error text, a
nested Reason), never a sentence of ours. `str()` is a technical line for the server log
and the link's error column: `before_sync_start(date='2031-03-01')`.
"""


class Reason:
    """An item's reason: `kind` (a stable name the Odoo side has a message for) and `params`.

    :param kind: e.g. `before_sync_start`, `google_refused`
    :param params: the message's placeholders: str, int or a nested Reason
    """

    __slots__ = ("kind", "params")

    def __init__(self, kind, **params):
        self.kind = kind
        self.params = params

    def __eq__(self, other):
        return isinstance(other, Reason) and (self.kind, self.params) == (other.kind, other.params)

    def __hash__(self):
        return hash((self.kind, tuple(sorted(self.params.items()))))

    def __repr__(self):
        return "%s(%s)" % (self.kind, ", ".join("%s=%r" % item for item in sorted(self.params.items())))

    __str__ = __repr__

    def to_json(self):
        """{kind, params} with nested reasons as the same, for storing."""
        params = {k: v.to_json() if isinstance(v, Reason) else v for k, v in self.params.items()}
        return {"kind": self.kind, "params": params}
