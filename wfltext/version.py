"""The version of wfltext (a module of its own, so any module can read it without a loop)."""

__version__ = "0.1.0"
