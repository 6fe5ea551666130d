"""The bundled JSON Schema read as help: the field at a path, its description, its allowed values
and what a reference names (the `orgRef`/`programRef`/`regulationRef` definitions)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

# the schema's reference definitions → the section whose ids they name
REFERENCES = {"orgRef": "organizations", "programRef": "programs", "regulationRef": "regulations"}


@dataclass(frozen=True)
class Field:
    """A place in the schema: the node as declared there, and the $ref names on the way."""

    node: dict[str, Any]
    refs: tuple[str, ...]

    @property
    def title(self) -> str:
        return str(self.node.get("title", ""))

    @property
    def description(self) -> str:
        return str(self.node.get("description", ""))

    @property
    def section(self) -> str | None:
        """The section (`organizations`…) whose ids this field names, if it is a reference."""
        return next((REFERENCES[r] for r in self.refs if r in REFERENCES), None)

    @property
    def enum(self) -> list[Any]:
        return list(self.node.get("enum", ()))

    @property
    def properties(self) -> dict[str, Any]:
        return dict(self.node.get("properties", {}))

    @property
    def is_object(self) -> bool:
        return self.node.get("type") == "object" or "properties" in self.node


@functools.cache
def _schema() -> dict[str, Any]:
    from smartplan.files.resources import load_schema

    return load_schema("masterplan")


def _resolve(node: Any, refs: list[str]) -> dict[str, Any]:
    """Follow $ref (merging the referring node's own title and description over it)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        refs.append(name)
        target = _schema().get("$defs", {}).get(name, {})
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        seen += 1
    return node if isinstance(node, dict) else {}


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node and its conditional parts (if/then/else), where properties may be declared."""
    parts = [node]
    for key in ("then", "else"):
        if isinstance(node.get(key), dict):
            parts.append(node[key])
    return parts


def _child(node: dict[str, Any], token: str) -> Any:
    if node.get("type") == "array" or "items" in node:
        return node.get("items", {}) if token.isdigit() else None
    for part in _branches(node):
        properties = part.get("properties", {})
        if token in properties:
            return properties[token]
    for pattern, sub in node.get("patternProperties", {}).items():
        if re.search(pattern, token):
            return sub
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def field_at(tokens: tuple[str, ...] | list[str]) -> Field | None:
    """The schema field at a path of keys (list positions as digits), or None."""
    refs: list[str] = []
    node = _resolve(_schema(), refs)
    for token in tokens:
        refs = []
        child = _child(node, token)
        if child is None:
            return None
        node = _resolve(child, refs)
    return Field(node, tuple(refs))


def tokens(pointer: str) -> list[str]:
    """A JSON Pointer's reference tokens, unescaped."""
    if not pointer:
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[1:].split("/")]
