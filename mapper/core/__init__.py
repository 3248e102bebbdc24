"""Qt-free core: articles, gazetteer, recognition, resolution, events, facts, pipeline."""
