package org.stacklab.probe.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.Topology;

/**
 * The lab's network: a network namespace per namespace of the topology, a veth pair per link, each
 * end addressed as {@link LabAddresses} says, a default route out of each pod, and forwarding in
 * the namespace that several links join (the node). Names carry the lab's prefix and id.
 */
final class LabNetwork {

    private final Topology topology;
    private final String id;
    private final LabAddresses addresses;
    private final Map<String, String> netns = new LinkedHashMap<>();

    /** The lab's VXLAN devices, {@code slvx<k>} over link {@code k}: one network id, the IANA port. */
    private static final String TUNNEL_PREFIX = "slvx";
    private static final String VXLAN_ID = "42";
    private static final String VXLAN_PORT = "4789";
    private static final int VXLAN_UNDERLAY_MTU = 1550;

    LabNetwork(Topology topology, String id) {
        this.topology = topology;
        this.id = id;
        this.addresses = new LabAddresses(topology);
    }

    void create() throws LabException {
        for (NamespaceSpec ns : topology.namespaces()) {
            String name = LabTopology.NETNS_PREFIX + id + "-" + ns.name();
            Commands.run("ip", "netns", "add", name);
            netns.put(ns.name(), name);
            Commands.run(Commands.inNamespace(name, "ip", "link", "set", "lo", "up"));
        }
        List<Link> links = topology.links();
        for (int k = 0; k < links.size(); k++) {
            createLink(k, links.get(k));
        }
        for (NamespaceSpec ns : topology.namespaces()) {
            if (topology.forwards(ns.name())) {
                Commands.run(Commands.inNamespace(netns.get(ns.name()), "sysctl", "-qw", "net.ipv4.ip_forward=1"));
            }
        }
        for (int k = 0; k < links.size(); k++) {
            if (links.get(k).overlay() == Link.Overlay.VXLAN) {
                createTunnel(k, links.get(k));
            }
        }
        for (NamespaceSpec ns : topology.namespaces()) {
            if (topology.forwards(ns.name())) {
                routeToFarSubnets(ns.name());
            }
        }
    }

    /**
     * A VXLAN device at each end of an overlay link, point to point over the veth beneath (whose MTU grows by
     * the 50 bytes of the outer headers, so that the tunnel carries 1,500-byte packets), addressed in a subnet
     * of its own.
     */
    private void createTunnel(int k, Link link) throws LabException {
        for (String end : link.between()) {
            String ns = netns.get(end);
            String other = link.other(end);
            Commands.run(Commands.inNamespace(ns, "ip", "link", "set", device(k, end), "mtu", Integer.toString(VXLAN_UNDERLAY_MTU)));
            Commands.run(Commands.inNamespace(ns, "ip", "link", "add", TUNNEL_PREFIX + k, "type", "vxlan", "id", VXLAN_ID,
                    "local", addresses.linkEnd(k, end), "remote", addresses.linkEnd(k, other), "dstport", VXLAN_PORT,
                    "dev", device(k, end)));
            Commands.run(Commands.inNamespace(ns, "ip", "addr", "add", addresses.tunnelEnd(k, end) + "/24", "dev",
                    TUNNEL_PREFIX + k));
            Commands.run(Commands.inNamespace(ns, "ip", "link", "set", TUNNEL_PREFIX + k, "up"));
        }
    }

    /**
     * A node's routes to the subnets of links it is not on: through the neighbour the topology's links lead
     * to them by (its tunnel's address where the link between has an overlay), as a CNI's routes do.
     */
    private void routeToFarSubnets(String node) throws LabException {
        List<Link> links = topology.links();
        for (int far = 0; far < links.size(); far++) {
            if (links.get(far).joins(node)) {
                continue;
            }
            // Towards the nearer end of the far link: the next namespace on the way, over the link it shares.
            List<String> toA = topology.route(node, links.get(far).between().get(0));
            List<String> toB = topology.route(node, links.get(far).between().get(1));
            String neighbour = (toA.size() <= toB.size() ? toA : toB).get(1);
            int first = links.indexOf(topology.link(node, neighbour));
            String via = links.get(first).overlay() == Link.Overlay.VXLAN ? addresses.tunnelEnd(first, neighbour)
                    : addresses.linkEnd(first, neighbour);
            Commands.run(Commands.inNamespace(netns.get(node), "ip", "route", "add", addresses.subnet(far), "via", via));
        }
    }

    private void createLink(int k, Link link) throws LabException {
        String a = link.between().get(0);
        String b = link.between().get(1);
        String deviceA = device(k, a);
        String deviceB = device(k, b);
        Commands.run("ip", "link", "add", deviceA, "netns", netns.get(a), "type", "veth", "peer", "name", deviceB,
                "netns", netns.get(b));
        configure(a, deviceA, addresses.linkEnd(k, a), addresses.linkEnd(k, b));
        configure(b, deviceB, addresses.linkEnd(k, b), addresses.linkEnd(k, a));
    }

    private void configure(String namespace, String device, String own, String peer) throws LabException {
        String ns = netns.get(namespace);
        Commands.run(Commands.inNamespace(ns, "ip", "addr", "add", own + "/24", "dev", device));
        Commands.run(Commands.inNamespace(ns, "ip", "link", "set", device, "up"));
        if (!topology.forwards(namespace)) {
            Commands.run(Commands.inNamespace(ns, "ip", "route", "add", "default", "via", peer));
        }
    }

    /** The name of link {@code k}'s end in {@code namespace}: {@code sl<k>a} in its first, {@code sl<k>b} in its second. */
    private String device(int k, String namespace) {
        return "sl" + k + (topology.links().get(k).between().get(0).equals(namespace) ? "a" : "b");
    }

    /** The veth ends in a namespace, in the order of the topology's links. */
    List<String> devicesIn(String namespace) {
        List<String> devices = new ArrayList<>();
        for (int k = 0; k < topology.links().size(); k++) {
            if (topology.links().get(k).joins(namespace)) {
                devices.add(device(k, namespace));
            }
        }
        return devices;
    }

    /** Where a namespace of the topology is, as a file ({@code /run/netns/…}). */
    Path netnsPath(String namespace) {
        return Path.of("/run/netns", netns.get(namespace));
    }

    LabAddresses addresses() {
        return addresses;
    }

    /** The network namespace's name for a namespace of the topology. */
    String netns(String namespace) {
        return netns.get(namespace);
    }

    /** The inode number that identifies a namespace to the kernel (and to the eBPF filter). */
    int netnsInode(String namespace) throws LabException {
        try {
            return ((Number) Files.getAttribute(netnsPath(namespace), "unix:ino")).intValue();
        } catch (IOException e) {
            throw new LabException("cannot read namespace " + netns.get(namespace) + ": " + e.getMessage(), e);
        }
    }

    /** Removes every namespace made, and with them their devices and rules. */
    void close() {
        for (String name : netns.values()) {
            Commands.runQuietly("ip", "netns", "del", name);
        }
    }
}
