package org.stacklab.sim.mode;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.PathResolver;
import org.stacklab.sim.topology.Link;
import org.stacklab.sim.topology.NamespaceSpec;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.ServiceSpec;
import org.stacklab.sim.topology.SocketRedirect;
import org.stacklab.sim.topology.Topology;
import org.stacklab.sim.topology.TwoNodes;

/**
 * A data-path architecture: a topology, and the request path that follows from it. Read from a
 * YAML file; nothing in the engine knows one mode from another.
 *
 * @param name        short name, as on the command line ({@code sidecar})
 * @param title       one line for people
 * @param description what the mode is and what it costs, for captions and lessons
 * @param topology    namespaces, processes, links and redirect
 * @param path        the hops of a request, client to server; a response takes them in reverse
 */
public record Mode(String name, String title, String description, Topology topology, List<Hop> path) {

    @JsonCreator
    static Mode fromYaml(@JsonProperty(value = "name", required = true) String name,
                         @JsonProperty(value = "title", required = true) String title,
                         @JsonProperty("description") String description,
                         @JsonProperty(value = "namespaces", required = true) List<NamespaceSpec> namespaces,
                         @JsonProperty(value = "processes", required = true) List<ProcessSpec> processes,
                         @JsonProperty("links") List<Link> links,
                         @JsonProperty("redirect") SocketRedirect redirect,
                         @JsonProperty("service") ServiceSpec service) {
        return of(name, title, description == null ? "" : description,
                new Topology(namespaces, processes, links, redirect, service));
    }

    /** This mode in a cluster of {@code count} services, if its server is behind one; else this mode. */
    public Mode withServices(int count) {
        ServiceSpec service = topology.service();
        return service == null ? this : of(name, title, description, topology.withService(service.withServices(count)));
    }

    /** This mode with its pods on two nodes, named {@code <name>@two-nodes} or {@code <name>@two-nodes-vxlan}. */
    public Mode onTwoNodes(TwoNodes spread) {
        Topology two = spread.spread(topology);
        List<String> nodes = two.nodes();
        return of(name + SPREAD_MARK + spread.suffix(), title + spread.titleSuffix(),
                description + spread.describe(nodes.get(0), nodes.get(1)), two);
    }

    /** What joins a mode's name to the spread of its pods over nodes: {@code sidecar@two-nodes}. */
    public static final String SPREAD_MARK = "@";

    /** A mode whose path is resolved from its topology. */
    public static Mode of(String name, String title, String description, Topology topology) {
        return new Mode(name, title, description, topology, PathResolver.resolve(topology));
    }

    public Mode {
        path = List.copyOf(path);
    }
}
