package org.stacklab.sim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.stacklab.sim.cost.CostProfile;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.path.Hop;
import org.stacklab.sim.path.PathProgram;
import org.stacklab.sim.path.Step;
import org.stacklab.sim.scenario.Catalog;
import org.stacklab.sim.scenario.Reference;
import org.stacklab.sim.scenario.ScenarioException;
import org.stacklab.sim.stack.Direction;
import org.stacklab.sim.stack.Stage;
import org.stacklab.sim.workload.Workload;

/** Invariants of the model over random workloads, modes, core counts and seeds. */
class StackModelPropertiesTest {

    @Property(tries = 60)
    void invariantsHold(@ForAll @IntRange(min = 0, max = 6) int modeIndex,
                        @ForAll @IntRange(min = 1, max = 4) int cpus,
                        @ForAll @IntRange(min = 1, max = 6) int connections,
                        @ForAll boolean openLoop,
                        @ForAll boolean newConnections,
                        @ForAll @IntRange(min = 1, max = 70_000) int requestBytes,
                        @ForAll @IntRange(min = 1, max = 70_000) int responseBytes,
                        @ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws ScenarioException {
        Mode mode = Catalog.mode(Reference.of(Catalog.BUILT_IN_MODES.get(modeIndex)), Path.of("."), "test", "mode");
        CostProfile profile = Catalog.profile(Reference.of("lab-vm"), Path.of("."), "test", "profile");
        int requests = 300;
        Workload workload = new Workload(openLoop ? Workload.Pattern.OPEN_LOOP : Workload.Pattern.CLOSED_LOOP,
                connections, openLoop ? 5_000.0 + seed % 40_000 : 0.0, (long) requests, requestBytes, responseBytes,
                newConnections);
        Checker checker = new Checker();
        StackModel model = new StackModel(new PathProgram(mode, requestBytes, responseBytes, newConnections), profile,
                workload, cpus, seed, checker);
        model.run();

        assertEquals(requests, model.requestsCompleted(), "every request completes");
        assertEquals(requests, checker.completed);
        assertEquals(checker.bytesSent, checker.bytesReceived, "bytes sent equal bytes received");
        assertEquals((long) requests * (requestBytes + responseBytes), checker.bytesSent);

        long tcpHops = mode.path().stream().filter(h -> !h.redirected()).count();
        for (Map.Entry<Long, int[]> entry : checker.tcpOut.entrySet()) {
            int[] perDirection = entry.getValue();
            assertEquals(tcpHops, perDirection[Direction.REQUEST.ordinal()], "TCP/IP trips of the request");
            assertEquals(tcpHops, perDirection[Direction.RESPONSE.ordinal()], "TCP/IP trips of the response");
            assertEquals(newConnections ? 3 * mode.path().size() : 0, perDirection[Direction.CONNECT.ordinal()]);
        }
        if (!newConnections) {
            assertEquals(checker.latencyNs, checker.segmentNs,
                    "a request's segments (its visits and its waits in a busy reader's queue) add up to its latency");
        }
        if (mode.name().equals("sidecar")) {
            assertEquals(3, tcpHops, "sidecar crosses TCP/IP three times per direction");
        }
        if (mode.path().stream().allMatch(Hop::redirected)) {
            assertEquals(0, checker.dataVisitsOfTcpIp, "a redirected hop never visits TCP/IP or a device");
        }
    }

    @Property(tries = 30)
    void garbageScenarioNamesAreRefusedWithAMessage(@ForAll @StringLength(min = 1, max = 12) @Chars({'a', 'b', '-', '+', '.'}) String name) {
        try {
            Catalog.mode(Reference.of(name), Path.of("."), "test", "mode");
            assertTrue(Catalog.BUILT_IN_MODES.contains(name));
        } catch (ScenarioException e) {
            assertTrue(e.getMessage().startsWith("test"), e.getMessage());
        }
    }

    private static final class Checker implements VisitListener {
        long lastExit;
        long completed;
        long bytesSent;
        long bytesReceived;
        long dataVisitsOfTcpIp;
        long segmentNs;
        long latencyNs;
        final Map<Long, int[]> tcpOut = new HashMap<>();

        @Override
        public void visit(long request, Step step, int cpu, long enterNs, long exitNs, long serviceNs) {
            assertTrue(enterNs <= exitNs, "a visit ends after it begins");
            assertTrue(exitNs >= lastExit, "time never goes backwards");
            assertTrue(serviceNs <= exitNs - enterNs, "CPU time fits in the visit");
            lastExit = exitNs;
            if (step.direction() != Direction.CONNECT) {
                segmentNs += exitNs - enterNs;
            }
            Stage stage = step.stage();
            if (stage == Stage.TCP_OUT) {
                tcpOut.computeIfAbsent(request, r -> new int[3])[step.direction().ordinal()]++;
            }
            if (stage.isTcpIp() && step.direction() != Direction.CONNECT) {
                dataVisitsOfTcpIp++;
            }
            if (stage == Stage.APP_SEND) {
                bytesSent += step.bytes();
            } else if (stage == Stage.APP_RECV) {
                bytesReceived += step.bytes();
            }
        }

        @Override
        public void queued(long request, Step next, long fromNs, long toNs) {
            assertTrue(fromNs < toNs, "a wait in the queue takes time");
            segmentNs += toNs - fromNs;
        }

        @Override
        public void completed(long request, long startNs, long endNs) {
            assertTrue(endNs > startNs);
            completed++;
            latencyNs += endNs - startNs;
        }
    }
}
