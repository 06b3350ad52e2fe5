package org.stacklab.sim.path;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.stacklab.sim.topology.ProcessSpec;

/**
 * One leg of a path: a message written by {@code sender} and read by {@code receiver}.
 *
 * @param sender      the process that writes
 * @param receiver    the process that reads
 * @param namespaces  the namespaces the packet is in, from the sender's socket's to the receiver's; one
 *                    entry means both sockets are in one namespace and the packet crosses its {@code lo}
 *                    (a node proxy's sockets may be in a pod other than the proxy's own namespace)
 * @param redirected  true if the sk_msg program redirects the message socket to socket, so that it
 *                    crosses neither TCP/IP nor a device
 * @param natRedirect the iptables REDIRECT that turned the sender's connection to this receiver, or null
 *                    if the sender connected to the receiver itself (the server)
 */
public record Hop(ProcessSpec sender, ProcessSpec receiver, List<String> namespaces, boolean redirected,
                  NatRedirect natRedirect) {

    public Hop {
        namespaces = List.copyOf(namespaces);
    }

    /** The same hop travelled the other way, as a response travels it (conntrack undoes the REDIRECT). */
    public Hop reversed() {
        List<String> back = new ArrayList<>(namespaces);
        Collections.reverse(back);
        return new Hop(receiver, sender, back, redirected, natRedirect);
    }

    /** Whether an iptables REDIRECT turned this hop to its receiver. */
    public java.util.Optional<NatRedirect> turnedBy() {
        return java.util.Optional.ofNullable(natRedirect);
    }

    /** The namespace of the socket the sender writes to: where its packets start. */
    public String senderSocket() {
        return namespaces.get(0);
    }

    /** The namespace of the socket the receiver reads from. */
    public String receiverSocket() {
        return namespaces.get(namespaces.size() - 1);
    }

    public boolean overLoopback() {
        return namespaces.size() == 1;
    }

    @Override
    public String toString() {
        return sender.name() + " -> " + receiver.name() + (redirected ? " (sk_msg redirect)"
                : overLoopback() ? " (lo)" : " (veth via " + String.join(", ", namespaces) + ")");
    }
}
