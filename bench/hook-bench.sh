#!/usr/bin/env bash
# Benchmark: the commit-msg hook's latency (what every `git commit` pays) on a small, a
# 3,000-file and a 100,000-file repository, next to a JVM that prints one line and to
# `git diff --cached --numstat`, in the same run. Prints Markdown.
#
# Usage: bench/hook-bench.sh [RUNS]    (default 11; median reported)
# Runs aigate the way the installed hook does: the launcher's JVM flags and the start-up cache
# install.sh prepares (AppCDS before Java 25, an AOT cache from Java 25; AIGATE_CDS=<file> to
# name another AppCDS archive). JAVA=<java binary> times another JDK (default: java on PATH);
# FILES="3000" times only some repository sizes.
set -euo pipefail
runs=${1:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=${AIGATE_JAR:-$root/target/aigate.jar}
java=${JAVA:-java}
major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
major=${major%%.*}
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scratch_home


# The JVM floor: a class that prints one line, with the same flags.
mkdir -p "$tmp/hello" && printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/hello/Hello.java"
javac --release 17 -d "$tmp/hello" "$tmp/hello/Hello.java"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
cds=${AIGATE_CDS:-}
if [ "$major" -ge 25 ] && [ -z "$cds" ]; then
  git init -q "$tmp/train" && (cd "$tmp/train" && echo x > x && git add x && printf 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n' > msg &&
    "$java" -XX:AOTCacheOutput="$tmp/aigate.aot" $flags -jar "$jar" hook commit-msg msg >/dev/null 2>&1 || true)
  cache="-XX:AOTCache=$tmp/aigate.aot"
elif [ -z "$cds" ]; then
  cds=$tmp/aigate.jsa
  # A training run on a small repository, as install.sh does.
  git init -q "$tmp/train" && (cd "$tmp/train" && echo x > x && git add x && printf 'x\n\nCo-Authored-By: Claude <noreply@anthropic.com>\n' > msg &&
    "$java" -XX:ArchiveClassesAtExit="$cds" $flags -jar "$jar" hook commit-msg msg >/dev/null 2>&1 || true)
  cache="-XX:SharedArchiveFile=$cds"
else
  cache="-XX:SharedArchiveFile=$cds"
fi
echo "$("$java" -version 2>&1 | head -1); start-up cache: $cache"
echo

make_repo() { # dir files: a repository with that many tracked files, 10 of them changed and staged
  local dir=$1 files=$2
  git init -q "$dir"
  (cd "$dir" && mkdir -p src && seq 1 "$files" | awk '{ d = "src/d" int($1 / 500); printf "%s/f%d.txt\n", d, $1 }' > "$tmp/list" &&
    awk -F/ '{ print $1 "/" $2 }' "$tmp/list" | sort -u | xargs mkdir -p &&
    while read -r f; do echo "content of $f" > "$f"; done < "$tmp/list" &&
    git add -A && git commit -q -m base && head -10 "$tmp/list" | while read -r f; do echo "changed" >> "$f"; done &&
    git add -A && printf 'Change ten files\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nReviewed-by: Bob Lee <bob@example.com>\n' > "$dir/msg")
}

echo "| repository | tracked files | java -version (s) | java Hello (s) | git diff --cached --numstat (s) | commit-msg hook, cache (s) | hook / java -version | hook / Hello | commit-msg hook, no cache (s) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for files in ${FILES:-10 3000 100000}; do
  repo=$tmp/r$files
  make_repo "$repo" "$files"
  version=$(median "$java" $flags -version)
  hello=$(median "$java" $flags -cp "$tmp/hello" Hello)
  numstat=$(median git -C "$repo" diff --cached --numstat)
  cd "$repo"
  withcds=$(median env GIT_EDITOR=: "$java" $flags $cache -jar "$jar" hook commit-msg msg)
  plain=$(median env GIT_EDITOR=: "$java" $flags -jar "$jar" hook commit-msg msg)
  cd - >/dev/null
  echo "| $( [ "$files" = 10 ] && echo small || echo "$files files") | $files | $version | $hello | $numstat | $withcds | $(ratio "$withcds" "$version") | $(ratio "$withcds" "$hello") | $plain |"
done
