"""The configuration file (``calcguide.yaml``): a default profile, rule selection and rule overrides."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

from .catalog import suggest
from .errors import InputError, quote
from .regimen import Profile, profile_from_tree
from .rules import REGISTRY, Severity
from .selection import rule_name
from .yamltree import YMap, YNode, YScalar, YSeq, parse_documents

CONFIG_NAME: Final = "calcguide.yaml"
_KEYS: Final = ("profile", "select", "ignore", "rules")


class Config(NamedTuple):
    """What a config file sets; the defaults change nothing."""

    profile: Profile = Profile()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    thresholds: Mapping[str, Mapping[str, float]] = {}
    severities: Mapping[str, Severity] = {}
    source: str | None = None


def _rule_list(node: YNode, key: str) -> tuple[str, ...]:
    children = node.items if isinstance(node, YSeq) else (node,)
    names = []
    for child in children:
        if not isinstance(child, YScalar) or not isinstance(child.value, str):
            raise InputError(f"'{key}' must list rule names or codes", f"write '{key}: [d-without-k2]'", child.loc)
        names.append(rule_name(child.value, child.loc))
    return tuple(names)


def _rule_overrides(node: YNode) -> tuple[dict[str, dict[str, float]], dict[str, Severity]]:
    if not isinstance(node, YMap):
        raise InputError(
            "'rules' must map rule names to settings", "write 'rules: {above-ul: {severity: error}}'", node.loc
        )
    thresholds: dict[str, dict[str, float]] = {}
    severities: dict[str, Severity] = {}
    for key, settings in node.entries.items():
        name = rule_name(key, node.keys[key])
        if not isinstance(settings, YMap):
            raise InputError(
                f"settings of rule {quote(key)} must be a mapping",
                "write 'severity: info' or a threshold",
                settings.loc,
            )
        allowed = ("severity", *REGISTRY[name].thresholds)
        for setting, value in settings.entries.items():
            where = settings.keys[setting]
            if setting not in allowed:
                close = suggest(setting, allowed)
                hint = f"did you mean '{close}'?" if close else f"rule {name} takes: {', '.join(allowed)}"
                raise InputError(f"unknown setting {quote(setting)} for rule {name}", hint, where)
            if setting == "severity":
                levels = [s.value for s in Severity]
                if not isinstance(value, YScalar) or value.value not in levels:
                    if not isinstance(value, YScalar):
                        raise InputError("a severity must be one word", "use info, warning or error", value.loc)
                    close = suggest(str(value.raw), levels)
                    hint = f"did you mean '{close}'?" if close else "use info, warning or error"
                    raise InputError(f"unknown severity {quote(value.raw)}", hint, value.loc)
                severities[name] = Severity(str(value.value))
                continue
            number = value.value if isinstance(value, YScalar) else None
            if not isinstance(number, int | float) or isinstance(number, bool) or number <= 0:
                raise InputError(
                    f"threshold '{setting}' must be a positive number", f"write '{setting}: 1000'", value.loc
                )
            thresholds.setdefault(name, {})[setting] = float(number)
    return thresholds, severities


def parse_config(text: str, source: str) -> Config:
    """Parse a config file's text; raises InputError naming the place of anything unknown."""
    try:
        documents = list(parse_documents(text))
        if len(documents) > 1:
            raise InputError("a config holds one YAML document", "remove the '---' and what follows", None)
        tree = documents[0] if documents else None
        if tree is None:
            return Config(source=source)
        if not isinstance(tree, YMap):
            raise InputError("a config must be a mapping", f"use the keys {', '.join(_KEYS)}", tree.loc)
        for key, where in tree.keys.items():
            if key not in _KEYS:
                close = suggest(key, _KEYS)
                hint = f"did you mean '{close}'?" if close else f"config keys are: {', '.join(_KEYS)}"
                raise InputError(f"unknown key {quote(key)} in the config", hint, where)
        entries = tree.entries
        thresholds, severities = _rule_overrides(entries["rules"]) if "rules" in entries else ({}, {})
        return Config(
            profile=profile_from_tree(entries["profile"]) if "profile" in entries else Profile(),
            select=_rule_list(entries["select"], "select") if "select" in entries else None,
            ignore=_rule_list(entries["ignore"], "ignore") if "ignore" in entries else (),
            thresholds=thresholds,
            severities=severities,
            source=source,
        )
    except InputError as exc:
        raise exc.at(source) from None
