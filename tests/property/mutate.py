#!/usr/bin/env python3
"""Deterministic structured mutations of symptree specs, for the property test.

    mutate.py SEED COUNT OUT_DIR BASE.yaml [BASE.yaml...]

Writes COUNT specs OUT_DIR/mutant-NNN.yaml, each a base spec (taken in turn;
name one several times to weigh it) with one to three mutations aimed at
what broke generated outputs before: thresholds and their digits, `for`
durations, aggregations, scopes, operators, example lengths, titles with odd
characters, added and removed causes.
Conditions of nodes with `examples` are not mutated (see derived()).
The same SEED gives the same files.
"""
import copy
import random
import re
import sys

import yaml

COMPARISON = re.compile(r"(==|!=|>=|<=|>|<)\s*(-?[0-9][0-9.eE+-]*)\s*$")
DURATIONS = ["30s", "1m", "2m", "5m", "10m", "15m", "30m", "1h", "2h", "6h", "1d", "3d", "1w", "2w", "1y",
             "292y", "300y", "1h30m", "90s", "0s"]
ODD_TEXT = ["\u2028", "\u2029", "\u0085", "\t", "\x07", "\x1b[31m", "'", '"', "\\", "#", ": ", "{{ $labels.host }}",
            "}}", "%s", "é", "日本", "\u200b", "-", "*", "&", "!", "|", ">", "@", "`", "  ", "\ufeff"]


def numbers(rng):
    choice = rng.randrange(7)
    if choice == 0:
        return str(rng.randrange(0, 10 ** rng.randrange(1, 18)))
    if choice == 1:
        digits = rng.randrange(1, 22)
        return "0." + "".join(rng.choice("0123456789") for _ in range(digits))
    if choice == 2:
        return "1e%d" % rng.randrange(-25, 36)
    if choice == 3:
        return "-" + str(rng.randrange(1, 1000))
    if choice == 4:
        return "%d.%d" % (rng.randrange(0, 100000), rng.randrange(0, 1000))
    if choice == 5:
        return rng.choice(["0", "1", "0.5", "100", "0.95", "0.999999999999999", "123456789012345"])
    return "%de%d" % (rng.randrange(1, 100), rng.randrange(-5, 20))


def nodes(spec):
    """Every symptom and cause mapping, with its parent list."""
    found = []

    def walk(items):
        if not isinstance(items, list):
            return
        for item in items:
            if isinstance(item, dict):
                found.append((item, items))
                walk(item.get("causes"))

    walk(spec.get("symptoms"))
    return found


def with_when(spec):
    return [n for n, _ in nodes(spec) if isinstance(n.get("when"), str)]


def derived(spec):
    """Nodes whose test series symptree derives from the condition itself. A node
    with `examples` is left alone: its series are the author's word that they make
    the condition hold and not hold, which a changed condition would break."""
    return [n for n in with_when(spec) if "examples" not in n]


def mutate_threshold(spec, rng):
    candidates = [n for n in derived(spec) if COMPARISON.search(n["when"])]
    if candidates:
        n = rng.choice(candidates)
        n["when"] = COMPARISON.sub(lambda m: m.group(1) + " " + numbers(rng), n["when"])


def mutate_operator(spec, rng):
    candidates = [n for n in derived(spec) if COMPARISON.search(n["when"])]
    if candidates:
        n = rng.choice(candidates)
        op = rng.choice(["==", "!=", ">=", "<=", ">", "<"])
        n["when"] = COMPARISON.sub(lambda m: op + " " + m.group(2), n["when"])


def mutate_for(spec, rng):
    candidates = with_when(spec)
    if candidates:
        rng.choice(candidates)["for"] = rng.choice(DURATIONS)


def mutate_aggregation(spec, rng):
    candidates = [n for n in derived(spec) if COMPARISON.search(n["when"]) and "(" not in n["when"]]
    if candidates:
        n = rng.choice(candidates)
        m = COMPARISON.search(n["when"])
        selector = n["when"][:m.start()].strip()
        wrap = rng.choice(["max (%s)", "sum by (host) (%s)", "min without (instance) (%s)", "avg by (host, name) (%s)",
                           "max without (host, instance) (%s)", "count (%s)"])
        n["when"] = (wrap % selector) + " " + n["when"][m.start():]


def mutate_scope(spec, rng):
    candidates = derived(spec)
    if candidates:
        rng.choice(candidates)["scope"] = rng.choice(["cluster", "host"])


def mutate_title(spec, rng):
    candidates = [n for n, _ in nodes(spec)]
    target = rng.choice(candidates + [spec])
    text = str(target.get("title", "t"))
    position = rng.randrange(len(text) + 1)
    target["title"] = text[:position] + rng.choice(ODD_TEXT) + text[position:]


def mutate_example_length(spec, rng):
    series = []
    for n, _ in nodes(spec):
        examples = n.get("examples")
        if isinstance(examples, dict):
            for key in ("firing", "quiet"):
                for item in examples.get(key) or []:
                    if isinstance(item, dict) and isinstance(item.get("values"), str):
                        series.append(item)
    if series:
        item = rng.choice(series)
        item["values"] = re.sub(r"x[0-9]+", "x%d" % rng.choice([2, 5, 10, 60, 120, 400]), item["values"])


def mutate_copy_cause(spec, rng):
    candidates = [(n, siblings) for n, siblings in nodes(spec) if "when" in n]
    if candidates:
        n, siblings = rng.choice(candidates)
        twin = copy.deepcopy(n)
        twin["id"] = str(n.get("id", "x")) + "_copy%d" % rng.randrange(100)
        twin.pop("causes", None)
        twin.pop("inhibits", None)
        siblings.append(twin)


def mutate_remove_cause(spec, rng):
    candidates = [(n, siblings) for n, siblings in nodes(spec) if len(siblings) > 1]
    if candidates:
        n, siblings = rng.choice(candidates)
        siblings.remove(n)


def mutate_priority(spec, rng):
    priorities = sorted((spec.get("priorities") or {}).keys())
    candidates = [n for n, _ in nodes(spec)]
    if priorities and candidates:
        rng.choice(candidates)["priority"] = rng.choice(priorities)


# Not here: tests.interval (examples are sampled at it, and their warmup is written for
# it) and examples' labels (the author's word on the result's labels): both change
# what the author claimed, not what symptree generates.
MUTATIONS = [mutate_threshold, mutate_threshold, mutate_operator, mutate_for, mutate_for, mutate_aggregation,
             mutate_scope, mutate_title, mutate_title, mutate_example_length, mutate_copy_cause,
             mutate_remove_cause, mutate_priority]


def main():
    seed, count, out_dir, bases = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
    rng = random.Random(seed)
    specs = []
    for path in bases:
        with open(path, encoding="utf-8") as f:
            specs.append(yaml.safe_load(f))
    for i in range(count):
        spec = copy.deepcopy(specs[i % len(specs)])
        for _ in range(rng.randrange(1, 4)):
            rng.choice(MUTATIONS)(spec, rng)
        with open("%s/mutant-%03d.yaml" % (out_dir, i), "w", encoding="utf-8") as f:
            f.write("# mutant %d of seed %d\n" % (i, seed))
            yaml.safe_dump(spec, f, allow_unicode=True, sort_keys=False, width=1000)


if __name__ == "__main__":
    main()
