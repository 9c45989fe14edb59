"""The pure-Python rules layer. Imports no Django (tests/regulations/test_purity.py enforces it).

Public entry points::

    from bilim.regulations import registry, evaluate, Outcome, Explanation, Verdict
"""

from bilim.regulations.core.outcome import Explanation, Outcome, ParamUse, Verdict
from bilim.regulations.core.registry import evaluate, get_rule, load_all, registry

__all__ = [
    "Explanation",
    "Outcome",
    "ParamUse",
    "Verdict",
    "evaluate",
    "get_rule",
    "load_all",
    "registry",
]
