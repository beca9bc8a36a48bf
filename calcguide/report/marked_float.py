"""A float the JSON report must write the way ``json.dumps`` does, not as orjson would.

A module of its own because it subclasses ``float``: it stays a plain Python class when the checking pipeline
is compiled (see ``hatch_build.py``), which compiled classes cannot do.
"""


class MarkedFloat(float):
    """A float orjson would print otherwise than ``json.dumps`` (NaN, infinities, magnitudes below 1e-4): orjson
    refuses the subclass, so the line is encoded by ``json.dumps``, which prints it as a plain float."""

    __slots__ = ()
