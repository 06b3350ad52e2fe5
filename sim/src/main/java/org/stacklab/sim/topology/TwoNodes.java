package org.stacklab.sim.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.stacklab.sim.io.InvalidValue;

/**
 * Any one-node topology with its pods on two nodes: the client's pod on the first, every other pod on
 * the second, the nodes joined by a link, routed or through an overlay. Each node is a copy of the one
 * node, with its rules; a process of the node (a per-node proxy, as ztunnel) has a copy on each node
 * that serves that node's pods, and a pod's rules send its traffic to its own node's copy. What a node
 * proxy does on one node it so does on both (a per-node proxy's inbound rule turns the connection on
 * each node it enters), and socket-level redirect joins only sockets on one node.
 */
public enum TwoNodes {

    /** The nodes route each other's pod subnets (Calico in BGP mode, Cilium's native routing). */
    ROUTED("two-nodes", Link.Overlay.NONE),
    /** The nodes wrap pod traffic in VXLAN (Flannel's default, Cilium's tunnel mode). */
    VXLAN("two-nodes-vxlan", Link.Overlay.VXLAN);

    /** The two nodes' suffixes, the client's first. */
    private static final List<String> SIDES = List.of("-a", "-b");

    private final String suffix;
    private final Link.Overlay overlay;

    TwoNodes(String suffix, Link.Overlay overlay) {
        this.suffix = suffix;
        this.overlay = overlay;
    }

    /** As mode names carry it: {@code sidecar@two-nodes}. */
    public String suffix() {
        return suffix;
    }

    /** The spread a suffix names, or null if it names none. */
    public static TwoNodes ofSuffix(String suffix) {
        return Arrays.stream(values()).filter(t -> t.suffix.equals(suffix)).findFirst().orElse(null);
    }

    /** The suffixes, for messages. */
    public static List<String> suffixes() {
        return Arrays.stream(values()).map(TwoNodes::suffix).toList();
    }

    /** For a chooser: {@code two nodes}, {@code two nodes, VXLAN}. */
    public String label() {
        return this == ROUTED ? "two nodes" : "two nodes, VXLAN";
    }

    /** How the title of a mode on two nodes ends. */
    public String titleSuffix() {
        return this == ROUTED ? ", pods on two nodes" : ", pods on two nodes through VXLAN";
    }

    /** How the description of a mode on two nodes ends: what differs. */
    public String describe(String firstNode, String secondNode) {
        return " Here the client's pod is on " + firstNode + " and the server's on " + secondNode + ", the nodes "
                + (this == ROUTED ? "routing each other's pod subnets" : "wrapping pod traffic in VXLAN")
                + " over the link between them.";
    }

    /**
     * The topology with its pods on two nodes.
     *
     * @throws InvalidValue (field {@code links}) unless it has one node, which every link joins to a pod
     */
    public Topology spread(Topology one) {
        List<String> nodes = one.nodes();
        InvalidValue.require(nodes.size() == 1, "links", "a mode spread over two nodes has its pods on one node,"
                + " a namespace every link joins to a pod; this one has " + (nodes.isEmpty() ? "none" : nodes));
        String node = nodes.get(0);
        for (Link link : one.links()) {
            InvalidValue.require(link.joins(node), "links", "a mode spread over two nodes joins each pod to its node;"
                    + " link " + link.between() + " does not reach '" + node + "'");
        }
        String clientPod = one.processWithRole(Role.CLIENT).namespace();
        InvalidValue.require(one.processes().stream().allMatch(p -> p.role() == Role.PROXY || !p.namespace().equals(node)),
                "processes", "a mode spread over two nodes has its apps in pods; only proxies run in the node '" + node + "'");
        // Which side each namespace is on: 0 for the client's pod, 1 for the others; the node is on both.
        Map<String, Integer> sideOf = new LinkedHashMap<>();
        one.namespaces().forEach(ns -> sideOf.put(ns.name(), ns.name().equals(clientPod) ? 0 : 1));
        List<String> nodeProcesses = one.processes().stream().filter(p -> p.namespace().equals(node))
                .map(ProcessSpec::name).toList();
        List<NamespaceSpec> namespaces = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>(); // node processes a rule or a waypoint names, on its side
        for (NamespaceSpec ns : one.namespaces()) {
            if (ns.name().equals(node)) {
                for (int side = 0; side < SIDES.size(); side++) {
                    namespaces.add(onSide(ns, node + SIDES.get(side), rename(nodeProcesses, side), named));
                }
            } else {
                namespaces.add(onSide(ns, ns.name(), rename(nodeProcesses, sideOf.get(ns.name())), named));
            }
        }
        List<ProcessSpec> processes = new ArrayList<>();
        for (ProcessSpec p : one.processes()) {
            if (!p.namespace().equals(node)) {
                processes.add(p);
                continue;
            }
            for (int side = 0; side < SIDES.size(); side++) {
                String name = p.name() + SIDES.get(side);
                String home = node + SIDES.get(side);
                int onThisSide = side;
                List<String> socketsIn = p.socketsIn().stream()
                        .filter(ns -> ns.equals(node) || sideOf.get(ns) == onThisSide)
                        .map(ns -> ns.equals(node) ? home : ns).toList();
                if (named.contains(name)) { // a copy no rule sends traffic to would serve nothing
                    processes.add(new ProcessSpec(name, home, p.role(), p.eventLoop(),
                            socketsIn.isEmpty() ? List.of(home) : socketsIn, p.costs()));
                }
            }
        }
        List<Link> links = new ArrayList<>();
        for (Link link : one.links()) {
            String pod = link.other(node);
            links.add(new Link(List.of(pod, node + SIDES.get(sideOf.get(pod))), link.overlay()));
        }
        links.add(new Link(List.of(node + SIDES.get(0), node + SIDES.get(1)), overlay));
        SocketRedirect redirect = one.redirect() == null ? null : new SocketRedirect(one.redirect().cgroup().stream()
                .flatMap(name -> nodeProcesses.contains(name) ? SIDES.stream().map(s -> name + s) : Stream.of(name))
                .filter(name -> processes.stream().anyMatch(p -> p.name().equals(name))).toList(), one.redirect().scope());
        return new Topology(namespaces, processes, links, redirect, one.service());
    }

    /** Node process names as they are on one side: {@code ztunnel} to {@code ztunnel-a}. */
    private static UnaryOperator<String> rename(List<String> nodeProcesses, int side) {
        return name -> nodeProcesses.contains(name) ? name + SIDES.get(side) : name;
    }

    /** A namespace on one side, its rules naming that side's copies of the node's processes. */
    private static NamespaceSpec onSide(NamespaceSpec ns, String name, UnaryOperator<String> rename, Set<String> named) {
        Interception outbound = onSide(ns.outbound(), rename, named);
        Interception inbound = onSide(ns.inbound(), rename, named);
        String waypoint = ns.waypoint() == null ? null : rename.apply(ns.waypoint());
        if (waypoint != null) {
            named.add(waypoint);
        }
        return new NamespaceSpec(name, ns.filterRules(), outbound, inbound, waypoint, ns.forwarding());
    }

    private static Interception onSide(Interception interception, UnaryOperator<String> rename, Set<String> named) {
        if (interception == null) {
            return null;
        }
        String proxy = rename.apply(interception.proxy());
        named.add(proxy);
        return new Interception(proxy, interception.exempt().stream().map(rename).toList(), interception.natRules());
    }
}
