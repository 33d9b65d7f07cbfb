#!/usr/bin/env python3
"""Prepares one spec's side of bench/rule-eval.

usage: prepare.py JOINED_OUT INLINE_OUT WORK_DIR NAME HOSTS

JOINED_OUT and INLINE_OUT are `symptree compile` outputs of one spec (the
second with --inline-paths). Writes into WORK_DIR:
- NAME.joined.yml: the generated rules as they are (groups renamed NAME.joined.*);
- NAME.inline.yml: every ancestor's condition inline (the old form), alerts
  labelled form=inline, records named inline_NAME:flowchart_node:holds;
- NAME.flat.yml: the same alerts and records, each with its own condition
  alone, no path (the floor: what the rules cost without the tree), alerts
  labelled form=flat, records named flat_NAME:...;
- NAME.prom: a /metrics body with every series the generated tests feed the
  rules, for HOSTS hosts (host="h0".."h<HOSTS-1>"), each host taking one of
  the values the tests give the series (on or beside its threshold) at random
  (seeded), so some paths hold on some hosts.
The three rule sets load side by side in one Prometheus.
"""
import glob
import os
import random
import re
import sys

import yaml

SELECTOR = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def load_groups(out_dir):
    groups = []
    for path in sorted(glob.glob(os.path.join(out_dir, "prometheus", "rules", "*.yml"))):
        with open(path) as f:
            groups += yaml.safe_load(f)["groups"]
    return groups


def own_condition(rule):
    """The rule's own condition: the first parenthesised block of a cause's expression."""
    expr = rule["expr"]
    if "record" in rule:
        expr = expr[expr.index("(\n") + 2:expr.rindex("\n)")]
        expr = "\n".join(line[2:] for line in expr.split("\n"))
    if expr.startswith("(\n") and "\n)\nand on" in expr:
        return expr[2:expr.index("\n)\nand on")].strip()
    return expr


def relabel(groups, name, form, own_only):
    for group in groups:
        group["name"] = f"{name}.{form}.{group['name']}"
        for rule in group["rules"]:
            if own_only and rule.get("labels", {}).get("flowchart_node") is not None:
                if "record" in rule:  # keep its grouping: by (host), or by () for the cluster
                    rule["expr"] = rule["expr"][:rule["expr"].index("(\n")] + "(\n" + own_condition(rule) + "\n)"
                else:
                    rule["expr"] = own_condition(rule)
            if "record" in rule:
                if form != "joined":
                    rule["record"] = f"{form}_{name}:flowchart_node:holds"
            elif form != "joined":
                rule.setdefault("labels", {})["form"] = form
    return {"groups": groups}


def body(out_dir, hosts, rng):
    series = {}
    for path in sorted(glob.glob(os.path.join(out_dir, "prometheus", "tests", "*.test.yml"))):
        with open(path) as f:
            doc = yaml.safe_load(f)
        for test in doc["tests"]:
            for s in test["input_series"]:
                m = SELECTOR.match(s["series"])
                if not m:
                    continue
                labels = {k: v for k, v in LABEL.findall(m.group(2)) if k not in ("host", "instance")}
                first = str(s["values"]).split()[0]
                value = re.match(r"^(-?[0-9.e]+)", first)
                if value:
                    key = (m.group(1), tuple(sorted(labels.items())))
                    series.setdefault(key, set()).add(float(value.group(1)))
    lines = []
    for (metric, labels), values in sorted(series.items()):
        choices = sorted(values)
        for h in range(hosts):
            all_labels = dict(labels, host=f"h{h}", instance=f"h{h}:bench")
            text = ",".join(f'{k}="{v}"' for k, v in sorted(all_labels.items()))
            lines.append(f"{metric}{{{text}}} {rng.choice(choices)!r}")
    return "\n".join(lines) + "\n", len(series)


def main(argv):
    if len(argv) != 6:
        sys.exit(__doc__)
    joined_out, inline_out, work, name, hosts = argv[1], argv[2], argv[3], argv[4], int(argv[5])
    rng = random.Random(1)
    sets = {"joined": relabel(load_groups(joined_out), name, "joined", False),
            "inline": relabel(load_groups(inline_out), name, "inline", False),
            "flat": relabel(load_groups(joined_out), name, "flat", True)}
    for form, doc in sets.items():
        with open(os.path.join(work, f"{name}.{form}.yml"), "w") as f:
            yaml.safe_dump(doc, f, sort_keys=False, width=1 << 20)
    text, count = body(joined_out, hosts, rng)
    with open(os.path.join(work, f"{name}.prom"), "w") as f:
        f.write(text)
    print(f"{name}: {count} series x {hosts} hosts, {sum(len(g['rules']) for g in sets['joined']['groups'])} rules")


if __name__ == "__main__":
    main(sys.argv)
