"""Precision and recall of the de-identification gate, per kind of personal data, on the
labelled set of synthetic sentences (tests/exchange/excerpts/deidentify_cases.py), against the
targets of issue 18, beside a naive baseline in the same run (an e-mail pattern, any run of 6+
digits, and every capitalised word inside a sentence taken for a name), and the time per
sentence.

    .venv/bin/python bench/deidentify.py

The last line is a summary of key=value figures.
"""

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exchange.excerpts import deidentify  # noqa: E402 - after the path is set
from tests.exchange.excerpts.deidentify_cases import LABELLED, evaluate  # noqa: E402

RECALL_TARGETS = {"email": 0.95, "phone": 0.95, "date": 0.95, "case_number": 0.95}
RECALL_TARGETS |= {"name": 0.8, "address": 0.8}
PRECISION_TARGET = 0.8  # over every kind


def naive(text: str) -> list[deidentify.Finding]:
    found = [
        deidentify.Finding("email", *m.span(), m.group())
        for m in deidentify.EMAIL_RE.finditer(text)
    ]
    found += [
        deidentify.Finding("phone", *m.span(), m.group()) for m in re.finditer(r"\d{6,}", text)
    ]
    found += [
        deidentify.Finding("name", *m.span(), m.group())
        for m in re.finditer(r"(?<=[a-z,] )[A-Z][a-z]+", text)
    ]
    return found


def overall_precision(scores) -> float:
    found = sum(score.found for score in scores.values())
    return sum(score.right for score in scores.values()) / found if found else 1.0


def main() -> int:
    started = time.perf_counter()
    scores = evaluate(deidentify.find)
    per_sentence_ms = (time.perf_counter() - started) * 1000 / len(LABELLED)
    baseline = evaluate(naive)
    print(f"{len(LABELLED)} labelled sentences (English, German, French)")
    print(
        f"{'kind':<12}{'labels':>7}{'found':>7}{'precision':>11}{'recall':>8}"
        f"{'baseline P':>12}{'baseline R':>12}  target"
    )
    met = True
    for kind, score in scores.items():
        target = RECALL_TARGETS[kind]
        ok = score.recall >= target
        met &= ok
        print(
            f"{kind:<12}{score.labels:>7}{score.found:>7}{score.precision:>11.2f}"
            f"{score.recall:>8.2f}{baseline[kind].precision:>12.2f}{baseline[kind].recall:>12.2f}"
            f"  recall >= {target}: {'met' if ok else 'MISSED'}"
        )
    precision = overall_precision(scores)
    ok = precision >= PRECISION_TARGET
    met &= ok
    print(
        f"overall precision {precision:.2f} (baseline {overall_precision(baseline):.2f}): "
        f">= {PRECISION_TARGET}: {'met' if ok else 'MISSED'}"
    )
    print(f"{per_sentence_ms:.2f} ms per sentence")
    summary = {f"{kind}_recall": round(score.recall, 2) for kind, score in scores.items()}
    summary |= {"precision": round(precision, 2), "ms_per_sentence": round(per_sentence_ms, 2)}
    summary["targets_met"] = str(met).lower()
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
