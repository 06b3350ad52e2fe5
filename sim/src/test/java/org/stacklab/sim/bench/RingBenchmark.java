package org.stacklab.sim.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stacklab.sim.engine.RingShape;

/**
 * The engine alone on the ring shape ({@link RingShape#STANDARD}: 1,000 in flight, 40 stages,
 * exponential service with mean 2,000 ns), 20 M events an operation; the score is events per second.
 *
 * <p>Run: {@code mvn -q -pl sim test-compile exec:exec@jmh -Djmh.args=RingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class RingBenchmark {

    private static final int EVENTS = (int) RingShape.STANDARD_EVENTS;
    private long seed;

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long ring() {
        return RingShape.STANDARD.run(EVENTS, ++seed);
    }
}
