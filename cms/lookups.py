"""Integer lookups that answer "nothing" for a value no integer column can hold, as Django's
own `exact` and range lookups on integer fields already do. Ids come from forms and filters,
where anyone can type 2**64: SQLite raises OverflowError on such an int (a 500), PostgreSQL a
DataError. Registered for integer fields and for the foreign keys that point at them."""

from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models.fields.related import ForeignObject
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In


def _outside_range(value, field, connection) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    target = getattr(field, "target_field", field)
    try:
        low, high = connection.ops.integer_field_range(target.get_internal_type())
    except KeyError:  # not an integer column
        return False
    return (low is not None and value < low) or (high is not None and value > high)


class InRangeIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            self.rhs = [v for v in self.rhs if not _outside_range(v, field, connection)]
        return super().process_rhs(compiler, connection)  # an empty list matches nothing


class InRangeRelatedIn(InRangeIn, RelatedIn):
    pass


class InRangeRelatedExact(RelatedExact):
    def as_sql(self, compiler, connection):
        if self.rhs_is_direct_value() and _outside_range(
            self.rhs, self.lhs.output_field, connection
        ):
            raise EmptyResultSet
        return super().as_sql(compiler, connection)


def register() -> None:
    models.IntegerField.register_lookup(InRangeIn)
    ForeignObject.register_lookup(InRangeRelatedIn)
    ForeignObject.register_lookup(InRangeRelatedExact)
