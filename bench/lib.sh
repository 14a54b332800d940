# Shared by the bench/ scripts (sourced, not run). Needs $runs and $tmp set by the caller.

# median COMMAND...: the median wall time in seconds of $runs runs of COMMAND (output discarded,
# exit status ignored); the peak RSS of the last run, in KiB, is left in $tmp/rss.
median() {
  local i t=()
  for i in $(seq "$runs"); do
    /usr/bin/time -q -f '%e %M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
    t+=("$(cut -d' ' -f1 "$tmp/t")")
    cut -d' ' -f2 "$tmp/t" > "$tmp/rss"
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# ratio A B: A / B with two decimals ("n/a" when B is 0).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "n/a"), a / b }'; }

# A throw-away HOME with a git identity, so nothing of the caller's configuration leaks in.
scratch_home() {
  export HOME=$tmp/home GIT_CONFIG_NOSYSTEM=1
  mkdir -p "$HOME"
  git config --global user.name "Jane Dev"
  git config --global user.email jane@example.com
  git config --global init.defaultBranch main
}

# training_repo DIR: the scratch repository install.sh trains the start-up cache on (two commits
# in a pack, what servers and audits read, and a staged change for the hooks).
training_repo() {
  git init -q "$1" && (cd "$1" && git commit -q --allow-empty -m base && echo x > x && git add x &&
    git commit -q -m "add x" && git repack -adq && echo y >> x && git add x)
}
