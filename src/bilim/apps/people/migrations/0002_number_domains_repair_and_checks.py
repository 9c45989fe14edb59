"""Repair stored numbers, then add the CHECK constraints of the number domains (people).

Before the one parsing path (``bilim.apps.core.numbers``) a typed ``NaN``, ``Infinity`` or ``1e999999``
could be stored (SQLite keeps it as text or an infinite REAL, PostgreSQL keeps ``NaN``) and broke every
page that read the row. ``repair`` runs FIRST and, for the tuition debt (>= 0) of students
(and every other Decimal column of the app, for finiteness and its digits), replaces a stored value that
is not finite, does not fit the column's digits or lies outside the domain: by NULL where the column is
nullable, otherwise by the nearest value inside the domain (0 for a lower bound of 0, the column's
smallest step — 0.1 ECTS — where the bound is strict, the top where the value is too large). Each change
is logged by the ``bilim.repair`` logger with the table, the row, the old text and the new value.
The constraints then hold every row from now on; their upper bounds also refuse NaN/Infinity.
"""

from decimal import Decimal

from django.db import migrations, models

from bilim.apps.core.number_repair import Range, repair_numbers

RANGES = {"student": {"tuition_debt": Range(Decimal(0))}}


def repair(apps, schema_editor):
    repair_numbers(apps, schema_editor, "people", RANGES)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='student',
            constraint=models.CheckConstraint(condition=models.Q(('tuition_debt__lte', Decimal('9999999999.99'))), name='student_debt_finite'),
        ),
    ]
