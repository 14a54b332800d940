#!/usr/bin/env bash
# Benchmark: `aigate audit` over whole histories, next to `git log --format=%B --no-merges` (the
# messages alone: what a default-policy audit must read at least, and what a partial clone can
# serve without blobs), `git log -p --no-merges` and `git log --name-status --no-merges` over the
# same history, in the same run. Prints Markdown.
#
# Usage: bench/audit-bench.sh [RUNS] [REPO...]
#   RUNS   timed runs per cell, median reported (default 3)
#   REPO   repositories to audit (e.g. a clone of eclipse-jgit/jgit). Without any, two are built
#          in target/bench/: the real evolution of JGit's sources over 38 releases (Maven Central
#          source jars, bench/jgit-releases-history.sh) and 10,000 small generated commits.
# Environment: AIGATE_JAR=<jar> to time another build (default target/aigate.jar); BASE_JAR=<jar>
# to first assert, with bench/same-verdicts.sh, that this build judges every repository exactly as
# that one does (every commit's verdict and evidence, both policies); the run stops if not.
# Every run uses the launcher's flags (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC) and a
# class-data-sharing archive trained on the first repository, as install.sh sets them up.
set -euo pipefail
runs=${1:-3}
shift || true
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=${AIGATE_JAR:-$root/target/aigate.jar}
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
bench=$root/target/bench
mkdir -p "$bench"
repos=("$@")
if [ ${#repos[@]} -eq 0 ]; then
  [ -d "$bench/jgit-releases/.git" ] || "$root/bench/jgit-releases-history.sh" "$bench/jgit-releases" >&2
  if [ ! -d "$bench/generated/.git" ]; then
    git init -q -b main "$bench/generated"
    "$root/bench/gen-history.sh" 10000 main | git -C "$bench/generated" fast-import --quiet
    git -C "$bench/generated" reset -q --hard main
  fi
  repos=("$bench/jgit-releases" "$bench/generated")
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${BASE_JAR:-}" ]; then
  "$root/bench/same-verdicts.sh" "$BASE_JAR" "$jar" "${repos[@]}" | sed 's/^/    /' >&2 || {
    echo "verdicts differ from $BASE_JAR: no timing" >&2
    exit 1
  }
  echo "Verdicts and evidence identical to $BASE_JAR on every repository (bench/same-verdicts.sh)."
  echo
fi
printf 'version: 1\nai:\n  content: ["(?i)generated (by|with) (chatgpt|copilot|claude)"]\n' > "$tmp/content.yml"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
cds=$tmp/aigate.jsa
java -XX:ArchiveClassesAtExit="$cds" $flags -jar "$jar" -C "${repos[0]}" audit >/dev/null 2>&1 || true
base_flags=$flags
if [ -n "${BASE_JAR:-}" ]; then
  # Each jar gets its own archive: an archive of another jar is ignored, which would be unfair.
  java -XX:ArchiveClassesAtExit="$tmp/base.jsa" $flags -jar "$BASE_JAR" -C "${repos[0]}" audit >/dev/null 2>&1 || true
  [ -f "$tmp/base.jsa" ] && base_flags="$flags -XX:SharedArchiveFile=$tmp/base.jsa -Xshare:auto"
fi
[ -f "$cds" ] && flags="$flags -XX:SharedArchiveFile=$cds -Xshare:auto"


base_col=""
[ -n "${BASE_JAR:-}" ] && base_col=" BASE_JAR's audit, default (s) |"
echo "| repository | commits (non-merge) | git log --format=%B (s) | git log -p (s) | git log --name-status (s) |$base_col audit, default policy (s) | ratio to log %B | commits/s | audit, content markers (s) | ratio to log -p | content, -Xmx512m (s / peak MiB) |"
echo "| --- | ---: | ---: | ---: | ---: |${base_col:+ ---: |} ---: | ---: | ---: | ---: | ---: | ---: |"
for repo in "${repos[@]}"; do
  n=$(git -C "$repo" rev-list --count --no-merges HEAD)
  total=$(git -C "$repo" rev-list --count HEAD)
  bodies=$(median git -C "$repo" log --format=%B --no-merges HEAD)
  logp=$(median git -C "$repo" log -p --no-merges HEAD)
  names=$(median git -C "$repo" log --name-status --no-merges HEAD)
  based=""
  if [ -n "${BASE_JAR:-}" ]; then
    # shellcheck disable=SC2086 # $flags holds several JVM options
    based=" $(median java $base_flags -jar "$BASE_JAR" -C "$repo" audit) |"
  fi
  # shellcheck disable=SC2086 # $flags holds several JVM options
  plain=$(median java $flags -jar "$jar" -C "$repo" audit)
  # shellcheck disable=SC2086
  content=$(median java $flags -jar "$jar" -C "$repo" audit --policy "$tmp/content.yml")
  # shellcheck disable=SC2086
  small=$(median java $flags -Xmx512m -jar "$jar" -C "$repo" audit --policy "$tmp/content.yml")
  rss=$(( $(cat "$tmp/rss") / 1024 ))
  rate=$(awk -v n="$total" -v t="$plain" 'BEGIN { printf (t > 0 ? "%d" : "n/a"), n / t }')
  echo "| $(basename "$(dirname "$repo")")/$(basename "$repo") | $total ($n) | $bodies | $logp | $names |$based $plain | $(ratio "$plain" "$bodies") | $rate | $content | $(ratio "$content" "$logp") | $small / $rss |"
done
