"""Rendering: the folium map (mapbuild), offline assets, file exporters (all Qt-free), and
headless PNG/PDF through QtWebEngine (webrender, the only module here that imports Qt)."""
