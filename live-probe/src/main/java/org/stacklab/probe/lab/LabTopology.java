package org.stacklab.probe.lab;

import java.nio.file.Path;
import java.util.List;
import org.stacklab.sim.engine.CpuPlacement;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;

/**
 * A mode's topology built for real, from the same data the simulator reads and the path it resolves:
 * the namespaces and their links ({@link LabNetwork}), the iptables REDIRECTs the path meets
 * ({@link NatRules}), the proxies' listeners ({@link ProxyConfig}) and the processes in the lab's
 * cgroups ({@link LabProcesses}). Nothing here knows a mode by name.
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

    private final Mode mode;
    private final LabNetwork network;
    private final LabProcesses processes;
    private final Thread closeOnExit = new Thread(this::close, "stacklab-lab-cleanup");
    private boolean closed;

    private LabTopology(Mode mode, CpuPlacement placement, Path cgroupRoot) {
        this.mode = mode;
        this.network = new LabNetwork(mode.topology(), Long.toString(ProcessHandle.current().pid(), 36));
        this.processes = new LabProcesses(mode.topology(), placement,
                cgroupRoot.resolve(CGROUP_PREFIX + ProcessHandle.current().pid()));
    }

    /**
     * Builds the topology of a mode. On failure, whatever was made is removed again.
     *
     * @param placement where the processes it starts run ({@code taskset}); a VM's round trips are far steadier
     *                  from run to run under a placement that keeps them on CPUs than under the scheduler's choices
     * @throws LabException if a command fails or cgroup v2 is missing
     */
    public static LabTopology build(Mode mode, CpuPlacement placement) throws LabException {
        Path root = Cgroups.root().orElseThrow(() -> new LabException("cgroup v2 is not mounted"));
        LabTopology lab = new LabTopology(mode, placement, root);
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
        processes.createCgroups();
        network.create();
        NatRules.install(network, mode);
    }

    /** Where a proxy listens once started: a port in a network namespace (the lab's name for it). */
    public record ProxyPort(String netns, int port) {
    }

    public List<ProxyPort> proxyPorts(ProcessSpec proxy) {
        return ProxyConfig.listeners(mode, network.addresses(), proxy).stream()
                .map(l -> new ProxyPort(network.netns(l.namespace()), l.port())).toList();
    }

    /** The HAProxy configuration of a proxy. */
    public String proxyConfig(ProcessSpec proxy) {
        return ProxyConfig.haproxy(proxy, ProxyConfig.listeners(mode, network.addresses(), proxy), network::netns);
    }

    /** The address a process connects to in order to reach the server: the service's, if it has one. */
    public String serverAddressFrom(ProcessSpec from) {
        if (mode.topology().service() != null && from.role() == Role.CLIENT) {
            return LabAddresses.SERVICE_ADDRESS;
        }
        return serverAddress(from);
    }

    /** Where the server is, from a process: its own address (the service's backend). */
    public String serverAddress(ProcessSpec from) {
        return network.addresses().from(from, mode.topology().processWithRole(Role.SERVER).namespace());
    }

    /** The lab's cgroup, which holds every process it starts. */
    public Path cgroup() {
        return processes.cgroup();
    }

    /**
     * Starts a process of the topology inside its namespace and the lab's cgroup (the redirected
     * one if socket-level redirect covers it).
     */
    public synchronized Process start(ProcessSpec spec, List<String> command, Path log) throws LabException {
        if (closed) {
            throw new LabException("the lab is being removed (interrupted?); " + spec.name() + " is not started");
        }
        return processes.start(spec, network.netns(spec.namespace()), command, log);
    }

    /** The network namespace's name for a namespace of the mode. */
    public String netns(String namespace) {
        return network.netns(namespace);
    }

    /** The inode number that identifies a namespace to the kernel (and to the eBPF filter). */
    public int netnsInode(String namespace) throws LabException {
        return network.netnsInode(namespace);
    }

    /** Where a namespace of the mode is, as a file, for a program that works inside it. */
    public Path netnsPath(String namespace) {
        return network.netnsPath(namespace);
    }

    /** The veth ends in a namespace of the mode. */
    public List<String> devicesIn(String namespace) {
        return network.devicesIn(namespace);
    }

    /**
     * The cgroups whose sockets the sockmap redirect covers, one per node: each node's kernel has a sockhash of
     * its own, so that a message between two nodes is never redirected.
     */
    public List<Path> redirectedCgroups() {
        return processes.redirectedNodes().stream().map(processes::redirectedCgroup).toList();
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
        processes.close();
        network.close();
    }
}
