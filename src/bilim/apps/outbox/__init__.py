"""The development outbox: outgoing e-mail kept in the database and shown to the administrator.

In development (``BILIM_DEV``/``DEBUG``) Django's ``EMAIL_BACKEND`` defaults to
:class:`bilim.apps.outbox.backends.OutboxEmailBackend`, so the notifications the demo data and a
tester's clicks send are readable at ``/outbox/`` instead of scrolling past as MIME on the console.
Production keeps the SMTP (or console) backend configured from the environment.
"""
