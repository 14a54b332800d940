#!/usr/bin/env bash
# Benchmark: the commit hooks' latency (what every `git commit` pays) on a small, a 3,000-file
# and a 100,000-file repository, next to `java -version` of the same JDK, a JVM that prints one
# line and `git diff --cached --numstat`, in the same run. Prints Markdown.
#
# Usage: bench/hook-bench.sh [RUNS]    (default 11; median reported)
#   JAVAS="<java> <java> ..."   the JDKs to compare, one row each per repository size
#                               (default: $JAVA, else java on PATH)
#   FILES="3000"                only some repository sizes (default "10 3000 100000")
#   AIGATE_CDS=<file>           an AppCDS archive to use instead of training one
# Runs aigate the way the installed launcher does: its JVM flags and the start-up cache
# install.sh prepares, trained the same way (`aigate train` on a scratch repository): AppCDS
# before Java 25, an AOT cache from Java 25.
set -euo pipefail
runs=${1:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
jar=${AIGATE_JAR:-$root/target/aigate.jar}
javas=${JAVAS:-${JAVA:-java}}
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scratch_home

# The JVM floor: a class that prints one line, with the launcher's flags.
mkdir -p "$tmp/hello" && printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$tmp/hello/Hello.java"
javac --release 17 -d "$tmp/hello" "$tmp/hello/Hello.java"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"

# median COMMAND...: as bench/lib.sh's, to the millisecond: `java -version` takes about 0.04 s
# here, where lib.sh's hundredths would move a ratio by a quarter.
median() {
  local i s e t=()
  for i in $(seq "$runs"); do
    s=${EPOCHREALTIME/[.,]/}
    "$@" >/dev/null 2>&1 || true
    e=${EPOCHREALTIME/[.,]/}
    t+=("$(( (e - s) / 1000 ))")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] / 1000 }'
}

# cache_for JAVA N: trains the start-up cache for that JDK as install.sh does; prints its flags.
cache_for() {
  local java=$1 n=$2 major train=$tmp/train$2
  major=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  major=${major%%.*}
  training_repo "$train"
  if [ -n "${AIGATE_CDS:-}" ]; then
    echo "-XX:SharedArchiveFile=$AIGATE_CDS -Xshare:auto"
  elif [ "$major" -ge 25 ]; then
    "$java" -XX:AOTCacheOutput="$tmp/aigate$n.aot" $flags -jar "$jar" train "$train" >/dev/null 2>&1 || true
    echo "-XX:AOTCache=$tmp/aigate$n.aot"
  else
    "$java" -XX:ArchiveClassesAtExit="$tmp/aigate$n.jsa" $flags -jar "$jar" train "$train" >/dev/null 2>&1 || true
    echo "-XX:SharedArchiveFile=$tmp/aigate$n.jsa -Xshare:auto"
  fi
}

n=0
declare -a caches
for java in $javas; do
  caches[n]=$(cache_for "$java" "$n")
  echo "- JDK $n: \`$java\`, $("$java" -version 2>&1 | head -1); start-up cache: \`${caches[n]}\`"
  n=$((n + 1))
done
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

echo "| JDK | repository | java -version (s) | java Hello (s) | git diff --cached --numstat (s) | pre-commit hook (s) | commit-msg hook (s) | pre-commit / java -version | commit-msg / java -version | commit-msg, no cache (s) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for files in ${FILES:-10 3000 100000}; do
  repo=$tmp/r$files
  make_repo "$repo" "$files"
  numstat=$(median git -C "$repo" diff --cached --numstat)
  n=0
  for java in $javas; do
    cache=${caches[n]}
    # The goal's yardstick: plain `java -version`, no flags.
    version=$(median "$java" -version)
    hello=$(median "$java" $flags -cp "$tmp/hello" Hello)
    cd "$repo"
    precommit=$(median env GIT_EDITOR=: "$java" $flags $cache $quiet -jar "$jar" hook pre-commit)
    withcache=$(median env GIT_EDITOR=: "$java" $flags $cache $quiet -jar "$jar" hook commit-msg msg)
    plain=$(median env GIT_EDITOR=: "$java" $flags -jar "$jar" hook commit-msg msg)
    cd - >/dev/null
    echo "| $n | $( [ "$files" = 10 ] && echo small || echo "$files files") | $version | $hello | $numstat | $precommit | $withcache | $(ratio "$precommit" "$version") | $(ratio "$withcache" "$version") | $plain |"
    n=$((n + 1))
  done
done
