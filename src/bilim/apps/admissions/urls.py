"""KTMU admissions."""
from django.urls import path

app_name = "admissions"
urlpatterns: list = []
