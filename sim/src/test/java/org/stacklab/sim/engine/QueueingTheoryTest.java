package org.stacklab.sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine checked against queueing theory: an M/M/c queue built from the engine's own parts
 * (the simulator, random streams and CPU cores as servers) must reproduce the analytic mean wait
 * (Erlang C) and utilisation.
 */
class QueueingTheoryTest {

    private static final int CUSTOMERS = 200_000;
    private static final int REPLICATIONS = 5;

    @ParameterizedTest(name = "M/M/{0} at utilisation {1}")
    @CsvSource({"1, 0.5", "1, 0.8", "2, 0.7", "4, 0.85"})
    void meanWaitAndUtilisationMatchTheory(int servers, double utilisation) {
        double serviceRate = 1.0 / 1000; // per ns: mean service 1 µs
        double arrivalRate = utilisation * servers * serviceRate;
        double expectedWait = erlangC(servers, arrivalRate / serviceRate) / (servers * serviceRate - arrivalRate);

        SummaryStatistics waits = new SummaryStatistics();
        SummaryStatistics busy = new SummaryStatistics();
        for (int r = 0; r < REPLICATIONS; r++) {
            double[] result = new MmcQueue(servers, arrivalRate, serviceRate, 1000 + r).run(CUSTOMERS);
            waits.addValue(result[0]);
            busy.addValue(result[1]);
        }
        double tolerance = 0.05 * expectedWait + 4 * waits.getStandardDeviation() / Math.sqrt(REPLICATIONS);
        assertEquals(expectedWait, waits.getMean(), tolerance, "mean wait in ns");
        assertEquals(utilisation, busy.getMean(), 0.01, "utilisation");
    }

    /** Probability that an arrival waits in M/M/c with offered load a = λ/μ (Erlang C). */
    private static double erlangC(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        double last = term * a / c;
        double rho = a / c;
        double top = last / (1 - rho);
        return top / (sum + top);
    }

    /** Customers are tasks on {@link CpuCores}; each holds a core for an exponential service time. */
    private static final class MmcQueue {
        private final Simulator sim = new Simulator();
        private final CpuCores cores;
        private final RandomGenerator arrivals;
        private final RandomGenerator services;
        private final double arrivalRate;
        private final double serviceRate;
        private final int arrivalHandler;
        private final int departureHandler;
        private long[] arrivedAt = new long[1024];
        private int nextCustomer;
        private int limit;
        private long measured;
        private double totalWait;
        private long busyNs;
        private long warmupEnd;

        MmcQueue(int servers, double arrivalRate, double serviceRate, long seed) {
            this.cores = new CpuCores(servers);
            RandomStreams streams = new RandomStreams(seed);
            this.arrivals = streams.stream("arrivals");
            this.services = streams.stream("services");
            this.arrivalRate = arrivalRate;
            this.serviceRate = serviceRate;
            this.arrivalHandler = sim.register(ignored -> arrive());
            this.departureHandler = sim.register(this::depart);
        }

        double[] run(int customers) {
            limit = customers;
            warmupEnd = customers / 10;
            sim.schedule(0, arrivalHandler, 0);
            sim.run();
            return new double[] {totalWait / measured,
                    (double) busyNs / (sim.now() * cores.cores())};
        }

        private void arrive() {
            int customer = nextCustomer++;
            if (customer == arrivedAt.length) {
                arrivedAt = Arrays.copyOf(arrivedAt, customer * 2);
            }
            arrivedAt[customer] = sim.now();
            int core = cores.wake(customer);
            if (core != CpuCores.NONE) {
                serve(customer, core);
            }
            if (nextCustomer < limit) {
                sim.schedule(exp(arrivals, arrivalRate), arrivalHandler, 0);
            }
        }

        private void serve(int customer, int core) {
            if (customer >= warmupEnd) {
                totalWait += sim.now() - arrivedAt[customer];
                measured++;
            }
            long service = exp(services, serviceRate);
            busyNs += service;
            sim.schedule(service, departureHandler, core);
        }

        private void depart(int core) {
            int next = cores.release(core);
            if (next != CpuCores.NONE) {
                serve(next, core);
            }
        }

        private static long exp(RandomGenerator random, double rate) {
            return Math.round(-Math.log(1 - random.nextDouble()) / rate);
        }
    }
}
