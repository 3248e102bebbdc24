"""Collections in the desktop app: File › New/Open collection, Add articles (in a worker
thread, with progress and Cancel), the collection view and the story view.

A thin adapter over mapper.core.collection (queries, filters, merged pins), mapper.core.stories
(stories and their side-by-side table) and mapper.render.collection_export.collection_result
(the merged map as one Result that mapbuild draws as it draws an article).

How the views switch: the main window's central widget becomes a stack of two pages,
  * the article page: the existing map + article splitter, under a bar that says which
    collection article is shown and has "Back to the collection" (Ctrl+1);
  * the collection page: tabs "Map and articles" (the merged map, the article list with its
    filters, the timeline of the whole collection) and "Stories" (StoryView).
The table and details docks belong to the article page: they are hidden on the collection
page and come back as they were. An article opened from the list (click or Enter), from a
popup's sentence or from a story cell is shown by the window's own article view from its
stored result (Collection.result: no re-geoparse).
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.collection import SUFFIX, ArticleFilter, ArticleRow, Collection, CollectionError, Pin
from ..core.errors import MapperError
from .collection_worker import ImportWorker, start_import
from .range_slider import DateRangeSlider
from .story_view import StoryView

if TYPE_CHECKING:
    from ..core.collection import ImportProgress, ImportSummary
    from ..core.models import Result

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 11
#: the files File › Add articles offers (the importers decide what they are)
IMPORT_FILTER = ("Articles and archives (*.txt *.md *.markdown *.html *.htm *.jsonl *.ndjson *.csv *.tsv *.rss *.atom "
                 "*.xml);;All files (*)")
COLLECTION_FILTER = f"mapper collections (*{SUFFIX});;All files (*)"
FILTER_DELAY_MS = 250


class ArticleListModel(QAbstractTableModel):
    """The article list: ArticleRow records (no text), sortable by any column."""
    COLUMNS = [("Title", "title"), ("Source", "source"), ("Published", "published"), ("Places", "n_places"),
               ("Events", "n_events"), ("Facts", "n_facts")]

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[ArticleRow] = []

    def set_rows(self, rows: list[ArticleRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        field = self.COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            value = getattr(row, field)
            if field == "title":
                return value or Path(row.origin or "").name or f"Article {row.id}"
            return "" if value is None else str(value)
        if role == ARTICLE_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            bits = [row.title or "(no title)", row.source or "", row.published or "", row.url or "", row.origin or ""]
            return "\n".join(b for b in bits if b) + "\n\nClick or press Enter to open its own map and text."
        if role == Qt.ItemDataRole.TextAlignmentRole and field.startswith("n_"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        field = self.COLUMNS[column][1]
        self.layoutAboutToBeChanged.emit()
        numeric = field.startswith("n_")
        self.rows.sort(key=lambda r: (getattr(r, field) if numeric else (getattr(r, field) or "").lower(), r.id),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def row_of(self, article_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == article_id), -1)


class CollectionPage(QWidget):
    """The collection page: its header, and tabs for the map and articles and the stories."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from .mapview import MapView
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.tabs = QTabWidget(self)
        # ---- map and articles
        self.map = MapView(self)
        self.map.setMinimumWidth(320)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search titles and text (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the articles")
        self.source_filter = QComboBox(self)
        self.source_filter.setToolTip("Only the articles of one source")
        self.source_filter.setAccessibleName("Source")
        self.kind_filter = QComboBox(self)
        self.kind_filter.setToolTip("Only the articles that report an event of this kind")
        self.kind_filter.setAccessibleName("Event kind")
        self.place_filter = QLineEdit(self)
        self.place_filter.setPlaceholderText("Place name")
        self.place_filter.setClearButtonEnabled(True)
        self.place_filter.setToolTip("Only the articles that name a place of this name (or part of it)")
        self.place_filter.setAccessibleName("Place")
        self.pin_bar = QWidget(self)
        self.pin_label = QLabel(self.pin_bar)
        self.pin_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pin_clear = QPushButton("&Clear", self.pin_bar)
        self.pin_clear.setToolTip("Show every article again (Escape in the list)")
        pin_lay = QHBoxLayout(self.pin_bar)
        pin_lay.setContentsMargins(6, 3, 3, 3)
        pin_lay.addWidget(self.pin_label, 1)
        pin_lay.addWidget(self.pin_clear)
        self.pin_bar.setStyleSheet("QWidget#pinBar { background: #fff3c4; border: 1px solid #e0c060; "
                                   "border-radius: 3px; }")
        self.pin_bar.setObjectName("pinBar")
        self.pin_bar.hide()
        self.count_label = QLabel(self)
        self.model = ArticleListModel(self)
        self.list = QTableView(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Articles")
        self.list.setSortingEnabled(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setTabKeyNavigation(False)
        self.list.verticalHeader().setVisible(False)
        self.list.setWordWrap(True)  # long titles on two lines rather than cut
        self.list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)
        for col in range(1, len(ArticleListModel.COLUMNS)):
            self.list.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline = DateRangeSlider(self)
        self.timeline.setToolTip("Show the articles published, or reporting events, between these dates: drag a "
                                 "handle, or focus the timeline and use Left/Right (Tab switches handles)")
        self.timeline_label = QLabel("All dates", self)

        filters = QHBoxLayout()
        filters.addWidget(self.source_filter, 1)
        filters.addWidget(self.kind_filter, 1)
        filters.addWidget(self.place_filter, 1)
        right = QWidget(self)
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(6, 0, 0, 0)
        rlay.addWidget(self.search)
        rlay.addLayout(filters)
        rlay.addWidget(self.pin_bar)
        rlay.addWidget(self.count_label)
        rlay.addWidget(self.list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.map)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([720, 540])
        time_row = QHBoxLayout()
        time_row.addWidget(QLabel("Timeline:", self))
        time_row.addWidget(self.timeline, 1)
        time_row.addWidget(self.timeline_label)
        map_tab = QWidget(self)
        mlay = QVBoxLayout(map_tab)
        mlay.setContentsMargins(4, 4, 4, 4)
        mlay.addWidget(self.splitter, 1)
        mlay.addLayout(time_row)
        self.stories = StoryView(self)
        self.tabs.addTab(map_tab, "&Map and articles")
        self.tabs.addTab(self.stories, "&Stories")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.tabs, 1)
        self.setTabOrder(self.search, self.source_filter)
        self.setTabOrder(self.source_filter, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.place_filter)
        self.setTabOrder(self.place_filter, self.pin_clear)
        self.setTabOrder(self.pin_clear, self.list)
        self.setTabOrder(self.list, self.timeline)

    def visible_titles(self) -> list[str]:
        return [self.model.data(self.model.index(r, 0)) for r in range(self.model.rowCount())]


class CollectionController(QObject):
    """Everything about collections in one main window (built by MainWindow.__init__)."""
    collectionShown = Signal()  # the collection page was (re)drawn: list, map, stories
    importFinished = Signal(object)  # collection.ImportSummary
    storyOpened = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.collection: Collection | None = None
        self.page: CollectionPage | None = None
        self.pins: list[Pin] = []
        self.map_result: Result | None = None
        self.origins: dict[int, tuple[int, int]] = {}
        self.pin_filter: tuple[str, tuple[int, ...]] | None = None  # (what was clicked, its article ids)
        self.shown_article: int | None = None  # the collection article on the article page
        self.last_summary: ImportSummary | None = None
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None
        self._docks_visible: dict = {}
        self._map_filter: ArticleFilter | None = None
        self._build_stack()
        self._build_status()
        self._build_actions()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filters)
        window.resultShown.connect(self._on_result_shown)

    # ---- layout -------------------------------------------------------------------------
    def _build_stack(self) -> None:
        w = self.window
        splitter = w.takeCentralWidget()  # the map + article splitter, kept alive
        self.article_page = QWidget(w)
        self.back_bar = QWidget(self.article_page)
        self.back_label = QLabel(self.back_bar)
        self.back_label.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = QPushButton("◀ &Back to the collection", self.back_bar)
        self.back_button.setToolTip("The collection's map and article list (Ctrl+1)")
        self.back_button.clicked.connect(self.show_collection)
        bar = QHBoxLayout(self.back_bar)
        bar.setContentsMargins(6, 3, 6, 3)
        bar.addWidget(self.back_button)
        bar.addWidget(self.back_label, 1)
        self.back_bar.hide()
        lay = QVBoxLayout(self.article_page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.back_bar)
        lay.addWidget(splitter, 1)
        self.stack = QStackedWidget(w)
        self.stack.addWidget(self.article_page)
        w.setCentralWidget(self.stack)

    def _build_status(self) -> None:
        w = self.window
        self.import_label = QLabel(w)
        self.import_label.hide()
        self.import_progress = QProgressBar(w)
        self.import_progress.setMaximumWidth(220)
        self.import_progress.setFormat("%v of %m")
        self.import_progress.hide()
        self.import_cancel = QPushButton("Cancel import", w)
        self.import_cancel.setToolTip("Stop adding articles; the ones already added stay")
        self.import_cancel.clicked.connect(self.cancel_import)
        self.import_cancel.hide()
        for widget in (self.import_label, self.import_progress, self.import_cancel):
            w.statusBar().addPermanentWidget(widget)

    def _build_actions(self) -> None:
        w = self.window
        menus = {a.text().replace("&", ""): a.menu() for a in w.menuBar().actions() if a.menu() is not None}
        file_menu, view_menu = menus.get("File"), menus.get("View")

        def action(text, slot, shortcut=None) -> QAction:
            a = QAction(text, w)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            return a
        self.new_action = action("&New collection…", self.ask_new, "Ctrl+Shift+N")
        self.open_action = action("Open co&llection…", self.ask_open, "Ctrl+Shift+O")
        self.add_files_action = action("&Add articles to collection…", self.ask_add_files, "Ctrl+Shift+A")
        self.add_folder_action = action("Add a fol&der of articles to collection…", self.ask_add_folder,
                                        "Ctrl+Alt+A")
        self.close_action = action("Close collec&tion", self.close_collection)
        file_actions = [self.new_action, self.open_action, self.add_files_action, self.add_folder_action,
                        self.close_action]
        if file_menu is not None:
            actions = file_menu.actions()
            recent = getattr(w, "recent_menu", None)
            at = actions.index(recent.menuAction()) + 1 if recent is not None and recent.menuAction() in actions \
                else len(actions)
            before = actions[at] if at < len(actions) else None
            if before is None:
                file_menu.addSeparator()
                file_menu.addActions(file_actions)
            else:
                file_menu.insertSeparator(before)
                file_menu.insertActions(before, file_actions)
        self.show_collection_action = action("&Collection map and articles", self.show_collection, "Ctrl+1")
        self.show_stories_action = action("S&tories (sources side by side)", self.show_stories, "Ctrl+2")
        self.show_article_action = action("The open &article", self.show_article, "Ctrl+3")
        self.find_action = action("Find in the co&llection", self.focus_search, "Ctrl+Shift+F")
        view_actions = [self.show_collection_action, self.show_stories_action, self.show_article_action,
                        self.find_action]
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addActions(view_actions)
        else:
            w.addActions(view_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        has = self.collection is not None
        for a in (self.add_files_action, self.add_folder_action, self.close_action, self.show_collection_action,
                  self.show_stories_action, self.find_action):
            a.setEnabled(has)

    def _ensure_page(self) -> CollectionPage:
        if self.page is None:
            page = self.page = CollectionPage(self.stack)
            self.stack.addWidget(page)
            page.search.textChanged.connect(self._filters_changed)
            page.place_filter.textChanged.connect(self._filters_changed)
            page.source_filter.currentIndexChanged.connect(self._filters_changed)
            page.kind_filter.currentIndexChanged.connect(self._filters_changed)
            page.timeline.rangeChanged.connect(self._timeline_changed)
            page.pin_clear.clicked.connect(self.clear_pin_filter)
            page.list.clicked.connect(self._row_activated)
            page.list.activated.connect(self._row_activated)
            page.list.installEventFilter(self)
            page.map.placeClicked.connect(self.on_map_clicked)
            page.map.sentenceClicked.connect(self.on_map_sentence)
            page.map.whatsHere.connect(lambda lat, lon, ids: self.window.statusBar().showMessage(
                f"{lat:.5f}, {lon:.5f}", 8000))
            page.stories.openArticle.connect(self.open_article)
            page.tabs.currentChanged.connect(lambda _i: self._update_title())
        return self.page

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent
        if (self.page is not None and watched is self.page.list and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape and self.pin_filter is not None):
            self.clear_pin_filter()
            return True
        return super().eventFilter(watched, event)

    # ---- modes --------------------------------------------------------------------------
    def in_collection_mode(self) -> bool:
        return self.page is not None and self.stack.currentWidget() is self.page

    def _set_mode(self, collection: bool) -> None:
        w = self.window
        docks = (w.table_dock, w.details_dock)
        if collection and not self.in_collection_mode():
            self._docks_visible = {d: d.isVisible() for d in docks}
            for d in docks:
                d.hide()
            self.stack.setCurrentWidget(self._ensure_page())
        elif not collection and self.in_collection_mode():
            self.stack.setCurrentWidget(self.article_page)
            for d in docks:
                d.setVisible(self._docks_visible.get(d, True))
        self._update_title()

    def _update_title(self) -> None:
        if self.collection is None:
            return
        if self.page is not None and self.in_collection_mode():
            what = "stories" if self.page.tabs.currentIndex() == 1 else "collection"
            self.window.setWindowTitle(f"{self.collection.path.name} — {what} — mapper")

    def show_collection(self) -> None:
        if self.collection is None:
            return
        self._set_mode(True)
        page = self._ensure_page()  # the page _set_mode(True) showed
        page.tabs.setCurrentIndex(0)
        page.list.setFocus()

    def show_stories(self) -> None:
        if self.collection is None:
            return
        self._set_mode(True)
        page = self._ensure_page()  # the page _set_mode(True) showed
        page.tabs.setCurrentIndex(1)
        page.stories.list.setFocus()

    def show_article(self) -> None:
        self._set_mode(False)
        self.window.article_view.setFocus()

    def focus_search(self) -> None:
        if self.collection is None:
            return
        self.show_collection()
        page = self._ensure_page()  # the page show_collection showed
        page.search.setFocus()
        page.search.selectAll()

    # ---- opening and creating -----------------------------------------------------------
    def _folder(self) -> str:
        return str(self.window.settings.value("collection/folder", "") or Path.home())

    def ask_new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "New collection", str(Path(self._folder()) /
                                                                                   f"collection{SUFFIX}"),
                                              COLLECTION_FILTER)
        if path:
            self.new_collection(path)

    def ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open collection", self._folder(), COLLECTION_FILTER)
        if path:
            self.open_collection(path)

    def new_collection(self, path: str) -> bool:
        p = Path(path)
        if p.suffix.lower() != SUFFIX:
            p = p.with_name(p.name + SUFFIX)
        existed = p.exists()
        return self._open(p, create=True, note=f"{p.name} already existed: it is open" if existed else None)

    def open_collection(self, path: str) -> bool:
        return self._open(Path(path), create=False)

    def _open(self, path: Path, *, create: bool, note: str | None = None) -> bool:
        if self.is_importing():
            self.window.show_error("An import is running",
                                   "Wait for the import to finish, or cancel it, before you open another collection.")
            return False
        try:
            c = Collection(path, create=create)
            c.info()  # reads the tables: a damaged file fails here, not later
        except (CollectionError, MapperError, OSError) as err:
            self.window.show_error("Cannot create the collection" if create else "Cannot open the collection",
                                   str(err))
            return False
        if self.collection is not None:
            self.collection.close()
        self.collection = c
        self.window.settings.setValue("collection/folder", str(path.parent))
        self.pin_filter = None
        self.shown_article = None
        page = self._ensure_page()
        for edit in (page.search, page.place_filter):
            edit.blockSignals(True)
            edit.clear()
            edit.blockSignals(False)
        self.reload(full=True)
        self._update_actions()
        self.back_bar.show()
        self._update_back_bar()
        self.show_collection()
        self.window.statusBar().showMessage(note or self.collection.info().line(), 10000)
        return True

    def close_collection(self) -> None:
        if self.collection is None:
            return
        if self.is_importing():
            self.window.show_error("An import is running", "Wait for the import to finish, or cancel it, first.")
            return
        self._set_mode(False)
        self.collection.close()
        self.collection = None
        self.back_bar.hide()
        self._update_actions()
        self.window.statusBar().showMessage("Collection closed", 4000)

    # ---- adding articles ----------------------------------------------------------------
    def _need_collection(self) -> bool:
        if self.collection is None:
            self.window.show_error("No collection is open",
                                   "Create one (File › New collection…) or open one (File › Open collection…) first.")
            return False
        return True

    def ask_add_files(self) -> None:
        if not self._need_collection():
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add articles to the collection",
                                                str(self.window.settings.value("collection/import", "") or Path.home()),
                                                IMPORT_FILTER)
        if paths:
            self.add_paths(paths)

    def ask_add_folder(self) -> None:
        if not self._need_collection():
            return
        path = QFileDialog.getExistingDirectory(self.window, "Add a folder of articles to the collection",
                                                str(self.window.settings.value("collection/import", "") or Path.home()))
        if path:
            self.add_paths([path])

    def _import_pipeline_factory(self):
        """A Pipeline for the import thread: the window's gazetteer (loaded once), the
        collection's corrections over the user's own."""
        assert self.collection is not None  # add_paths checked (_need_collection)
        w, path = self.window, str(self.collection.path)

        def make():
            from ..core.collection import CollectionCorrections
            from ..core.pipeline import Pipeline
            base = w._pipeline_factory() if w._pipeline_factory is not None else w._pipeline
            return Pipeline(base.gazetteer if base is not None else None, user=CollectionCorrections(path, w.user))
        return make

    def add_paths(self, paths: list[str]) -> bool:
        if not self._need_collection():
            return False
        if self.is_importing():
            self.window.show_error("An import is running", "Wait for it to finish, or cancel it, first.")
            return False
        missing = [p for p in paths if not Path(p).exists()]
        if missing:
            self.window.show_error("Cannot add articles", f"{missing[0]}: no such file or folder")
            return False
        self.window.settings.setValue("collection/import", str(Path(paths[0]).parent))
        collection = self.collection
        assert collection is not None  # _need_collection checked
        worker = self._worker = ImportWorker(str(collection.path), paths, self._import_pipeline_factory())
        worker.progress.connect(self._on_import_progress)
        worker.finished.connect(self._on_import_finished)
        worker.failed.connect(self._on_import_failed)
        self.import_progress.setRange(0, 0)  # busy until the first count arrives
        self.import_progress.show()
        self.import_cancel.setEnabled(True)
        self.import_cancel.show()
        self.import_label.setText(f"Adding to {collection.path.name}…")
        self.import_label.show()
        self.window.statusBar().showMessage(f"Adding articles to {collection.path.name}…")
        self._thread = start_import(worker)
        return True

    def is_importing(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def cancel_import(self) -> None:
        if self._worker is not None and self.is_importing():
            self._worker.cancel()
            self.import_cancel.setEnabled(False)
            self.import_label.setText("Cancelling… (the articles added so far stay)")

    def _end_import(self) -> None:
        for widget in (self.import_label, self.import_progress, self.import_cancel):
            widget.hide()

    def _on_import_progress(self, worker: ImportWorker, p: ImportProgress) -> None:
        if worker is not self._worker:
            return
        if p.total:
            self.import_progress.setRange(0, p.total)
            self.import_progress.setValue(p.done)
        if not worker.cancelling:
            self.import_label.setText(f"{p.added} added, {p.duplicates} duplicates, {p.failed} failed")
        self.window.statusBar().showMessage(f"Added {Path(p.origin).name}" if p.origin else "Adding…")
        # the list shows what is in so far (WAL: the worker writes, this connection reads)
        if self.page is not None and p.added and (p.done % 10 == 1 or p.done == p.total):
            self._update_header()

    def _on_import_finished(self, worker: ImportWorker, summary: ImportSummary) -> None:
        if worker is not self._worker:
            return
        self._end_import()
        self.last_summary = summary
        name = Path(worker.path).name
        self.window.statusBar().showMessage(f"{name}: {summary.line()}", 15000)
        if self.collection is not None and Path(worker.path) == self.collection.path:
            self.reload(full=True)
        if summary.errors:
            shown = "\n".join(summary.errors[:12]) + (f"\n… and {len(summary.errors) - 12} more"
                                                      if len(summary.errors) > 12 else "")
            self.window.show_error("Some articles could not be added",
                                   f"{summary.line()}\n\n{shown}", modal=True)
            self.window.statusBar().showMessage(f"{name}: {summary.line()}", 15000)
        self.importFinished.emit(summary)

    def _on_import_failed(self, worker: ImportWorker, message: str) -> None:
        if worker is not self._worker:
            return
        self._end_import()
        self.window.show_error("The articles could not be added", message)
        if self.collection is not None:
            self.reload(full=True)
        self.importFinished.emit(None)

    # ---- the collection page ------------------------------------------------------------
    def _update_header(self) -> None:
        if self.collection is None or self.page is None:
            return
        try:
            info = self.collection.info()
        except CollectionError as err:
            self.page.header.setText(html.escape(str(err)))
            return
        span = self.collection.timeline()
        when = f" · {span.start} to {span.end}" if span.start else ""
        self.page.header.setText(
            f"<b>{html.escape(info.path.name)}</b> — {info.articles} articles, {info.places} places, "
            f"{info.events} events, {info.facts} memorial facts from {info.sources} "
            f"source{'s' if info.sources != 1 else ''}{html.escape(when)}"
            + (f" · <i>{info.outdated} mapped by another version</i>" if info.outdated else ""))

    def reload(self, *, full: bool = False) -> None:
        """Read the collection again: filters' choices, timeline, list, map and stories."""
        if self.collection is None:
            return
        page = self._ensure_page()
        try:
            if full:
                self._fill_combo(page.source_filter, "All sources",
                                 [(s or "(no source)", s) for s, _n in self.collection.sources()])
                self._fill_combo(page.kind_filter, "All event kinds",
                                 [(f"{k.replace('_', ' ')} ({n})", k) for k, n in self.collection.event_kinds()])
                page.timeline.blockSignals(True)
                page.timeline.set_dates(self.collection.timeline_dates())
                page.timeline.blockSignals(False)
                page.timeline_label.setText("All dates" if page.timeline.dates() else "No dates")
            self._update_header()
            self.apply_filters(force_map=True)
            self.refresh_stories()
        except CollectionError as err:
            self.window.show_error("Cannot read the collection", str(err))

    @staticmethod
    def _fill_combo(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for label, data in items:
            combo.addItem(label, "" if data is None else data)
        i = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def current_filter(self, *, with_pin: bool = True) -> ArticleFilter:
        page = self.page
        if page is None:
            return ArticleFilter()
        source = page.source_filter.currentData()
        kind = page.kind_filter.currentData()
        period = None
        if not page.timeline.is_full() and page.timeline.value() is not None:
            period = page.timeline.value()
        place = page.place_filter.text().strip() or None
        return ArticleFilter(text=page.search.text().strip(), sources=(source,) if source is not None else (),
                             place=place, event_kind=kind or None, period=period,
                             article_ids=self.pin_filter[1] if with_pin and self.pin_filter else None)

    def _filters_changed(self, *_args) -> None:
        self._filter_timer.start()

    def _timeline_changed(self, lo: str, hi: str) -> None:
        page = self.page
        if page is None:  # the page's own timeline sent it: there is a page
            return
        page.timeline_label.setText("All dates" if page.timeline.is_full() else lo if lo == hi else f"{lo} … {hi}")
        self._filter_timer.start()

    def apply_filters(self, *, force_map: bool = False) -> None:
        """The list from every filter (the pin's too); the map from every filter but the pin
        (a pin click filters the list and leaves the map as it is)."""
        if self.collection is None or self.page is None:
            return
        self._filter_timer.stop()
        page = self.page
        try:
            flt = self.current_filter()
            rows = self.collection.articles(flt)
            total = len(self.collection)
            map_flt = self.current_filter(with_pin=False)
            if force_map or map_flt != self._map_filter:
                self._draw_map(map_flt)
        except CollectionError as err:
            self.window.show_error("Cannot read the collection", str(err))
            return
        keep = self.selected_article()
        page.model.set_rows(rows)
        header = page.list.horizontalHeader()
        if header.sortIndicatorSection() >= 0:
            page.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        page.list.resizeRowsToContents()
        page.count_label.setText(f"{len(rows)} of {total} articles" if len(rows) != total else f"{total} articles")
        if keep is not None and page.model.row_of(keep) >= 0:
            self.select_article(keep)
        elif rows:
            page.list.setCurrentIndex(page.model.index(0, 0))
        self.collectionShown.emit()

    def _draw_map(self, flt: ArticleFilter) -> None:
        from ..render.collection_export import collection_result
        from ..render.mapbuild import render_html
        collection, page = self.collection, self.page
        assert collection is not None and page is not None  # apply_filters checked both
        self._map_filter = flt
        origins: dict[int, tuple[int, int]] = {}
        result = collection_result(collection, flt, title=collection.path.stem, origins=origins)
        self.map_result, self.origins = result, origins
        self.pins = collection.pins(flt)
        known = ({p.id for p in result.places} | {e.id for e in result.events}
                 | {f"m{f.place}" for f in result.facts if f.place})
        w = self.window
        try:
            page_html = render_html(result, tiles=w.basemap_settings.tiles)
        except MapperError as err:
            w.show_error("The map cannot be drawn", str(err))
            return
        page.map.show_html(page_html, known, allow_remote=w.basemap_settings.tiles is not None,
                                sentence_count=len(result.sentences))

    def refresh_stories(self) -> None:
        if self.collection is None or self.page is None:
            return
        from ..core.stories import find_stories
        self.page.stories.set_stories(find_stories(self.collection))
        n = len(self.page.stories.stories)
        self.page.tabs.setTabText(1, f"&Stories ({n})")

    # ---- the pin filter -----------------------------------------------------------------
    def set_pin_filter(self, label: str, article_ids: tuple[int, ...]) -> None:
        if self.page is None:  # a pin is clicked on the page's map
            return
        self.pin_filter = (label, tuple(article_ids))
        n = len(article_ids)
        self.page.pin_label.setText(f"Filtered by {label}: {n} article{'s' if n != 1 else ''}")
        self.page.pin_bar.show()
        self.apply_filters()

    def clear_pin_filter(self) -> None:
        if self.pin_filter is None or self.page is None:
            return
        self.pin_filter = None
        self.page.pin_bar.hide()
        self.apply_filters()
        self.page.list.setFocus()

    def on_map_clicked(self, item_id: str) -> None:
        """A pin ("p<n>"), an event ("e<n>") or the memorial facts at a pin ("m<pin>")."""
        result = self.map_result
        if result is None:
            return
        pid = item_id[1:] if item_id.startswith("mp") else item_id
        place = next((p for p in result.places if p.id == pid), None)
        if place is not None:
            pin = next((p for p in self.pins if p.id == place.key), None)
            ids = pin.article_ids if pin is not None else tuple(dict.fromkeys(
                self.origins[m.sentence][0] for m in place.mentions if m.sentence in self.origins))
            self.set_pin_filter(f"pin {place.name}", ids)
            return
        event = next((e for e in result.events if e.id == item_id), None)
        if event is not None and event.sentence in self.origins:
            aid = self.origins[event.sentence][0]
            where = next((p.name for p in result.places if p.id == event.place), None)
            label = event.kind.replace("_", " ") + (f" in {where}" if where else "") + (
                f", {event.date}" if event.date else "")
            self.set_pin_filter(f"event {label}", (aid,))

    def on_map_sentence(self, sentence_id: int) -> None:
        """A sentence in a popup: its article, at that sentence."""
        origin = self.origins.get(sentence_id)
        if origin is not None:
            self.open_article(origin[0], origin[1])

    # ---- articles -----------------------------------------------------------------------
    def selected_article(self) -> int | None:
        if self.page is None:
            return None
        index = self.page.list.currentIndex()
        return self.page.model.data(index, ARTICLE_ROLE) if index.isValid() else None

    def select_article(self, article_id: int) -> bool:
        if self.page is None:
            return False
        row = self.page.model.row_of(article_id)
        if row < 0:
            return False
        index = self.page.model.index(row, 0)
        self.page.list.setCurrentIndex(index)
        self.page.list.scrollTo(index)
        return True

    def _row_activated(self, index: QModelIndex) -> None:
        if self.page is None:  # the page's list sent it: there is a page
            return
        aid = self.page.model.data(index, ARTICLE_ROLE)
        if aid is not None:
            self.open_article(int(aid))

    def open_article(self, article_id: int, sentence: int = -1) -> bool:
        """Show one article of the collection with its own map and text, from its stored
        result (no re-geoparse)."""
        if self.collection is None:
            return False
        try:
            result = self.collection.result(article_id)
            row = self.collection.article_row(article_id)
        except (CollectionError, MapperError, ValueError, KeyError) as err:
            self.window.show_error("Cannot open the article", str(err))
            return False
        self._opening = True
        try:
            self.window.show_stored_result(result)
        finally:
            self._opening = False
        self.shown_article = article_id
        self._update_back_bar(row)
        self._set_mode(False)
        if self.page is not None and self.page.model.row_of(article_id) >= 0:
            self.select_article(article_id)
        if sentence >= 0:
            self.window.on_sentence_clicked(sentence)
            self.window.article_view.highlight_sentence(sentence, scroll="always")
        self.window.article_view.setFocus()
        return True

    def _update_back_bar(self, row: ArticleRow | None = None) -> None:
        if self.collection is None:
            return
        if row is not None:
            bits = ", ".join(b for b in (row.source, row.published) if b)
            self.back_label.setText(f"{self.collection.path.name}: {row.title or 'Untitled'}"
                                    + (f" ({bits})" if bits else ""))
        elif self.shown_article is None:
            self.back_label.setText(f"Collection {self.collection.path.name} is open")

    def _on_result_shown(self) -> None:
        """An article was mapped (opened from a file, pasted): show it."""
        if getattr(self, "_opening", False):
            return
        self.shown_article = None
        if self.collection is not None:
            self.back_label.setText(f"An article from a file; the collection {self.collection.path.name} is open")
        self._set_mode(False)

    # ---- the end ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Before the window closes: stop an import (what is in stays), the docks as they
        were (the window saves its state next), close the file, free the map page."""
        if self._thread is not None and self.is_importing():
            self.cancel_import()
            self._thread.wait()
        self._set_mode(False)
        if self.collection is not None:
            self.collection.close()
            self.collection = None
        if self.page is not None:
            self.page.map.dispose()
