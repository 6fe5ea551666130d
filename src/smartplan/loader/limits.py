"""The loader's limits, kept in smartplan.limits: the settings (config.py) import them there
without importing the loader."""

from smartplan.limits import MB, BuildError, Limits, clip, text_size

__all__ = ["MB", "BuildError", "Limits", "clip", "text_size"]
