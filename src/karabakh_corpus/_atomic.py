"""Write files all or nothing: into a temporary file next to the target, renamed on success.

`atomic_path(target)` yields a fresh path in the target's folder for the caller (or any
library writer that takes a path) to write; when the block ends normally the file is
flushed to disk and moved over `target` with `os.replace`, which readers see as one step:
they find the old file or the whole new one, never a part. When the block raises (an error,
KeyboardInterrupt, SystemExit), the temporary file is removed and `target` is left as it
was. Several targets that must change together are staged with one `atomic_path` each in a
`contextlib.ExitStack`: nothing is replaced unless every one was written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "write_text"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to `target`; move it over `target` if the block succeeds.

    The path does not exist yet: the writer creates it (with the usual permissions). The
    folder of `target` must exist. If the block raises, whatever was written is removed.
    """
    target = Path(target)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        yield temporary
        if not temporary.exists():
            raise FileNotFoundError(f"nothing was written for {target}")
        _sync(temporary)
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


def write_text(target: str | os.PathLike[str], text: str, *, newline: str | None = None) -> Path:
    """Write `text` as UTF-8 to `target` atomically; return the target's path."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline=newline)
    return Path(target)


def _sync(path: Path) -> None:
    if path.is_file():
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
