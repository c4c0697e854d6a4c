"""From a model's `search_fields` to a Whoosh schema and documents.

One index per root model (all page types share Page's index), as Wagtail's Elasticsearch backend
does. Column names follow that backend's, so a switch of backend changes no field name:

- a field defined on a subclass is prefixed ``<app>_<model>__`` (two page types may both have a
  ``summary``);
- filter columns end in ``_filter``, autocomplete columns in ``_edgengrams``;
- a related field's columns are ``<relation>__<column>``.

Whoosh refuses field names that start with ``_``, so the internal columns are ``ms_*``.
"""

import datetime
import decimal
from collections.abc import Iterable
from functools import cache, cached_property, partial
from operator import attrgetter

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import prefetch_related_objects
from django.db.models.fields.related import RelatedField
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils.encoding import force_str

from modelsearch.backends.base import get_model_root
from modelsearch.index import (
    AutocompleteField,
    FilterField,
    RelatedFields,
    SearchField,
    get_indexed_models,
)
from whoosh import fields as wf

from modelsearch_whoosh.languages import (  # noqa: F401 - re-exported for the backend
    ANALYZERS,
    AUTOCOMPLETE_ANALYZER,
    AUTOCOMPLETE_QUERY_ANALYZER,
    DEFAULT_LANGUAGE,
    EDGE_NGRAM_MAX,
    TEXT_ANALYZER,
    in_language,
    is_translatable,
    language_of,
)
from modelsearch_whoosh.vocabulary import words_in

PK = "ms_pk"  # the object's primary key, stored: the one stored field
CONTENT_TYPES = "ms_ct"  # "app.Model" of the object's class and its indexed ancestors
NULLS = "ms_null"  # names of the filter columns whose value is None


# Kinds of filter column, from Django's internal field type.
NUMBER, FLOAT, TEXT, BOOL, DATE, DATETIME = "number", "float", "text", "bool", "date", "datetime"
KIND_BY_TYPE = {
    "AutoField": NUMBER,
    "SmallAutoField": NUMBER,
    "BigAutoField": NUMBER,
    "IntegerField": NUMBER,
    "SmallIntegerField": NUMBER,
    "BigIntegerField": NUMBER,
    "PositiveIntegerField": NUMBER,
    "PositiveSmallIntegerField": NUMBER,
    "PositiveBigIntegerField": NUMBER,
    "FloatField": FLOAT,
    "DecimalField": FLOAT,
    "BooleanField": BOOL,
    "NullBooleanField": BOOL,
    "DateField": DATE,
    "DateTimeField": DATETIME,
}
MISSING_NUMBER = -(2**63)
# One term per number instead of Whoosh's default four tiers: filters here are mostly exact,
# and a range over a few thousand dates is fast enough without tiers, while four terms per
# number made up a quarter of the postings written when indexing.
NUMBER_TIERS = 0
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def multi_valued() -> wf.KEYWORD:
    """Several exact terms per document: the list's items are indexed as they are."""
    return wf.KEYWORD(scorable=False, lowercase=False)


ORDERED = (NUMBER, FLOAT, DATE, DATETIME)


def filter_field_type(kind: str, many: bool) -> wf.FieldType:
    """A filter column. Numbers and dates are numeric columns, with one value or (through a
    to-many relation: a practice's challenges, an author's books' dates) several: then range
    lookups and exact ones read them the same way. Only a single value is sortable."""
    # default=0 is the packed form of the smallest value (ints) and NaN (floats): Whoosh 2.7.4's
    # own defaults cannot be packed into the sort column. A missing value sorts first, as NULL
    # does on SQLite, and `from_term` reports it as None.
    if kind in (NUMBER, DATE, DATETIME):
        return wf.NUMERIC(
            numtype=int, bits=64, signed=True, sortable=not many, default=0, shift_step=NUMBER_TIERS
        )
    if kind == FLOAT:
        return wf.NUMERIC(
            numtype=float, bits=64, sortable=not many, default=0, shift_step=NUMBER_TIERS
        )
    if many:
        return multi_valued()
    return wf.ID(sortable=True)


