#!/usr/bin/env bash
# Benchmark: how well aigate's AI detection matches a labelled corpus of real commits.
# Prints, per convention (the corpus's `signature` column): commits, caught, recall and wrong
# tool; then false alarms on human commits (traps, plain commits, non-AI bots), each with the
# evidence aigate found. A benchmark, not a test: it needs fetched histories nobody commits.
#
# Usage: bench/detection-score.sh <snapshots> [<labels.tsv or corpus dir>] [--verbose]
#   snapshots  a folder with one git directory per repository: <owner>+<name>/repo (what the
#              fetch tool brings), <owner>+<name>, or <owner>/<name>; bare or not
#   labels     default ../shared/corpus/labels.tsv (next to the checkout): tab-separated
#              repo, commit, label, signature, matched_line with a header row. label is `ai`,
#              `edge:*` (AI) or `human`/`human-trap` (not AI). The expected tool comes from the
#              signature (claude-* is claude-code, ...); a signature `<convention>=<tool-id>`
#              names it outright; assisted-by/generated-by accept any named tool.
#   --verbose  also list every miss and wrong tool
# Needs java, python3 and target/aigate.jar (built if missing; AIGATE_JAR=<jar> scores another build). Each repository's whole history
# (HEAD) is audited once with an empty policy (built-in catalogue, nothing else).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
snapshots=${1:?usage: bench/detection-score.sh <snapshots> [<labels>] [--verbose]}
labels=${2:-$root/../shared/corpus}
verbose=${3:-}
if [ "$labels" = --verbose ]; then verbose=--verbose; labels=$root/../shared/corpus; fi
[ -d "$labels" ] && labels=$labels/labels.tsv
[ -f "$labels" ] || { echo "no labels at $labels" >&2; exit 2; }
jar=${AIGATE_JAR:-$root/target/aigate.jar}
[ -f "$jar" ] || (cd "$root" && mvn -B -q -o package -DskipTests)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'version: 1\n' > "$tmp/policy.yml"

for repo in $(tail -n +2 "$labels" | cut -f1 | sort -u); do
  dir=
  for d in "$snapshots/${repo/\//+}/repo" "$snapshots/${repo/\//+}" "$snapshots/$repo"; do
    if git -C "$d" rev-parse --git-dir >/dev/null 2>&1; then dir=$d; break; fi
  done
  if [ -z "$dir" ]; then
    echo "missing snapshot of $repo under $snapshots (skipped)" >&2
    continue
  fi
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" -C "$dir" --policy "$tmp/policy.yml" \
    audit --format json --exit-zero --threads 2 -o "$tmp/${repo/\//+}.json" 2>/dev/null >/dev/null || true
done

python3 - "$labels" "$tmp" "$verbose" <<'PY'
import csv, json, os, sys
labels, reports, verbose = sys.argv[1], sys.argv[2], sys.argv[3] == "--verbose"

def expected(sig):
    """The tool id a signature stands for; None accepts any named tool, 'vendor:x' a vendor."""
    if "=" in sig:
        return sig.split("=", 1)[1]
    s = sig.split(":", 1)[1] if sig.startswith("edge:") else sig
    for prefix, tool in [("claude", "claude-code"), ("aider", "aider"), ("copilot", "copilot"),
                         ("agent-logs-url", "copilot"), ("codex", "codex"), ("cursor", "cursor"),
                         ("devin", "devin"), ("jules", "jules"), ("gemini", "gemini"),
                         ("opencode", "opencode"), ("vendor-agent-bot", "vendor:sentry")]:
        if s.startswith(prefix):
            return tool
    return None

found = {}
for f in os.listdir(reports):
    if f.endswith(".json"):
        repo = f[:-5].replace("+", "/", 1)
        for c in json.load(open(os.path.join(reports, f)))["commits"]:
            if c["ai"]:
                found[(repo, c["id"])] = c["ai"]
audited = {f[:-5].replace("+", "/", 1) for f in os.listdir(reports) if f.endswith(".json")}

rows = [r for r in csv.DictReader(open(labels), delimiter="\t") if r["repo"] in audited]
per = {}
alarms = []
misses = []
for r in rows:
    ai = found.get((r["repo"], r["commit"]), [])
    is_ai = r["label"] == "ai" or r["label"].startswith("edge:")
    sig = r["signature"]
    if is_ai:
        p = per.setdefault(sig, [0, 0, 0, 0])
        p[0] += 1
        strong = [e for e in ai if e.get("confidence") != "heuristic"]
        if ai:
            p[1] += 1
            if not strong:
                p[3] += 1
            want = expected(sig)
            tools = {e["tool"] for e in ai}
            vendors = {e["vendor"] for e in ai}
            ok = (want is None and tools - {"unknown"}) or (want and want.startswith("vendor:") and want[7:] in vendors) \
                or want in tools
            if not ok:
                p[2] += 1
                misses.append(("wrong tool", r, ai))
        else:
            misses.append(("missed", r, ai))
    elif ai:
        alarms.append((r, ai))

print("| convention | commits | caught | recall | wrong tool | heuristic only |")
print("|---|---:|---:|---:|---:|---:|")
tot = [0, 0, 0, 0]
for sig in sorted(per):
    n, c, w, h = per[sig]
    tot = [a + b for a, b in zip(tot, per[sig])]
    print(f"| {sig} | {n} | {c} | {100.0 * c / n:.1f} % | {w} | {h} |")
n, c, w, h = tot
humans = sum(1 for r in rows if not (r["label"] == "ai" or r["label"].startswith("edge:")))
print(f"| **all** | {n} | {c} | {100.0 * c / max(n, 1):.1f} % | {w} ({100.0 * w / max(c, 1):.1f} %) | {h} |")
print()
heur = sum(1 for _, ai in alarms if all(e.get("confidence") == "heuristic" for e in ai))
print(f"false alarms: {len(alarms)} of {humans} human commits ({heur} heuristic only)")
for r, ai in alarms:
    print(f"  {r['repo']} {r['commit'][:12]} [{r['signature']}] {r['matched_line'][:80]}")
    for e in ai:
        print(f"      -> {e['tool']} ({e['vendor']}) {e['signal']}/{e.get('kind')}/{e.get('confidence')}: {e['evidence'][:100]}")
if verbose or len(misses) <= 20:
    for what, r, ai in misses:
        print(f"{what}: {r['repo']} {r['commit'][:12]} [{r['signature']}] {r['matched_line'][:90]}")
        for e in ai:
            print(f"      -> {e['tool']} ({e['vendor']}) {e['signal']}/{e.get('kind')}: {e['evidence'][:100]}")
PY
