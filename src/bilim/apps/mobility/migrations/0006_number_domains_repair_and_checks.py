"""Repair stored numbers, then add the CHECK constraints of the number domains (mobility).

Before the one parsing path (``bilim.apps.core.numbers``) a typed ``NaN``, ``Infinity`` or ``1e999999``
could be stored (SQLite keeps it as text or an infinite REAL, PostgreSQL keeps ``NaN``) and broke every
page that read the row. ``repair`` runs FIRST and, for the GPA (0–4), failed credits and amounts (>= 0) of student files; credits (> 0) of ISP lines, host results, LA changes and correspondence rows; scores (0–100) of host results, recognitions and DLT exams
(and every other Decimal column of the app, for finiteness and its digits), replaces a stored value that
is not finite, does not fit the column's digits or lies outside the domain: by NULL where the column is
nullable, otherwise by the nearest value inside the domain (0 for a lower bound of 0, the column's
smallest step — 0.1 ECTS — where the bound is strict, the top where the value is too large). Each change
is logged by the ``bilim.repair`` logger with the table, the row, the old text and the new value.
The constraints then hold every row from now on; their upper bounds also refuse NaN/Infinity.
JSON columns holding typed numbers (a file's criterion scores, a call's weights) lose every entry that is
not a finite number in its domain (0–100 for scores, >= 0 for weights); it is entered again.
"""

from decimal import Decimal

from django.db import migrations, models

from bilim.apps.core.number_repair import Range, repair_json_numbers, repair_numbers

CREDITS = Range(Decimal(0), lo_exclusive=True)
SCORE = Range(Decimal(0), Decimal(100))
RANGES = {
    "studentmobility": {"gpa": Range(Decimal(0), Decimal(4)), "failed_credits": Range(Decimal(0)), "fee_amount": Range(Decimal(0)),
                        "stipend_amount": Range(Decimal(0))},
    "ispitem": {"credits": CREDITS}, "hostresult": {"credits": CREDITS, "score_100": SCORE}, "lachange": {"credits": CREDITS},
    "programmecourse": {"credits": CREDITS}, "recognition": {"score_100": SCORE}, "dltresult": {"score": SCORE},
}


def repair(apps, schema_editor):
    repair_numbers(apps, schema_editor, "mobility", RANGES)
    repair_json_numbers(apps, "mobility", "studentmobility", "scores", SCORE)  # the commission's criterion scores
    repair_json_numbers(apps, "mobility", "call", "weights", Range(Decimal(0)))  # a call's criterion weights


class Migration(migrations.Migration):

    dependencies = [
        ('mobility', '0005_uploads_random_names_checked_by_content'),
    ]

    operations = [
        migrations.RunPython(repair, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='hostresult',
            name='mob_host_result_credits',
        ),
        migrations.RemoveConstraint(
            model_name='ispitem',
            name='mob_isp_item_credits',
        ),
        migrations.RemoveConstraint(
            model_name='lachange',
            name='mob_la_change_credits',
        ),
        migrations.RemoveConstraint(
            model_name='programmecourse',
            name='mob_programme_course_credits',
        ),
        migrations.AddConstraint(
            model_name='hostresult',
            constraint=models.CheckConstraint(condition=models.Q(('credits__gt', 0), ('credits__lte', Decimal('999.9'))), name='mob_host_result_credits'),
        ),
        migrations.AddConstraint(
            model_name='hostresult',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('score_100__gte', 0), ('score_100__lte', 100)), ('score_100__isnull', True), _connector='OR'), name='mob_host_result_score'),
        ),
        migrations.AddConstraint(
            model_name='ispitem',
            constraint=models.CheckConstraint(condition=models.Q(('credits__gt', 0), ('credits__lte', Decimal('999.9'))), name='mob_isp_item_credits'),
        ),
        migrations.AddConstraint(
            model_name='lachange',
            constraint=models.CheckConstraint(condition=models.Q(('credits__gt', 0), ('credits__lte', Decimal('999.9'))), name='mob_la_change_credits'),
        ),
        migrations.AddConstraint(
            model_name='programmecourse',
            constraint=models.CheckConstraint(condition=models.Q(('credits__gt', 0), ('credits__lte', Decimal('999.9'))), name='mob_programme_course_credits'),
        ),
        migrations.AddConstraint(
            model_name='recognition',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('score_100__gte', 0), ('score_100__lte', 100)), ('score_100__isnull', True), _connector='OR'), name='mob_recognition_score'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('gpa__gte', 0), ('gpa__lte', 4)), ('gpa__isnull', True), _connector='OR'), name='mob_student_gpa_0_4'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('failed_credits__gte', 0), ('failed_credits__lte', Decimal('9999.9'))), ('failed_credits__isnull', True), _connector='OR'), name='mob_student_failed_credits'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('fee_amount__gte', 0), ('fee_amount__lte', Decimal('99999999.99'))), ('fee_amount__isnull', True), _connector='OR'), name='mob_student_fee_amount'),
        ),
        migrations.AddConstraint(
            model_name='studentmobility',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('stipend_amount__gte', 0), ('stipend_amount__lte', Decimal('99999999.99'))), ('stipend_amount__isnull', True), _connector='OR'), name='mob_student_stipend_amount'),
        ),
    ]
