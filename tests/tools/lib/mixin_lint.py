#!/usr/bin/env python3
"""Checks the alerting rules of a `symptree compile` output against the
monitoring-mixins guidelines for alerts, as mixtool's `lint` enforces them
(pkg/mixer/lint.go, lintPrometheusAlertsGuidelines; mixtool is not packaged
for Debian, so its five rules are restated here):

  alert-name-camelcase        the name matches ^([A-Z]+[a-z0-9]+)+$
  alert-severity-rule         severity is warning, critical or info
  alert-description-*         a description exists and uses a template ({{...}})
  alert-summary-*             a summary exists, uses no template, and is a
                              sentence: ^[A-Z].+\\.$

usage: mixin_lint.py OUT_DIR
Prints one line per problem ("<file>: <alert>: [rule] ...") and a count;
exits 1 when there is a problem.
"""
import glob
import os
import re
import sys

import yaml

CAMEL_CASE = re.compile(r"^([A-Z]+[a-z0-9]+)+$")
TEMPLATE = re.compile(r"\{\{.+}\}")
SENTENCE = re.compile(r"^[A-Z].+\.$")


def problems_of(rule):
    """The guideline each alerting rule breaks, as mixtool words it."""
    name = rule["alert"]
    labels = rule.get("labels") or {}
    annotations = rule.get("annotations") or {}
    found = []
    if not CAMEL_CASE.match(name):
        found.append("[alert-name-camelcase] name is not in camel case")
    if labels.get("severity") not in ("warning", "critical", "info"):
        found.append(f"[alert-severity-rule] severity is {labels.get('severity')!r}")
    description = annotations.get("description")
    if description is None:
        found.append("[alert-description-missing-rule] no description")
    elif not TEMPLATE.search(description):
        found.append(f"[alert-description-templating] description uses no template: {description!r}")
    summary = annotations.get("summary")
    if summary is None:
        found.append("[alert-summary-missing-rule] no summary")
    else:
        if TEMPLATE.search(summary):
            found.append(f"[alert-summary-templating] summary uses a template: {summary!r}")
        if not SENTENCE.match(summary):
            found.append(f"[alert-summary-style] summary is not a sentence: {summary!r}")
    return found


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    alerts = 0
    problems = []
    for path in sorted(glob.glob(os.path.join(argv[1], "prometheus", "rules", "*.yml"))):
        with open(path) as f:
            for group in yaml.safe_load(f)["groups"]:
                for rule in group["rules"]:
                    if "alert" not in rule:
                        continue
                    alerts += 1
                    for problem in problems_of(rule):
                        problems.append(f"{os.path.basename(path)}: {rule['alert']}: {problem}")
    for problem in problems:
        print(problem)
    print(f"{alerts} alerts, {len(problems)} problems")
    sys.exit(1 if problems or alerts == 0 else 0)


if __name__ == "__main__":
    main(sys.argv)
