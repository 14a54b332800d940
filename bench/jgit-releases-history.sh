#!/usr/bin/env bash
# Builds a git repository whose history is the real evolution of JGit's sources: the source
# jars of consecutive JGit releases (from Maven Central), one commit per file that changed
# between two releases. Real code, real diffs, thousands of commits; every 4th commit carries
# an AI co-author trailer and every 8th a review, so the policy has work to do.
# Usage: bench/jgit-releases-history.sh OUT_DIR
set -euo pipefail
out=$1
versions=(5.0.0.201806131550-r 5.1.0.201809111528-r 5.2.0.201812061821-r 5.3.0.201903130848-r
  5.4.0.201906121030-r 5.5.0.201909110433-r 5.6.0.201912101111-r 5.7.0.202003110725-r 5.8.0.202006091008-r
  5.9.0.202009080501-r 5.10.0.202012080955-r 5.11.0.202103091610-r 5.12.0.202106070339-r 5.13.0.202109080827-r
  6.0.0.202111291000-r 6.1.0.202203080745-r 6.2.0.202206071550-r 6.3.0.202209071007-r 6.4.0.202211300538-r
  6.5.0.202303070854-r 6.6.0.202305301015-r 6.7.0.202309050840-r 6.8.0.202311291450-r 6.9.0.202403050737-r
  6.10.0.202406032230-r 6.10.1.202505221210-r 7.0.0.202409031743-r 7.1.0.202411261347-r 7.1.1.202505221757-r
  7.2.0.202503040940-r 7.2.1.202505142326-r 7.3.0.202506031305-r 7.4.0.202509020913-r 7.5.0.202512021534-r
  7.6.0.202603022253-r 7.7.0.202606012155-r 7.7.1.202607240634-r 7.8.0.202609011348-r 7.8.1.202611041320-r)
m2=${MAVEN_REPO:-$HOME/.m2/repository}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
available=()
for v in "${versions[@]}"; do
  jar=$m2/org/eclipse/jgit/org.eclipse.jgit/$v/org.eclipse.jgit-$v-sources.jar
  if [ ! -f "$jar" ] && ! mvn -B -q dependency:get -Dartifact="org.eclipse.jgit:org.eclipse.jgit:$v:jar:sources" >/dev/null 2>&1; then
    echo "skipping JGit $v: its sources jar could not be fetched" >&2
    continue
  fi
  mkdir -p "$tmp/$v" && (cd "$tmp/$v" && jar xf "$jar") && rm -rf "$tmp/$v/META-INF"
  available+=("$v")
done
versions=("${available[@]}")
rm -rf "$out" && git init -q -b main "$out"
stream=$tmp/stream
t=1640000000 n=0 prev=""
{
  for v in "${versions[@]}"; do
    if [ -z "$prev" ]; then
      changed=$(cd "$tmp/$v" && find . -type f | sed 's|^\./||' | sort)
    else
      changed=$( (diff -rq "$tmp/$prev" "$tmp/$v" || true) | awk -v a="$tmp/$prev/" -v b="$tmp/$v/" '
        /^Files / { f = $2; sub(a, "", f); print f; next }
        /^Only in / { d = $3; sub(/:$/, "", d); p = d "/" $4; sub(a, "", p); sub(b, "", p); print p }' | sort -u)
    fi
    for f in $changed; do
      n=$((n + 1)) t=$((t + 3600))
      msg="Update $f for $v"
      [ $((n % 4)) -eq 0 ] && msg="$msg

Co-Authored-By: Claude <noreply@anthropic.com>"
      [ $((n % 8)) -eq 0 ] && msg="$msg
Reviewed-by: Bob Lee <bob@example.com>"
      printf 'commit refs/heads/main\nauthor Jane Dev <jane@example.com> %d +0000\ncommitter Jane Dev <jane@example.com> %d +0000\n' "$t" "$t"
      printf 'data %d\n%s\n' "$(printf '%s' "$msg" | wc -c)" "$msg"
      if [ -f "$tmp/$v/$f" ]; then
        printf 'M 100644 inline src/main/java/%s\ndata %d\n' "$f" "$(wc -c < "$tmp/$v/$f")"
        cat "$tmp/$v/$f"
        printf '\n'
      else
        printf 'D src/main/java/%s\n' "$f"
      fi
    done
    prev=$v
  done
} > "$stream"
(cd "$out" && git fast-import --quiet < "$stream" && git reset -q --hard main && git gc -q)
echo "$out: $(git -C "$out" rev-list --count main) commits from ${#versions[@]} JGit releases"
