"""Names of a package imported on first use (PEP 562), so that importing it stays cheap.

`attach` gives a package's ``__getattr__`` and ``__dir__``: each public name maps to the
module that defines it, imported the first time the name is read and kept; a deprecated name also
warns once per read with `DeprecationWarning`, saying where the name lives now.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import Any


def attach(
    package: str,
    names: Mapping[str, str],
    deprecated: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for `package`.

    `names` maps a public name to the module that defines it (a module's own name maps to
    itself: the module is the value). `deprecated` maps an old name to its module and the
    sentence that says where to import it from now.
    """
    old = dict(deprecated or {})

    def __getattr__(name: str) -> Any:
        if name in names:
            module = importlib.import_module(names[name])
            value = module if module.__name__ == f"{package}.{name}" else getattr(module, name)
            vars(sys.modules[package])[name] = value  # read once: later reads find it
        elif name in old:
            where, advice = old[name]
            warnings.warn(
                f"{package}.{name} is deprecated: {advice}", DeprecationWarning, stacklevel=2
            )
            return getattr(importlib.import_module(where), name)
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return value

    def __dir__() -> list[str]:
        return sorted(set(names) | set(old))

    return __getattr__, __dir__
