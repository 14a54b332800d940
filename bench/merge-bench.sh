#!/usr/bin/env bash
# Benchmark: merge coverage in the pre-receive gate. Pushes histories of M merges, each merging a
# side branch with one AI commit into main through a merge commit that carries a review (3M
# commits in all: the shape of a team that reviews at the merge), and times the gate, JVM
# start-up included, next to `git log` over the same commits. A gate that walks the history once
# per merge is quadratic here (6 000 commits with 2 000 merges took 47-58 s before the fix).
#
# Usage: bench/merge-bench.sh [RUNS]     (RUNS: timed runs per cell, median reported; default 3)
# Needs: Java 17+, Maven, git, GNU time (/usr/bin/time). Builds target/aigate.jar if missing.
set -euo pipefail
runs=${1:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$root/target/aigate.jar
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tmp=$work
scratch_home

git init -q --bare "$work/server.git"
git init -q "$work/src"
cd "$work/src"
cat > .aigate.yml <<'POLICY'
version: 1
review: {reviewers: ["*@example.com"]}
rules:
  - {id: core, paths: ["src/**"], action: require-review}
default: allow
POLICY
git add -A && git commit -q -m base && git push -q "$work/server.git" main
base=$(git rev-parse HEAD)

# merges M BRANCH FROM: a fast-import stream of M (side AI commit, mainline commit, reviewed merge).
merges() {
  awk -v m="$1" -v branch="$2" -v from="$3" 'BEGIN {
    t = 1700000000; mark = 0; tip = ""
    for (i = 1; i <= m; i++) {
      side = ++mark
      printf "commit refs/heads/%s-side\nmark :%d\n", branch, side
      printf "author Jane Dev <jane@example.com> %d +0000\ncommitter Jane Dev <jane@example.com> %d +0000\n", t + 3*i, t + 3*i
      msg = "Side change " i "\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n"
      printf "data %d\n%s", length(msg), msg
      printf "from %s\n", (tip == "" ? from : ":" tip)
      printf "M 100644 inline src/side/File%d.java\ndata <<EOF\nside %d\nEOF\n", i % 100, i
      main = ++mark
      printf "commit refs/heads/%s\nmark :%d\n", branch, main
      printf "author Bob Lee <bob@example.com> %d +0000\ncommitter Bob Lee <bob@example.com> %d +0000\n", t + 3*i + 1, t + 3*i + 1
      msg = "Main change " i "\n"
      printf "data %d\n%s", length(msg), msg
      printf "from %s\n", (tip == "" ? from : ":" tip)
      printf "M 100644 inline docs/File%d.md\ndata <<EOF\nmain %d\nEOF\n", i % 100, i
      merge = ++mark
      printf "commit refs/heads/%s\nmark :%d\n", branch, merge
      printf "author Bob Lee <bob@example.com> %d +0000\ncommitter Bob Lee <bob@example.com> %d +0000\n", t + 3*i + 2, t + 3*i + 2
      msg = "Merge side change " i "\n\nReviewed-by: Ann Reviewer <ann@example.com>\n"
      printf "data %d\n%s", length(msg), msg
      printf "from :%d\nmerge :%d\n", main, side
      tip = merge
    }
  }'
}

cat > "$work/hook" <<HOOK
#!/bin/sh
cd "$work/server.git" && exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" hook pre-receive < "$work/stdin" > "$work/out" 2>&1
HOOK
chmod +x "$work/hook"

# One unmeasured run: JGit measures the file system once per HOME (about 3 s).
printf '%s %s refs/heads/main\n' "$base" "$base" > "$work/stdin"
"$work/hook" || true

echo "| merges | commits | git log (s) | pre-receive (s) | decision |"
echo "| ---: | ---: | ---: | ---: | --- |"
for m in 100 1000 2000 4000; do
  merges "$m" "m$m" "$base" | git fast-import --quiet --force
  tip=$(git rev-parse "m$m")
  git push -q -f "$work/server.git" "m$m:refs/staging/m$m" 2>/dev/null
  printf '%s %s refs/heads/main\n' "$base" "$tip" > "$work/stdin"
  logt=$(median git -C "$work/server.git" log --format=%H "$base..$tip")
  gate=$(median "$work/hook")
  decision=$(tail -1 "$work/out" | cut -c1-60)
  echo "| $m | $((3 * m)) | $logt | $gate | $decision |"
done
