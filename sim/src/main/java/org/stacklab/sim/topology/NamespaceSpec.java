package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;

/**
 * A network namespace: a pod, or the node's root namespace.
 *
 * @param name         unique name
 * @param filterRules  filter-table rules every packet traverses at each hook of this namespace
 * @param outbound     REDIRECT of connections that local processes open to other namespaces, or null
 * @param inbound      REDIRECT of connections arriving from other namespaces, or null
 * @param waypoint     the L7 proxy that a node proxy's connections to this namespace go through (Istio
 *                     ambient's waypoint: ztunnel tunnels to it, not to the pod), or null
 * @param forwarding   how packets passing through this namespace are sent on
 */
public record NamespaceSpec(String name, int filterRules, Interception outbound, Interception inbound,
                            String waypoint, Forwarding forwarding) {

    /** A namespace without a waypoint, forwarding as the kernel does. */
    public NamespaceSpec(String name, int filterRules, Interception outbound, Interception inbound) {
        this(name, filterRules, outbound, inbound, null, Forwarding.KERNEL);
    }

    @JsonCreator
    public NamespaceSpec(@JsonProperty(value = "name", required = true) String name,
                         @JsonProperty("filterRules") Integer filterRules,
                         @JsonProperty("outbound") Interception outbound,
                         @JsonProperty("inbound") Interception inbound,
                         @JsonProperty("waypoint") String waypoint,
                         @JsonProperty("forwarding") Forwarding forwarding) {
        this(name, filterRules == null ? 0 : filterRules, outbound, inbound, waypoint,
                forwarding == null ? Forwarding.KERNEL : forwarding);
    }

    public NamespaceSpec {
        InvalidValue.require(filterRules >= 0 && filterRules <= Interception.MAX_RULES, "filterRules",
                "filterRules must be from 0 to " + Interception.MAX_RULES + ", not " + filterRules);
    }
}
