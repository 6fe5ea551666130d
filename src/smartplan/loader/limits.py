"""The loader's resource limits: what a plan may cost before it is refused."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Defaults fit any real masterplan with a wide margin; `.smartplan.yaml` may change them."""

    max_file_size: int = 10 * MB
    # Real plans nest about eight levels deep; the limit keeps the builder far from any stack.
    max_depth: int = 64
    # Nodes produced by expanding aliases (`*anchor`), summed over the file: stops alias bombs.
    max_aliases: int = 10_000
