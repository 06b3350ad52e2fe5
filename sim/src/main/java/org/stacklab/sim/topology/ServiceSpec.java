package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.io.InvalidValue;

/**
 * The server behind a Kubernetes service: the client connects to the service's ClusterIP, which
 * something must translate to the server's address before the connection can get there.
 *
 * @param translation how the ClusterIP is translated
 * @param services    the cluster's services: kube-proxy's chain holds a rule for each, and a new
 *                    connection walks them in order until its own matches (the lab's is the last)
 */
public record ServiceSpec(Translation translation, int services) {

    /** More services than this would take the live lab longer to install than to measure. */
    public static final int MAX_SERVICES = 20_000;

    /** How a ClusterIP becomes a backend's address. */
    public enum Translation {
        /**
         * kube-proxy in iptables mode: nat PREROUTING in the node jumps to a chain with a rule per
         * service; the connection's first packet walks it to its own rule, which DNATs it, and conntrack
         * translates every later packet of the connection (both ways) without walking the rules again.
         */
        IPTABLES_DNAT,
        /**
         * Cilium's socket-LB (kube-proxy replacement): a cgroup connect4 program puts a backend's address
         * in place of the service's in connect() itself, once, from a map lookup; no packet is translated.
         */
        SOCKET_LB;

        @JsonCreator
        public static Translation parse(String text) {
            return EnumNames.parse(Translation.class, text, "translation");
        }

        /** As files write it: {@code iptables-dnat}, {@code socket-lb}. */
        @JsonValue
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    @JsonCreator
    public ServiceSpec(@JsonProperty(value = "translation", required = true) Translation translation,
                       @JsonProperty("services") Integer services) {
        this(translation, services == null ? 1 : services);
    }

    public ServiceSpec {
        InvalidValue.require(services >= 1 && services <= MAX_SERVICES, "services",
                "services must be from 1 to " + MAX_SERVICES + ", not " + services);
    }

    /** The same translation in a cluster of {@code count} services. */
    public ServiceSpec withServices(int count) {
        return new ServiceSpec(translation, count);
    }

    /** The iptables rules a new connection walks in the node's nat PREROUTING: one per service, its own last. */
    public int dnatRules() {
        return translation == Translation.IPTABLES_DNAT ? services : 0;
    }
}
