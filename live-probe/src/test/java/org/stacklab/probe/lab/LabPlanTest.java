package org.stacklab.probe.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.topology.ProcessSpec;

/** What the live lab installs follows from the mode's resolved path alone; checked without root. */
class LabPlanTest {

    private static Mode mode(String name) throws Exception {
        return Catalog.mode(Reference.of(name), Path.of("."), "test", "mode");
    }

    private static ProxyConfig.Listener listener(String name, String namespace, int port, String upstream) {
        return new ProxyConfig.Listener(name, namespace, port, upstream);
    }

    @Test
    void aSidecarsRulesAreTheRedirectsItsPathMeets() throws Exception {
        Mode sidecar = mode("sidecar");
        assertEquals(List.of("client-pod nat OUTPUT", "server-pod nat PREROUTING"), NatRules.of(sidecar).stream()
                .map(r -> r.namespace() + " " + r.chain().label()).toList(), "not the server pod's outbound: no hop meets it");
        LabAddresses addresses = new LabAddresses(sidecar.topology());
        assertEquals(List.of(listener("outbound0", "client-pod", 15001, "10.201.2.2:11111"),
                listener("outbound1", "client-pod", 15002, "10.201.2.2:11112")), ProxyConfig.listeners(sidecar, addresses, sidecar.topology().process("client-proxy")));
        assertEquals(List.of(listener("inbound0", "server-pod", 15006, "127.0.0.1:11111"),
                listener("inbound1", "server-pod", 15007, "127.0.0.1:11112")), ProxyConfig.listeners(sidecar, addresses, sidecar.topology().process("server-proxy")));
        assertEquals(15001, LabPorts.proxyPort(NatRedirect.Chain.OUTPUT, 0));
    }

    @Test
    void withoutInterceptionThereIsNoRuleAndNoListener() throws Exception {
        for (String name : List.of("direct", "sockmap")) {
            assertEquals(List.of(), List.copyOf(NatRules.of(mode(name))), name);
        }
    }

    @Test
    void theHaproxyConfigurationHasAListenSectionPerListener() throws Exception {
        Mode sidecar = mode("sidecar");
        String config = ProxyConfig.haproxy(sidecar.topology().process("server-proxy"),
                List.of(listener("inbound0", "server-pod", 15006, "127.0.0.1:11111")), ns -> "sl-x-" + ns);
        assertEquals(List.of("listen inbound0", "  bind 0.0.0.0:15006", "  server upstream 127.0.0.1:11111"),
                config.lines().dropWhile(l -> !l.startsWith("listen")).toList());
        assertTrue(config.contains("  group haproxy\n") && !config.contains("user "), "root, with the proxies' group");
    }

    @Test
    void aNodeProxyListensAndConnectsInsideThePods() throws Exception {
        Mode ambient = mode("ambient");
        ProcessSpec ztunnel = ambient.topology().process("ztunnel");
        List<ProxyConfig.Listener> listeners = ProxyConfig.listeners(ambient, new LabAddresses(ambient.topology()), ztunnel);
        assertEquals(List.of("outbound0-client-pod client-pod 15001 10.201.2.2:11111",
                "outbound1-client-pod client-pod 15002 10.201.2.2:11112",
                "inbound0-server-pod server-pod 15006 127.0.0.1:11111",
                "inbound1-server-pod server-pod 15007 127.0.0.1:11112"), listeners.stream()
                .map(l -> l.name() + " " + l.namespace() + " " + l.port() + " " + l.upstream()).toList());
        String config = ProxyConfig.haproxy(ztunnel, listeners, ns -> "sl-x-" + ns);
        assertTrue(config.contains("  bind 0.0.0.0:15001 namespace sl-x-client-pod\n"
                + "  server upstream 10.201.2.2:11111 namespace sl-x-client-pod\n"), config);
    }

    @Test
    void aNodeProxyDialsTheWaypointOnTheTunnelPortAndTheWaypointTheServer() throws Exception {
        Mode mode = mode("ambient+waypoint");
        LabAddresses addresses = new LabAddresses(mode.topology());
        List<String> ztunnel = ProxyConfig.listeners(mode, addresses, mode.topology().process("ztunnel")).stream()
                .filter(l -> l.name().endsWith("0") || l.name().contains("0-"))
                .map(l -> l.namespace() + " " + l.port() + " -> " + l.upstream()).toList();
        String waypointAddress = addresses.of("waypoint-pod");
        assertEquals(List.of("client-pod 15001 -> " + waypointAddress + ":15008", "server-pod 15006 -> 127.0.0.1:11111"),
                ztunnel);
        assertEquals(List.of("waypoint-pod 15008 -> " + addresses.of("server-pod") + ":11111"),
                ProxyConfig.listeners(mode, addresses, mode.topology().process("waypoint")).stream().limit(1)
                        .map(l -> l.namespace() + " " + l.port() + " -> " + l.upstream()).toList());
    }
}
