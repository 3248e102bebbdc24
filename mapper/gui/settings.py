"""Settings: one QSettings group per component, stored in an INI file in the user data
folder (tests redirect that folder, so they never touch real settings)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings

from ..core.paths import user_data_dir

MAX_RECENT = 10


def open_settings() -> QSettings:
    return QSettings(str(user_data_dir() / "settings.ini"), QSettings.Format.IniFormat)


class GeocoderSettings:
    """'offline' (default) or 'nominatim' (offline first, then Nominatim for unknown names)."""
    GROUP = "geocoder"

    def __init__(self, s: QSettings) -> None:
        self.s = s

    @property
    def mode(self) -> str:
        return str(self.s.value(f"{self.GROUP}/mode", "offline"))

    @mode.setter
    def mode(self, value: str) -> None:
        self.s.setValue(f"{self.GROUP}/mode", value if value in ("offline", "nominatim") else "offline")

    @property
    def user_agent(self) -> str:
        from ..core.geocoders import USER_AGENT
        return str(self.s.value(f"{self.GROUP}/user_agent", USER_AGENT))

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.s.setValue(f"{self.GROUP}/user_agent", value.strip())


class BasemapSettings:
    GROUP = "basemap"

    def __init__(self, s: QSettings) -> None:
        self.s = s

    @property
    def tiles(self) -> str | None:
        value = str(self.s.value(f"{self.GROUP}/tiles", "offline"))
        return None if value == "offline" else value

    @tiles.setter
    def tiles(self, value: str | None) -> None:
        self.s.setValue(f"{self.GROUP}/tiles", value or "offline")


class RecentFiles:
    GROUP = "recent"

    def __init__(self, s: QSettings) -> None:
        self.s = s

    def files(self) -> list[str]:
        value: Any = self.s.value(f"{self.GROUP}/files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add(self, path: str) -> None:
        files = [path] + [f for f in self.files() if f != path]
        self.s.setValue(f"{self.GROUP}/files", files[:MAX_RECENT])