def to_term(kind: str, value):
    """A filter value as Whoosh stores it: a number for ordered kinds, a string otherwise."""
    if isinstance(value, models.Model):
        value = value.pk
    if kind == DATETIME and isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.UTC)
        return int((value - EPOCH).total_seconds() * 1_000_000)
    if kind in (DATE, DATETIME) and isinstance(value, datetime.date):
        return value.toordinal() if kind == DATE else to_term(DATETIME, _midnight(value))
    if kind == NUMBER:
        return int(value)
    if kind == FLOAT:
        return float(value)
    if kind == BOOL:
        return "1" if value else "0"
    if isinstance(value, datetime.time):
        return value.isoformat()
    return force_str(value)


def from_term(kind: str, value):
    """The inverse of `to_term`, for facet keys; None for a document without a value."""
    if value in ("", None, MISSING_NUMBER) or value != value:
        return None
    if kind == BOOL:
        return value == "1"
    if kind == DATE:
        return datetime.date.fromordinal(value)
    if kind == DATETIME:
        return EPOCH + datetime.timedelta(microseconds=value)
    return value


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def pk_term(pk) -> str:
    """The stored key: integers zero-padded, so that the key also sorts as the number does."""
    return f"{pk:020d}" if isinstance(pk, int) else force_str(pk)


def is_many(model, field) -> bool:
    try:
        django_field = field.get_field(model)
    except Exception:  # noqa: BLE001 - a property or method: one value
        return False
    return bool(django_field.many_to_many or django_field.one_to_many)


