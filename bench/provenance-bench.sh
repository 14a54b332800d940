#!/usr/bin/env bash
# Benchmark: provenance across commits (the AI line index, ADR 0010) on real histories. For each
# repository it reports the commits provenance flags, the persistent index's size, the time of a
# full-history `aigate index rebuild` next to the plain audit (provenance off) and the audit with
# provenance, and the pre-receive gate's cost for a fixed batch of 10 human commits pushed onto
# 1,000 and 10,000 commits of that repository's history (where it has that many). Prints Markdown.
#
# Usage: bench/provenance-bench.sh [RUNS] REPO=GLOB[,GLOB...] ...
#   RUNS   timed runs per cell, median reported (default 3)
#   REPO   a git directory (e.g. /work/.mirror/Aider-AI+aider/repo); only read, never written:
#          everything runs on copies in a temporary directory
#   GLOB   protected paths (a require-review rule); a GLOB starting with ! is an allow rule listed
#          first (an unprotected part inside a protected one). The first GLOB without ! names the directory that receives
#          the pushed batch.
# Example:
#   bench/provenance-bench.sh 3 \
#     /work/.mirror/Aider-AI+aider/repo='!aider/website/**,aider/**,tests/**,scripts/**,benchmark/**' \
#     /work/.mirror/charmbracelet+crush/repo='internal/**,cmd/**'
# The flagged commits (id, subject, evidence) go to $AIGATE_BENCH_OUT (default /tmp/provenance-bench),
# one <name>-flags.tsv per repository, for the hand check; they hold fetched text, keep them out of
# commits.
#
# Partial clones: blobs missing from a repository are counted and named. A provenance walk cannot
# read their diffs (aigate stops with exit 3, which is reported), so the copy substitutes the empty
# blob for each of them (refs/replace) and the rest of the rows are measured without those blobs.
#
# Runs under flock /tmp/aigate-bench.lock, so two benchmarks never share the machine.
set -euo pipefail
if [ -z "${AIGATE_BENCH_LOCKED:-}" ]; then
  exec env AIGATE_BENCH_LOCKED=1 flock /tmp/aigate-bench.lock "$0" "$@"
fi
runs=3
if [[ ${1:-} =~ ^[0-9]+$ ]]; then
  runs=$1
  shift
