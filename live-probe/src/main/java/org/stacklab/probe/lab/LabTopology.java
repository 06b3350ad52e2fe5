package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.Interception;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;

/**
 * A mode's topology built for real, from the same data the simulator reads: a network namespace
 * per namespace of the mode, a veth pair per link (the namespace joined by several links forwards
 * between them, as a node does), iptables REDIRECT rules inside the pods' namespaces for each
 * interception, and a cgroup v2 directory for the lab's processes, with a child for the sockets
 * socket-level redirect covers.
 *
 * <p>Everything carries the lab's prefix and the owning process's id ({@code sl-<id>-...},
 * {@code stacklab-<id>}); nothing is made in, or changed of, the host's own namespace. Closing
 * removes it all; after a crash {@link LabCleanup} does.
 */
public final class LabTopology implements AutoCloseable {

    /** Prefix of every namespace the lab makes. */
    public static final String NETNS_PREFIX = "sl-";
    /** Prefix of the lab's cgroup directories. */
    public static final String CGROUP_PREFIX = "stacklab-";
    /** Ports the server listens on: the lab's workload, and sockperf. */
    public static final List<Integer> SERVICE_PORTS = List.of(11111, 11112);
    /** Where the outbound REDIRECT sends an app's connections: the sidecar's outbound listener, as Istio's. */
    public static final int OUTBOUND_PROXY_PORT = 15001;
    /** Where the inbound REDIRECT sends arriving connections: the sidecar's inbound listener, as Istio's. */
    public static final int INBOUND_PROXY_PORT = 15006;
    /** The user a proxy runs as, whose traffic interception exempts (Debian's haproxy package makes it). */
    static final String PROXY_USER = "haproxy";

    private final Mode mode;
    private final boolean pinCpus;
    private final String id;
    private final Map<String, String> netns = new LinkedHashMap<>();
    private final LabAddresses addresses;
    private final List<Process> processes = new ArrayList<>();
    private final Path cgroup;
    private final Path redirected;
    private final Path plain;
    private final Thread closeOnExit = new Thread(this::close, "stacklab-lab-cleanup");
    private boolean closed;

    private LabTopology(Mode mode, boolean pinCpus, Path cgroupRoot) {
        this.mode = mode;
        this.pinCpus = pinCpus;
        this.id = Long.toString(ProcessHandle.current().pid(), 36);
        this.addresses = new LabAddresses(mode.topology());
        this.cgroup = cgroupRoot.resolve(CGROUP_PREFIX + ProcessHandle.current().pid());
        this.redirected = cgroup.resolve("redirected");
        this.plain = cgroup.resolve("plain");
    }

