#!/usr/bin/env bash
# Benchmark: the pre-receive gate on pushes of 1, 100, 1000 and 10000 new commits, JVM start-up
# included, next to `git log -p` over the same commits. Prints a Markdown table.
#
# Usage: bench/push-bench.sh [RUNS]     (RUNS: timed runs per cell, median reported; default 5)
# Needs: Java 17+, Maven, git, GNU time (/usr/bin/time). Builds target/aigate.jar if missing.
set -euo pipefail
runs=${1:-5}
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
java -jar "$jar" -C "$work/server.git" install --server >/dev/null

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# What the installed hook runs, JVM start-up included: aigate hook pre-receive in the bare repository.
cat > "$work/hook" <<HOOK
#!/bin/sh
cd "$work/server.git" && exec java \$1 -jar "$jar" hook pre-receive < "$work/stdin"
HOOK
chmod +x "$work/hook"
cds=$work/aigate.jsa
# A class-data-sharing archive, as install.sh prepares it: one training run, then reuse.
echo "$base $base refs/heads/main" | (cd "$work/server.git" && java -XX:ArchiveClassesAtExit="$cds" -jar "$jar" hook pre-receive >/dev/null 2>&1) || true

echo "| new commits | git log -p (s) | pre-receive, plain JVM (s) | pre-receive, CDS (s) | ratio CDS / git log -p | real git push through the hook (s) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for n in 1 100 1000 10000; do
  git checkout -q -B "b$n" "$base"
  "$root/bench/gen-history.sh" "$n" "b$n" "$base" | git fast-import --quiet --force
  tip=$(git rev-parse "b$n")
  git push -q -f "$work/server.git" "b$n:refs/staging/b$n" --no-verify 2>/dev/null ||
    git push -q -f "$work/server.git" "b$n:refs/staging/b$n"
  printf '%s %s refs/heads/main\n' "$base" "$tip" > "$work/stdin"
  logp=$(median git -C "$work/server.git" log -p "$base..$tip")
  plain=$(median "$work/hook" "$flags")
  withcds=$(median "$work/hook" "$flags -XX:SharedArchiveFile=$cds -Xshare:auto")
  # The real thing once: a push the gate rejects (the generated history has unreviewed AI commits).
  git -C "$work/server.git" update-ref -d "refs/staging/b$n"
  /usr/bin/time -q -f %e -o "$work/t" env AIGATE_JAVA_OPTS="$flags -XX:SharedArchiveFile=$cds -Xshare:auto" \
    git push -q "$work/server.git" "b$n:main" >/dev/null 2>&1 || true
  push=$(cat "$work/t")
  ratio=$(ratio "$withcds" "$logp")
  echo "| $n | $logp | $plain | $withcds | $ratio | $push |"
done
