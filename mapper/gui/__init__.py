"""PySide6 desktop app: thin adapters over mapper.core (no logic in slots)."""