    /**
     * Builds the topology of a mode. On failure, whatever was made is removed again.
     *
     * @param pinCpus whether each process it starts stays on one CPU (process i of the mode on CPU i mod n),
     *                which makes a VM's round trips far steadier from run to run than the scheduler's choices do
     * @throws LabException if a command fails or cgroup v2 is missing
     */
    public static LabTopology build(Mode mode, boolean pinCpus) throws LabException {
        Path root = Cgroups.root().orElseThrow(() -> new LabException("cgroup v2 is not mounted"));
        LabTopology lab = new LabTopology(mode, pinCpus, root);
        Runtime.getRuntime().addShutdownHook(lab.closeOnExit); // Ctrl-C and SIGTERM remove the lab too
        try {
            lab.create();
            return lab;
        } catch (LabException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /**
     * Makes everything. Holds the lab's lock throughout, so that a Ctrl-C arriving meanwhile waits
     * for the last step to finish and then removes all of it, rather than racing the build.
     */
    private synchronized void create() throws LabException {
        try {
            Files.createDirectories(redirected);
            Files.createDirectories(plain);
        } catch (IOException e) {
            throw new LabException("cannot create cgroup " + cgroup + ": " + e.getMessage(), e);
        }
        for (NamespaceSpec ns : mode.topology().namespaces()) {
            String name = NETNS_PREFIX + id + "-" + ns.name();
            Commands.run("ip", "netns", "add", name);
            netns.put(ns.name(), name);
            Commands.run(Commands.inNamespace(name, "ip", "link", "set", "lo", "up"));
        }
        List<Link> links = mode.topology().links();
        for (int k = 0; k < links.size(); k++) {
            createLink(k, links.get(k));
        }
        for (NamespaceSpec ns : mode.topology().namespaces()) {
            if (isRouter(ns.name())) {
                Commands.run(Commands.inNamespace(netns.get(ns.name()), "sysctl", "-qw", "net.ipv4.ip_forward=1"));
            }
            intercept(ns);
        }
    }

    private boolean isRouter(String namespace) {
        return addresses.forwards(namespace);
    }

    private void createLink(int k, Link link) throws LabException {
        String a = link.between().get(0);
        String b = link.between().get(1);
        String addressA = addresses.linkEnd(k, a);
        String addressB = addresses.linkEnd(k, b);
        String deviceA = "sl" + k + "a";
        String deviceB = "sl" + k + "b";
        Commands.run("ip", "link", "add", deviceA, "netns", netns.get(a), "type", "veth", "peer", "name", deviceB,
                "netns", netns.get(b));
        configure(a, deviceA, addressA, addressB);
        configure(b, deviceB, addressB, addressA);
    }

    private void configure(String namespace, String device, String own, String peer) throws LabException {
        String ns = netns.get(namespace);
        Commands.run(Commands.inNamespace(ns, "ip", "addr", "add", own + "/24", "dev", device));
        Commands.run(Commands.inNamespace(ns, "ip", "link", "set", device, "up"));
        if (!isRouter(namespace)) {
            Commands.run(Commands.inNamespace(ns, "ip", "route", "add", "default", "via", peer));
        }
    }

    /** The iptables REDIRECT rules of one namespace, Istio style, inside that namespace only. */
    private void intercept(NamespaceSpec ns) throws LabException {
        ProcessSpec server = mode.topology().processWithRole(Role.SERVER);
        String name = netns.get(ns.name());
        Interception outbound = ns.outbound();
        if (outbound != null && !server.namespace().equals(ns.name())) {
            checkExemptions(outbound);
            for (int rule = 1; rule < outbound.natRules(); rule++) {
                // Rules a new connection traverses before the REDIRECT, as in Istio's chains; they never match TCP.
                Commands.run(Commands.inNamespace(name, "iptables", "-t", "nat", "-A", "OUTPUT", "-p", "udp",
                        "--dport", Integer.toString(rule), "-j", "RETURN"));
            }
            for (int i = 0; i < SERVICE_PORTS.size(); i++) {
                Commands.run(Commands.inNamespace(name, "iptables", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d",
                        addresses.of(server.namespace()), "--dport", SERVICE_PORTS.get(i).toString(), "-m", "owner",
                        "!", "--uid-owner", PROXY_USER, "-j", "REDIRECT", "--to-ports",
                        Integer.toString(OUTBOUND_PROXY_PORT + i)));
            }
        }
        Interception inbound = ns.inbound();
        if (inbound != null && server.namespace().equals(ns.name())) {
            for (int i = 0; i < SERVICE_PORTS.size(); i++) {
                Commands.run(Commands.inNamespace(name, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp",
                        "--dport", SERVICE_PORTS.get(i).toString(), "-j", "REDIRECT", "--to-ports",
                        Integer.toString(INBOUND_PROXY_PORT + i)));
            }
        }
    }

    private void checkExemptions(Interception interception) throws LabException {
        for (String exempt : interception.exempt()) {
            if (mode.topology().process(exempt).role() != Role.PROXY) {
                throw new LabException("the live lab exempts proxies by their uid (" + PROXY_USER + "); it cannot exempt '"
                        + exempt + "', which is not a proxy");
            }
        }
    }

    /** Whether a proxy serves its namespace's outbound interception (the client's side). */
    private boolean servesOutbound(ProcessSpec proxy) {
        NamespaceSpec ns = mode.topology().namespace(proxy.namespace());
        return ns.outbound() != null && ns.outbound().proxy().equals(proxy.name())
                && !mode.topology().processWithRole(Role.SERVER).namespace().equals(ns.name());
    }

    /** Whether a proxy serves its namespace's inbound interception (the server's side). */
    private boolean servesInbound(ProcessSpec proxy) {
        NamespaceSpec ns = mode.topology().namespace(proxy.namespace());
        return ns.inbound() != null && ns.inbound().proxy().equals(proxy.name())
                && mode.topology().processWithRole(Role.SERVER).namespace().equals(ns.name());
    }

    /** The ports a proxy listens on once started: one per service port for each interception it serves. */
    public List<Integer> proxyPorts(ProcessSpec proxy) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < SERVICE_PORTS.size(); i++) {
            if (servesOutbound(proxy)) {
                ports.add(OUTBOUND_PROXY_PORT + i);
            }
            if (servesInbound(proxy)) {
                ports.add(INBOUND_PROXY_PORT + i);
            }
        }
        return ports;
    }

