"""Every role assignment but the administrator's and the auditor's names a scope (``role_scoped``).

Added after 0003 gave the existing unscoped assignments a scope (or deleted them), in its own migration
so that PostgreSQL alters the table in a transaction that updated no rows of it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_role_assignment_give_scopes'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='roleassignment',
            constraint=models.CheckConstraint(condition=models.Q(('role__in', ['administrator', 'auditor']), ('institution__isnull', False), ('unit__isnull', False), ('programme__isnull', False), ('body__isnull', False), _connector='OR'), name='role_scoped'),
        ),
    ]