class Mapping:
    """How one model's objects become documents of its root model's index."""

    def __init__(self, model, prefix: str = "", fields: list | None = None):
        self.model = model
        self.prefix = prefix  # "<relation>__" for the fields of a related model
        # A related model's fields are those its RelatedFields entry lists.
        self.fields = model.get_search_fields() if fields is None else fields

    def column(self, field) -> str:
        definition = field.get_definition_model(self.model)
        own = ""
        if not self.prefix and definition is not None and definition != get_model_root(self.model):
            own = f"{definition._meta.app_label.lower()}_{definition.__name__.lower()}__"
        if isinstance(field, RelatedFields):
            return f"{self.prefix}{own}{field.field_name}"
        name = field.get_attname(self.model)
        if isinstance(field, FilterField):
            name += "_filter"
        elif isinstance(field, AutocompleteField):
            name += "_edgengrams"
        return f"{self.prefix}{own}{name}"

    def related(self, field: RelatedFields) -> "Mapping":
        related_model = field.get_field(self.model).related_model
        return Mapping(related_model, self.column(field) + "__", field.fields)

    def kind(self, field) -> str:
        return KIND_BY_TYPE.get(field.get_type(self.model), TEXT)

    # --- schema ---------------------------------------------------------------------------------

    def schema_fields(self, many: bool = False) -> dict[str, wf.FieldType]:
        """Whoosh fields for this model's search_fields; `many` inside a to-many relation."""
        result: dict[str, wf.FieldType] = {}
        for field in self.fields:
            column = self.column(field)
            if isinstance(field, RelatedFields):
                related_many = many or is_many(self.model, field)
                result.update(self.related(field).schema_fields(many=related_many))
            elif isinstance(field, FilterField):
                field_many = many or is_many(self.model, field)
                result[column] = filter_field_type(self.kind(field), field_many)
            elif isinstance(field, AutocompleteField):
                result[column] = wf.TEXT(analyzer=AUTOCOMPLETE_ANALYZER, phrase=False)
            elif isinstance(field, SearchField):
                for language in self.languages:
                    result[in_language(column, language)] = wf.TEXT(
                        analyzer=ANALYZERS[language], field_boost=float(field.boost or 1)
                    )
        return result

    @cached_property
    def languages(self) -> list[str]:
        """The languages this mapping's own text columns exist in: all of them for a
        translatable model, the default for the rest (and for a related model's fields)."""
        if not self.prefix and is_translatable(self.model):
            return list(ANALYZERS)
        return [DEFAULT_LANGUAGE]

    def language_columns(self, language: str, names: Iterable[str] | None = None) -> list[str]:
        """This model's own text columns for text in `language` (none where it has none)."""
        if language not in self.languages:
            return []
        return [
            in_language(self.column(field), language)
            for field in self.fields
            if isinstance(field, SearchField)
            and not isinstance(field, RelatedFields)
            and (names is None or field.field_name in names)
        ]

    def related_search_columns(self) -> list[str]:
        """The text columns of this model's related fields (indexed in the default language)."""
        return [
            column
            for field in self.fields
            if isinstance(field, RelatedFields)
            for column in self.related(field).search_columns()
        ]

    def search_columns(self, names: Iterable[str] | None = None) -> list[str]:
        """The text columns to search: the named SearchFields, or all of them incl. related."""
        columns = []
        for field in self.fields:
            if isinstance(field, RelatedFields) and names is None:
                columns += self.related(field).search_columns()
            elif isinstance(field, SearchField) and (names is None or field.field_name in names):
                columns.append(self.column(field))
        return columns

    def autocomplete_columns(self, names: Iterable[str] | None = None) -> list[str]:
        return [
            self.column(field)
            for field in self.fields
            if isinstance(field, AutocompleteField) and (names is None or field.field_name in names)
        ]

    # --- documents ------------------------------------------------------------------------------

    def document(self, obj, words: set[str] | None = None) -> dict:
        """The object's document; the words of its searched text (as written) are added to
        `words`, for the index's vocabulary."""
        doc = {PK: pk_term(obj.pk), CONTENT_TYPES: content_types(type(obj)), NULLS: []}
        texts: list[str] = []
        language = language_of(obj) if len(self.languages) > 1 else DEFAULT_LANGUAGE
        self._fill(doc, obj, many=False, texts=texts, language=language)
        if words is not None:
            for text in texts:
                words.update(words_in(text))
        return doc

    @cached_property
    def plan(self) -> list[tuple]:
        """How each search field fills a document, worked out once per model instead of once
        per field of every document: (what, column, read the value, detail)."""
        steps = []
        for field in self.fields:
            column = self.column(field)
            if isinstance(field, RelatedFields):
                steps.append(("related", column, field, self.related(field)))
            elif isinstance(field, FilterField):
                many = is_many(self.model, field)
                read = partial(related_pks, field=field) if many else self.reader(field)
                steps.append(("filter", column, read, (self.kind(field), many)))
            elif isinstance(field, (SearchField, AutocompleteField)):
                steps.append(("text", column, self.reader(field), isinstance(field, SearchField)))
        return steps

    def reader(self, field):
        """`field.get_value`, or for a plain column (no searchable-content conversion) the
        attribute itself: get_value looks the field up again on every call, a third of the
        time a rebuild spends building documents."""
        try:
            django_field = field.get_field(self.model)
        except FieldDoesNotExist:
            return field.get_value
        if django_field.is_relation and not django_field.concrete:
            return field.get_value
        target = django_field
        while isinstance(target, RelatedField):
            target = target.target_field
        if hasattr(django_field, "get_searchable_content") or hasattr(
            target, "get_searchable_content"
        ):
            return field.get_value
        return attrgetter(django_field.attname)

    def _fill(
        self, doc: dict, obj, many: bool, texts: list[str], language: str = DEFAULT_LANGUAGE
    ) -> None:
        for what, column, read, detail in self.plan:
            if what == "related":
                self._fill_related(doc, read, obj, many, detail, texts)
            elif what == "filter":
                kind, _to_many = detail
                self._fill_filter(doc, column, kind, read(obj), many)
            else:
                text = searchable_text(read(obj))
                if not text:
                    continue
                if detail:  # a SearchField: in the column of the text's language
                    column = in_language(column, language)
                doc[column] = f"{doc[column]}\n{text}" if column in doc else text
                if detail:  # a SearchField: its words are offered as spelling corrections
                    texts.append(text)

    def _fill_related(self, doc, field: RelatedFields, obj, many: bool, mapping, texts) -> None:
        value = related_value(obj, field)
        if isinstance(value, models.Model):
            mapping._fill(doc, value, many=many, texts=texts)
        elif value is not None:  # to-many: the preloaded list or a queryset
            for related in value:
                mapping._fill(doc, related, many=True, texts=texts)
        # None: a missing relation adds nothing

    def _fill_filter(self, doc: dict, column: str, kind: str, value, many: bool) -> None:
        if isinstance(value, (models.Manager, models.QuerySet)):
            value = list(value.values_list("pk", flat=True))
        if many or isinstance(value, (list, tuple)):
            values = value if isinstance(value, (list, tuple)) else [value]
            convert = (
                partial(to_term, kind) if kind in ORDERED else lambda v: force_str(to_term(kind, v))
            )
            terms = [convert(v) for v in values if v is not None]
            # Each value once: a numeric column indexes a list as given, and a term twice in
            # one document breaks Whoosh's postings.
            doc[column] = list(dict.fromkeys([*doc.get(column, []), *terms]))
        elif value is None:
            doc[NULLS].append(column)
        else:
            if isinstance(value, decimal.Decimal):
                value = float(value)
            doc[column] = to_term(kind, value)


