package org.stacklab.sim.topology;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a proxy runs, and so how many of it a cluster runs: what {@code stacklab scale} multiplies a
 * proxy's published costs by. A mode's topology says it ({@link Topology#placementOf}); a published
 * set of costs says which placement its figures were measured in.
 */
public enum ProxyPlacement {
    /** Beside an app, in its pod: one per pod (a sidecar). */
    PER_POD("per-pod"),
    /** In the node's namespace, serving every pod of the node: one per node (ztunnel, a node's Envoy). */
    PER_NODE("per-node"),
    /**
     * In a pod of its own that a namespace's services share (Istio's waypoint): as many as their traffic
     * needs, so its cost follows the requests through it, not a count of nodes or pods.
     */
    SHARED("shared");

    private final String key;

    ProxyPlacement(String key) {
        this.key = key;
    }

    /** How files write it. */
    public String key() {
        return key;
    }

    /** The placement a file names by its {@link #key()}. */
    public static Optional<ProxyPlacement> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
