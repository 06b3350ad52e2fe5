#!/usr/bin/env bash
# Installs what Stack Lab needs and builds it.
#   setup.sh build   install (as root) what is missing, then build the launcher's jar
#   setup.sh test    the same, then run every test of every module (mvn verify)
# As root on Debian/Ubuntu it installs the packages of the build, of the lab window and of the live
# probe (eBPF toolchain, iptables, haproxy, sockperf). As a normal user it installs nothing: it
# builds what it can and says which packages are missing and what they are for.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ACTION=${1:-build}
shift || true

say() { echo "stacklab setup: $*" >&2; }

# package -> what it is for
declare -A PURPOSE=(
  [openjdk-17-jdk-headless]="Java 17 to build and run the lab"
  [maven]="the build (./mvnw is used when it is missing)"
  [gcc]="the live probe's JNI bridge and its C workload"
  [make]="the eBPF programs' build"
  [libgtk-3-0]="the JavaFX lab window"
  [xvfb]="the lab window without a display (screenshots, CI)"
  [clang]="compiling the eBPF programs"
  [llvm]="the eBPF programs' object tools"
  [libbpf-dev]="loading the eBPF programs"
  [bpftool]="generating vmlinux.h for the eBPF programs"
  [iproute2]="the live probe's network namespaces and veths"
  [iptables]="the live probe's sidecar interception"
  [haproxy]="the live probe's real sidecar proxy"
  [sockperf]="the live probe's latency yardstick"
)
PACKAGES=(openjdk-17-jdk-headless maven gcc make libgtk-3-0 xvfb clang llvm libbpf-dev bpftool iproute2 iptables haproxy sockperf)

missing=()
if command -v dpkg-query >/dev/null; then
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
      # A distribution may lack one of them (older Ubuntu has no bpftool package): take the rest.
      for p in "${missing[@]}"; do
        apt-get install -y -q --no-install-recommends "$p" >&2 || say "could not install $p: ${PURPOSE[$p]}"
      done
    fi
  else
    say "not root (or no apt-get), so nothing is installed; missing packages:"
    for p in "${missing[@]}"; do say "  $p: ${PURPOSE[$p]}"; done
    say "as root, ./stacklab setup installs them; the simulator and the command line build without them."
  fi
fi

command -v java >/dev/null || { say "Java 17 is needed: install openjdk-17-jdk-headless"; exit 2; }
MVN=(mvn)
command -v mvn >/dev/null || MVN=("$ROOT/mvnw")
cd "$ROOT"
case "$ACTION" in
  build)
    say "building (one minute the first time)"
    # Formatting is for the test command to check: a rebuild to run what was edited never stops at it.
    "${MVN[@]}" -B -q install -DskipTests -Dspotless.check.skip=true >&2
    ;;
  test)
    "${MVN[@]}" -B verify "$@"
    ;;
  *)
    say "unknown action '$ACTION' (expected build or test)"; exit 2 ;;
esac