def related_pks(obj, field) -> list:
    return [related.pk for related in related_value(obj, field)]


def related_value(obj, field):
    """A relation's value: for a to-many relation the objects `preload` loaded for the batch
    if it did, else its manager."""
    loaded = getattr(obj, "_search_related", {})
    if field.field_name in loaded:
        return loaded[field.field_name]
    if isinstance(field, RelatedFields):
        django_field = field.get_field(type(obj))
        if django_field.many_to_many or django_field.one_to_many:
            return getattr(obj, field.field_name).all()
        return field.get_value(obj)
    return getattr(obj, field.field_name).all()


def preload(model, items: list) -> None:
    """Load each to-many relation the index needs for a batch, in one query per relation.

    Django's prefetch_related through modelcluster's parental relations builds querysets per
    object (12 per practice): this reads the through table (or the child table) directly.
    """
    pks = [item.pk for item in items]
    names = {
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, (RelatedFields, FilterField)) and is_many(model, field)
    }
    loaded: dict[str, dict] = {}
    for name in names:
        field = model._meta.get_field(name)
        if field.many_to_many:
            found = _through_table(model, field, pks)
            loaded[name] = found if found is not None else _prefetched(items, name)
        else:  # a reverse foreign key: child rows such as a practice's countries
            found: dict = {pk: [] for pk in pks}
            remote = field.field
            for row in field.related_model.objects.filter(**{f"{remote.attname}__in": pks}):
                found[getattr(row, remote.attname)].append(row)
            loaded[name] = found
    for item in items:
        item._search_related = {name: found[item.pk] for name, found in loaded.items()}


def _through_table(model, field, pks) -> dict | None:
    """Related objects by pk, read from a many-to-many relation's through table; None if the
    table has no foreign key to `model` (taggit's generic tags on images and documents).
    `field` is a ManyToManyField, or the reverse side of one (an author's books), whose through
    model is on the relation itself."""
    through = field.through if isinstance(field, ForeignObjectRel) else field.remote_field.through
    keys = [f for f in through._meta.fields if f.is_relation and f.related_model]
    source = next((f for f in keys if issubclass(model, f.related_model)), None)
    target = next((f for f in keys if f.related_model is field.related_model), None)
    if source is None or target is None:
        return None
    pairs = list(
        through.objects.filter(**{f"{source.attname}__in": pks})
        .order_by("pk")
        .values_list(source.attname, target.attname)
    )
    # Taxonomy terms are shared by many objects: one instance per term, not per link.
    targets = field.related_model._base_manager.in_bulk({pk for _, pk in pairs})
    found: dict = {pk: [] for pk in pks}
    for source_pk, target_pk in pairs:
        found[source_pk].append(targets[target_pk])
    return found


def _prefetched(items: list, name: str) -> dict:
    prefetch_related_objects(items, name)
    return {item.pk: list(getattr(item, name).all()) for item in items}


def searchable_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return "\n".join(searchable_text(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(searchable_text(item) for item in value.values())
    return force_str(value)


def content_types(model) -> list[str]:
    """The model's "app.Model" and that of each indexed concrete ancestor."""
    names = []
    while model is not None:
        names.append(f"{model._meta.app_label}.{model.__name__}")
        model = model.indexed_get_parent()
    return names


@cache
def mapping_of(model) -> Mapping:
    """The mapping of a model (its search_fields are fixed when the class is defined)."""
    return Mapping(model)


def index_roots() -> list:
    """The root model of every index (Page, Image, each snippet...), in a stable order."""
    roots = {get_model_root(model) for model in get_indexed_models()}
    return sorted(roots, key=lambda model: model._meta.label)


@cache
def models_in_index(root) -> tuple:
    return tuple(model for model in get_indexed_models() if get_model_root(model) is root)


def build_schema(root) -> wf.Schema:
    """The schema of `root`'s index: the union of its indexed models' columns."""
    columns: dict[str, wf.FieldType] = {}
    for model in models_in_index(root):
        columns.update(Mapping(model).schema_fields())
    return wf.Schema(
        **{
            PK: wf.ID(stored=True, unique=True, sortable=True),
            CONTENT_TYPES: multi_valued(),
            NULLS: multi_valued(),
        },
        **columns,
    )
