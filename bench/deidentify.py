"""Precision and recall of the de-identification gate, per kind of personal data and per
language, on the labelled set of synthetic sentences (tests/exchange/excerpts/deidentify_cases.py):
its tuning half and its held-out half side by side, against the targets of issue 36, beside a
naive baseline in the same run (an e-mail pattern, any run of 6+ digits, and every capitalised
word inside a sentence taken for a name); then, per sentence, how many with personal data had
every item flagged and how many without any were flagged all the same; and the time per sentence
(median and 95th percentile).

    .venv/bin/python bench/deidentify.py

The figures that count are the held-out half's: no pattern was tuned on it. The last line is a
summary of key=value figures.
"""

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exchange.excerpts import deidentify  # noqa: E402 - after the path is set
from tests.exchange.excerpts.deidentify_cases import (  # noqa: E402
    HELD_OUT,
    KINDS,
    LABELLED,
    LANGUAGES,
    TUNING,
    evaluate,
)

RECALL_TARGETS = {"email": 0.95, "phone": 0.95, "link": 0.95, "name": 0.90}
RECALL_TARGETS |= {"date": 0.85, "case_number": 0.85, "address": 0.85}
RECALL_TARGETS |= {"place": 0.75, "quasi_identifier": 0.75}
PRECISION_TARGET = 0.8  # over every kind
ALARM_RATE_TARGET = 0.2  # sentences without personal data that get a flag
P95_MS_TARGET = 5.0


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


def timings() -> list[float]:
    deidentify.find("warm up: Frau Berisha, 12.03.2004")  # loads the word lists once
    times = []
    for case in LABELLED:
        started = time.perf_counter()
        deidentify.find(case.text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    times = timings()
    p95 = statistics.quantiles(times, n=20)[-1]
    halves = {"tuning": TUNING, "held-out": HELD_OUT}
    results = {name: evaluate(deidentify.find, cases) for name, cases in halves.items()}
    baseline = evaluate(naive, HELD_OUT)
    print(
        f"{len(LABELLED)} labelled sentences (English, German, French): "
        f"{len(TUNING)} in the tuning half, {len(HELD_OUT)} held out"
    )
    print(
        f"{'kind':<17}{'tuning: labels':>15}{'P':>6}{'R':>6}{'held-out: labels':>18}{'P':>6}"
        f"{'R':>6}{'baseline R':>12}  held-out target"
    )
    met = True
    held = results["held-out"]
    for kind in KINDS:
        tuned, out = results["tuning"].kinds[kind], held.kinds[kind]
        ok = out.recall >= RECALL_TARGETS[kind]
        met &= ok
        print(
            f"{kind:<17}{tuned.labels:>15}{tuned.precision:>6.2f}{tuned.recall:>6.2f}"
            f"{out.labels:>18}{out.precision:>6.2f}{out.recall:>6.2f}"
            f"{baseline.kinds[kind].recall:>12.2f}"
            f"  recall >= {RECALL_TARGETS[kind]}: {'met' if ok else 'MISSED'}"
        )
    print("per language: precision / recall, then recall per kind (labels), tuning | held-out")
    for language in LANGUAGES:
        row = [
            evaluate(deidentify.find, [case for case in cases if case.language == language])
            for cases in halves.values()
        ]
        print(
            f"  {language}: tuning {row[0].precision:.2f} / {row[0].recall:.2f}"
            f"   held-out {row[1].precision:.2f} / {row[1].recall:.2f}"
        )
        for kind in KINDS:
            tuned, out = row[0].kinds[kind], row[1].kinds[kind]
            print(
                f"      {kind:<17}{tuned.recall:>6.2f} ({tuned.labels:>2}) |"
                f"{out.recall:>6.2f} ({out.labels:>2})"
            )
    for name, result in results.items():
        sentences = result.sentences
        print(
            f"{name}: precision {result.precision:.2f}, recall {result.recall:.2f}; "
            f"every item flagged in {sentences.all_flagged} of {sentences.with_data} sentences "
            f"with personal data; {sentences.false_alarms} of {sentences.without_data} "
            f"sentences without any flagged ({sentences.alarm_rate:.2f})"
        )
    checks = {
        f"held-out precision >= {PRECISION_TARGET}": held.precision >= PRECISION_TARGET,
        f"held-out false alarms <= {ALARM_RATE_TARGET}": (
            held.sentences.alarm_rate <= ALARM_RATE_TARGET
        ),
        f"p95 <= {P95_MS_TARGET} ms": p95 <= P95_MS_TARGET,
    }
    for check, ok in checks.items():
        met &= ok
        print(f"{check}: {'met' if ok else 'MISSED'}")
    print(f"{statistics.median(times):.2f} ms median, {p95:.2f} ms p95 per sentence")
    summary = {f"{kind}_recall": round(held.kinds[kind].recall, 2) for kind in KINDS}
    summary |= {
        "precision": round(held.precision, 2),
        "alarm_rate": round(held.sentences.alarm_rate, 2),
        "p95_ms": round(p95, 2),
        "targets_met": str(met).lower(),
    }
    print(" ".join(f"{key}={value}" for key, value in summary.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
