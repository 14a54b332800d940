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
#
# Rerunning it upgrades in place. Needs Java 17+, Maven and git.
set -eu

PREFIX=${PREFIX:-$HOME/.local}
here=$(cd "$(dirname "$0")" && pwd)
repo="" server="" policy="" uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --repo) repo=${2:?--repo needs a directory}; shift 2 ;;
    --server) server=${2:?--server needs a bare repository}; shift 2 ;;
    --policy) policy=${2:?--policy needs a file}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (see ./install.sh --help)" >&2; exit 2 ;;
  esac
done

bin=$PREFIX/bin
lib=$PREFIX/lib/aigate
launcher=$bin/aigate
say() { printf 'aigate install: %s\n' "$*"; }
die() { printf 'aigate install: %s\n' "$*" >&2; exit 1; }

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
command -v git >/dev/null 2>&1 || die "git is not on PATH; install git first"
java=${JAVA:-}
if [ -z "$java" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java; else java=$(command -v java || true); fi
fi
[ -n "$java" ] && [ -x "$java" ] || die "java is not on PATH; install a Java 17 or newer JDK (or set JAVA_HOME)"
java_version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
java_major=${java_version%%.*}
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || die "aigate needs Java 17 or newer; $java is Java ${java_version:-unknown}"
java=$(cd "$(dirname "$java")" && pwd -P)/$(basename "$java")

jar=$here/target/aigate.jar
if [ -f "$here/pom.xml" ]; then
  command -v mvn >/dev/null 2>&1 || die "mvn is not on PATH; install Maven to build aigate"
  say "building with Maven (this takes a minute the first time)"
  (cd "$here" && JAVA_HOME=$(dirname "$(dirname "$java")") mvn -B -q -Dstyle.color=never package -DskipTests) || die "the build failed; see the Maven output above"
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
(cd "$train" && git init -q && git -c user.name=aigate -c user.email=aigate@localhost commit -q --allow-empty -m base &&
  echo x > x && git add x) >/dev/null 2>&1
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
[ -n "$cache" ] && say "prepared the start-up cache for Java $java_version" || say "no start-up cache (the JVM could not write one); aigate runs, only slower to start"

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
