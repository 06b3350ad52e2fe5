package org.stacklab.sim.path;

import org.stacklab.sim.topology.Interception;

/**
 * The iptables REDIRECT that turned a hop's connection to its receiver, a proxy, rather than to
 * the server it was made for: the rule's namespace, its chain, and the interception it comes from.
 * The live lab installs exactly these rules, and the lab draws them where the hops meet them.
 */
public record NatRedirect(String namespace, Chain chain, Interception interception) {

    /** Where in the nat table the rule sits. */
    public enum Chain {
        /** nat OUTPUT: connections a process of the namespace makes (an interception's {@code outbound}). */
        OUTPUT,
        /** nat PREROUTING: connections arriving at the namespace from another ({@code inbound}). */
        PREROUTING;

        /** "nat OUTPUT", "nat PREROUTING". */
        public String label() {
            return "nat " + name();
        }
    }
}
