#!/usr/bin/env python3
"""Checks the rule groups of a `symptree compile` output against what
Prometheus needs of them: at most MAX rules a group (the monitoring-mixins
style), and no rule reading a "holds" record that is not written above it in
its own group. Prometheus evaluates the groups independently, each on its own
timer, so a record of another group would be read from an earlier evaluation
(or not at all); promtool's unit tests evaluate the groups one after another
and would not notice.

usage: rule_groups.py OUT_DIR MAX
Prints "<groups> groups, <rules> rules, largest <n>, <reads> record reads"; exits
1 naming the group and rule at fault.
"""
import glob
import os
import re
import sys

import yaml

READ = re.compile(r':flowchart_node:holds\{[^}]*flowchart_node="([a-z0-9_]+)"')


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    out, limit = argv[1], int(argv[2])
    groups = rules = largest = reads = 0
    problems = []
    for path in sorted(glob.glob(os.path.join(out, "prometheus", "rules", "*.yml"))):
        with open(path) as f:
            for group in yaml.safe_load(f)["groups"]:
                groups += 1
                rules += len(group["rules"])
                largest = max(largest, len(group["rules"]))
                if len(group["rules"]) > limit:
                    problems.append(f"{group['name']}: {len(group['rules'])} rules, more than {limit}")
                written = set()
                for rule in group["rules"]:
                    for node in READ.findall(rule["expr"]):
                        reads += 1
                        if node not in written:
                            what = rule.get("alert") or rule["record"] + " of " + rule["labels"]["flowchart_node"]
                            problems.append(f"{group['name']}: {what} reads the record of {node}, not written above it")
                    if "record" in rule:
                        written.add(rule["labels"]["flowchart_node"])
    for problem in problems:
        print(problem)
    print(f"{groups} groups, {rules} rules, largest {largest}, {reads} record reads")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main(sys.argv)
