#!/usr/bin/env bash
# Benchmark: the provenance manifest (`aigate provenance`, ADR 0012) of a real tree against its
# anchor, `git blame --incremental` over every file of that tree on the same cores, and JGit's
# BlameGenerator over a sample of the files; then the incremental manifest (--since-manifest) of
# the same tree built on a manifest of an older commit, and the peak memory of manifests of
# generated trees of growing size. Prints Markdown.
#
# Usage: bench/manifest-bench.sh REPO [REV] [BACK]
#   REPO   a git directory (e.g. /work/.mirror/eclipse-jgit+jgit/repo); only read, never written:
#          everything runs on a shared clone in a temporary directory
#   REV    the revision whose tree is described (default HEAD)
#   BACK   how many first-parent commits back the base of the incremental run is (default 50)
# Environment: AIGATE_BENCH_RUNS (timed runs per row, median; default 1), AIGATE_BENCH_THREADS (default 2: both cores, for both tools), AIGATE_BENCH_SAMPLE
# (files for the JGit comparison, default 150), AIGATE_BENCH_SIZES (generated tree sizes for the
# memory rows, default "1000 10000 30000"; 0 skips them).
#
# Partial clones: blobs missing from the clone are replaced by the empty blob for both tools.
#
# Runs under flock /tmp/aigate-bench.lock, so two benchmarks never share the machine.
set -euo pipefail
if [ -z "${AIGATE_BENCH_LOCKED:-}" ]; then
  exec env AIGATE_BENCH_LOCKED=1 flock /tmp/aigate-bench.lock "$0" "$@"
