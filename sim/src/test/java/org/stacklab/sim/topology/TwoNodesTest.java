package org.stacklab.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;

/** Any one-node mode with its pods on two nodes: the client's pod on one, the rest on the other. */
class TwoNodesTest {

    private static Mode mode(String name) throws ScenarioException {
        return Catalog.mode(Reference.of(name), Path.of("."), "test", "mode");
    }

    private static List<String> hops(Mode mode) {
        return mode.path().stream().map(h -> h.sender().name() + ">" + h.receiver().name()).toList();
    }

    static List<String> oneNodeModes() {
        return Catalog.ONE_NODE_MODES;
    }

    @ParameterizedTest
    @MethodSource("oneNodeModes")
    void everyOneNodeModeGoesOnTwoNodesWithTheClientAndServerApart(String name) throws ScenarioException {
        Mode two = mode(name + "@two-nodes");
        Topology topology = two.topology();

        assertEquals(List.of("node-a", "node-b"), topology.nodes());
        assertEquals("node-a", topology.nodeOf(topology.processWithRole(Role.CLIENT).namespace()));
        assertEquals("node-b", topology.nodeOf(topology.processWithRole(Role.SERVER).namespace()));
        assertTrue(two.path().stream().anyMatch(h -> h.namespaces().containsAll(List.of("node-a", "node-b"))),
                "some hop crosses from one node to the other: " + two.path());
        assertEquals(name + "@two-nodes", two.name());
    }

    @Test
    void aPerNodeProxyHasACopyOnEachNodeServingItsPods() throws ScenarioException {
        Mode ambient = mode("ambient@two-nodes");

        assertEquals(List.of("client-app>ztunnel-a", "ztunnel-a>ztunnel-b", "ztunnel-b>server-app"), hops(ambient));
        assertEquals(List.of("client-pod"), ambient.topology().process("ztunnel-a").socketsIn());
        assertEquals("node-b", ambient.topology().process("ztunnel-b").namespace());
        // The same three TCP/IP trips as on one node: ztunnel's tunnel leg is now between two of them.
        assertEquals(mode("ambient").path().size(), ambient.path().size());
    }

    @Test
    void aNodeProxysRuleTurnsTheConnectionOnEachNodeItEnters() throws ScenarioException {
        assertEquals(List.of("client-app>node-proxy-a", "node-proxy-a>node-proxy-b", "node-proxy-b>server-app"),
                hops(mode("node-proxy@two-nodes")));
    }

    @Test
    void socketLevelRedirectJoinsOnlySocketsOnOneNode() throws ScenarioException {
        assertTrue(mode("sockmap").path().get(0).redirected());
        assertFalse(mode("sockmap@two-nodes").path().get(0).redirected(), "no node's sockhash holds both sockets");
        List<Boolean> merbridge = mode("sidecar+sockmap@two-nodes").path().stream().map(Hop::redirected).toList();
        assertEquals(List.of(true, false, true), merbridge, "app and sidecar share a pod, the sidecars do not");
    }

    @Test
    void theOverlayWrapsOnlyTheLinkBetweenTheNodes() throws ScenarioException {
        List<Link> links = mode("sidecar@two-nodes-vxlan").topology().links();
        assertEquals(List.of(Link.Overlay.NONE, Link.Overlay.NONE, Link.Overlay.VXLAN),
                links.stream().map(Link::overlay).toList());
        assertEquals(List.of("node-a", "node-b"), links.get(2).between());
    }

    @Test
    void hostRoutingThroughAnOverlayIsRefusedWithTheReason() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> mode("host-routing@two-nodes-vxlan"));
        assertTrue(e.problem().contains("bpf_redirect_peer"), e.problem());
        assertTrue(e.problem().contains("route the nodes natively"), e.problem());
    }

    @Test
    void aModeAlreadyOnTwoNodesIsNotSpreadAgain() {
        ScenarioException twice = assertThrows(ScenarioException.class, () -> mode("direct@two-nodes@two-nodes"));
        assertTrue(twice.problem().contains("spreads its pods twice"), twice.problem());
        ScenarioException unknown = assertThrows(ScenarioException.class, () -> mode("direct@three-nodes"));
        assertTrue(unknown.problem().contains("unknown spread 'three-nodes'"), unknown.problem());
        assertTrue(unknown.problem().contains("two-nodes or two-nodes-vxlan"), unknown.problem());
    }

    @Test
    void builtInNamesOnTwoNodesAreKnownAndOthersNot() {
        assertTrue(Catalog.isBuiltInMode("kube-proxy@two-nodes-vxlan"));
        assertFalse(Catalog.isBuiltInMode("mine.yaml@two-nodes"));
        assertFalse(Catalog.isBuiltInMode("direct@somewhere"));
    }
}
