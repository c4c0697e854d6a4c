"""The fixes to Whoosh change how fast field lengths are read, never what is read."""

from modelsearch_whoosh import fixes
from whoosh import fields, index


def test_field_lengths_read_as_whoosh_reads_them(tmp_path):
    schema = fields.Schema(
        key=fields.ID(stored=True, sortable=True),  # keeps no lengths
        body=fields.TEXT(),
        title=fields.TEXT(),
    )
    ix = index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for n in range(1, 300):
            writer.add_document(key=str(n), body="word " * (n % 97), title="title " * (n % 5))
    with ix.reader() as reader:
        per_doc = reader._perdoc  # the segment's W3PerDocReader, with the fixes applied
        fixed = {
            (docnum, name): per_doc.doc_field_length(docnum, name)
            for docnum in range(per_doc.doc_count_all())
            for name in ("key", "body", "title", "missing")
        }
        extremes = {
            name: (per_doc.min_field_length(name), per_doc.max_field_length(name))
            for name in ("body", "title")
        }
    try:
        type(per_doc)._cached_reader = fixes.WHOOSH_CACHED_READER
        with ix.reader() as reader:
            per_doc = reader._perdoc
            original = {key: per_doc.doc_field_length(*key) for key in fixed}
            assert extremes == {
                name: (per_doc.min_field_length(name), per_doc.max_field_length(name))
                for name in ("body", "title")
            }
    finally:
        fixes.apply()
    assert fixed == original
    assert {fixed[(0, "key")], fixed[(0, "missing")]} == {0}
    assert len(set(fixed.values())) > 20  # the lengths really differ from document to document
