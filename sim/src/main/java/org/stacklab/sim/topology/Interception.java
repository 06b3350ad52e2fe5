package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.stacklab.sim.io.InvalidValue;

/**
 * An iptables {@code REDIRECT} inside one namespace that sends TCP traffic to a local proxy, as
 * Istio's init container installs it.
 *
 * @param proxy     the process that receives the redirected connections
 * @param exempt    processes whose own traffic is not redirected (Istio matches the proxy's uid)
 * @param natRules  nat-table rules a new connection traverses on its way to the REDIRECT; only the
 *                  first packet of a connection pays them, later packets follow conntrack
 */
public record Interception(String proxy, List<String> exempt, int natRules) {

    /** More rules than a large cluster's kube-proxy installs is a slip. */
    public static final int MAX_RULES = 1_000_000;

    @JsonCreator
    public Interception(@JsonProperty(value = "proxy", required = true) String proxy,
                        @JsonProperty("exempt") List<String> exempt,
                        @JsonProperty("natRules") Integer natRules) {
        this(proxy, exempt == null ? List.of() : List.copyOf(exempt), natRules == null ? 1 : natRules);
    }

    public Interception {
        InvalidValue.require(natRules >= 0 && natRules <= MAX_RULES, "natRules",
                "natRules must be from 0 to " + MAX_RULES + ", not " + natRules);
    }

    public boolean exempts(String process) {
        return exempt.contains(process);
    }
}
