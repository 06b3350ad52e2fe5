package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user-space process of the topology: one thread serving all its connections, as an
 * event-loop proxy (HAProxy, Envoy's worker) or a load generator does.
 *
 * @param name      unique name, used in traces
 * @param namespace the network namespace (pod or node) it runs in
 * @param role      what it does with messages
 * @param eventLoop whether it waits for its sockets in epoll (as proxies do) rather than blocking
 *                  in a read (as the lab's apps do); a different wake-up path, with a cost of its own.
 *                  An event loop reads what has arrived on a socket, up to {@link #EVENT_LOOP_READ_BYTES},
 *                  and writes it on in one go. Default: true for proxies
 * @param socketsIn the namespaces it holds sockets in: its own, or, for a node proxy such as Istio's
 *                  ztunnel, those of the pods it serves (it listens and connects inside each, so a pod's
 *                  traffic reaches it over the pod's own {@code lo}). Default: its own namespace
 * @param costs     for a proxy, the set of published costs ({@code scale/assumptions.yaml}) that prices it
 *                  at cluster scale, or null if none is published for it
 */
public record ProcessSpec(String name, String namespace, Role role, boolean eventLoop, List<String> socketsIn,
                          String costs) {

    /**
     * The most an event loop reads from a socket at once, and so forwards in one write: the lab's proxies'
     * buffer (HAProxy's {@code tune.bufsize}, which the live lab sets to this).
     */
    public static final int EVENT_LOOP_READ_BYTES = 256 << 10;

    public ProcessSpec {
        socketsIn = List.copyOf(socketsIn);
    }

    /** A process that waits as its role usually does: proxies in epoll, apps in a blocking read. */
    public ProcessSpec(String name, String namespace, Role role) {
        this(name, namespace, role, null, null, null);
    }

    @JsonCreator
    public ProcessSpec(@JsonProperty(value = "name", required = true) String name,
                       @JsonProperty(value = "namespace", required = true) String namespace,
                       @JsonProperty(value = "role", required = true) Role role,
                       @JsonProperty("eventLoop") Boolean eventLoop,
                       @JsonProperty("socketsIn") List<String> socketsIn,
                       @JsonProperty("costs") String costs) {
        this(name, namespace, role, eventLoop == null ? role == Role.PROXY : eventLoop,
                socketsIn == null || socketsIn.isEmpty() ? List.of(namespace) : socketsIn, costs);
    }

    /** Whether it holds sockets in a namespace other than its own (a node proxy). */
    public boolean reachesIntoOtherNamespaces() {
        return !socketsIn.equals(List.of(namespace));
    }
}
