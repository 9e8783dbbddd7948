"""The one error type ingest raises: a clear, one-line reason a file cannot be read."""


class IngestError(Exception):
    """A file that cannot be turned into a document; the message is the problems.csv reason."""
