#!/usr/bin/env bash
# Writes a git fast-import stream: N commits on top of refs/heads/<branch>'s current tip (or a
# new root), each changing one file under src/ with a few added lines; every 3rd commit carries
# an AI co-author trailer, every 6th also a review. Usage: gen-history.sh N BRANCH [FROM-SHA]
set -euo pipefail
n=$1 branch=$2 from=${3:-}
awk -v n="$n" -v branch="$branch" -v from="$from" 'BEGIN {
  t = 1700000000
  for (i = 1; i <= n; i++) {
    msg = "Change module " i
    if (i % 3 == 0) msg = msg "\n\nCo-Authored-By: Claude <noreply@anthropic.com>"
    if (i % 6 == 0) msg = msg "\nReviewed-by: Bob Lee <bob@example.com>"
    msg = msg "\n"
    body = ""
    for (l = 0; l < 8; l++) body = body "line " l " of change " i " in module " (i % 50) "\n"
    printf "commit refs/heads/%s\n", branch
    printf "author Jane Dev <jane@example.com> %d +0000\n", t + i
    printf "committer Jane Dev <jane@example.com> %d +0000\n", t + i
    printf "data %d\n%s", length(msg), msg
    if (i == 1 && from != "") printf "from %s\n", from
    printf "M 100644 inline src/module%d/File%d.java\n", i % 50, i % 200
    printf "data %d\n%s\n", length(body), body
  }
}'
