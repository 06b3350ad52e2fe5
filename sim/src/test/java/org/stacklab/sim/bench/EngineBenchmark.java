package org.stacklab.sim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stacklab.sim.run.LoadedScenario;
import org.stacklab.sim.run.ModeRun;

/**
 * Engine speed on the default scenario, one thread, no traces kept. The score is simulated
 * events per second (one run of 20,000 requests per operation, scaled by its event count).
 *
 * <p>Run: {@code mvn -q -pl sim test-compile exec:exec@jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class EngineBenchmark {

    @Param({"direct", "sidecar", "sockmap", "sidecar+sockmap"})
    public String mode;

    private LoadedScenario scenario;
    private org.stacklab.sim.mode.Mode chosen;
    private long seed;

    @Setup(Level.Trial)
    public void load() throws Exception {
        scenario = LoadedScenario.load("default");
        chosen = scenario.modes().stream().filter(m -> m.name().equals(mode)).findFirst().orElseThrow();
    }

    /** One run of the default scenario; JMH reports runs/s, and the log line gives events per run. */
    @Benchmark
    @org.openjdk.jmh.annotations.OperationsPerInvocation(1)
    public long defaultScenario(EventCounter counter) {
        ModeRun run = ModeRun.simulate(scenario.scenarioWithSeed(++seed), chosen, 0);
        counter.events += run.report().events();
        return run.report().events();
    }

    /** Counts the events JMH's operations fired, so that events/s can be printed beside runs/s. */
    @State(Scope.Thread)
    @org.openjdk.jmh.annotations.AuxCounters(org.openjdk.jmh.annotations.AuxCounters.Type.OPERATIONS)
    public static class EventCounter {
        public long events;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
        }
    }
}
