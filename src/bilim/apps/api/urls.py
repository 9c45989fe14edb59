from django.urls import path

from bilim.apps.api.api import api

urlpatterns = [path("", api.urls)]
