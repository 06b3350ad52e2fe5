package org.stacklab.probe.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.NatRedirect;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;

/** What the live lab installs follows from the mode's resolved path alone; checked without root. */
class LabPlanTest {

    private static Mode mode(String name) throws Exception {
        return Catalog.mode(Reference.of(name), Path.of("."), "test", "mode");
    }

    private static ProxyConfig.Listener listener(String name, int port, String upstream) {
        return new ProxyConfig.Listener(name, port, upstream);
    }

    @Test
    void aSidecarsRulesAreTheRedirectsItsPathMeets() throws Exception {
        Mode sidecar = mode("sidecar");
        assertEquals(List.of("client-pod nat OUTPUT", "server-pod nat PREROUTING"), NatRules.of(sidecar).stream()
                .map(r -> r.namespace() + " " + r.chain().label()).toList(), "not the server pod's outbound: no hop meets it");
        LabAddresses addresses = new LabAddresses(sidecar.topology());
        assertEquals(List.of(listener("outbound0", 15001, "10.201.2.2:11111"), listener("outbound1", 15002,
                "10.201.2.2:11112")), ProxyConfig.listeners(sidecar, addresses, sidecar.topology().process("client-proxy")));
        assertEquals(List.of(listener("inbound0", 15006, "127.0.0.1:11111"), listener("inbound1", 15007,
                "127.0.0.1:11112")), ProxyConfig.listeners(sidecar, addresses, sidecar.topology().process("server-proxy")));
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
        String config = ProxyConfig.haproxy(List.of(listener("inbound0", 15006, "127.0.0.1:11111")));
        assertEquals(List.of("listen inbound0", "  bind 0.0.0.0:15006", "  server upstream 127.0.0.1:11111"),
                config.lines().dropWhile(l -> !l.startsWith("listen")).toList());
    }
}
