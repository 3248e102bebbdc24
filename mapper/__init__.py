"""mapper: a desktop GIS explorer for the places and events in news articles."""

__version__ = "0.1.0"
