#!/usr/bin/env bash
# Benchmark: the commit-msg hook's latency (what every `git commit` pays) on a small, a
# 3,000-file and a 100,000-file repository, next to a JVM that prints one line and to
# `git diff --cached --numstat`, in the same run. Prints Markdown.
#
# Usage: bench/hook-bench.sh [RUNS]    (default 11; median reported)
# Runs aigate the way the installed hook does: the launcher's JVM flags and, when install.sh
# has prepared one, its class-data-sharing archive (AIGATE_CDS=<file> to name another).
set -euo pipefail
runs=${1:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=$root/target/aigate.jar
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scratch_home


# The JVM floor: a class that prints one line, with the same flags.
mkdir -p "$tmp/hello" && printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/hello/Hello.java"
javac -d "$tmp/hello" "$tmp/hello/Hello.java"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
cds=${AIGATE_CDS:-}
if [ -z "$cds" ]; then
  cds=$tmp/aigate.jsa
  # A training run on a small repository, as install.sh does.
  git init -q "$tmp/train" && (cd "$tmp/train" && echo x > x && git add x && printf 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n' > msg &&
    java -XX:ArchiveClassesAtExit="$cds" $flags -jar "$jar" hook commit-msg msg >/dev/null 2>&1 || true)
fi

make_repo() { # dir files: a repository with that many tracked files, 10 of them changed and staged
  local dir=$1 files=$2
  git init -q "$dir"
  (cd "$dir" && mkdir -p src && seq 1 "$files" | awk '{ d = "src/d" int($1 / 500); printf "%s/f%d.txt\n", d, $1 }' > "$tmp/list" &&
    awk -F/ '{ print $1 "/" $2 }' "$tmp/list" | sort -u | xargs mkdir -p &&
    while read -r f; do echo "content of $f" > "$f"; done < "$tmp/list" &&
    git add -A && git commit -q -m base && head -10 "$tmp/list" | while read -r f; do echo "changed" >> "$f"; done &&
    git add -A && printf 'Change ten files\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nReviewed-by: Bob Lee <bob@example.com>\n' > "$dir/msg")
}

echo "| repository | tracked files | java Hello (s) | git diff --cached --numstat (s) | commit-msg hook, CDS (s) | hook / Hello | commit-msg hook, no CDS (s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for files in 10 3000 100000; do
  repo=$tmp/r$files
  make_repo "$repo" "$files"
  hello=$(median java $flags -cp "$tmp/hello" Hello)
  numstat=$(median git -C "$repo" diff --cached --numstat)
  cd "$repo"
  withcds=$(median env GIT_EDITOR=: java $flags -XX:SharedArchiveFile="$cds" -jar "$jar" hook commit-msg msg)
  plain=$(median env GIT_EDITOR=: java $flags -jar "$jar" hook commit-msg msg)
  cd - >/dev/null
  ratio=$(ratio "$withcds" "$hello")
  echo "| $( [ "$files" = 10 ] && echo small || echo "$files files") | $files | $hello | $numstat | $withcds | $ratio | $plain |"
done
