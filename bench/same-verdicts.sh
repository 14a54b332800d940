#!/usr/bin/env bash
# Asserts that two builds of aigate judge the same histories identically: runs `audit --format
# json --verbose` with each jar (the default policy, and a policy with a content marker) on every
# repository and compares the reports whole: every evaluated commit, its verdict, evidence,
# reviews and violations. The notes ("not judged: ...") are compared as a set: threads append
# them in the order they meet them.
# Exits 1 and prints the first differences when any report differs. Used by the speed work:
# an optimisation that changes a single piece of evidence fails here.
#
# Usage: bench/same-verdicts.sh BASE_JAR NEW_JAR REPO...
#   BASE_JAR  a build of main (git archive main | tar -x -C /tmp/aigate-base && mvn -q -B -o
#             -f /tmp/aigate-base/pom.xml package -DskipTests)
#   NEW_JAR   the build under test (target/aigate.jar)
set -euo pipefail
base=${1:?usage: bench/same-verdicts.sh BASE_JAR NEW_JAR REPO...}
new=${2:?usage: bench/same-verdicts.sh BASE_JAR NEW_JAR REPO...}
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'version: 1\nai:\n  content: ["(?i)generated (by|with) (chatgpt|copilot|claude)"]\n' > "$tmp/content.yml"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
status=0
for repo in "$@"; do
  for policy in default content; do
    args=(audit --verbose --format json --exit-zero)
    [ "$policy" = content ] && args+=(--policy "$tmp/content.yml")
    for side in base new; do
      jar=$base
      [ "$side" = new ] && jar=$new
      # shellcheck disable=SC2086 # $flags holds several JVM options
      java $flags -jar "$jar" -C "$repo" "${args[@]}" -o "$tmp/$side.json" >/dev/null 2>"$tmp/$side.err" || true
      python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["notes"]=sorted(d.get("notes", [])); json.dump(d, open(sys.argv[2], "w"), indent=1, sort_keys=True)' \
        "$tmp/$side.json" "$tmp/$side.norm" 2>/dev/null || echo "no report: $(cat "$tmp/$side.err")" > "$tmp/$side.norm"
    done
    commits=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["summary"]["commits"], "commits,", sum(1 for c in d["commits"] if c.get("ai")), "with AI evidence")' "$tmp/new.json" 2>/dev/null || echo "?")
    if cmp -s "$tmp/base.norm" "$tmp/new.norm"; then
      echo "same: $(basename "$(dirname "$repo")")/$(basename "$repo") ($policy policy, $commits)"
    else
      echo "DIFFERENT: $repo ($policy policy)"
      diff "$tmp/base.norm" "$tmp/new.norm" | head -40
      status=1
    fi
  done
done
exit $status
