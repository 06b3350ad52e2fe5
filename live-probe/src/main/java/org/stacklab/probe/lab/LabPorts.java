package org.stacklab.probe.lab;

import java.util.List;
import org.stacklab.sim.path.NatRedirect;

/** The ports of the live lab: the server's services, and where a REDIRECT sends each to its proxy. */
public final class LabPorts {

    /** Ports the server listens on: the lab's workload, and sockperf. */
    public static final List<Integer> SERVICE_PORTS = List.of(11111, 11112);
    /** Where nat OUTPUT's REDIRECT sends an app's connections: the proxy's outbound listener, as Istio's. */
    public static final int OUTBOUND_PROXY_PORT = 15001;
    /** Where nat PREROUTING's REDIRECT sends arriving connections: the proxy's inbound listener, as Istio's. */
    public static final int INBOUND_PROXY_PORT = 15006;

    /** Where a node proxy dials the proxy it tunnels to (a waypoint): HBONE's port, as Istio's. */
    public static final int TUNNEL_PORT = 15008;

    private LabPorts() {
    }

    /** The proxy port a REDIRECT of this chain sends the {@code service}-th service port to. */
    public static int proxyPort(NatRedirect.Chain chain, int service) {
        return (chain == NatRedirect.Chain.OUTPUT ? OUTBOUND_PROXY_PORT : INBOUND_PROXY_PORT) + service;
    }
}
