package org.stacklab.probe.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.bpf.BpfException;
import org.stacklab.probe.bpf.BpfObject;
import org.stacklab.probe.lab.Cgroups;
import org.stacklab.probe.lab.Commands;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.lab.LabTopology;
import org.stacklab.probe.run.ThisHost;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.Role;

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

    /** Every check, with the tools of every mode required. */
    public static List<Check> run() {
        return run(null);
    }

    /**
     * Every check, with only the tools these modes need required: HAProxy where a mode has a proxy,
     * iptables where it intercepts.
     *
     * @param modes the modes about to be measured, or null for all of them
     */
    public static List<Check> run(List<Mode> modes) {
        List<Check> checks = new ArrayList<>();
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        checks.add(new Check("Linux", linux, ThisHost.kernel(),
                "the live probe needs a Linux lab VM; simulation, the lab and recordings work anywhere", true));
        if (!linux) {
            return checks;
        }
        boolean root = isRoot();
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
            checks.add(tryLoad("tc programs with bpf_fib_lookup and bpf_redirect_peer (eBPF host routing)",
                    NativeFiles.HOST_ROUTING));
        }
        if (root && Commands.onPath("ip")) {
            checks.add(tryVeth());
        }
        checks.add(netkit());
        boolean proxies = modes == null || modes.stream().anyMatch(m -> m.topology().processes().stream()
                .anyMatch(p -> p.role() == Role.PROXY));
        boolean intercepts = modes == null || modes.stream().anyMatch(m -> m.topology().namespaces().stream()
                .anyMatch(ns -> ns.outbound() != null || ns.inbound() != null));
        checks.add(tool("ip", "iproute2", true, ""));
        checks.add(tool("iptables", "iptables", intercepts, " (only modes that intercept need it)"));
        checks.add(tool("haproxy", "haproxy", proxies, " (only modes with a proxy need it)"));
        checks.add(tool("sockperf", "sockperf", false, " (the yardstick only)"));
        checks.add(tool("clang", "clang", false, " (rebuilding the eBPF programs only)"));
        checks.add(tool("bpftool", "bpftool", false, " (rebuilding the eBPF programs only)"));
        return checks;
    }

    /** A tool on the PATH: missing, present but not executable, or ready. */
    private static Check tool(String name, String pkg, boolean required, String whenOptional) {
        Optional<Path> file = Commands.find(name);
        if (file.isEmpty()) {
            return new Check(name, false, "not found", "apt-get install " + pkg + (required ? "" : whenOptional), required);
        }
        if (!Files.isExecutable(file.get())) {
            return new Check(name, false, file.get() + " is there but not executable",
                    "chmod 755 " + file.get() + ", or apt-get install --reinstall " + pkg, required);
        }
        return new Check(name, true, file.get().toString(), "", required);
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

    /**
     * netkit devices (kernel 6.7+, CONFIG_NETKIT), where Cilium runs its programs in a pod device's own transmit:
     * whether this kernel has the driver (its transmit routine is among the kernel's symbols). Not required: the
     * lab's host routing runs on veth.
     */
    static Check netkit() {
        boolean present;
        try (java.util.stream.Stream<String> symbols = Files.lines(Path.of("/proc/kallsyms"))) {
            present = symbols.anyMatch(line -> line.endsWith(" netkit_xmit") || line.contains(" netkit_xmit\t"));
        } catch (IOException | java.io.UncheckedIOException e) {
            present = false;
        }
        return new Check("netkit devices", present, present ? "the kernel has the netkit driver"
                : "the kernel has no netkit driver: eBPF host routing runs on veth only",
                "a kernel built with CONFIG_NETKIT (6.7 or later), or modprobe netkit", false);
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

    /** Whether this process runs as root (effective uid 0). */
    public static boolean isRoot() {
        return "0".equals(uid());
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
