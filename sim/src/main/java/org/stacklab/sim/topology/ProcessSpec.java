package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user-space process of the topology: one thread serving all its connections, as an
 * event-loop proxy (HAProxy, Envoy's worker) or a load generator does.
 *
 * @param name      unique name, used in traces
 * @param namespace the network namespace (pod or node) it runs in
 * @param role      what it does with messages
 */
public record ProcessSpec(String name, String namespace, Role role) {

    @JsonCreator
    public ProcessSpec(@JsonProperty(value = "name", required = true) String name,
                       @JsonProperty(value = "namespace", required = true) String namespace,
                       @JsonProperty(value = "role", required = true) Role role) {
        this.name = name;
        this.namespace = namespace;
        this.role = role;
    }
}
