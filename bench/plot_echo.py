# SPDX-License-Identifier: MIT
# Plots bench/echo.sh's JSON: echo round trips/s of every `sockit serve` model against concurrent connections.
# Usage: python3 bench/plot_echo.py JSON|- OUT.png   (matplotlib from Debian: python3-matplotlib)
import json
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402

STYLE = {  # model: (colour, marker); the blocking models dashed
    "uniplex": ("#7f7f7f", "x", "--"),
    "fork": ("#8c564b", "v", "--"),
    "thread": ("#9467bd", "^", "--"),
    "pool": ("#e377c2", "D", "--"),
    "poll": ("#1f77b4", "s", "-"),
    "epoll": ("#2ca02c", "o", "-"),
    "reactors": ("#d62728", "*", "-"),
}


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: plot_echo.py JSON|- OUT.png")
    doc = json.load(sys.stdin if sys.argv[1] == "-" else open(sys.argv[1]))
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for model, by_count in doc["models"].items():
        colour, marker, line = STYLE.get(model, ("black", "o", "-"))
        xs, ys, starved = [], [], []
        for count, run in sorted(by_count.items(), key=lambda kv: int(kv[0])):
            rate = run.get("round_trips_per_s")
            if rate is None:
                continue
            xs.append(int(count))
            ys.append(rate)
            if run.get("stalled") or run.get("failed"):
                words = [f"{run[k]} {k}" for k in ("stalled", "failed") if run.get(k)]
                starved.append((int(count), rate, ", ".join(words)))
        ax.plot(xs, ys, line, color=colour, marker=marker, label=model)
        for x, y, words in starved:  # a hollow ring: some connections got nothing
            ax.plot([x], [y], "o", markersize=13, markerfacecolor="none", markeredgecolor=colour)
            ax.annotate(words, (x, y), textcoords="offset points", xytext=(6, -12), fontsize=7, color=colour)
    ax.set_xscale("log")
    ax.set_xticks([1, 10, 100, 1000])
    ax.set_xticklabels(["1", "10", "100", "1,000"])
    ax.set_xlabel("concurrent connections (each with one 64-byte message in flight)")
    ax.set_ylabel("echo round trips per second")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v / 1000:.0f}k"))
    ax.grid(True, which="major", alpha=0.3)
    ax.set_title(f"sockit serve echo, by --model (sockit bench echo, {doc['seconds']:g} s per point)\n"
                 f"client and server share {doc.get('cpus', '?')} cores; load average {doc.get('load_average', '?')}",
                 fontsize=10)
    ax.legend(title="--model", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.text(0.99, 0.01, "ring: some connections completed no round trip (stalled) or failed",
             ha="right", fontsize=7, color="#555555")
    fig.tight_layout()
    fig.savefig(sys.argv[2])


if __name__ == "__main__":
    main()
