package org.stacklab.sim.path;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.topology.Interception;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.topology.Topology;

/**
 * Works out the hops a request takes from the client to the server, as the kernel would.
 *
 * <p>The client connects to the server. In each namespace it leaves, an outbound interception
 * sends the connection to the local proxy unless the sender is exempt; in the namespace it
 * enters (the server's, or a node that forwards it), an inbound interception sends connections
 * arriving from elsewhere to the local proxy.
 * Each proxy then connects onwards to the server, and the same rules apply again. Packets between
 * namespaces follow the veth links; socket-level redirect then applies to each hop whose two
 * sockets it covers.
 */
public final class PathResolver {

    /** More hops than this means the interceptions send traffic round in a loop. */
    static final int MAX_HOPS = 16;

    private PathResolver() {
    }

    /**
     * The request path of a topology.
     *
     * @throws IllegalArgumentException if the request never reaches the server
     */
    public static List<Hop> resolve(Topology topology) {
        ProcessSpec server = topology.processWithRole(Role.SERVER);
        ProcessSpec client = topology.processWithRole(Role.CLIENT);
        // Where the message is: the process holding it, and the namespace of the socket it arrived on
        // (a node proxy forwards from the pod it received in, as ztunnel does).
        ProcessSpec current = client;
        String at = client.namespace();
        List<Hop> hops = new ArrayList<>();
        Set<String> visited = new LinkedHashSet<>(List.of(place(client, at)));
        while (true) {
            // The sender's own namespace turns its connection first; else a node proxy dials the waypoint
            // itself; else the namespaces the connection enters may turn it.
            NatRedirect turn = outboundRedirect(topology, current, at, server);
            ProcessSpec waypoint = turn == null ? waypointFor(topology, current, at, server) : null;
            if (turn == null && waypoint == null) {
                turn = inboundRedirect(topology, at, server);
            }
            ProcessSpec next = turn != null ? topology.process(turn.interception().proxy())
                    : waypoint != null ? waypoint : server;
            // A REDIRECT delivers to a socket of the namespace it is in; a dialled process is in its own.
            String arrives = turn != null ? turn.namespace() : next.namespace();
            List<String> route = topology.route(at, arrives);
            hops.add(new Hop(current, next, route, topology.redirects(current, next), turn));
            if (next.equals(server)) {
                return List.copyOf(hops);
            }
            if (!visited.add(place(next, arrives)) || hops.size() >= MAX_HOPS) {
                // The rule at fault is the one that sent the message back: the sender's outbound interception.
                int namespace = topology.namespaces().indexOf(topology.namespace(at));
                throw new InvalidValue("namespaces[" + namespace + "].outbound.exempt", "the path never reaches " + server.name()
                        + ": the interceptions send it round in a loop " + String.join(" -> ", visited)
                        + " -> " + place(next, arrives) + " (is the proxy exempt from its own namespace's outbound rule?)");
            }
            current = next;
            at = arrives;
        }
    }

    /** "ztunnel@client-pod" for a node proxy's socket in a pod, else the process's name. */
    private static String place(ProcessSpec process, String namespace) {
        return process.namespace().equals(namespace) ? process.name() : process.name() + "@" + namespace;
    }

    /**
     * The waypoint a node proxy's connection to the server goes to instead, as ztunnel tunnels to the
     * destination's waypoint: null for any other sender, or when the server's namespace has none.
     */
    private static ProcessSpec waypointFor(Topology topology, ProcessSpec sender, String at, ProcessSpec server) {
        String waypoint = topology.namespace(server.namespace()).waypoint();
        if (waypoint == null || !sender.reachesIntoOtherNamespaces() || server.namespace().equals(at)) {
            return null;
        }
        return topology.process(waypoint);
    }

    /** The nat OUTPUT REDIRECT of the sender's namespace its connection to the server meets, or null. */
    private static NatRedirect outboundRedirect(Topology topology, ProcessSpec sender, String at, ProcessSpec server) {
        Interception outbound = topology.namespace(at).outbound();
        if (!server.namespace().equals(at) && outbound != null && !outbound.exempts(sender.name())) {
            return new NatRedirect(at, NatRedirect.Chain.OUTPUT, outbound);
        }
        return null;
    }

    /** The nat PREROUTING REDIRECT a connection to the server meets on its way, or null if it reaches it. */
    private static NatRedirect inboundRedirect(Topology topology, String at, ProcessSpec server) {
        if (server.namespace().equals(at)) {
            return null;
        }
        // The first namespace the connection enters whose nat PREROUTING turns it: the server's pod, or a
        // node it is forwarded through (a per-node proxy's).
        List<String> route = topology.route(at, server.namespace());
        for (String entered : route.subList(1, route.size())) {
            Interception inbound = topology.namespace(entered).inbound();
            if (inbound != null) {
                return new NatRedirect(entered, NatRedirect.Chain.PREROUTING, inbound);
            }
        }
        return null;
    }
}
