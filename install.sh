#!/bin/sh
# install.sh: builds aigate and installs it for this user (or into $PREFIX).
#
#   ./install.sh                          build, install ~/.local/bin/aigate, prepare the start-up cache
#   PREFIX=/opt/aigate ./install.sh       install elsewhere ($PREFIX/bin, $PREFIX/lib/aigate, $PREFIX/share)
#   ./install.sh --repo <dir>             also install the commit hooks into that repository
#   ./install.sh --server <bare repo> [--policy <file>]
#                                         also install the server-side pre-receive gate there
#   ./install.sh --uninstall              remove what install.sh installed (and, with --repo or
#                                         --server, the hooks there, putting back chained hooks)
#   ./install.sh --print-runtime          print the java it would use (reason on stderr), do nothing
#
# The runtime: JAVA=<java binary> or JAVA_HOME if set, else the Java 17+ with the fastest
# start-up (newest release: 25+ has an AOT cache) of java on PATH and the JDK homes under
# AIGATE_JDK_DIRS (default /usr/lib/jvm, /Library/Java/JavaVirtualMachines, SDKMAN's).
# Rerunning it upgrades in place. Needs Java 17+, Maven and git.
set -eu

PREFIX=${PREFIX:-$HOME/.local}
here=$(cd "$(dirname "$0")" && pwd)
repo="" server="" policy="" uninstall=0 print_runtime=0
while [ $# -gt 0 ]; do
  case $1 in
    --repo) repo=${2:?--repo needs a directory}; shift 2 ;;
    --server) server=${2:?--server needs a bare repository}; shift 2 ;;
    --policy) policy=${2:?--policy needs a file}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    --print-runtime) print_runtime=1; shift ;;
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see ./install.sh --help)" >&2; exit 2 ;;
  esac
done

bin=$PREFIX/bin
lib=$PREFIX/lib/aigate
launcher=$bin/aigate
say() { printf 'aigate install: %s\n' "$*"; }
note() { printf 'aigate install: %s\n' "$*" >&2; }
die() { note "$*"; exit 1; }

if [ "$uninstall" = 1 ]; then
  if [ -x "$launcher" ]; then
    [ -n "$repo" ] && "$launcher" -C "$repo" install --uninstall
    [ -n "$server" ] && "$launcher" -C "$server" install --server --uninstall
  fi
  rm -rf "$lib"
  rm -f "$launcher" "$PREFIX/share/man/man1/aigate.1" "$PREFIX/share/bash-completion/completions/aigate"
  say "removed $launcher, $lib and the man page and completion"
  exit 0
fi

# Prerequisites, each with what to do about it.
[ "$print_runtime" = 1 ] || command -v git >/dev/null 2>&1 || die "git is not on PATH; install git first"

# The runtime. Named by JAVA= or JAVA_HOME, that one, as given. Otherwise the fastest start-up
# path among the Java 17+ runtimes found: java on PATH and the JDK homes under AIGATE_JDK_DIRS
# (colon-separated directories of JDK homes; by default /usr/lib/jvm, macOS's
# /Library/Java/JavaVirtualMachines and SDKMAN's candidates). Java 25 and later start from an
# AOT cache, which beats Java 17 to 24's AppCDS (docs/adr/0016-start-up-path.md), so the newest
# feature release wins; a tie goes to the first found. Nothing is timed: the release decides.

# probe JAVA: sets probe_major and probe_home for that java binary; fails if it does not run
# or reports no Java version.
probe() {
  probe_out=$("$1" -XshowSettings:properties -version 2>&1) || return 1
  probe_version=$(printf '%s\n' "$probe_out" | sed -n 's/^ *java.specification.version = //p' | sed -n 1p)
  probe_home=$(printf '%s\n' "$probe_out" | sed -n 's/^ *java.home = //p' | sed -n 1p)
  probe_major=${probe_version%%.*}
  case $probe_major in ''|*[!0-9]*) return 1 ;; esac
}
start_up_path() { if [ "$1" -ge 25 ]; then echo "AOT cache"; else echo "AppCDS"; fi; }
physical() { echo "$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")"; }

