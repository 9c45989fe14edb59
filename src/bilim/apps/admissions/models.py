"""KTMU admissions."""