fi
[ $# -ge 1 ] || { sed -n '2,19p' "$0" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${AIGATE_BENCH_RUNS:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=bench/lib.sh
. "$root/bench/lib.sh"
source_repo=$1
rev=${2:-HEAD}
back=${3:-50}
threads=${AIGATE_BENCH_THREADS:-2}
sample=${AIGATE_BENCH_SAMPLE:-150}
sizes=${AIGATE_BENCH_SIZES:-1000 10000 30000}
jar=$root/target/aigate.jar
[ -f "$jar" ] || (cd "$root" && mvn -q -B package -DskipTests)
java=${JAVA:-java}
aigate() { "$java" -XX:+UseSerialGC -jar "$jar" "$@"; }
# fmedian FUNCTION: median (lib.sh) of a shell function, run in a child bash so /usr/bin/time
# measures it, with its peak RSS.
fmedian() { median bash -c "$(declare -f aigate "$1"); $1"; }
export java jar root tmp
scratch_home

repo=$tmp/repo.git
export repo threads
git clone -q --bare --shared "$source_repo" "$repo"
commit=$(git -C "$repo" rev-parse "$rev^{commit}")
export commit
base=$(git -C "$repo" rev-parse "$commit~$back")

# Partial clones: a blob missing here (at REV or in history) would stop both tools; the clone
# gets the empty blob in its place (refs/replace, which git and JGit both honour), and the
# report names how many.
mapfile -t missing < <(git -C "$repo" rev-list --objects --missing=print "$commit" | sed -n 's/^?//p')
empty=$(git -C "$repo" hash-object -w --stdin < /dev/null)
for m in "${missing[@]}"; do git -C "$repo" update-ref "refs/replace/$m" "$empty"; done
excluded=${#missing[@]}
# Files to blame: regular files and symlinks at REV (gitlinks are another repository's).
git -C "$repo" ls-tree -r -z --full-tree "$commit" \
  | awk -v RS='\0' -v ORS='\0' '{ split($0, f, "\t"); split(f[1], m, " "); if (m[2] == "blob") print substr($0, length(f[1]) + 2) }' \
  > "$tmp/blame-list"
files=$(tr -cd '\0' < "$tmp/blame-list" | wc -c)
blamed=$files

# The anchor: one git blame --incremental per file, $threads at once.
anchor() {
  xargs -0 -P "$threads" -n 1 git -C "$repo" -c blame.ignoreRevsFile= blame --incremental "$commit" -- < "$tmp/blame-list" \
    > /dev/null 2> "$tmp/anchor-errors"
}
t_anchor=$(fmedian anchor)
anchor_errors=$(grep -c . "$tmp/anchor-errors" || true)

# aigate: the whole manifest (history walk, attribution, AI line index, blame of every file, JSONL).
full() { aigate -C "$repo" provenance "$commit" --threads "$threads" -o "$tmp/full.jsonl"; }
t_full=$(fmedian full)
rss_full=$(cat "$tmp/rss")
summary=$(tail -1 "$tmp/full.jsonl")
no_moves() { aigate -C "$repo" provenance "$commit" --no-moves --threads "$threads" -o "$tmp/nomoves.jsonl"; }
t_nomoves=$(fmedian no_moves)

# Incremental: a manifest of $back commits earlier, then this tree built on it.
aigate -C "$repo" provenance "$base" --threads "$threads" -o "$tmp/base.jsonl" >/dev/null 2>&1 || true
incremental() { aigate -C "$repo" provenance "$commit" --threads "$threads" --since-manifest "$tmp/base.jsonl" -o "$tmp/inc.jsonl"; }
t_inc=$(fmedian incremental)
inc_summary=$(tail -1 "$tmp/inc.jsonl")
# The incremental manifest must be the full one: same files, same attribution.
same=yes
strip() { sed -e 's/"since":"[0-9a-f]*"/"since":""/' -e 's/,"blamed":[0-9]*,"reused":[0-9]*//' "$1"; }
cmp -s <(strip "$tmp/full.jsonl") <(strip "$tmp/inc.jsonl") || same=NO

# JGit's BlameGenerator over a sample of the files, next to git blame over the same sample (serial).
head -z -n "$sample" "$tmp/blame-list" > "$tmp/sample"
git_sample() { xargs -0 -n 1 git -C "$repo" blame --incremental "$commit" -- < "$tmp/sample" > /dev/null; }
t_git_sample=$(fmedian git_sample)
jgit_sample() { tr '\0' '\n' < "$tmp/sample" | "$java" -cp "$jar" "$root/bench/JGitBlame.java" "$repo" "$commit"; }
t_jgit_sample=$(fmedian jgit_sample)

echo "## Provenance manifest: $(basename "$(dirname "$source_repo")") at ${commit:0:12}"
echo
echo "$files files in the tree, all blamed ($excluded blob(s) missing in this clone replaced by the empty blob); $threads threads for both tools; anchor errors: $anchor_errors."
echo
echo "| measure | time (s) | ratio to the anchor |"
echo "|---|---:|---:|"
echo "| anchor: \`git blame --incremental\` per file, xargs -P$threads | $t_anchor | 1.00 |"
echo "| \`aigate provenance\` (moves followed through the AI line index) | $t_full | $(ratio "$t_full" "$t_anchor") |"
echo "| \`aigate provenance --no-moves\` | $t_nomoves | $(ratio "$t_nomoves" "$t_anchor") |"
echo "| \`aigate provenance --since-manifest\` (base $back commits back) | $t_inc | $(ratio "$t_inc" "$t_anchor") |"
echo
echo "Peak RSS of the full manifest: $((rss_full / 1024)) MiB. Incremental manifest identical to the full one: $same."
echo
echo "Full summary: \`$(printf '%s' "$summary" | cut -c1-400)\`"
echo
echo "Incremental summary: \`$(printf '%s' "$inc_summary" | grep -o '"blamed":[0-9]*,"reused":[0-9]*')\`"
echo
echo "| blame of $sample files, serial | time (s) | ratio |"
echo "|---|---:|---:|"
echo "| \`git blame --incremental\` | $t_git_sample | 1.00 |"
echo "| JGit \`BlameGenerator\` (bench/JGitBlame.java, one JVM) | $t_jgit_sample | $(ratio "$t_jgit_sample" "$t_git_sample") |"
echo

if [ "$sizes" != 0 ]; then
  echo "| generated tree (one commit, 3-line files) | files | time (s) | peak RSS (MiB) | -Xmx |"
  echo "|---|---:|---:|---:|---|"
  for n in $sizes; do
    gen=$tmp/gen-$n
    export gen
    git init -q "$gen"
    # One fast-import stream: n blobs, one commit; files in 100-file directories.
    {
      for i in $(seq 1 "$n"); do
        data="line one of file $i
line two of file $i
line three of file $i
"
        printf 'blob\nmark :%d\ndata %d\n%s' "$i" "${#data}" "$data"
      done
      printf 'commit refs/heads/main\ncommitter Jane Dev <jane@example.com> 1700000000 +0000\ndata 4\nbase\n'
      for i in $(seq 1 "$n"); do printf 'M 100644 :%d d%03d/f%d.txt\n' "$i" $((i / 100)) "$i"; done
    } | git -C "$gen" fast-import --quiet
    bounded() { "$java" -XX:+UseSerialGC -Xmx128m -jar "$jar" -C "$gen" provenance main --threads "$threads" -o "$tmp/gen.jsonl"; }
    t=$(fmedian bounded)
    listed=$(($(wc -l < "$tmp/gen.jsonl") - 2))
    echo "| $n files | $listed | $t | $(($(cat "$tmp/rss") / 1024)) | 128m |"
    rm -rf "$gen"
  done
  echo
fi
echo "Command: \`bench/manifest-bench.sh $source_repo $rev $back\` (AIGATE_BENCH_THREADS=$threads, AIGATE_BENCH_SAMPLE=$sample, AIGATE_BENCH_SIZES=\"$sizes\"), $(nproc) cores, $("$java" -version 2>&1 | head -1); load average at the end: $(cut -d" " -f1-3 /proc/loadavg)."
