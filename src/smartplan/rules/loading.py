"""Rules raised while loading a file: the YAML itself, repeated keys and the JSON Schema."""

from __future__ import annotations

from smartplan.findings import Severity
from smartplan.i18n import N_
from smartplan.rules.base import Rule, declared

YAML_SYNTAX = Rule(
    id="yaml-syntax",
    severity=Severity.ERROR,
    summary=N_("the file is readable, well-formed YAML within the loader's limits"),
    explanation=declared(
        """
        The plan must be one YAML document in UTF-8 whose top level is a mapping. The loader
        refuses what it cannot read safely, each with the line and column where it stopped:
        malformed YAML, several documents in one file, encodings other than UTF-8, binary
        files, tags outside the YAML core schema (such as `!!python/object`), alias expansion
        beyond a limit (alias bombs), nesting deeper than a limit, files over the size limit
        (10 MB by default). An impossible date (`2022-02-30`) is reported and the rest of the
        file is still checked.

        Bad:

            programs:
              - id: GOV-01
                name: Mal Pelayanan Publik
               dimension: governance      # indented one space too few

        Good:

            programs:
              - id: GOV-01
                name: Mal Pelayanan Publik
                dimension: governance
        """
    ),
)

DUPLICATE_KEY = Rule(
    id="duplicate-key",
    severity=Severity.ERROR,
    summary=N_("a mapping does not repeat a key"),
    explanation=declared(
        """
        YAML parsers keep only the last of two equal keys and drop the first without a word,
        so a repeated key silently loses data. The finding points at the repetition and names
        the line of the first occurrence.

        Bad:

            region:
              name: Kota Jambi
              kind: kota
              name: Kota Jambi Baru

        Good:

            region:
              name: Kota Jambi
              kind: kota
        """
    ),
)

SCHEMA = Rule(
    id="schema",
    severity=Severity.ERROR,
    summary=N_("the plan matches the masterplan JSON Schema (schemas/masterplan.schema.json)"),
    explanation=declared(
        """
        Every field has a type, allowed values and a place. The schema rejects unknown keys
        (except extension keys that start with `x-`), values of the wrong type, values outside
        an enumeration and missing required fields. One finding per problem, at the offending
        value (an unknown key: at the key; a missing field: at its parent mapping).

        Bad:

            region:
              name: Kota Jambi
              kind: city          # must be one of kota, kabupaten, provinsi
              code: 15.71         # read as a number: quote it

        Good:

            region:
              name: Kota Jambi
              kind: kota
              province: Jambi
              code: "15.71"
        """
    ),
)

INCLUDE = Rule(
    id="include",
    severity=Severity.ERROR,
    summary=N_("included fragments exist, stay inside the repository and hold only merged lists"),
    explanation=declared(
        """
        A large plan may be split: `include:` lists fragment files, relative to the plan, whose
        `programs`, `organizations` and `regulations` lists are merged into the plan. A fragment
        must exist, lie inside the repository (no absolute paths, no `..` or symlink leading
        out), and hold only those lists (and `x-` keys); fragments do not include further files.
        When a fragment cannot be read, the `unknown-reference` findings that may point into it
        are marked as consequences of that include problem. `supersedes.file` (the plan this
        one replaces) is held to the same bounds; it is never read nor merged.

        Bad:

            include: [/etc/passwd, ../../other-region/programs.yaml]
            supersedes:
              file: ../../../etc/passwd

        Good:

            include: [programs/governance.yaml, programs/economy.yaml]
        """
    ),
)

FRAMEWORK = Rule(
    id="framework",
    severity=Severity.ERROR,
    summary=N_("`framework:` names a bundled taxonomy or a valid framework file"),
    explanation=declared(
        """
        The dimensions and elements programmes are filed under come from a framework:
        `kominfo-2017` (the default: six dimensions, three elements each) or `kemkomdigi-2026`
        (the 2026 draft: six aspects, no elements), or a framework file of the same shape,
        given by a path relative to the plan. A framework file is itself validated.

        Bad:

            framework: kominfo-2019

        Good:

            framework: kominfo-2017
        """
    ),
)


SCHEMA_LINK = Rule(
    id="schema-link",
    severity=Severity.WARNING,
    summary=N_("the editor's $schema line works on every colleague's computer"),
    explanation=declared(
        """
        A plan may name its JSON Schema in a comment at the top, so that editors (VS Code with
        the YAML extension, Neovim, Emacs) complete and explain its fields. The line is
        committed with the plan: a path on one computer (`/home/ani/.local/lib/...`) breaks
        the help for everyone who clones the repository. `smartplan init` writes a copy of the
        schema into the repository (`.smartplan/masterplan.schema.json`) and names it by a
        relative path; this rule warns when the line names a file on one computer, a file
        outside the repository, a file that does not exist, or a copy older than the
        smartplan that checks the plan. `smartplan schema -o .smartplan/masterplan.schema.json`
        writes or refreshes the copy. Addresses on the web (`https://...`) are not checked.

        Bad:

            # yaml-language-server: $schema=/home/ani/.local/lib/smartplan/masterplan.schema.json
            smartplan: 1

        Good:

            # yaml-language-server: $schema=.smartplan/masterplan.schema.json
            smartplan: 1
        """
    ),
)
