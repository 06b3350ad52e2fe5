#!/usr/bin/env bash
# Builds the live probe's native parts into OUT (a resource folder of the jar): the JNI bridge to
# libbpf, the eBPF objects of bpf/, and the workload driver. Where a tool is missing it says so in
# one line and builds nothing, so that the simulator and the UI still build.
#   build-native.sh OUT JNI_HEADERS JAVA_HOME BUILD_DIR
set -euo pipefail
OUT=$1 HEADERS=$2 JAVA_HOME=$3 BUILD=$4
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BPF=$(cd "$HERE/../../../../bpf" && pwd)

missing=()
for tool in gcc clang bpftool make; do command -v $tool >/dev/null || missing+=("$tool"); done
[ -f /usr/include/bpf/libbpf.h ] || missing+=("libbpf-dev")
[ -r /sys/kernel/btf/vmlinux ] || missing+=("kernel BTF (/sys/kernel/btf/vmlinux)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "[stacklab] live probe native part skipped: missing ${missing[*]} (as root, ./stacklab setup installs them)"
  exit 0
fi

mkdir -p "$OUT" "$BUILD"
make -s -C "$BPF" OUT="$BUILD/bpf"
cp "$BUILD"/bpf/*.bpf.o "$OUT/"
gcc -O2 -Wall -shared -fPIC -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -I"$HEADERS" -I"$BPF/include" \
    -o "$OUT/libstacklab_bpf.so" "$HERE/libbpf_jni.c" -lbpf
gcc -O2 -Wall -pthread -o "$OUT/workload-driver" "$HERE/workload-driver.c" -lm
# The bridge's ring-buffer drain, unit-tested on its own (RingDrainTest runs it); not shipped in the jar.
gcc -O2 -Wall -Werror -I"$HERE" -o "$BUILD/ring-drain-test" "$HERE/../../test/c/ring_drain_test.c"
