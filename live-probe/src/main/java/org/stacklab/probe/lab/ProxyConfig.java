package org.stacklab.probe.lab;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;

/**
 * What a proxy of the live lab listens on and where it connects, from the resolved path: for each
 * hop that reaches it, a listener per service port, in the namespace of the hop's receiving socket,
 * on the port its REDIRECT sends it to (or the tunnel port, when a node proxy dials it, as ztunnel
 * dials a waypoint); each connects from that same namespace to where the next hop goes (a node
 * proxy's sockets are in the pods). Written as an HAProxy configuration.
 */
public final class ProxyConfig {

    /**
     * A listening port and where it forwards to.
     *
     * @param namespace the topology's namespace the listener and its upstream connections are in
     */
    record Listener(String name, String namespace, int port, String upstream) {
    }

    private ProxyConfig() {
    }

    static List<Listener> listeners(Mode mode, LabAddresses addresses, ProcessSpec proxy) {
        List<Listener> listeners = new ArrayList<>();
        List<Hop> path = mode.path();
        for (int h = 0; h + 1 < path.size(); h++) {
            Hop arrives = path.get(h);
            Hop leaves = path.get(h + 1);
            if (!arrives.receiver().equals(proxy)) {
                continue;
            }
            String at = arrives.receiverSocket();
            String side = arrives.turnedBy().map(r -> r.chain() == NatRedirect.Chain.OUTPUT ? "outbound" : "inbound")
                    .orElse("tunnel");
            for (int i = 0; i < LabPorts.SERVICE_PORTS.size(); i++) {
                listeners.add(new Listener(side + i + (at.equals(proxy.namespace()) ? "" : "-" + at), at,
                        port(arrives, i), addresses.fromNamespace(at, leaves.receiverSocket()) + ":" + target(leaves, i)));
            }
        }
        return listeners;
    }

    /** The port a hop's receiver listens on: where its REDIRECT sends the service port, or the tunnel's. */
    private static int port(Hop hop, int service) {
        return hop.turnedBy().map(r -> LabPorts.proxyPort(r.chain(), service))
                .orElse(LabPorts.TUNNEL_PORT + service);
    }

    /**
     * The port a proxy dials for the hop it sends: the service's, when it connects to the server (or to
     * where a REDIRECT will turn that connection), else the tunnel port of the proxy it dials (a waypoint).
     */
    private static int target(Hop hop, int service) {
        return hop.turnedBy().isPresent() || hop.receiver().role() == Role.SERVER ? LabPorts.SERVICE_PORTS.get(service)
                : LabPorts.TUNNEL_PORT + service;
    }

    /** How every proxy of the lab is configured, as a recording says it. */
    public static final String SETTINGS = "HAProxy in TCP mode, one thread (as one Envoy worker), maxconn 4096,"
            + " tune.bufsize " + ProcessSpec.EVENT_LOOP_READ_BYTES + " (a message of up to "
            + (ProcessSpec.EVENT_LOOP_READ_BYTES >> 10) + " KiB that arrives whole is forwarded in one write)";

    /**
     * The HAProxy configuration of a proxy ({@link #SETTINGS}): root with the proxies' group, a
     * {@code listen} section per listener; a listener in another namespace than the proxy's binds and
     * connects there (HAProxy's {@code namespace}, by the lab's name for it).
     */
    static String haproxy(ProcessSpec proxy, List<Listener> listeners, java.util.function.UnaryOperator<String> netns) {
        StringBuilder config = new StringBuilder("global\n  group " + NatRules.PROXY_GROUP + "\n  nbthread 1\n"
                + "  maxconn 4096\n  tune.bufsize " + ProcessSpec.EVENT_LOOP_READ_BYTES + "\n"
                + "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 120s\n  timeout server 120s\n");
        for (Listener listener : listeners) {
            String inside = listener.namespace().equals(proxy.namespace()) ? ""
                    : " namespace " + netns.apply(listener.namespace());
            config.append("listen ").append(listener.name()).append("\n  bind 0.0.0.0:").append(listener.port())
                    .append(inside).append("\n  server upstream ").append(listener.upstream()).append(inside)
                    .append('\n');
        }
        return config.toString();
    }
}
