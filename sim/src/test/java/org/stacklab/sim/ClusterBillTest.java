package org.stacklab.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stacklab.sim.scale.ClusterBill;
import org.stacklab.sim.scenario.ScenarioException;

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
}
