"""One error hierarchy. Each error also inherits the built-in meaning, so callers
can catch either; the message is always written for the user, never a traceback."""


class MapperError(Exception):
    """Base of every error the user may see. str(err) is the one-line message."""


class ArticleError(MapperError, ValueError):
    """An article could not be read: missing, empty, binary, oversize, undecodable."""


class ArticleNotFound(ArticleError, FileNotFoundError):
    pass


class GazetteerError(MapperError, RuntimeError):
    """The offline gazetteer could not be built or opened."""


class GeocoderUnavailable(MapperError, ConnectionError):
    """An online geocoder failed (timeout, refusal, bad answer). Offline results stay."""


class Cancelled(MapperError):
    """The user cancelled a long task."""


class RecogniserUnavailable(MapperError, RuntimeError):
    """An optional recogniser (an NER backend) is not installed or cannot be loaded."""


class DataFileError(MapperError, RuntimeError):
    """A data file the app ships is missing or empty: the install is broken. Raised at start-up,
    so that a rule never runs silently on an empty word list."""
