package org.stacklab.sim.topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stacklab.sim.io.InvalidValue;

/**
 * Namespaces, the processes in them, the veth links between them and, optionally, socket-level
 * redirect and a service in front of the server: everything a mode's path follows from. Checked for
 * consistency when made.
 */
public record Topology(List<NamespaceSpec> namespaces, List<ProcessSpec> processes, List<Link> links,
                       SocketRedirect redirect, ServiceSpec service) {

    /** A topology whose client reaches the server by its own address. */
    public Topology(List<NamespaceSpec> namespaces, List<ProcessSpec> processes, List<Link> links,
                    SocketRedirect redirect) {
        this(namespaces, processes, links, redirect, null);
    }

    public Topology {
        namespaces = List.copyOf(namespaces);
        processes = List.copyOf(processes);
        links = links == null ? List.of() : List.copyOf(links);
        validate(namespaces, processes, links, redirect);
        validateService(namespaces, processes, service);
    }

    /** This topology with another service in front of its server. */
    public Topology withService(ServiceSpec other) {
        return new Topology(namespaces, processes, links, redirect, other);
    }

    /**
     * The namespaces a packet passes through from one namespace to another by the links, both included
     * (breadth first: the fewest links).
     *
     * @throws InvalidValue (field {@code links}) if no links lead there
     */
    public List<String> route(String from, String to) {
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> frontier = new ArrayDeque<>(List.of(from));
        cameFrom.put(from, from);
        while (!frontier.isEmpty()) {
            String ns = frontier.removeFirst();
            if (ns.equals(to)) {
                List<String> route = new ArrayList<>();
                for (String at = to; !at.equals(from); at = cameFrom.get(at)) {
                    route.add(at);
                }
                route.add(from);
                Collections.reverse(route);
                return route;
            }
            for (Link link : links) {
                if (link.joins(ns) && cameFrom.putIfAbsent(link.other(ns), ns) == null) {
                    frontier.addLast(link.other(ns));
                }
            }
        }
        throw new InvalidValue("links", "the path never reaches the server: no veth links lead from namespace '"
                + from + "' to '" + to + "'");
    }

    /**
     * The namespaces that forward between links: the nodes. A topology without one (everything in one
     * namespace) is one node all the same.
     */
    public List<String> nodes() {
        return namespaces.stream().map(NamespaceSpec::name).filter(this::forwards).toList();
    }

    /** Whether packets pass through this namespace from one link to another: whether it is a node. */
    public boolean forwards(String namespace) {
        return links.stream().filter(l -> l.joins(namespace)).count() > 1;
    }

    /**
     * The node a namespace is on: itself if it is one, else the node its link leads to (a pod has one
     * link); null in a topology without nodes.
     */
    public String nodeOf(String namespace) {
        if (forwards(namespace)) {
            return namespace;
        }
        return links.stream().filter(l -> l.joins(namespace)).map(l -> l.other(namespace)).filter(this::forwards)
                .findFirst().orElse(null);
    }

    /**
     * Whether a message from {@code sender} to {@code receiver} is redirected at socket level: the redirect
     * covers both, and both are on one node, whose kernel holds both sockets in its sockhash.
     */
    public boolean redirects(ProcessSpec sender, ProcessSpec receiver) {
        return redirect != null && redirect.redirects(sender, receiver)
                && Objects.equals(nodeOf(sender.namespace()), nodeOf(receiver.namespace()));
    }

    /** The link joining two namespaces. */
    public Link link(String a, String b) {
        return links.stream().filter(l -> l.joins(a) && l.joins(b)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no link joins '" + a + "' and '" + b + "'"));
    }

    public NamespaceSpec namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no namespace '" + name + "'"));
    }

    public ProcessSpec process(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no process '" + name + "'"));
    }

    /** The single process with this role. */
    public ProcessSpec processWithRole(Role role) {
        return processes.stream().filter(p -> p.role() == role).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the topology has no " + role + " process"));
    }

    /**
     * Where a proxy runs: beside an app in its namespace (per pod), as some namespace's waypoint
     * (shared), or else on the node, serving pods it is not in (per node).
     */
    public ProxyPlacement placementOf(ProcessSpec proxy) {
        if (processes.stream().anyMatch(p -> p.role() != Role.PROXY && p.namespace().equals(proxy.namespace()))) {
            return ProxyPlacement.PER_POD;
        }
        return namespaces.stream().anyMatch(ns -> proxy.name().equals(ns.waypoint())) ? ProxyPlacement.SHARED
                : ProxyPlacement.PER_NODE;
    }

    /**
     * Checks that the names agree. Faults name their field as a mode file writes it
     * ({@code processes[2].namespace}), so that a file reader can point at the value.
     */
    private static void validate(List<NamespaceSpec> namespaces, List<ProcessSpec> processes, List<Link> links,
                                 SocketRedirect redirect) {
        Map<String, NamespaceSpec> byName = new LinkedHashMap<>();
        for (int i = 0; i < namespaces.size(); i++) {
            NamespaceSpec ns = namespaces.get(i);
            require(byName.put(ns.name(), ns) == null, "namespaces[" + i + "].name",
                    "namespace '" + ns.name() + "' is defined twice");
        }
        Map<String, ProcessSpec> processByName = new LinkedHashMap<>();
        for (int i = 0; i < processes.size(); i++) {
            ProcessSpec p = processes.get(i);
            require(processByName.put(p.name(), p) == null, "processes[" + i + "].name",
                    "process '" + p.name() + "' is defined twice");
            require(byName.containsKey(p.namespace()), "processes[" + i + "].namespace",
                    "process '" + p.name() + "' is in unknown namespace '" + p.namespace() + "'");
            for (int k = 0; k < p.socketsIn().size(); k++) {
                require(byName.containsKey(p.socketsIn().get(k)), "processes[" + i + "].socketsIn[" + k + "]",
                        "process '" + p.name() + "' holds sockets in unknown namespace '" + p.socketsIn().get(k) + "'");
            }
            require(p.role() == Role.PROXY || !p.reachesIntoOtherNamespaces(), "processes[" + i + "].socketsIn",
                    "only a proxy holds sockets in other namespaces; '" + p.name() + "' is a " + p.role());
            require(p.role() == Role.PROXY || p.costs() == null, "processes[" + i + "].costs",
                    "only a proxy is priced at cluster scale; '" + p.name() + "' is a " + p.role());
        }
        for (Role role : List.of(Role.CLIENT, Role.SERVER)) {
            long count = processes.stream().filter(p -> p.role() == role).count();
            require(count == 1, "processes", "a topology needs exactly one " + role + " process, found " + count);
        }
        for (int i = 0; i < links.size(); i++) {
            List<String> between = links.get(i).between();
            for (int end = 0; end < between.size(); end++) {
                require(byName.containsKey(between.get(end)), "links[" + i + "].between[" + end + "]",
                        "link " + between + " names unknown namespace '" + between.get(end) + "'");
            }
            for (String end : between) {
                require(links.get(i).overlay() == Link.Overlay.NONE
                                || links.stream().filter(l -> l.joins(end)).count() > 1, "links[" + i + "].overlay",
                        "an overlay joins two nodes, namespaces that forward between links; '" + end + "' has one link");
                // bpf_redirect_peer hands a packet to a veth's far end; into a tunnel Cilium encapsulates in BPF.
                require(links.get(i).overlay() == Link.Overlay.NONE || !byName.containsKey(end)
                                || byName.get(end).forwarding() == Forwarding.KERNEL, "links[" + i + "].overlay",
                        "'" + end + "' forwards by eBPF host routing, whose tc program hands packets to a veth's far end"
                                + " (bpf_redirect_peer); through an overlay Cilium encapsulates in BPF, which the lab"
                                + " does not model: route the nodes natively (no overlay)");
            }
        }
        for (int i = 0; i < namespaces.size(); i++) {
            NamespaceSpec ns = namespaces.get(i);
            checkInterception(ns, ns.outbound(), "namespaces[" + i + "].outbound", processByName);
            checkInterception(ns, ns.inbound(), "namespaces[" + i + "].inbound", processByName);
            if (ns.waypoint() != null) {
                ProcessSpec waypoint = processByName.get(ns.waypoint());
                require(waypoint != null && waypoint.role() == Role.PROXY && !waypoint.reachesIntoOtherNamespaces(),
                        "namespaces[" + i + "].waypoint", "the waypoint of '" + ns.name() + "' must be a proxy of its"
                                + " own namespace, not '" + ns.waypoint() + "'");
            }
        }
        if (redirect != null) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < redirect.cgroup().size(); i++) {
                String member = redirect.cgroup().get(i);
                require(processByName.containsKey(member), "redirect.cgroup[" + i + "]",
                        "redirect cgroup names unknown process '" + member + "'");
                require(seen.add(member), "redirect.cgroup[" + i + "]", "redirect cgroup names '" + member + "' twice");
            }
        }
    }

    /**
     * A service is modelled where the client reaches the server itself: a proxy in between would take the
     * connection before any translation (as a sidecar does). kube-proxy's DNAT runs in the node's netfilter,
     * which eBPF host routing skips: Cilium's host routing needs its socket-LB.
     */
    private static void validateService(List<NamespaceSpec> namespaces, List<ProcessSpec> processes,
                                        ServiceSpec service) {
        if (service == null) {
            return;
        }
        require(processes.stream().noneMatch(p -> p.role() == Role.PROXY), "service",
                "a service is modelled only where the client connects to the server itself, with no proxy between");
        for (int i = 0; i < namespaces.size(); i++) {
            require(service.translation() != ServiceSpec.Translation.IPTABLES_DNAT
                            || namespaces.get(i).forwarding() == Forwarding.KERNEL, "service.translation",
                    "iptables DNAT runs in the netfilter of '" + namespaces.get(i).name() + "', which its eBPF host"
                            + " routing skips: translate with socket-lb, as Cilium's host routing requires");
        }
    }

    private static void checkInterception(NamespaceSpec ns, Interception interception, String field,
                                          Map<String, ProcessSpec> processByName) {
        if (interception == null) {
            return;
        }
        String which = field.substring(field.lastIndexOf('.') + 1);
        ProcessSpec proxy = processByName.get(interception.proxy());
        // A REDIRECT delivers to a socket of the namespace itself: the proxy must hold sockets there.
        require(proxy != null && proxy.role() == Role.PROXY && proxy.socketsIn().contains(ns.name()), field + ".proxy",
                which + " interception in '" + ns.name() + "' must redirect to a proxy with sockets in that namespace,"
                        + " not '" + interception.proxy() + "'");
        for (int i = 0; i < interception.exempt().size(); i++) {
            String exempt = interception.exempt().get(i);
            require(processByName.containsKey(exempt), field + ".exempt[" + i + "]",
                    which + " interception in '" + ns.name() + "' exempts unknown process '" + exempt + "'");
        }
    }

    private static void require(boolean condition, String field, String message) {
        InvalidValue.require(condition, field, message);
    }
}
