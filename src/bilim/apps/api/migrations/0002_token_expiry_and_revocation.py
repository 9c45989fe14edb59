"""API tokens expire and can be revoked. Tokens issued before this had no end: they get the default
validity counted from today (BILIM_API_TOKEN_DAYS), so nothing breaks at once and nothing lasts for ever."""

import datetime as dt

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def give_old_tokens_an_expiry(apps, schema_editor):  # noqa: ANN001, ANN201
    ApiToken = apps.get_model("api", "ApiToken")
    days = int(getattr(settings, "BILIM_API_TOKEN_DAYS", 90))
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=timezone.now() + dt.timedelta(days=days))


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(give_old_tokens_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]
