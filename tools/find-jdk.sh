# Sourced by ./mvnw and ./taskforge. Prints the home of the newest JDK whose feature
# version is at least $TASKFORGE_MIN_JAVA (default 21), so nobody has to set JAVA_HOME:
# the machine's default java may be older than what Taskforge needs.
taskforge_java_version() {
  # "25.0.3" / "21" / "1.8.0_392" -> feature number (25, 21, 8). The JDK's release file says it
  # without starting a JVM (half a second each); ask the JVM only when that file is missing.
  local v=""
  if [ -r "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n1)
  fi
  [ -n "$v" ] || v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  case "$v" in 1.*) v=${v#1.} ;; esac
  echo "${v%%.*}"
}

taskforge_find_jdk() {
  local min=${TASKFORGE_MIN_JAVA:-21} best="" best_v=0 candidate v
  for candidate in "${TASKFORGE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    v=$(taskforge_java_version "$candidate")
    [ -n "$v" ] || continue
    # An explicitly chosen JDK wins as long as it is new enough.
    if [ "$candidate" = "${TASKFORGE_JAVA_HOME:-}" ] && [ "$v" -ge "$min" ]; then echo "$candidate"; return 0; fi
    if [ "$v" -gt "$best_v" ]; then best="$candidate"; best_v=$v; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(taskforge_java_version "$candidate")
    best="$candidate"; best_v=${v:-0}
  fi
  if [ -z "$best" ] || [ "$best_v" -lt "$min" ]; then
    echo "taskforge: no JDK $min or newer found (looked in JAVA_HOME, /usr/lib/jvm, /usr/local/lib/jvm, /opt)." >&2
    echo "taskforge: install one, e.g. 'apt-get install openjdk-21-jdk', or point TASKFORGE_JAVA_HOME at it." >&2
    return 1
  fi
  echo "$best"
}
