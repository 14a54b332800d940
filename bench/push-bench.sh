#!/usr/bin/env bash
# Benchmark: the pre-receive gate on pushes of 1, 100, 1000 and 10000 new commits, JVM start-up
# included, next to `git log -p` over the same commits and `java -version`. Each push is judged
# twice: in a small repository, and in one that also holds 50,000 refs (refs/changes/*, as a
# Gerrit server has) to 50,000 other commits. Prints a Markdown table.
#
# Usage: bench/push-bench.sh [RUNS]     (RUNS: timed runs per cell, median reported; default 5)
# Environment: AIGATE_JAR=<jar> to time another build (default target/aigate.jar, built if
# missing); PUSH_SIZES="1000 10000" to time only some sizes.
# Needs: Java 17+, Maven, git, GNU time (/usr/bin/time). Builds target/aigate.jar if missing.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=${AIGATE_JAR:-$root/target/aigate.jar}
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
# The many-refs server: the same repository plus 50,000 commits, each named by a packed ref.
git clone -q --bare --no-local "$work/server.git" "$work/many.git"
"$root/bench/gen-history.sh" 50000 changes | git -C "$work/many.git" fast-import --quiet
{
  echo '# pack-refs with: peeled fully-peeled sorted '
  {
    git -C "$work/many.git" rev-list refs/heads/changes | awk '{ printf "%s refs/changes/%02d/%d/1\n", $1, NR % 100, NR }'
    git -C "$work/many.git" for-each-ref --format='%(objectname) %(refname)' refs/heads/main
  } | LC_ALL=C sort -k2
} > "$work/packed"
rm -f "$work/many.git/refs/heads/changes" "$work/many.git/refs/heads/main"
mv "$work/packed" "$work/many.git/packed-refs"
git -C "$work/many.git" repack -q -a -d
java -jar "$jar" -C "$work/many.git" install --server >/dev/null

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
# What the installed hook runs, JVM start-up included: aigate hook pre-receive in the bare repository.
cat > "$work/hook" <<HOOK
#!/bin/sh
cd "\$2" && exec java \$1 -jar "$jar" hook pre-receive < "$work/stdin"
HOOK
chmod +x "$work/hook"
cds=$work/aigate.jsa
# A class-data-sharing archive, trained as install.sh trains it: `aigate train` on two packed
# commits and a staged change (it runs the hooks, an audit and a real ref creation).
training_repo "$work/train"
java -XX:ArchiveClassesAtExit="$cds" $flags -jar "$jar" train "$work/train" >/dev/null 2>&1 || true

version=$(median java $flags -version)
echo "java -version: $version s; refs in the many-refs server: $(git -C "$work/many.git" for-each-ref | wc -l)"
echo
echo "| new commits | git log -p (s) | pre-receive, plain JVM (s) | pre-receive, CDS (s) | CDS / java -version | CDS / git log -p | 50k refs, CDS (s) | 50k refs / small | real git push through the hook (s) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in ${PUSH_SIZES:-1 100 1000 10000}; do
  git checkout -q -B "b$n" "$base"
  "$root/bench/gen-history.sh" "$n" "b$n" "$base" | git fast-import --quiet --force
  tip=$(git rev-parse "b$n")
  for server in server many; do
    git push -q -f "$work/$server.git" "b$n:refs/staging/b$n" --no-verify 2>/dev/null ||
      git push -q -f "$work/$server.git" "b$n:refs/staging/b$n"
  done
  printf '%s %s refs/heads/main\n' "$base" "$tip" > "$work/stdin"
  logp=$(median git -C "$work/server.git" log -p "$base..$tip")
  plain=$(median "$work/hook" "$flags" "$work/server.git")
  withcds=$(median "$work/hook" "$flags -XX:SharedArchiveFile=$cds -Xshare:auto" "$work/server.git")
  many=$(median "$work/hook" "$flags -XX:SharedArchiveFile=$cds -Xshare:auto" "$work/many.git")
  # Both servers must reach the same decision.
  (cd "$work/server.git" && java $flags -jar "$jar" hook pre-receive < "$work/stdin" > "$work/small.out" 2>&1) || true
  (cd "$work/many.git" && java $flags -jar "$jar" hook pre-receive < "$work/stdin" > "$work/many.out" 2>&1) || true
  # The decision, not the time it took.
  sed -i 's/ in [0-9]* ms;/;/' "$work/small.out" "$work/many.out"
  if ! diff -q "$work/small.out" "$work/many.out" >/dev/null; then
    echo "the two servers decided differently on $n commits:" >&2
    diff "$work/small.out" "$work/many.out" >&2 || true
    exit 1
  fi
  # The real thing once: a push the gate rejects (the generated history has unreviewed AI commits).
  git -C "$work/server.git" update-ref -d "refs/staging/b$n"
  /usr/bin/time -q -f %e -o "$work/t" env AIGATE_JAVA_OPTS="$flags -XX:SharedArchiveFile=$cds -Xshare:auto" \
    git push -q "$work/server.git" "b$n:main" >/dev/null 2>&1 || true
  push=$(cat "$work/t")
  git -C "$work/many.git" update-ref -d "refs/staging/b$n"
  echo "| $n | $logp | $plain | $withcds | $(ratio "$withcds" "$version") | $(ratio "$withcds" "$logp") | $many | $(ratio "$many" "$withcds") | $push |"
done
