"""Names of a package imported on first use (PEP 562), so that importing it stays cheap.

`attach` gives a package's ``__getattr__`` and ``__dir__``: each public name maps to the
module that defines it (or the package's modules are searched for it), imported the first
time the name is read and kept. `moved` makes a module that moved an alias of its new
home, which warns when imported.
"""

from __future__ import annotations

import functools
import importlib
import importlib.machinery
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def attach(
    package: str, names: Mapping[str, str], modules: Sequence[str] = ()
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for `package`.

    `names` maps a public name to the module that defines it (a module's own name maps to
    itself: the module is the value); a name of the ``__all__`` of one of `modules` is found
    there, the modules imported in turn until one has it. Without an ``__all__`` of its own,
    the package's ``__all__`` is every such name.
    """

    def __getattr__(name: str) -> Any:
        if name == "__all__":  # ``from package import *``: every public name
            return __dir__()
        if name in names:
            module = importlib.import_module(names[name])
            value = module if module.__name__ == f"{package}.{name}" else getattr(module, name)
        elif name.startswith("_") or _is_module(package, name):
            # a module of the package: ``from package import module`` then imports it
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        else:
            home = next(
                (m for m in map(importlib.import_module, modules) if name in m.__all__), None
            )
            if home is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            value = getattr(home, name)
        vars(sys.modules[package])[name] = value  # read once: later reads find it
        return value

    def __dir__() -> list[str]:
        listed = {n for m in map(importlib.import_module, modules) for n in m.__all__}
        return sorted(set(names) | listed)

    return __getattr__, __dir__


@functools.cache
def _is_module(package: str, name: str) -> bool:
    """True if the package has a module `name` (its path searched as the import system does)."""
    path = sys.modules[package].__path__
    return importlib.machinery.PathFinder.find_spec(f"{package}.{name}", path) is not None


def moved(
    old: str, new: str, advice: str, also: Mapping[str, str] | None = None
) -> tuple[list[str], Callable[[str], Any]]:
    """``(__all__, __getattr__)`` of the module `old`, which moved to `new` in 1.8.0.

    Importing `old` warns with `DeprecationWarning`, saying to import from `advice`; every
    public name of `new` is read through, and so is each name of `also` (a name that moved
    elsewhere, mapped to its module). A module name that starts with a dot is one of this
    package's (``.export.records``).
    """
    new, advice = (_absolute(name) for name in (new, advice))
    warnings.warn(
        f"{old} moved to {new} in 1.8.0 and goes in 2.0.0; import from {advice} instead",
        DeprecationWarning,
        stacklevel=3,
    )
    home = importlib.import_module(new)
    elsewhere = dict(also or {})

    def __getattr__(name: str) -> Any:
        if name in elsewhere:
            return getattr(importlib.import_module(_absolute(elsewhere[name])), name)
        if name.startswith("__"):
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        return getattr(home, name)

    return list(home.__all__), __getattr__


def _absolute(module: str) -> str:
    return f"karabakh_corpus{module}" if module.startswith(".") else module
