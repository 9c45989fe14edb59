"""KTMU semester registration and credit transfer."""