# consider JAVA: keeps it as the best so far if it runs Java 17+ and is newer than the best.
found=0 seen="|" best="" best_major=0 best_home=""
consider() {
  [ -n "$1" ] && [ -f "$1" ] && [ -x "$1" ] || return 0
  candidate=$(physical "$1")
  case $seen in *"|$candidate|"*) return 0 ;; esac
  seen="$seen$candidate|"
  if ! probe "$candidate"; then
    note "skipped $candidate: 'java -version' failed"
    return 0
  fi
  # Another path to a runtime already seen (a symlinked home, SDKMAN's current).
  case $seen in *"|home:$probe_home|"*) return 0 ;; esac
  if [ -n "$probe_home" ]; then
    seen="${seen}home:$probe_home|"
    # The home's own binary, not a switchable alias like /usr/bin/java: the start-up cache is
    # made for this runtime.
    [ -x "$probe_home/bin/java" ] && candidate=$probe_home/bin/java
  fi
  if [ "$probe_major" -lt 17 ]; then
    note "skipped $candidate: Java $probe_version, aigate needs 17 or newer"
    return 0
  fi
  found=$((found + 1))
  if [ "$probe_major" -gt "$best_major" ]; then
    best=$candidate best_major=$probe_major best_home=$probe_home
  fi
}

