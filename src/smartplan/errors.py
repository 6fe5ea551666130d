"""The exception hierarchy; the CLI catches SmartplanError in one place and exits with code 2."""

from __future__ import annotations


class SmartplanError(Exception):
    """Base of every error smartplan raises on purpose; its message is shown to the user."""


class UsageError(SmartplanError):
    """A bad option, a missing file or an unreadable configuration (exit code 2)."""


class ConfigError(UsageError):
    """`.smartplan.yaml` cannot be read or does not match its schema."""
