package org.stacklab.sim.topology;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Namespaces, the processes in them, the veth links between them and, optionally, socket-level
 * redirect: everything a mode's path follows from. Checked for consistency when made.
 */
public record Topology(List<NamespaceSpec> namespaces, List<ProcessSpec> processes, List<Link> links,
                       SocketRedirect redirect) {

    public Topology {
        namespaces = List.copyOf(namespaces);
        processes = List.copyOf(processes);
        links = links == null ? List.of() : List.copyOf(links);
        validate(namespaces, processes, links, redirect);
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

    private static void validate(List<NamespaceSpec> namespaces, List<ProcessSpec> processes, List<Link> links,
                                 SocketRedirect redirect) {
        Map<String, NamespaceSpec> byName = new LinkedHashMap<>();
        for (NamespaceSpec ns : namespaces) {
            if (byName.put(ns.name(), ns) != null) {
                throw new IllegalArgumentException("namespace '" + ns.name() + "' is defined twice");
            }
        }
        Map<String, ProcessSpec> processByName = new LinkedHashMap<>();
        for (ProcessSpec p : processes) {
            if (processByName.put(p.name(), p) != null) {
                throw new IllegalArgumentException("process '" + p.name() + "' is defined twice");
            }
            if (!byName.containsKey(p.namespace())) {
                throw new IllegalArgumentException("process '" + p.name() + "' is in unknown namespace '"
                        + p.namespace() + "'");
            }
        }
        for (Role role : List.of(Role.CLIENT, Role.SERVER)) {
            long count = processes.stream().filter(p -> p.role() == role).count();
            if (count != 1) {
                throw new IllegalArgumentException("a topology needs exactly one " + role + " process, found " + count);
            }
        }
        for (Link link : links) {
            for (String end : link.between()) {
                if (!byName.containsKey(end)) {
                    throw new IllegalArgumentException("link " + link.between() + " names unknown namespace '" + end + "'");
                }
            }
        }
        for (NamespaceSpec ns : namespaces) {
            checkInterception(ns, ns.outbound(), "outbound", processByName);
            checkInterception(ns, ns.inbound(), "inbound", processByName);
        }
        if (redirect != null) {
            Set<String> seen = new HashSet<>();
            for (String member : redirect.cgroup()) {
                if (!processByName.containsKey(member)) {
                    throw new IllegalArgumentException("redirect cgroup names unknown process '" + member + "'");
                }
                if (!seen.add(member)) {
                    throw new IllegalArgumentException("redirect cgroup names '" + member + "' twice");
                }
            }
        }
    }

    private static void checkInterception(NamespaceSpec ns, Interception interception, String which,
                                          Map<String, ProcessSpec> processByName) {
        if (interception == null) {
            return;
        }
        ProcessSpec proxy = processByName.get(interception.proxy());
        if (proxy == null || proxy.role() != Role.PROXY || !proxy.namespace().equals(ns.name())) {
            throw new IllegalArgumentException(which + " interception in '" + ns.name() + "' must redirect to a proxy"
                    + " process in that namespace, not '" + interception.proxy() + "'");
        }
        for (String exempt : interception.exempt()) {
            if (!processByName.containsKey(exempt)) {
                throw new IllegalArgumentException(which + " interception in '" + ns.name()
                        + "' exempts unknown process '" + exempt + "'");
            }
        }
    }
}