if [ -n "${JAVA:-}" ] || { [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; }; then
  if [ -n "${JAVA:-}" ]; then java=$JAVA named="named by JAVA="; else java=$JAVA_HOME/bin/java named="named by JAVA_HOME"; fi
  [ -f "$java" ] && [ -x "$java" ] || die "JAVA=$java is not an executable file"
  probe "$java" || die "'$java -version' failed; aigate needs a Java 17 or newer runtime"
  [ "$probe_major" -ge 17 ] || die "aigate needs Java 17 or newer; $java is Java $probe_version"
  java=$(physical "$java") java_major=$probe_major java_home=$probe_home
  why="$named"
else
  [ -n "${JAVA_HOME:-}" ] && note "JAVA_HOME=$JAVA_HOME has no bin/java; looking for Java runtimes instead"
  consider "$(command -v java || true)"
  sdkman=${SDKMAN_CANDIDATES_DIR:-${SDKMAN_DIR:-$HOME/.sdkman}/candidates}/java
  dirs=${AIGATE_JDK_DIRS-/usr/lib/jvm:/Library/Java/JavaVirtualMachines:$sdkman}
  old_ifs=$IFS IFS=:
  set -f
  for dir in $dirs; do
    IFS=$old_ifs
    set +f
    [ -n "$dir" ] || continue
    for j in "$dir"/*/bin/java "$dir"/*/Contents/Home/bin/java; do consider "$j"; done
  done
  IFS=$old_ifs
  set +f
  [ -n "$best" ] || die "found no Java 17 or newer (looked at java on PATH and under ${dirs:-no directories}); install a JDK 17+, or set JAVA=<java binary> or JAVA_HOME"
  java=$best java_major=$best_major java_home=$best_home
  if [ "$found" = 1 ]; then why="the only Java 17+ found"; else why="fastest start-up of $found Java 17+ runtimes found"; fi
  why="$why; set JAVA= to choose"
fi
runtime="$java (Java $java_major, $(start_up_path "$java_major"); $why)"
if [ "$print_runtime" = 1 ]; then
  note "runtime $runtime"
  echo "$java"
  exit 0
fi
say "runtime $runtime"

jar=$here/target/aigate.jar
if [ -f "$here/pom.xml" ]; then
  command -v mvn >/dev/null 2>&1 || die "mvn is not on PATH; install Maven to build aigate"
  say "building with Maven (this takes a minute the first time)"
  # Built with the chosen runtime when it is a JDK; a bare JRE leaves Maven its own.
  build_home=${java_home:-$(dirname "$(dirname "$java")")}
  if [ -x "$build_home/bin/javac" ]; then
    maven_opts=${MAVEN_OPTS:-}
    # Maven's own Guava uses sun.misc.Unsafe, which Java 24 and later warn about on every run.
    [ "$java_major" -lt 24 ] || maven_opts="--sun-misc-unsafe-memory-access=allow $maven_opts"
    (cd "$here" && JAVA_HOME=$build_home MAVEN_OPTS=$maven_opts mvn -B -q -Dstyle.color=never package -DskipTests) || die "the build failed; see the Maven output above"
  else
    note "$build_home has no javac; building with Maven's own JDK"
    (cd "$here" && mvn -B -q -Dstyle.color=never package -DskipTests) || die "the build failed; see the Maven output above"
  fi
fi
[ -f "$jar" ] || die "no $jar after the build"

mkdir -p "$bin" "$lib" "$PREFIX/share/man/man1" "$PREFIX/share/bash-completion/completions"
cp "$jar" "$lib/aigate.jar.new" && mv "$lib/aigate.jar.new" "$lib/aigate.jar"
[ -f "$here/target/aigate.1" ] && cp "$here/target/aigate.1" "$PREFIX/share/man/man1/aigate.1"
[ -f "$here/target/aigate.bash" ] && cp "$here/target/aigate.bash" "$PREFIX/share/bash-completion/completions/aigate"

flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
# The start-up cache: the classes aigate's main paths load, recorded once for this JDK and
# this jar (AppCDS on Java 17 to 24, an AOT cache from Java 25). Rebuilt on every install,
# because a cache of another jar is ignored.
rm -f "$lib/aigate.jsa" "$lib/aigate.aot"
train=$(mktemp -d)
# Two commits in a pack (what servers and audits read), and a staged change for the hooks.
(cd "$train" && git init -q && git -c user.name=aigate -c user.email=aigate@localhost commit -q --allow-empty -m base &&
  echo x > x && git add x && git -c user.name=aigate -c user.email=aigate@localhost commit -q -m "add x" &&
  git repack -adq && echo y >> x && git add x) >/dev/null 2>&1
if [ "$java_major" -ge 25 ]; then
  cache="-XX:AOTCache=$lib/aigate.aot"
  GIT_CONFIG_NOSYSTEM=1 "$java" -XX:AOTCacheOutput="$lib/aigate.aot" $flags -jar "$lib/aigate.jar" train "$train" >/dev/null 2>&1 || true
  [ -f "$lib/aigate.aot" ] || cache=""
else
  cache="-XX:SharedArchiveFile=$lib/aigate.jsa -Xshare:auto"
  GIT_CONFIG_NOSYSTEM=1 "$java" -XX:ArchiveClassesAtExit="$lib/aigate.jsa" $flags -jar "$lib/aigate.jar" train "$train" >/dev/null 2>&1 || true
  [ -f "$lib/aigate.jsa" ] || cache=""
fi
rm -rf "$train"
[ -n "$cache" ] && say "prepared the start-up cache for Java $java_major" || say "no start-up cache (the JVM could not write one); aigate runs, only slower to start"

cat > "$launcher.new" <<LAUNCHER
#!/bin/sh
# aigate launcher, written by install.sh; rerun install.sh to update it.
AIGATE_LAUNCHER=\$(cd "\$(dirname "\$0")" && pwd)/\$(basename "\$0")
export AIGATE_LAUNCHER
java='$java'
[ -x "\$java" ] || java=java
# shellcheck disable=SC2086 # the options are several words
exec "\$java" \${AIGATE_JAVA_OPTS:-$flags $cache -Xlog:cds=off -Xlog:cds+dynamic=off} -jar '$lib/aigate.jar' "\$@"
LAUNCHER
chmod +x "$launcher.new" && mv "$launcher.new" "$launcher"
say "installed $launcher ($("$launcher" --version | head -1))"

case ":$PATH:" in
  *":$bin:"*) ;;
  *) say "note: $bin is not on your PATH; add it, e.g. echo 'export PATH=\"$bin:\$PATH\"' >> ~/.profile" ;;
esac

if [ -n "$repo" ]; then
  "$launcher" -C "$repo" install
fi
if [ -n "$server" ]; then
  if [ -n "$policy" ]; then
    "$launcher" -C "$server" --policy "$policy" install --server
  else
    "$launcher" -C "$server" install --server
  fi
fi