fi
[ $# -gt 0 ] || { sed -n '2,22p' "$0" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$root/target/aigate.jar
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
out=${AIGATE_BENCH_OUT:-/tmp/provenance-bench}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scratch_home
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# A program, not a function: median runs it under /usr/bin/time.
printf '#!/bin/sh\nexec java %s -jar "%s" "$@"\n' "$flags" "$jar" > "$tmp/aigate"
chmod +x "$tmp/aigate"
aigate() { "$tmp/aigate" "$@"; }

# policy FILE ENABLED GLOBS: a policy protecting GLOBS, with provenance on (true) or off (false).
policy() {
  local g allow=() guard=()
  IFS=, read -ra gs <<< "$3"
  for g in "${gs[@]}"; do
    if [[ $g == !* ]]; then allow+=("\"${g#!}\""); else guard+=("\"$g\""); fi
  done
  {
    echo "version: 1"
    echo "ai:"
    echo "  provenance: {enabled: $2}"
    echo "rules:"
    [ ${#allow[@]} -eq 0 ] || echo "  - {id: unprotected, paths: [$(IFS=,; echo "${allow[*]}")], action: allow}"
    echo "  - {id: protected, paths: [$(IFS=,; echo "${guard[*]}")], action: require-review}"
    echo "default: allow"
  } > "$1"
}

# flagged JSON TSV: prints the number of commits with provenance evidence, writes them to TSV.
flagged() {
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
n = 0
with open(sys.argv[2], "w") as out:
    for c in d["commits"]:
        ev = [e["evidence"] for e in c.get("ai", []) if e["signal"] == "provenance"]
        if ev:
            n += 1
            out.write("%s\t%s\t%d\t%s\n" % (c["id"][:10], c["subject"][:70], len(ev), " ; ".join(ev)))
print(n)
PY
}

# history_at REPO N: the commit of HEAD's history whose own history (itself and its ancestors) is
# closest to N commits. First-parent steps can jump by a whole merged branch, so every commit's
# ancestor count is computed, in one pass over the graph (bit sets, parents first).
history_at() {
  git -C "$1" rev-list --reverse --topo-order --parents HEAD | python3 -c '
import sys
n = int(sys.argv[1])
bit, anc, best = {}, {}, None
for line in sys.stdin:
    ids = line.split()
    bit[ids[0]] = 1 << len(bit)
    a = bit[ids[0]]
    for p in ids[1:]:
        a |= anc.get(p, 0)
    anc[ids[0]] = a
    c = bin(a).count("1")
    if best is None or abs(c - n) < abs(best[1] - n):
        best = (ids[0], c)
print(best[0])' "$2"
}

# batch REPO BASE DIR SEED: 10 human commits on BASE, each adding a 20-line file under DIR; prints the tip.
batch() {
  local repo=$1 base=$2 dir=$3 seed=$4
  awk -v base="$base" -v dir="$dir" -v seed="$seed" 'BEGIN {
    for (i = 1; i <= 10; i++) {
      msg = "Add bench module " seed "-" i "\n"
      body = ""
      for (l = 0; l < 20; l++) body = body "bench_value_" seed "_" i "_" l " = compute_bench_item(" i ", " l ")\n"
      printf "commit refs/heads/bench-batch\n"
      printf "author Jane Dev <jane@example.com> %d +0000\n", 1800000000 + i
      printf "committer Jane Dev <jane@example.com> %d +0000\n", 1800000000 + i
      printf "data %d\n%s", length(msg), msg
      if (i == 1) printf "from %s\n", base
      printf "M 100644 inline %sbench_module_%s_%d.py\n", dir, seed, i
      printf "data %d\n%s\n", length(body), body
    }
  }' | git -C "$repo" fast-import --quiet --force
  git -C "$repo" rev-parse refs/heads/bench-batch
  git -C "$repo" update-ref -d refs/heads/bench-batch
}

summary=()
pushrows=()
for spec in "$@"; do
  src=${spec%%=*}
  globs=${spec#*=}
  name=$(basename "$(dirname "$src")")
  [ "$name" != . ] && [ "$name" != / ] || name=$(basename "$src")
  copy=$tmp/$name.git
  # A local clone copies the object files as they are, so a partial clone's missing blobs do not stop it.
  git clone -q --bare --no-hardlinks --single-branch --no-tags "$src" "$copy"
  git -C "$copy" config gc.auto 0
  branch=$(git -C "$copy" symbolic-ref --short HEAD)
  commits=$(git -C "$copy" rev-list --count HEAD)
  nonmerge=$(git -C "$copy" rev-list --count --no-merges HEAD)
  policy "$tmp/$name-on.yml" true "$globs"
  policy "$tmp/$name-off.yml" false "$globs"
  printf 'version: 1\nrules: []\ndefault: warn\n' > "$tmp/census.yml"
  # Exit 3 (some commits unreadable, the audit incomplete) still writes the report: counted, not fatal.
  aigate -C "$copy" audit --policy "$tmp/census.yml" --format json --exit-zero -o "$tmp/census.json" 2>/dev/null ||
    true
  ai=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["aiCommits"])' "$tmp/census.json")

  mapfile -t missing < <(git -C "$copy" rev-list --objects --missing=print HEAD | sed -n 's/^?//p')
  missnote="none"
  if [ ${#missing[@]} -gt 0 ]; then
    paths=$(git -C "$copy" log --raw --no-abbrev --format= HEAD |
      awk -v ids="${missing[*]}" 'BEGIN { n = split(ids, a, " "); for (i = 1; i <= n; i++) m[a[i]] = 1 }
        /^:/ && ($4 in m) { p[$6] = 1 } END { for (k in p) printf "%s ", k }')
    set +e
    aigate -C "$copy" audit --policy "$tmp/$name-on.yml" --exit-zero > /dev/null 2> "$tmp/err"
    rc=$?
    set -e
    missnote="${#missing[@]} blob(s) missing (${paths% }); provenance audit as is: exit $rc ($(tail -n1 "$tmp/err" | cut -c1-90)); measured with the empty blob in their place"
    empty=$(git -C "$copy" hash-object -w -t blob --stdin < /dev/null)
    for m in "${missing[@]}"; do git -C "$copy" update-ref "refs/replace/$m" "$empty"; done
  fi

  # Flags, from one audit with provenance on.
  set +e
  aigate -C "$copy" audit --policy "$tmp/$name-on.yml" --format json --exit-zero -o "$tmp/prov.json" 2> "$tmp/err"
  auditrc=$?
  set -e
  unread=$(grep -o '[0-9]* commit(s) could not be read' "$tmp/err" || echo "0 commit(s) could not be read")
  unread="$unread, exit $auditrc"
  nflag=$(flagged "$tmp/prov.json" "$out/$name-flags.tsv")

  # Times: the diffs alone (what provenance must read), plain audit, audit with provenance, full
  # rebuild of the server's index.
  printf '#!/bin/sh\ngit -C "%s" rev-list --no-merges HEAD | git -C "%s" diff-tree --stdin -p --no-renames -U0\n' \
    "$copy" "$copy" > "$tmp/diffs"
  chmod +x "$tmp/diffs"
  t_diffs=$(median "$tmp/diffs")
  t_plain=$(median "$tmp/aigate" -C "$copy" audit --policy "$tmp/$name-off.yml" --exit-zero)
  t_prov=$(median "$tmp/aigate" -C "$copy" audit --policy "$tmp/$name-on.yml" --exit-zero)
  git -C "$copy" config aigate.policy "$tmp/$name-on.yml"
  t_build=$(median "$tmp/aigate" -C "$copy" index rebuild)
  rss=$(( $(cat "$tmp/rss") / 1024 ))
  built=$(aigate -C "$copy" index rebuild)
  bytes=$(stat -c %s "$copy/aigate/ai-lines.idx")
  ailines=$(sed -n 's/.*: \([0-9]*\) AI line(s) among \([0-9]*\) distinct.*/\1/p' <<< "$built")
  seen=$(sed -n 's/.*AI line(s) among \([0-9]*\) distinct.*/\1/p' <<< "$built")
  summary+=("| $name | $commits / $nonmerge | $ai | $nflag ($unread) | $bytes ($ailines AI of $seen lines) | $t_diffs | $t_plain | $t_prov | $t_build | $(ratio "$t_build" "$t_plain") | $(ratio "$t_build" "$t_prov") | $rss |")
  echo "$name: $missnote" >&2
  misses+=("- $name: $missnote")

  # Per push: the same 10 human commits onto 1,000 and 10,000 commits of history.
  dir=
  IFS=, read -ra gs <<< "$globs"
  for g in "${gs[@]}"; do
    if [[ $g != !* ]]; then dir=${g%%\*\*}; break; fi
  done
  for n in 1000 10000; do
    if [ "$commits" -lt "$n" ]; then
      pushrows+=("| $name | $n | (history has $commits commits) | | | | | |")
      continue
    fi
    cut=$(history_at "$copy" "$n")
    have=$(git -C "$copy" rev-list --count "$cut")
    srv=$tmp/$name-$n.git
    git clone -q --bare --no-hardlinks --single-branch --no-tags "$copy" "$srv"
    git -C "$srv" config gc.auto 0
    for r in $(git -C "$copy" for-each-ref --format='%(refname)' refs/replace); do
      git -C "$srv" update-ref "$r" "$(git -C "$copy" rev-parse "$r")"
    done
    git -C "$srv" update-ref "refs/heads/$branch" "$cut"
    tip=$(batch "$srv" "$cut" "$dir" a)
    tip2=$(batch "$srv" "$tip" "$dir" b)
    git -C "$srv" config aigate.policy "$tmp/$name-on.yml"
    aigate -C "$srv" index rebuild > /dev/null
    idx=$(stat -c %s "$srv/aigate/ai-lines.idx")
    printf '%s %s refs/heads/%s\n' "$cut" "$tip" "$branch" > "$tmp/stdin"
    printf '#!/bin/sh\ncd "%s" && exec java %s -jar "%s" hook pre-receive < "%s"\n' "$srv" "$flags" "$jar" "$tmp/stdin" > "$tmp/hook"
    chmod +x "$tmp/hook"
    set +e
    "$tmp/hook" > "$tmp/hook.out" 2>&1
    hookrc=$?
    set -e
    verdict=$(grep -c -i 'provenance' "$tmp/hook.out" || true)
    with=$(median "$tmp/hook")
    cp "$srv/aigate/ai-lines.idx" "$tmp/idx"
    rm "$srv/aigate/ai-lines.idx"
    without=$(median "$tmp/hook")
    cp "$tmp/idx" "$srv/aigate/ai-lines.idx"
    git -C "$srv" config aigate.policy "$tmp/$name-off.yml"
    off=$(median "$tmp/hook")
    git -C "$srv" config aigate.policy "$tmp/$name-on.yml"
    # The real thing once: git push through the installed hook.
    aigate -C "$srv" install --server > /dev/null
    # A local clone holds the batch's objects too (fast-import wrote them into the server copy).
    git clone -q --bare --single-branch --no-tags "$srv" "$tmp/client"
    set +e
    /usr/bin/time -q -f %e -o "$tmp/t" git -C "$tmp/client" push -q origin "$tip:refs/heads/$branch" \
      > "$tmp/push.out" 2>&1
    rc=$?
    set -e
    push="$(cat "$tmp/t") (exit $rc)"
    [ "$rc" -eq 0 ] || { echo "$name $n: push refused:" >&2; tail -n5 "$tmp/push.out" >&2; }
    # The next push: the stored index first catches up with the 10 commits that landed, then judges 10 more.
    set +e
    /usr/bin/time -q -f %e -o "$tmp/t" git -C "$tmp/client" push -q origin "$tip2:refs/heads/$branch" \
      > "$tmp/push.out" 2>&1
    rc=$?
    set -e
    push2="$(cat "$tmp/t") (exit $rc)"
    rm -rf "$tmp/client"
    pushrows+=("| $name | $have | $idx | $with (exit $hookrc) | $without | $off | $push | $push2 |")
    [ "$verdict" -eq 0 ] || echo "$name $n: the hook's output mentions provenance: $(grep -i provenance "$tmp/hook.out" | head -n2)" >&2
    rm -rf "$srv"
  done
  rm -rf "$copy"
done

echo "Runs per cell: $runs (median). JVM flags: $flags, no CDS archive. Load: $(uptime | sed 's/.*load average/load average/')."
echo
echo "| repository | commits / non-merge | AI-attributed (census) | flagged by provenance (unreadable) | index on disk, bytes | git diff-tree -p -U0, all commits (s) | audit, provenance off (s) | audit, provenance on (s) | index rebuild (s) | rebuild / plain audit | rebuild / audit with provenance | rebuild peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${summary[@]}"
echo
echo "Missing blobs:"
printf '%s\n' "${misses[@]}"
echo
echo "Pre-receive, 10 human commits (20 lines each under the first protected directory), JVM start-up included:"
echo
echo "| repository | history (commits) | index (bytes) | with stored index (s) | without index (s) | provenance off (s) | real git push (s) | next real push, index catches up (s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
printf '%s\n' "${pushrows[@]}"
echo
echo "Flagged commits: $out/<name>-flags.tsv"
