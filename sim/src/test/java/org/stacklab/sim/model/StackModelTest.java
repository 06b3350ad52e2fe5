package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.io.Json;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.report.RunReport;
import org.stacklab.sim.run.Comparison;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Stage;

class StackModelTest {

    @Test
    void theSameSeedGivesByteIdenticalJson() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        String first = Json.write(Comparison.simulate(loaded));
        String second = Json.write(Comparison.simulate(LoadedScenario.load("default")));
        assertEquals(first, second);
        String otherSeed = Json.write(Comparison.simulate(loaded.scenarioWithSeed(2)));
        assertNotEquals(first, otherSeed);
    }

    @Test
    void theSameSeedGivesTheSameTrace() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        var mode = loaded.modes().get(1);
        assertEquals(ModeRun.simulate(loaded, mode, 5).trace(), ModeRun.simulate(loaded, mode, 5).trace());
    }

    /** A run of sidecar on two cores with so many connections, at one grain: its totals and its events. */
    private static Object[] runAt(EventGrain grain, org.stacklab.sim.workload.Workload workload, int replicas)
            throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        org.stacklab.sim.report.RunStats stats = new org.stacklab.sim.report.RunStats();
        StackModel model = new StackModel(PathProgram.of(loaded.modes().get(1), workload), loaded.profile(), workload, 2,
                org.stacklab.sim.engine.CpuPlacement.SCHEDULER, replicas, grain, 3, stats);
        model.run();
        return new Object[] {stats, model.simulator().eventsFired()};
    }

    @Test
    void withOneMessageInFlightATurnPerEventGivesTheSameRunAsAStagePerEvent() throws ScenarioException {
        var pingPong = org.stacklab.sim.workload.Workload.pingPong(3000, 64);
        Object[] stages = runAt(EventGrain.STAGE, pingPong, 1);
        Object[] turns = runAt(EventGrain.TURN, pingPong, 1);
        var a = (org.stacklab.sim.report.RunStats) stages[0];
        var b = (org.stacklab.sim.report.RunStats) turns[0];
        // Nothing runs beside the one message, so every draw comes in the same order: the same run exactly.
        assertEquals(a.latency(), b.latency());
        for (var kind : org.stacklab.sim.report.Crossings.Kind.values()) {
            assertEquals(a.crossings().count(kind), b.crossings().count(kind), kind.name());
        }
        for (var segment : org.stacklab.sim.stack.Segment.values()) {
            assertEquals(a.segmentNs(segment), b.segmentNs(segment), segment.name());
        }
        for (Stage stage : Stage.values()) {
            assertEquals(a.visits(stage), b.visits(stage), stage.name());
            assertEquals(a.elapsedNs(stage), b.elapsedNs(stage), stage.name());
        }
        assertTrue((long) turns[1] * 5 < (long) stages[1], turns[1] + " events against " + stages[1]);
    }

    @Test
    void underLoadATurnPerEventAgreesWithAStagePerEventAsTwoSeedsDo() throws ScenarioException {
        var load = new org.stacklab.sim.workload.Workload(org.stacklab.sim.workload.Workload.Pattern.OPEN_LOOP, 1,
                12_000.0, 40_000L, 1024, 1024, false); // about 60 % of two cores: queueing, not overload
        var a = (org.stacklab.sim.report.RunStats) runAt(EventGrain.STAGE, load, 4)[0];
        var b = (org.stacklab.sim.report.RunStats) runAt(EventGrain.TURN, load, 4)[0];
        assertEquals(a.visits(Stage.TCP_OUT), b.visits(Stage.TCP_OUT), "the same stages visited");
        for (double percentile : new double[] {50, 90, 99}) {
            double stage = a.latency().getValueAtPercentile(percentile);
            double turn = b.latency().getValueAtPercentile(percentile);
            assertTrue(Math.abs(turn / stage - 1) < 0.05, "p" + percentile + ": " + turn + " against " + stage);
        }
    }

    @Test
    void defaultScenarioPutsSidecarAtTwoToFourTimesDirect() throws ScenarioException {
        Comparison comparison = Comparison.simulate(LoadedScenario.load("default"));
        double ratio = comparison.ratios().get("sidecar").get("p50");
        assertTrue(ratio >= 2 && ratio <= 4, "sidecar ÷ direct p50 = " + ratio);
        assertTrue(comparison.ratios().get("sockmap").get("p50") < 1, "sockmap is faster than direct in ping-pong");
    }

    @Test
    void openLoopLatencyGrowsWithLoad() throws ScenarioException {
        LoadedScenario light = LoadedScenario.load("open-loop");
        var sidecar = light.modes().get(1);
        RunReport atTenThousand = ModeRun.simulate(light, sidecar, 0).report();
        var heavier = new LoadedScenario(light.scenario().withWorkload(new org.stacklab.sim.workload.Workload(
                org.stacklab.sim.workload.Workload.Pattern.OPEN_LOOP, 1, 18_000.0, 20_000L, 1024, 1024, false)),
                light.source(), light.profile(), light.modes());
        RunReport atEighteenThousand = ModeRun.simulate(heavier, sidecar, 0).report();
        assertTrue(atEighteenThousand.latencyUs().p99() > atTenThousand.latencyUs().p99(),
                "queueing for the cores shows at the tail");
    }

    /** A direct run of a workload on two cores, scheduler's placement, with a profile. */
    private static RunReport directWith(CostProfile profile, org.stacklab.sim.workload.Workload workload)
            throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        LoadedScenario with = new LoadedScenario(loaded.scenario().withWorkload(workload), loaded.source(), profile,
                loaded.modes());
        return ModeRun.simulate(with, with.modes().get(0), 0).report();
    }

    /**
     * At a light load a sleeping client's CPU is idle for nearly every arrival, so a timer 200 µs late delays
     * nearly every request by that much (its latency counts from the intended time) and its 5 µs of CPU are paid
     * by nearly every request; a closed loop has no timers.
     */
    @Test
    void anOpenLoopsRequestsWaitForTheirThreadsLateTimerAndPayItsCpu() throws ScenarioException {
        CostProfile onTime = LoadedScenario.load("default").profile();
        CostProfile late = onTime.withTimers(new org.stacklab.sim.cost.TimerCost(new org.stacklab.sim.cost.CostDistribution(
                org.stacklab.sim.cost.CostDistribution.EMPIRICAL, 0, 0, 0, List.of(200_000.0, 200_000.0)), 5_000), "");
        var light = new org.stacklab.sim.workload.Workload(org.stacklab.sim.workload.Workload.Pattern.OPEN_LOOP, 4,
                500.0, 4000L, 64, 64, false);

        RunReport slow = directWith(late, light);
        RunReport quick = directWith(onTime, light);
        double shiftUs = slow.latencyUs().p50() - quick.latencyUs().p50();
        assertTrue(shiftUs > 170 && shiftUs < 230, "p50 later by " + shiftUs + " µs");
        double moreCpuUs = slow.cpuPerRequestUs().kernel() - quick.cpuPerRequestUs().kernel();
        assertTrue(moreCpuUs > 4.5 && moreCpuUs < 5.5, moreCpuUs + " µs more kernel CPU a request");
        var closed = org.stacklab.sim.workload.Workload.pingPong(2000, 64).withConnections(4);
        assertEquals(directWith(onTime, closed).latencyUs(), directWith(late, closed).latencyUs(),
                "a closed loop's requests wait on no timer");
    }

    @Test
    void newConnectionsAddThreeHandshakeTripsPerHop() throws ScenarioException {
        Comparison comparison = Comparison.simulate(LoadedScenario.load("new-connections"));
        for (RunReport run : comparison.runs()) {
            double hops = run.path().size();
            assertEquals(3 * hops, run.handshakeTcpIpTripsPerRequest(), run.mode());
        }
    }

    /**
     * A stream's messages go one way, each connection writing on while its window has room: it moves far more
     * per second than the same messages as a ping-pong, crosses TCP/IP once per message in direct, and never
     * has more than a window's worth of a connection's messages unread.
     */
    @Test
    void aStreamWritesAheadWithinItsWindowAndEndsAtTheServersRead() throws ScenarioException {
        LoadedScenario stream = LoadedScenario.load("stream");
        var direct = stream.modes().get(0);
        org.stacklab.sim.workload.Workload big = stream.scenario().workload().withMessages(65_536, 1).withConnections(2);
        LoadedScenario twoConnections = stream.scenarioWithWorkload(big.withRequests(3000));
        RunReport streamed = ModeRun.simulate(twoConnections, direct, 0).report();
        RunReport pingPong = ModeRun.simulate(stream.scenarioWithWorkload(
                org.stacklab.sim.workload.Workload.pingPong(3000, 65_536)), direct, 0).report();

        assertEquals(3000, streamed.requests());
        assertEquals(1, streamed.crossingsPerRequest().tcpIp(), "one trip a message: there is no response");
        assertTrue(streamed.throughputGbitPerSecond() > pingPong.throughputGbitPerSecond(),
                streamed.throughputGbitPerSecond() + " vs " + pingPong.throughputGbitPerSecond() + " Gbit/s");

        long[] unread = new long[1];
        long[] most = new long[1];
        PathProgram program = PathProgram.of(direct, big.withRequests(3000));
        VisitListener window = new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
                if (step.stage() == Stage.APP_SEND) {
                    most[0] = Math.max(most[0], ++unread[0]);
                }
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
                unread[0]--;
            }
        };
        new StackModel(program, stream.profile(), big.withRequests(3000), 2, 1, window).run();
        assertTrue(most[0] > 2 && most[0] <= 2L * big.streamWindow(),
                most[0] + " unread: the writer gets ahead, two connections each at most its window");
    }

    /** The mean service time of a sidecar's proxies' work (the PROXY stage) per visit, under a workload. */
    private static double proxyWorkNs(org.stacklab.sim.workload.Workload workload) throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        DescriptiveStatistics work = new DescriptiveStatistics();
        VisitListener listener = new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
                if (step.stage() == Stage.PROXY) {
                    work.addValue(serviceNs);
                }
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
            }
        };
        new StackModel(PathProgram.of(loaded.modes().get(1), workload), loaded.profile(), workload, 2, 5, listener)
                .run();
        return work.getMean();
    }

    /**
     * A proxy reads what has arrived on a connection and writes it on at once: a stream's small messages ride
     * in one another's read, paying their work once; messages as large as its read never do.
     */
    @Test
    void aProxysReadCarriesTheSmallMessagesQueuedBehindTheFirst() throws ScenarioException {
        double pingPong = proxyWorkNs(org.stacklab.sim.workload.Workload.pingPong(2000, 1024));
        var stream = org.stacklab.sim.workload.Workload.pingPong(5000, 1024).asStream();
        assertTrue(proxyWorkNs(stream) < pingPong / 2, proxyWorkNs(stream) + " ns against " + pingPong
                + " ns a message in a ping-pong");
        int whole = org.stacklab.sim.topology.ProcessSpec.EVENT_LOOP_READ_BYTES;
        double large = proxyWorkNs(stream.withMessages(whole, whole).withRequests(500));
        assertTrue(large >= 0.8 * pingPong, large + " ns against " + pingPong + ": a message that fills the read rides"
                + " in none");
    }

    /** Each request's context switches: their service times, one list per request. */
    private static Map<Long, List<Long>> switchesByRequest(LoadedScenario loaded, CostProfile profile) {
        return visitsByRequest(loaded, profile, step -> step.stage() == Stage.CTX_SWITCH);
    }

    /** Each sidecar request's visits of a kind: their service times, one list per request. */
    private static Map<Long, List<Long>> visitsByRequest(LoadedScenario loaded, CostProfile profile,
                                                         java.util.function.Predicate<Step> kind) {
        var sidecar = loaded.modes().get(1);
        var workload = loaded.scenario().workload();
        Map<Long, List<Long>> visits = new HashMap<>();
        VisitListener listener = new VisitListener() {
            @Override
            public void visit(long request, Step step, int cpu, long enterNs, long exitNs,
                              long serviceNs) {
                if (kind.test(step) && request > 0) {
                    visits.computeIfAbsent(request, r -> new ArrayList<>()).add(serviceNs);
                }
            }

            @Override
            public void completed(long request, long startNs, long endNs) {
            }
        };
        new StackModel(new PathProgram(sidecar, workload.requestBytes(), workload.responseBytes(),
                false), profile, workload, loaded.scenario().cpus(), 7, listener).run();
        return visits;
    }

    @Test
    void switchesDrawnTogetherKeepTheirDistributionButSpreadTheRoundTrip() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        var independent = loaded.profile();
        var together = new CostProfile(independent.name(), independent.description(),
                independent.stages(), independent.contextFactors(), independent.contextStages(), 0.6);
        var apart = switchesByRequest(loaded, independent);
        var joint = switchesByRequest(loaded, together);

        var eachApart = new DescriptiveStatistics();
        var eachJoint = new DescriptiveStatistics();
        var tripApart = new DescriptiveStatistics();
        var tripJoint = new DescriptiveStatistics();
        apart.values().forEach(list -> {
            list.forEach(eachApart::addValue);
            tripApart.addValue(list.stream().mapToLong(Long::longValue).sum());
        });
        joint.values().forEach(list -> {
            list.forEach(eachJoint::addValue);
            tripJoint.addValue(list.stream().mapToLong(Long::longValue).sum());
        });
        assertEquals(eachApart.getPercentile(50), eachJoint.getPercentile(50), 0.03 * eachApart.getPercentile(50),
                "a switch's median stays");
        assertEquals(eachApart.getPercentile(90), eachJoint.getPercentile(90), 0.03 * eachApart.getPercentile(90),
                "a switch's p90 stays");
        assertTrue(tripJoint.getVariance() > 2 * tripApart.getVariance(), "a round trip's six switches spread: "
                + tripJoint.getVariance() + " vs " + tripApart.getVariance());
        assertEquals(joint, switchesByRequest(loaded, together), "the same seed draws the same switches");
    }
    @Test
    void aRoundTripsWorkSpreadTogetherKeepsItsMeanAndItsSwitches() throws ScenarioException {
        LoadedScenario loaded = LoadedScenario.load("default");
        CostProfile apart = loaded.profile();
        CostProfile together = apart.withWorkSpread(0.3, "");
        var workApart = new DescriptiveStatistics();
        var workTogether = new DescriptiveStatistics();
        java.util.function.Predicate<Step> work = step -> step.stage() != Stage.CTX_SWITCH;
        visitsByRequest(loaded, apart, work).values().forEach(trip -> workApart.addValue(trip.stream()
                .mapToLong(Long::longValue).sum()));
        visitsByRequest(loaded, together, work).values().forEach(trip -> workTogether.addValue(trip.stream()
                .mapToLong(Long::longValue).sum()));

        assertEquals(workApart.getMean(), workTogether.getMean(), 0.03 * workApart.getMean(), "the work's mean stays");
        double spreadApart = workApart.getPercentile(90) / workApart.getPercentile(50);
        double spreadTogether = workTogether.getPercentile(90) / workTogether.getPercentile(50);
        // A factor of log-sd 0.3 puts p90 at 1.47 times p50 by itself; drawn stage by stage a sidecar's round trip's
        // work spread 1.18 (its proxies' passes the widest of it).
        assertTrue(spreadTogether > 1.4 && spreadApart < 1.25, "p90 ÷ p50 of a round trip's work: " + spreadTogether
                + " together, " + spreadApart + " apart");
        assertEquals(switchesByRequest(loaded, apart), switchesByRequest(loaded, together),
                "the switches are drawn as they were");
    }
}
