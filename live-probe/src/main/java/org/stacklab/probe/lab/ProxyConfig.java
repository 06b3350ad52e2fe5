package org.stacklab.probe.lab;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;

/**
 * What a proxy of the live lab listens on and where it connects, from the REDIRECTs that send
 * connections to it: a listener per service port on the REDIRECT's proxy port, in the REDIRECT's
 * namespace, each connecting onwards to the server from that same namespace, as the model's
 * proxies do (a node proxy's sockets are in the pods). Written as an HAProxy configuration.
 */
final class ProxyConfig {

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
        String server = mode.topology().processWithRole(Role.SERVER).namespace();
        for (NatRedirect redirect : NatRules.of(mode)) {
            if (!redirect.interception().proxy().equals(proxy.name())) {
                continue;
            }
            String at = redirect.namespace();
            for (int i = 0; i < LabPorts.SERVICE_PORTS.size(); i++) {
                String side = redirect.chain() == NatRedirect.Chain.OUTPUT ? "outbound" : "inbound";
                listeners.add(new Listener(side + i + (at.equals(proxy.namespace()) ? "" : "-" + at), at,
                        LabPorts.proxyPort(redirect.chain(), i),
                        addresses.fromNamespace(at, server) + ":" + LabPorts.SERVICE_PORTS.get(i)));
            }
        }
        return listeners;
    }

    /**
     * The HAProxy configuration of a proxy: TCP mode, one thread, root with the proxies' group, a
     * {@code listen} section per listener; a listener in another namespace than the proxy's binds and
     * connects there (HAProxy's {@code namespace}, by the lab's name for it).
     */
    static String haproxy(ProcessSpec proxy, List<Listener> listeners, java.util.function.UnaryOperator<String> netns) {
        StringBuilder config = new StringBuilder("global\n  group " + NatRules.PROXY_GROUP + "\n  nbthread 1\n"
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