    /** The HAProxy configuration of a proxy: a listener per service port for each interception it serves. */
    public String proxyConfig(ProcessSpec proxy) {
        StringBuilder config = new StringBuilder("global\n  user " + PROXY_USER + "\n  nbthread 1\n"
                + "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 120s\n  timeout server 120s\n");
        boolean outbound = servesOutbound(proxy);
        boolean inbound = servesInbound(proxy);
        for (int i = 0; i < SERVICE_PORTS.size(); i++) {
            if (outbound) {
                config.append("listen outbound").append(i).append("\n  bind 0.0.0.0:").append(OUTBOUND_PROXY_PORT + i)
                        .append("\n  server upstream ").append(serverAddressFrom(proxy)).append(':')
                        .append(SERVICE_PORTS.get(i)).append('\n');
            }
            if (inbound) {
                config.append("listen inbound").append(i).append("\n  bind 0.0.0.0:").append(INBOUND_PROXY_PORT + i)
                        .append("\n  server upstream 127.0.0.1:").append(SERVICE_PORTS.get(i)).append('\n');
            }
        }
        return config.toString();
    }

    /** The address a process connects to in order to reach the server. */
    public String serverAddressFrom(ProcessSpec from) {
        return addresses.from(from, mode.topology().processWithRole(Role.SERVER).namespace());
    }

    /**
     * Starts a process of the topology inside its namespace and the lab's cgroup (the redirected
     * one if socket-level redirect covers it).
     */
    public synchronized Process start(ProcessSpec spec, List<String> command, Path log) throws LabException {
        if (closed) {
            throw new LabException("the lab is being removed (interrupted?); " + spec.name() + " is not started");
        }
        boolean covered = mode.topology().redirect() != null && mode.topology().redirect().cgroup().contains(spec.name());
        Path target = covered ? redirected : plain;
        List<String> full = new ArrayList<>(List.of("sh", "-c",
                "echo $$ > '" + target.resolve("cgroup.procs") + "' && exec \"$@\"", "sh"));
        full.addAll(Commands.inNamespace(netns.get(spec.namespace())));
        if (pinCpus) {
            // Process i on CPU i mod n, as the model first places its tasks.
            int cpu = mode.topology().processes().indexOf(spec) % Runtime.getRuntime().availableProcessors();
            full.addAll(List.of("taskset", "-c", Integer.toString(cpu)));
        }
        full.addAll(command);
        try {
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
            if (log != null) {
                builder.redirectOutput(log.toFile());
            }
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new LabException("cannot start " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** The network namespace's name for a namespace of the mode. */
    public String netns(String namespace) {
        return netns.get(namespace);
    }

    /** The inode number that identifies a namespace to the kernel (and to the eBPF filter). */
    public int netnsInode(String namespace) throws LabException {
        try {
            return ((Number) Files.getAttribute(Path.of("/run/netns", netns.get(namespace)), "unix:ino")).intValue();
        } catch (IOException e) {
            throw new LabException("cannot read namespace " + netns.get(namespace) + ": " + e.getMessage(), e);
        }
    }

    /** The cgroup whose sockets the sockmap redirect covers. */
    public Path redirectedCgroup() {
        return redirected;
    }

    public Mode mode() {
        return mode;
    }

    /** Stops the lab's processes and removes everything it made. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != closeOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway, and finds the lab closed
            }
        }
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        Cgroups.destroy(cgroup);
        for (String name : netns.values()) {
            Commands.runQuietly("ip", "netns", "del", name);
        }
    }
}
