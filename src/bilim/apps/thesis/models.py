"""KTMU languages, preparation, supervision and thesis."""
