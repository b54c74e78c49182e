"""An index whose column order names where empty values go, on every database.

PostgreSQL reads `due_date ASC NULLS LAST` as written, so the deadline orders of the
staff lists (casework.lists) are one index range. SQLite refuses NULLS FIRST/LAST in an
index, and on the zero-setup database the list is small enough that its own order
(empty values first, sorted by the query) is as good; so there the index is made
without them.
"""

from __future__ import annotations

from django.db import models
from django.db.models.expressions import OrderBy


class NullsOrderIndex(models.Index):
    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = [
            OrderBy(expression.expression, descending=expression.descending)
            if isinstance(expression, OrderBy)
            else expression
            for expression in self.expressions
        ]
        index = models.Index(*plain, name=self.name, db_tablespace=self.db_tablespace)
        return index.create_sql(model, schema_editor, using=using, **kwargs)
