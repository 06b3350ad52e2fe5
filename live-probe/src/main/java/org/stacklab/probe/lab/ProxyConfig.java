package org.stacklab.probe.lab;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.topology.ProcessSpec;

/**
 * What a proxy of the live lab listens on and where it connects, from the REDIRECTs that send
 * connections to it: a listener per service port on the REDIRECT's proxy port, each connecting
 * onwards to the server, as the model's proxies do. Written as an HAProxy configuration.
 */
final class ProxyConfig {

    /** A listening port and where it forwards to. */
    record Listener(String name, int port, String upstream) {
    }

    private ProxyConfig() {
    }

    static List<Listener> listeners(Mode mode, LabAddresses addresses, ProcessSpec proxy) {
        List<Listener> listeners = new ArrayList<>();
        String server = addresses.from(proxy, mode.topology().processWithRole(org.stacklab.sim.topology.Role.SERVER)
                .namespace());
        for (NatRedirect redirect : NatRules.of(mode)) {
            if (!redirect.interception().proxy().equals(proxy.name())) {
                continue;
            }
            for (int i = 0; i < LabPorts.SERVICE_PORTS.size(); i++) {
                String side = redirect.chain() == NatRedirect.Chain.OUTPUT ? "outbound" : "inbound";
                listeners.add(new Listener(side + i, LabPorts.proxyPort(redirect.chain(), i),
                        server + ":" + LabPorts.SERVICE_PORTS.get(i)));
            }
        }
        return listeners;
    }

    /** The HAProxy configuration of a proxy: TCP mode, one thread, a {@code listen} section per listener. */
    static String haproxy(List<Listener> listeners) {
        StringBuilder config = new StringBuilder("global\n  user " + NatRules.PROXY_USER + "\n  nbthread 1\n"
                + "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 120s\n  timeout server 120s\n");
        for (Listener listener : listeners) {
            config.append("listen ").append(listener.name()).append("\n  bind 0.0.0.0:").append(listener.port())
                    .append("\n  server upstream ").append(listener.upstream()).append('\n');
        }
        return config.toString();
    }
}
