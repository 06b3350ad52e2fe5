package org.stacklab.ui.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.trace.StageVisit;

/** What the diagram draws follows from the mode alone, and every visit lands on the pass that carries it. */
class PathPlanTest {

    private static LoadedScenario loaded() throws Exception {
        return LoadedScenario.load(Catalog.DEFAULT_SCENARIO);
    }

    private static Mode mode(String name) throws Exception {
        return loaded().modes().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSidecarHasThreeNumberedTripsEachWayAndTwoRedirects() throws Exception {
        PathPlan plan = new PathPlan(mode("sidecar"));
        for (Direction d : List.of(Direction.REQUEST, Direction.RESPONSE)) {
            assertEquals(List.of(1, 2, 3), plan.passes(d).stream().map(PathPlan.Pass::number).toList(), d.toString());
        }
        assertEquals(List.of("client-app", "client-proxy"), plan.columns().get(0).processes().stream()
                .map(p -> p.name()).toList(), "app and proxy are separate boxes");
        assertTrue(plan.columns().get(0).usesLoopback());
        assertEquals(2, plan.hooks().size());
        PathPlan.Pass first = plan.passes(Direction.REQUEST).get(0);
        assertEquals(15001, plan.hookOf(first).orElseThrow().toPort(), "the app's connection meets nat OUTPUT");
        assertEquals(15006, plan.hookOf(plan.passes(Direction.REQUEST).get(1)).orElseThrow().toPort());
        assertTrue(plan.hookOf(plan.passes(Direction.REQUEST).get(2)).isEmpty(), "the proxy's own is exempt");
    }

    @Test
    void sockmapIsOneBypassWithNoTripThroughTcpIp() throws Exception {
        PathPlan plan = new PathPlan(mode("sockmap"));
        assertEquals(1, plan.passes(Direction.REQUEST).size());
        assertTrue(plan.passes(Direction.REQUEST).get(0).bypass());
        assertEquals(0, plan.tcpIpPasses(Direction.REQUEST));
        PathPlan merbridge = new PathPlan(mode("sidecar+sockmap"));
        assertEquals(List.of(0, 1, 0), merbridge.passes(Direction.REQUEST).stream().map(PathPlan.Pass::number).toList());
    }

    @Test
    void everyTcpReceiveOfARoundTripLandsOnItsOwnPass() throws Exception {
        for (String name : List.of("direct", "sidecar", "sockmap", "sidecar+sockmap")) {
            Mode mode = mode(name);
            List<StageVisit> trace = ModeRun.simulate(loaded(), mode, 3).trace();
            for (long request = 0; request < 3; request++) {
                long r = request;
                List<StageVisit> visits = trace.stream().filter(v -> v.request() == r).toList();
                int[] passes = Passes.of(visits);
                PathPlan plan = new PathPlan(mode);
                for (Direction d : List.of(Direction.REQUEST, Direction.RESPONSE)) {
                    List<Integer> seen = new java.util.ArrayList<>();
                    for (int i = 0; i < visits.size(); i++) {
                        if (visits.get(i).direction() == d && visits.get(i).stage() == Stage.SOCK_RECV) {
                            seen.add(passes[i]);
                        }
                    }
                    List<Integer> expected = java.util.stream.IntStream.range(0, plan.passes(d).size()).boxed().toList();
                    assertEquals(expected, seen, name + " request " + r + " " + d + ": one read per pass, in order");
                }
            }
        }
    }

    @Test
    void captionsNameTheRedirectWithTheLabsAddresses() throws Exception {
        Mode sidecar = mode("sidecar");
        List<StageVisit> trace = ModeRun.simulate(loaded(), sidecar, 2).trace();
        List<StageVisit> request = trace.stream().filter(v -> v.request() == 1).toList();
        int nfOutput = 0;
        while (request.get(nfOutput).stage() != Stage.NF_OUTPUT) {
            nfOutput++;
        }
        String caption = Captions.of(new PathPlan(sidecar), request.subList(0, nfOutput + 1));
        assertTrue(caption.startsWith("Request, TCP/IP trip 1 of 3: client-app → client-proxy over lo in client-pod"),
                caption);
        assertTrue(caption.contains("nat OUTPUT: REDIRECT 10.201.2.2:11111 → 127.0.0.1:15001 (client-app's connection;"
                + " client-proxy is exempt by uid)"), caption);
        int responseOutput = request.size() - 1;
        while (request.get(responseOutput).stage() != Stage.NF_PREROUTING) {
            responseOutput--;
        }
        assertTrue(!Captions.of(new PathPlan(sidecar), request.subList(0, responseOutput + 1)).contains("REDIRECT 10"),
                "a response's NF_PREROUTING is not called a REDIRECT");
    }

    @Test
    void everyVisitIsTheTimeOfTheProcessThatRunsIt() throws Exception {
        for (String name : List.of("direct", "sidecar", "sockmap", "sidecar+sockmap")) {
            Mode mode = mode(name);
            PathPlan plan = new PathPlan(mode);
            List<StageVisit> trace = ModeRun.simulate(loaded(), mode, 4).trace();
            java.util.Map<StageVisit, Passes.Place> places = Passes.ofTrace(trace);
            for (long request = 0; request < 4; request++) {
                long r = request;
                List<StageVisit> visits = trace.stream().filter(v -> v.request() == r).toList();
                List<String> readers = new java.util.ArrayList<>();
                for (int i = 0; i < visits.size(); i++) {
                    StageVisit v = visits.get(i);
                    org.stacklab.sim.topology.ProcessSpec process = plan.processOf(v, places.get(v));
                    if (v.stage() == Stage.PROXY || v.stage() == Stage.APP_RECV || v.stage() == Stage.APP_SEND) {
                        assertEquals(v.stage() == Stage.PROXY, process.role() == org.stacklab.sim.topology.Role.PROXY,
                                name + " " + v);
                    }
                    if (v.stage() == Stage.CTX_SWITCH) {
                        // The process switched in is the one that then reads (or, before its first send, writes).
                        StageVisit then = visits.subList(i + 1, visits.size()).stream()
                                .filter(w -> w.stage() == Stage.SOCK_RECV || w.stage() == Stage.APP_SEND).findFirst()
                                .orElseThrow();
                        assertEquals(plan.processOf(then, places.get(then)), process, name + " " + v);
                    }
                    if (v.stage() == Stage.SOCK_RECV && v.direction() == Direction.REQUEST) {
                        readers.add(process.name());
                    }
                }
                assertEquals(mode.path().stream().map(h -> h.receiver().name()).toList(), readers,
                        name + ": each hop's receiver reads the request");
            }
        }
    }
}
