#!/usr/bin/env python3
"""Builds one promtool test that evaluates two rule sets of one spec on the same
random series and compares every alert and every "holds" record, step by step.

usage: rules_equivalence.py JOINED_OUT INLINE_OUT WORK_DIR SEED STEPS [--records-last]

JOINED_OUT and INLINE_OUT are `symptree compile` outputs of one spec (the
second with --inline-paths). The inline alerts get the label form="inline" and
their records the name inline:flowchart_node:holds, so both sets load side by
side. The series: every input series of the generated tests, each a random
sequence of STEPS samples cut from the values the tests give it (the values on
and beside each threshold) with gaps. At every step the test expects no alert
(name, labels, state) and no record of one set without its twin in the other.
--records-last moves each joined group's records after its alerts, which must
break the equivalence (a rule reads a record one evaluation late): the test
that the ordering matters.

Writes WORK_DIR/equivalence.test.yml and WORK_DIR/fired.test.yml; the second
expects no firing alert at any step, so promtool fails it and lists the alerts
that did fire (proof the series exercise the rules, not an empty comparison).
"""
import glob
import os
import random
import re
import sys

import yaml

TOKEN = re.compile(r"^(-?[0-9.e+]+?)(?:([+-])([0-9.e]+))?(?:x([0-9]+))?$")


def expand(values):
    """promtool's notation ('0+60x20 1 _x3') as a list of numbers (None: a gap)."""
    out = []
    for token in values.split():
        if token.startswith("_"):
            out += [None] * (int(token[2:]) if "x" in token else 1)
            continue
        m = TOKEN.match(token)
        if not m:
            return []
        start = float(m.group(1))
        step = float(m.group(3) or 0) * (-1 if m.group(2) == "-" else 1)
        count = int(m.group(4) or 0)
        out += [start + i * step for i in range(count + 1)]
    return out


def load_groups(directory):
    groups = []
    for path in sorted(glob.glob(os.path.join(directory, "prometheus", "rules", "*.yml"))):
        with open(path) as f:
            groups += yaml.safe_load(f)["groups"]
    return groups


def random_series(tests_dir, steps, rng):
    """selector -> promtool values: STEPS samples cut from the tests' values."""
    options = {}
    interval = None
    for path in sorted(glob.glob(os.path.join(tests_dir, "*.test.yml"))):
        with open(path) as f:
            doc = yaml.safe_load(f)
        interval = doc["evaluation_interval"]
        for test in doc["tests"]:
            for series in test["input_series"]:
                samples = expand(str(series["values"]))
                if samples:
                    options.setdefault(series["series"], []).append(samples)
    result = {}
    for selector, choices in options.items():
        samples = []
        while len(samples) < steps:
            length = rng.randint(2, 8)
            if rng.random() < 0.1:
                samples += [None] * length
                continue
            source = rng.choice(choices)
            start = rng.randint(0, max(0, len(source) - length))
            samples += source[start:start + length]
        samples = samples[:steps]
        result[selector] = " ".join("_" if v is None else repr(v) for v in samples)
    return result, interval


def write(path, doc):
    with open(path, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False, width=1 << 20)


def main(argv):
    if len(argv) < 6:
        sys.exit(__doc__)
    joined_out, inline_out, work, seed, steps = argv[1], argv[2], argv[3], int(argv[4]), int(argv[5])
    records_last = "--records-last" in argv[6:]
    rng = random.Random(seed)
    joined = load_groups(joined_out)
    if records_last:
        for group in joined:
            group["rules"] = [r for r in group["rules"] if "alert" in r] + [r for r in group["rules"] if "record" in r]
    inline = load_groups(inline_out)
    for group in inline:
        group["name"] += ".inline"
        for rule in group["rules"]:
            if "alert" in rule:
                rule.setdefault("labels", {})["form"] = "inline"
            else:
                rule["record"] = "inline:flowchart_node:holds"
    write(os.path.join(work, "joined.yml"), {"groups": joined})
    write(os.path.join(work, "inline.yml"), {"groups": inline})
    series, interval = random_series(os.path.join(joined_out, "prometheus", "tests"), steps, rng)
    unit = int(re.match(r"^(\d+)m$", interval).group(1)) if interval.endswith("m") else None
    if unit is None:
        sys.exit("rules_equivalence.py: the tests' interval must be in minutes, got " + interval)
    times = [f"{i * unit}m" for i in range(steps)]
    input_series = [{"series": s, "values": v} for s, v in sorted(series.items())]
    # Every record of the joined rules, whatever join set names it (host:..., namespace_pod:...).
    joined_records = '{__name__=~".+:flowchart_node:holds",__name__!="inline:flowchart_node:holds"}'
    differ = ('count(ALERTS{form=""} unless ignoring (form) ALERTS{form="inline"})'
              ' or count(ALERTS{form="inline"} unless ignoring (form) ALERTS{form=""})'
              f' or count({joined_records} unless inline:flowchart_node:holds)'
              f' or count(inline:flowchart_node:holds unless {joined_records})')
    base = {"rule_files": ["joined.yml", "inline.yml"], "evaluation_interval": interval}
    write(os.path.join(work, "equivalence.test.yml"), dict(base, tests=[{
        "name": "joined and inline rules give the same alerts and records at every step",
        "interval": interval, "input_series": input_series,
        "promql_expr_test": [{"expr": differ, "eval_time": t, "exp_samples": []} for t in times]}]))
    write(os.path.join(work, "fired.test.yml"), dict(base, tests=[{
        "name": "which alerts fire (expected to fail: promtool lists them)",
        "interval": interval, "input_series": input_series,
        "promql_expr_test": [{"expr": 'count by (alertname, flowchart_node) (ALERTS{form="",alertstate="firing"})',
                              "eval_time": t, "exp_samples": []} for t in times]}]))
    print(f"{len(input_series)} series, {steps} steps of {interval}")


if __name__ == "__main__":
    main(sys.argv)
