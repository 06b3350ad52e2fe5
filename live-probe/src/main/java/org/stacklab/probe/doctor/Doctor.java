package org.stacklab.probe.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.lab.Cgroups;
import org.stacklab.probe.lab.Commands;
import org.stacklab.probe.lab.LabTopology;

/**
 * Checks everything the live probe needs, without changing anything, and says how to fix what
 * is missing. The probe runs only when every required check passes.
 */
public final class Doctor {

    /** The name of the check for root (or CAP_BPF and CAP_NET_ADMIN). */
    public static final String ROOT_CHECK = "root (CAP_BPF, CAP_NET_ADMIN)";

    private static final AtomicInteger VETH_TRIALS = new AtomicInteger();

    private Doctor() {
    }

    public static List<Check> run() {
        List<Check> checks = new ArrayList<>();
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        checks.add(new Check("Linux", linux, System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "the live probe needs a Linux lab VM; simulation, the lab and recordings work anywhere", true));
        if (!linux) {
            return checks;
        }
        boolean root = "0".equals(uid());
        checks.add(new Check(ROOT_CHECK, root, root ? "uid 0" : "uid " + uid(),
                "run the probe as root (sudo ./stacklab probe run ...)", true));
        checks.add(file("BTF (/sys/kernel/btf/vmlinux)", "/sys/kernel/btf/vmlinux",
                "a kernel built with CONFIG_DEBUG_INFO_BTF=y", true));
        checks.add(new Check("cgroup v2", Cgroups.root().isPresent(), Cgroups.root().map(Path::toString).orElse("not mounted"),
                "mount -t cgroup2 none /sys/fs/cgroup/unified", true));
        checks.add(file("network namespaces (/proc/self/ns/net)", "/proc/self/ns/net", "a kernel with CONFIG_NET_NS", true));
        checks.add(new Check("live-probe native parts", NativeFiles.built(),
                NativeFiles.built() ? "JNI bridge, eBPF objects and workload driver are in this build" : "not built",
                "install clang, llvm, libbpf-dev, bpftool, gcc and rebuild: as root, ./stacklab setup", true));
        if (root && NativeFiles.built()) {
            checks.add(tryLoad("BPF syscall, ring buffer, tp_btf tracepoints", NativeFiles.PATH_PROBE));
            checks.add(tryLoad("SOCKHASH, sock_ops and sk_msg programs", NativeFiles.SOCKMAP_REDIRECT));
        }
        if (root && Commands.onPath("ip")) {
            checks.add(tryVeth());
        }
        for (String[] tool : new String[][] {
                {"ip", "iproute2", "true"}, {"iptables", "iptables", "true"}, {"haproxy", "haproxy", "true"},
                {"sockperf", "sockperf", "false"}, {"clang", "clang", "false"}, {"bpftool", "bpftool", "false"}}) {
            boolean present = Commands.onPath(tool[0]);
            checks.add(new Check(tool[0], present, present ? "found" : "not found",
                    "apt-get install " + tool[1] + (tool[2].equals("true") ? "" : " (yardstick or rebuild only)"),
                    Boolean.parseBoolean(tool[2])));
        }
        return checks;
    }

    /** Whether every required check passed. */
    public static boolean liveModeCanRun(List<Check> checks) {
        return checks.stream().allMatch(c -> c.passed() || !c.required());
    }

    /** The checks as lines for a terminal. */
    public static String format(List<Check> checks) {
        StringBuilder out = new StringBuilder();
        for (Check c : checks) {
            out.append(c.passed() ? "  ok    " : c.required() ? "  FAIL  " : "  warn  ").append(c.name()).append(": ")
                    .append(c.detail());
            if (!c.passed()) {
                out.append(" — fix: ").append(c.fix());
            }
            out.append(System.lineSeparator());
        }
        out.append(liveModeCanRun(checks) ? "Live mode can run." : "Live mode cannot run here; simulation,"
                + " the lab and replays of recordings still work.").append(System.lineSeparator());
        return out.toString();
    }

    private static Check file(String name, String path, String fix, boolean required) {
        boolean present = Files.exists(Path.of(path));
        return new Check(name, present, present ? path : path + " missing", fix, required);
    }

    /** Loads an object without attaching it: proves the kernel takes its programs and maps. */
    private static Check tryLoad(String name, String object) {
        try (BpfObject loaded = BpfObject.load(NativeFiles.get().file(object))) {
            return new Check(name, true, object + " loads", "", true);
        } catch (BpfException e) {
            return new Check(name, false, e.getMessage(), "a 6.x kernel with BPF, BTF and sockmap; see libbpf's log: "
                    + e.libbpfLog().lines().reduce((a, b) -> b).orElse(""), true);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return new Check(name, false, e.getMessage(), "rebuild the native parts: ./stacklab setup", true);
        }
    }

    /** Makes a veth pair inside a throwaway namespace and removes it again. */
    private static Check tryVeth() {
        // Named as the lab's own namespaces (so a cleanup knows its owner), and unique per call: two
        // doctors in one process (two lab windows) may ask at the same time.
        String ns = LabTopology.NETNS_PREFIX + Long.toString(ProcessHandle.current().pid(), 36) + "-doctor"
                + VETH_TRIALS.incrementAndGet();
        try {
            Commands.run("ip", "netns", "add", ns);
            Commands.run(Commands.inNamespace(ns, "ip", "link", "add", "sla", "type", "veth", "peer", "name", "slb"));
            return new Check("network namespaces and veth", true, "made and removed a veth pair in " + ns, "", true);
        } catch (LabException e) {
            return new Check("network namespaces and veth", false, e.getMessage(), "a kernel with CONFIG_VETH", true);
        } finally {
            Commands.runQuietly("ip", "netns", "del", ns);
        }
    }

    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2]; // effective uid
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return "unknown";
    }
}
