package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.stacklab.sim.io.EnumNames;

/**
 * How a namespace that packets pass through (the node) sends them on to the next namespace.
 */
public enum Forwarding {
    /**
     * The kernel's IP forwarding: netfilter PREROUTING, the routing decision, netfilter FORWARD and
     * POSTROUTING, then the next veth's transmit and the receive on its far end.
     */
    KERNEL,
    /**
     * Cilium's eBPF host routing: a tc program on the ingress of the node's veth ends looks the
     * destination up in the node's routing table (bpf_fib_lookup) and hands the packet to the
     * destination pod's end of the veth with bpf_redirect_peer, so that it skips the node's
     * netfilter and forwarding, the second veth's transmit and its per-CPU backlog.
     */
    BPF_PEER_REDIRECT;

    /** For a diagram's namespace title: {@code forwards}, {@code eBPF host routing}. */
    public String label() {
        return this == KERNEL ? "forwards" : "eBPF host routing";
    }

    /** For a caption: how a packet got through {@code namespace}. */
    public String through(String namespace) {
        return this == KERNEL ? "forwarded by " + namespace : "handed on by " + namespace + "'s tc program";
    }

    @JsonCreator
    public static Forwarding parse(String text) {
        return EnumNames.parse(Forwarding.class, text, "forwarding");
    }

    /** As files write it: {@code kernel}, {@code bpf-peer-redirect}. */
    @JsonValue
    @Override
    public String toString() {
        return EnumNames.of(this);
    }
}
