"""Fixes to Whoosh 2.7.4 (the last release; the project is no longer maintained), applied when
the backend is imported.

Whoosh's segment reader remembers the column readers it has opened, but not that a column is
missing: asking for the length of a field that keeps none (every filter column) checks the
file system again each time. A rebuild asks once per posting, about 35 times per practice,
which was a tenth of the writer processes' work. A segment's files never change once written,
so remembering "no such column" is safe.

The same reader then reads each length from the column file, posting by posting (a quarter of a
million reads per 2,000 practices). A segment's lengths are one byte per document and field:
they are read into memory once (20 kB for 20,000 documents) and looked up there.
"""

from whoosh.codec import whoosh3

WHOOSH_CACHED_READER = whoosh3.W3PerDocReader._cached_reader


def _cached_reader(self, fieldname, column):
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        if reader is not None and column is whoosh3.LENGTHS_COLUMN:
            reader = bytes(reader)  # one byte per document: byte_to_length decodes it
        self._readers[fieldname] = reader
        return reader


def apply() -> None:
    whoosh3.W3PerDocReader._cached_reader = _cached_reader
