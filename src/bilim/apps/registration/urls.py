"""KTMU semester registration."""
from django.urls import path

app_name = "registration"
urlpatterns: list = []
