#!/usr/bin/env python3
"""Writes fuzzer starting points drawn from the SigmaHQ rule corpus (Detection Rule License 1.1).

Seeds are short excerpts (a condition with its identifier names, a detection section). They go into
Jazzer's local corpus directory edr-dsl/.cifuzz-corpus/ (ignored by git), never into the repository:
SigmaHQ rule text stays in ../shared. Run from the repository root with the corpus at ../shared/sigma,
before fuzzing for real:
    python3 edr-dsl/fuzz/extract-sigma-seeds.py
It is deterministic: the same corpus gives the same files.
"""
import hashlib
import os
import re
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "sigma"))
# Jazzer's generated-corpus layout: <module>/.cifuzz-corpus/<test class>/<test method>/
CORPUS_OUT = os.path.join(ROOT, "edr-dsl", ".cifuzz-corpus")
COND_DIR = os.path.join(CORPUS_OUT, "dev.edr.dsl.internal.condition.ConditionParserFuzzTest", "conditionText")
DET_DIR = os.path.join(CORPUS_OUT, "dev.edr.dsl.internal.detection.DetectionParserFuzzTest", "detectionYaml")
RULE_DIR = os.path.join(CORPUS_OUT, "dev.edr.dsl.RulePackFuzzTest", "ruleText")
MAX_CONDITIONS = 300
MAX_DETECTIONS = 250
MAX_DETECTION_BYTES = 2500
MAX_RULES = 30
STDLIB = os.path.join(ROOT, "edr-rules-stdlib", "src", "main", "resources", "dev", "edr", "rules", "stdlib", "rules")
# Our own rule header around a SigmaHQ detection excerpt: whole SigmaHQ rule files are never copied.
HEADER = """title: Fuzz seed {n}
id: 00000000-0000-4000-8000-{n:012d}
status: test
logsource:
    product: windows
    category: process_creation
detection:
"""


def rule_files():
    out = []
    for top in sorted(os.listdir(CORPUS)):
        if not (top.startswith("rules") or top in ("deprecated", "unsupported")):
            continue
        for d, _, files in os.walk(os.path.join(CORPUS, top)):
            out += [os.path.join(d, f) for f in files if f.endswith(".yml")]
    return sorted(out)


def detection_block(text):
    """The raw lines under a top-level 'detection:' key, dedented to column 0."""
    lines = text.splitlines()
    try:
        start = next(i for i, l in enumerate(lines) if re.match(r"^detection:\s*$", l))
    except StopIteration:
        return None
    body = []
    for l in lines[start + 1:]:
        if l and not l[0].isspace() and not l.startswith("#"):
            break
        body.append(l)
    while body and not body[-1].strip():
        body.pop()
    indent = min((len(l) - len(l.lstrip()) for l in body if l.strip()), default=0)
    return "\n".join(l[indent:] for l in body) + "\n"


def spread(items, n):
    """n items spread evenly over the list, keeping the order (deterministic)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def write(directory, name, content, seen):
    digest = hashlib.sha1(content.encode()).hexdigest()
    if digest in seen:
        return False
    seen.add(digest)
    with open(os.path.join(directory, name), "w", encoding="utf-8", newline="\n") as f:
        f.write(content)
    return True


def main():
    for d in (COND_DIR, DET_DIR, RULE_DIR):
        os.makedirs(d, exist_ok=True)
        for f in os.listdir(d):
            if f.startswith(("sigmahq-", "stdlib-")):
                os.remove(os.path.join(d, f))
    conditions, detections, rules = [], [], []
    for path in rule_files():
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
        except yaml.YAMLError:
            continue
        stem = os.path.splitext(os.path.basename(path))[0][:60]
        for doc in docs:
            det = doc.get("detection")
            if not isinstance(det, dict) or "condition" not in det:
                continue
            names = [str(k) for k in det if k not in ("condition", "timeframe")]
            cond = det["condition"]
            lines = cond if isinstance(cond, list) else [cond]
            if all(isinstance(c, str) and "\n" not in c for c in lines):
                conditions.append((stem, " ".join(names) + "\n" + "\n".join(lines) + "\n"))
        block = detection_block(text)
        if block and len(block.encode()) <= MAX_DETECTION_BYTES:
            detections.append((stem, block))
        if block and len(block.encode()) <= MAX_DETECTION_BYTES:
            rules.append((stem, block))
    # Unusual conditions first (lists, quantifiers, legacy pipes), then an even spread of the rest.
    unusual = [c for c in conditions if re.search(r"\n.*\n.|\||\bnear\b|\ball of\b|\(.*\(", c[1])]
    cond_pick = spread(unusual, MAX_CONDITIONS // 2)
    cond_pick += spread([c for c in conditions if c not in cond_pick], MAX_CONDITIONS - len(cond_pick))
    seen = set()
    n_cond = sum(write(COND_DIR, "sigmahq-" + s, c, seen) for s, c in cond_pick)
    modifiers = [d for d in detections if re.search(r"\|(re|base64|windash|cidr|utf16|expand|fieldref|gt|lt)", d[1])]
    det_pick = spread(modifiers, MAX_DETECTIONS // 2)
    det_pick += spread([d for d in detections if d not in det_pick], MAX_DETECTIONS - len(det_pick))
    seen = set()
    n_det = sum(write(DET_DIR, "sigmahq-" + s, d, seen) for s, d in det_pick)
    special = [r for r in rules if re.search(r"\|(re|cidr|base64offset|windash|all|fieldref|gt|exists)", r[1])]
    rule_pick = spread(special, MAX_RULES // 2)
    rule_pick += spread([r for r in rules if r not in rule_pick], MAX_RULES - len(rule_pick))
    seen = set()
    n_rule = 0
    for n, (stem, block) in enumerate(rule_pick):
        wrapped = HEADER.format(n=n) + "".join("    " + l + "\n" if l else "\n" for l in block.splitlines())
        n_rule += write(RULE_DIR, "sigmahq-detection-" + stem, wrapped, seen)
    for f in sorted(os.listdir(STDLIB)):
        if f.endswith(".yml"):
            with open(os.path.join(STDLIB, f), encoding="utf-8") as src:
                n_rule += write(RULE_DIR, "stdlib-" + f[:-4], src.read(), seen)
    print(f"{n_cond} condition seeds, {n_det} detection seeds, {n_rule} rule seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
