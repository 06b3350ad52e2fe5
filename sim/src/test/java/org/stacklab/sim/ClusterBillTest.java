package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.scale.ClusterBill;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.topology.ProxyPlacement;

/** Each published figure comes back out of its own assumptions. */
class ClusterBillTest {

    @Test
    void isovalentsSevenHundredFiftyGigabytes() throws ScenarioException {
        var sets = ClusterBill.published().sets();
        ClusterBill.Line line = ClusterBill.bill("isovalent-2021", sets.get("isovalent-2021"), 500, 30, 0);
        assertEquals(15_000, line.proxies());
        assertEquals(750.0, line.memoryGb());
    }

    @Test
    void istiosPerThousandRequestsFigures() throws ScenarioException {
        var sets = ClusterBill.published().sets();
        // One sidecar at 1,000 requests/s: the published 40 MB and 0.35 vCPU.
        ClusterBill.Line one = ClusterBill.bill("istio-1.12", sets.get("istio-1.12"), 1, 1, 1000);
        assertEquals(0.04, one.memoryGb());
        assertEquals(0.4, one.vcpu(), 0.051);
        assertEquals(2.65, one.addedP90Ms());
        // One node proxy for 30 pods at 100 requests/s each: 3,000 requests/s through one ztunnel.
        ClusterBill.Line ztunnel = ClusterBill.bill("istio-ambient-1.24", sets.get("istio-ambient-1.24"), 500, 30, 100);
        assertEquals(500, ztunnel.proxies());
        assertEquals(18.0, ztunnel.memoryGb());
        assertEquals(90.0, ztunnel.vcpu());
    }

    private static ClusterBill.ModeBill billOf(String mode) throws Exception {
        Mode loaded = Catalog.mode(Reference.of(mode), java.nio.file.Path.of("."), "test", "mode");
        return ClusterBill.bill(loaded, ClusterBill.published(), 500, 30, 100);
    }

    @Test
    void aModesProxiesAreCountedWhereItsTopologyPutsThemAndPricedByTheSetsTheyName() throws Exception {
        ClusterBill.ModeBill sidecar = billOf("sidecar");
        assertEquals(15_000, sidecar.proxies(), "two sidecars in the lab's two pods: one per pod");
        assertEquals(90.0, sidecar.memoryGb(), "as istio-sidecar-1.24's own line");
        assertEquals(300.0, sidecar.vcpu());

        ClusterBill.ModeBill ambient = billOf("ambient");
        assertEquals(500, ambient.proxies(), "one ztunnel per node, not per pod");
        assertEquals(List.of(ProxyPlacement.PER_NODE), ambient.lines().stream().map(ClusterBill.Line::placement).toList());
        assertEquals(18.0, ambient.memoryGb());

        ClusterBill.ModeBill waypoint = billOf("ambient+waypoint");
        assertEquals(500, waypoint.proxies(), "the shared waypoints are not counted per node or pod");
        assertTrue(waypoint.hasShared());
        assertEquals(18.0 + 90.0, waypoint.memoryGb(), "ztunnels, and 60 MB per 1,000 of the cluster's 1.5 M requests/s");

        assertEquals(500, billOf("node-proxy").proxies());
        assertEquals(500, billOf("ambient@two-nodes").proxies(), "a ztunnel on each of the lab's two nodes: one per node");
        assertEquals(15_000, billOf("sidecar@two-nodes").proxies(), "still one sidecar per pod");
        assertEquals(0, billOf("direct").proxies());
        assertEquals(0.0, billOf("sockmap").memoryGb());
        for (String mode : Catalog.BUILT_IN_MODES) {
            assertEquals(List.of(), billOf(mode).unpriced(), mode + ": every built-in proxy names its published costs");
        }
    }

    @Test
    void aProxyBesideAnAppIsPerPodOneServingOtherPodsPerNodeAWaypointShared() throws Exception {
        Mode sidecar = Catalog.mode(Reference.of("sidecar"), java.nio.file.Path.of("."), "test", "mode");
        assertEquals(ProxyPlacement.PER_POD, sidecar.topology().placementOf(sidecar.topology().process("client-proxy")));
        Mode waypoint = Catalog.mode(Reference.of("ambient+waypoint"), java.nio.file.Path.of("."), "test", "mode");
        assertEquals(ProxyPlacement.PER_NODE, waypoint.topology().placementOf(waypoint.topology().process("ztunnel")));
        assertEquals(ProxyPlacement.SHARED, waypoint.topology().placementOf(waypoint.topology().process("waypoint")));
        Mode nodeProxy = Catalog.mode(Reference.of("node-proxy"), java.nio.file.Path.of("."), "test", "mode");
        assertEquals(ProxyPlacement.PER_NODE, nodeProxy.topology().placementOf(nodeProxy.topology().process("node-proxy")));
    }

    @Test
    void aProxyPricedByASetThatIsNotPublishedIsNamed() throws Exception {
        Mode sidecar = Catalog.mode(Reference.of("sidecar"), java.nio.file.Path.of("."), "test", "mode");
        var onlyIsovalent = new ClusterBill.Assumptions(java.util.Map.of("isovalent-2021",
                ClusterBill.published().sets().get("isovalent-2021")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterBill.bill(sidecar, onlyIsovalent, 10, 10, 10));
        assertTrue(e.getMessage().contains("proxy 'client-proxy' is priced by 'istio-sidecar-1.24'"), e.getMessage());
    }
}
