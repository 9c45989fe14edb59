"""KTMU programmes, courses and quotas."""
