"""Scopes fail closed: every role assignment but the administrator's and the auditor's names a scope.

Before this migration an assignment without institution, unit, programme or body meant "everywhere".
Existing rows are given a scope before the ``role_scoped`` constraint is added, in this order:

1. an assignment with a unit, programme or body but no institution gets that unit's/programme's/body's
   institution (so every scoped assignment also names its institution);
2. an assignment with no scope at all gets the institution of the user's person record (their
   student or staff record; the first by id if there are several);
3. otherwise the only home institution (one run by Bilim), if there is exactly one;
4. otherwise the assignment is DELETED: there is no way to tell where the role was meant to hold, and
   keeping it would either grant everything (the old behaviour) or nothing. An administrator
   re-creates it with a scope.

Administrator and auditor assignments are left as they are (they hold everywhere by nature).
The constraint itself is added by the next migration: on PostgreSQL a table whose rows were just
updated in the same transaction cannot be altered ("pending trigger events").
"""

from typing import Any

from django.db import migrations

UNSCOPED_ROLES = ["administrator", "auditor"]


def give_scopes(apps: Any, schema_editor: Any) -> None:
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    Institution = apps.get_model("org", "Institution")
    Student = apps.get_model("people", "Student")
    Staff = apps.get_model("people", "Staff")
    scoped = RoleAssignment.objects.exclude(role__in=UNSCOPED_ROLES)
    for a in scoped.filter(institution__isnull=True).exclude(unit=None, programme=None, body=None).select_related("unit", "programme", "body"):
        source = a.unit or a.programme or a.body
        a.institution_id = source.institution_id
        a.save(update_fields=["institution"])
    homes = list(Institution.objects.filter(is_home=True).values_list("pk", flat=True)[:2])
    only_home = homes[0] if len(homes) == 1 else None
    for a in scoped.filter(institution=None, unit=None, programme=None, body=None):
        inst = (Student.objects.filter(person__user_id=a.user_id).order_by("pk").values_list("institution_id", flat=True).first()
                or Staff.objects.filter(person__user_id=a.user_id).order_by("pk").values_list("institution_id", flat=True).first()
                or only_home)
        if inst is None:
            a.delete()
        else:
            a.institution_id = inst
            a.save(update_fields=["institution"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_initial'),
        ('curriculum', '0002_initial'),
        ('governance', '0001_initial'),
        ('org', '0002_institution_regulation_set'),
        ('people', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(give_scopes, migrations.RunPython.noop),
    ]
