"""Adds articles to a collection off the GUI thread, with progress and cancel.

The worker opens its OWN Collection on the file (WAL: the window's view keeps reading while
it writes) and calls Collection.add, which commits each article on its own: a cancel (or a
crash) keeps every article stored so far.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..core.errors import MapperError

if TYPE_CHECKING:
    from ..core.collection import ImportSummary


class ImportWorker(QObject):
    # every signal names its worker, so the window can ignore a replaced run's late signals
    progress = Signal(object, object)  # worker, collection.ImportProgress
    finished = Signal(object, object)  # worker, collection.ImportSummary (summary.cancelled when cancelled)
    failed = Signal(object, str)  # worker, one-line message

    def __init__(self, path: str, sources: Sequence[str], make_pipeline: Callable[[], object] | None) -> None:
        super().__init__()
        self.path = str(path)
        self.sources = [str(s) for s in sources]
        self._make_pipeline = make_pipeline
        self._cancel = threading.Event()
        self.summary: ImportSummary | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from ..core.collection import Collection
        from ..core.importers import count_items, iter_items
        try:
            total = count_items(self.sources)
            with Collection(self.path) as c:
                pipeline = self._make_pipeline() if self._make_pipeline is not None else c.default_pipeline()
                summary = c.add(iter_items(self.sources), pipeline=pipeline, total=total,
                                progress=lambda p: self.progress.emit(self, p), cancel=self._cancel.is_set)
        except MapperError as err:
            self.failed.emit(self, str(err))
        except Exception as err:  # noqa: BLE001 — the window shows a message instead of dying
            self.failed.emit(self, f"unexpected error: {type(err).__name__}: {err}")
        else:
            self.summary = summary
            self.finished.emit(self, summary)


def start_import(worker: ImportWorker) -> QThread:
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit() from the worker's thread (thread-safe): queued to the GUI thread it would never
    # run while the GUI thread waits for the worker
    for signal in (worker.finished, worker.failed):
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
