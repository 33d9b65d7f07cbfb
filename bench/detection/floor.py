#!/usr/bin/env python3
"""The detection-latency floor of one alert, read from the generated configuration.

usage: floor.py PROMETHEUS_YML RULES ALERTMANAGER_YML ALERTNAME [LABEL=VALUE ...]

RULES is a rule file or the folder of them (out/prometheus/rules/).
Prints "scrape eval for group_wait floor" in seconds, where floor is their sum:
a fault just after a scrape waits one scrape interval to be seen, up to one
evaluation interval to be evaluated, `for` to turn firing, and the route's
group_wait before Alertmanager sends the first notification of a new group.
The LABEL=VALUE pairs pick one rule among several of the same name (absence
alerts differ by `metric`). Routes are matched as Alertmanager does: first
matching child, depth first, group_wait inherited from the parent (default 30s).
"""
import os
import re
import sys
from glob import glob as glob_files

import yaml

UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}


def seconds(duration):
    """A Prometheus duration (1m30s, 2s, 500ms) in seconds."""
    parts = re.findall(r"(\d+)(ms|[smhdwy])", str(duration))
    if not parts or "".join(n + u for n, u in parts) != str(duration):
        sys.exit(f"floor.py: not a duration: {duration!r}")
    return sum(int(n) * UNITS[u] for n, u in parts)


def find_rule(rules_doc, name, want):
    found = [r for g in rules_doc["groups"] for r in g["rules"]
             if r.get("alert") == name and all(r.get("labels", {}).get(k) == v for k, v in want.items())]
    if len(found) != 1:
        sys.exit(f"floor.py: {len(found)} rules named {name} with {want}, expected 1")
    return found[0]


def matches(matcher, labels):
    m = re.fullmatch(r'\s*(\w+)\s*(=~|!=|!~|=)\s*"(.*)"\s*', matcher)
    if not m:
        sys.exit(f"floor.py: matcher not understood: {matcher!r}")
    key, op, value = m.groups()
    actual = labels.get(key, "")
    return {"=": actual == value, "!=": actual != value,
            "=~": re.fullmatch(value, actual) is not None,
            "!~": re.fullmatch(value, actual) is None}[op]


def group_wait(route, labels, inherited="30s"):
    """The group_wait of the most specific route the labels reach."""
    wait = route.get("group_wait", inherited)
    for child in route.get("routes", []):
        if all(matches(m, labels) for m in child.get("matchers", [])):
            return group_wait(child, labels, wait)
    return wait


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    prom_file, rules_file, am_file, name = argv[1:5]
    want = dict(arg.split("=", 1) for arg in argv[5:])
    with open(prom_file) as f:
        glob = (yaml.safe_load(f) or {}).get("global", {})
    # rules_file: one rule file, or the folder of them (out/prometheus/rules/)
    paths = sorted(glob_files(os.path.join(rules_file, "*.yml"))) if os.path.isdir(rules_file) else [rules_file]
    groups = []
    for path in paths:
        with open(path) as f:
            groups += yaml.safe_load(f)["groups"]
    rule = find_rule({"groups": groups}, name, want)
    with open(am_file) as f:
        route = yaml.safe_load(f)["route"]
    scrape = seconds(glob.get("scrape_interval", "1m"))
    evaluation = seconds(glob.get("evaluation_interval", "1m"))
    hold = seconds(rule.get("for", "0s"))
    wait = seconds(group_wait(route, dict(rule.get("labels", {}), alertname=name)))
    print(f"{scrape:g} {evaluation:g} {hold:g} {wait:g} {scrape + evaluation + hold + wait:g}")


if __name__ == "__main__":
    main(sys.argv)
