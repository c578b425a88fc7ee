#!/usr/bin/env python3
"""Summarises the Lighthouse JSON reports of bench/lighthouse.sh: per form factor the median of
the runs for each category score and the metrics behind performance, the load average at each
run, the first-load bytes (all, and the page's own without base-map tiles), and what kept any
category below 100 (failing audits of the median run, with the console errors).

    python3 bench/lighthouse_report.py bench/out/lighthouse
"""
import glob
import json
import os
import statistics
import sys
from urllib.parse import urlparse

CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("speed-index", "Speed Index", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    name = os.path.basename(path)[: -len(".json")]
    load_file = os.path.join(os.path.dirname(path), name + ".load")
    loadavg = open(load_file, encoding="utf-8").read().strip() if os.path.exists(load_file) else "?"
    return name, report, loadavg


def bytes_of(report):
    page = urlparse(report["finalDisplayedUrl"]).netloc
    total = own = 0
    for item in report["audits"]["network-requests"]["details"]["items"]:
        size = item.get("transferSize") or 0
        total += size
        if urlparse(item["url"]).netloc == page:
            own += size
    return total, own


def score(report, cat):
    return round(report["categories"][cat]["score"] * 100)


def failing(report):
    lines = []
    for cat in CATEGORIES:
        for ref in report["categories"][cat]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                lines.append(f"  - {cat}: `{ref['id']}` score {audit['score']:.2f} {value}".rstrip())
                if ref["id"] == "errors-in-console":
                    for item in audit["details"]["items"][:5]:
                        lines.append(f"    - {item.get('source')}: {item.get('description', '')[:160]}")
    return lines


def main(folder):
    out = []
    for preset in ["mobile", "desktop"]:
        runs = [load(p) for p in sorted(glob.glob(os.path.join(folder, f"{preset}-[0-9]*.json")))]
        if not runs:
            continue
        out.append(f"## {preset} ({len(runs)} runs, Lighthouse {runs[0][1]['lighthouseVersion']})\n")
        out.append("| run | load avg (1/5/15 min) | " + " | ".join(CATEGORIES) + " | "
                   + " | ".join(m[1] for m in METRICS) + " | bytes (all / page's own) |")
        out.append("|---" * (3 + len(CATEGORIES) + len(METRICS)) + "|")
        for name, report, loadavg in runs:
            total, own = bytes_of(report)
            metrics = [report["audits"][m[0]]["numericValue"] for m in METRICS]
            out.append(f"| {name} | {loadavg} | "
                       + " | ".join(str(score(report, c)) for c in CATEGORIES) + " | "
                       + " | ".join(f"{v:.0f}" if unit == "ms" else f"{v:.3f}"
                                    for v, (_, _, unit) in zip(metrics, METRICS))
                       + f" | {total / 1024:.0f} KiB / {own / 1024:.0f} KiB |")
        medians = [statistics.median(score(r, c) for _, r, _ in runs) for c in CATEGORIES]
        metric_medians = [statistics.median(r["audits"][m[0]]["numericValue"] for _, r, _ in runs)
                          for m in METRICS]
        bytes_median = statistics.median(bytes_of(r)[0] for _, r, _ in runs)
        own_median = statistics.median(bytes_of(r)[1] for _, r, _ in runs)
        out.append(f"| **median** | | " + " | ".join(f"**{m:g}**" for m in medians) + " | "
                   + " | ".join(f"{v:.0f}" if unit == "ms" else f"{v:.3f}"
                                for v, (_, _, unit) in zip(metric_medians, METRICS))
                   + f" | {bytes_median / 1024:.0f} KiB / {own_median / 1024:.0f} KiB |")
        median_run = sorted(runs, key=lambda r: score(r[1], "performance"))[len(runs) // 2]
        lines = failing(median_run[1])
        out.append(f"\nBelow 100 in the median run ({median_run[0]}):" if lines else
                   f"\nEvery audit passes in the median run ({median_run[0]}).")
        out.extend(lines)
        out.append("")
    for name, title in [("mobile-hidpi-tiles", "mobile, high-density tiles (/{z}/{x}/{y}{r}.png)"),
                        ("mobile-no-tiles", "mobile, base-map tiles unreachable")]:
        path = os.path.join(folder, name + ".json")
        if not os.path.exists(path):
            continue
        _, report, loadavg = load(path)
        total, own = bytes_of(report)
        out.append(f"## {title}, one run (load avg {loadavg})\n")
        out.append(" · ".join(f"{c} {score(report, c)}" for c in CATEGORIES)
                   + f" · {total / 1024:.0f} KiB / {own / 1024:.0f} KiB")
        out.extend(failing(report))
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/out/lighthouse")
