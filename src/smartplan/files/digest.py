"""Content digests (BLAKE2b): the results cache keys files by them, the schema copy is compared
by them."""

from __future__ import annotations

try:
    from _blake2 import blake2b as blake2b  # no OpenSSL: hashlib's import costs start-up
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b as blake2b

__all__ = ["blake2b", "digest"]


def digest(data: bytes) -> bytes:
    """The content digest of `data`."""
    return blake2b(data).digest()
