"""Runs the pipeline off the GUI thread, with progress and cancel (one small object)."""
from __future__ import annotations

import importlib
import sys
import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..core.errors import Cancelled, MapperError
from ..core.models import Article


class PipelineWorker(QObject):
    # every signal names its worker, so the window can ignore a replaced run's late signals
    progress = Signal(object, float, str)
    finished = Signal(object, object)  # worker, Result
    failed = Signal(object, str)
    cancelled = Signal(object)

    def __init__(self, make_pipeline, article: Article) -> None:
        super().__init__()
        self._make_pipeline = make_pipeline
        self._article = article
        self.article = article
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            pipeline = self._make_pipeline(lambda f, m: self.progress.emit(self, f, m))
            result = pipeline.run(self._article, progress=lambda f, m: self.progress.emit(self, f, m),
                                  cancel=self._cancel.is_set)
        except Cancelled:
            self.cancelled.emit(self)
        except MapperError as err:
            self.failed.emit(self, str(err))
        except Exception as err:  # noqa: BLE001 — the window shows a message instead of dying
            self.failed.emit(self, f"unexpected error: {type(err).__name__}: {err}")
        else:
            warm_up()
            self.finished.emit(self, result)


# What the window needs next to show a result and is slow to import the first time (folium
# and jinja2 for the map: about 0.3 s). Imported here, off the GUI thread, so the window does
# not freeze for it; a failure is left for the window to report when it draws the map.
WARM_UP_MODULES = ("mapper.render.mapbuild",)


def warm_up() -> None:
    for name in WARM_UP_MODULES:
        if name not in sys.modules:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 — the window shows the error when it renders
                pass


def start_worker(worker: PipelineWorker) -> QThread:
    thread = QThread()
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    # quit() runs in the worker's thread (it is thread-safe): queued to the GUI thread it
    # would never run while the GUI thread waits for the worker
    for signal in (worker.finished, worker.failed, worker.cancelled):
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread
