"""A mixin for objects that hold connections, so that ``with`` closes them."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """``with thing:`` gives ``thing`` and calls its :meth:`close` on the way out, however
    the block ends (:func:`contextlib.closing`, for an object that is its own manager)."""

    def close(self) -> None:
        """Release what the object holds; each subclass says what."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
