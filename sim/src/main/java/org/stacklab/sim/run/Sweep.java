package org.stacklab.sim.run;

import java.util.List;
import java.util.Locale;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.mode.Mode;
import org.stacklab.sim.topology.ServiceSpec;
import org.stacklab.sim.workload.Workload;

/**
 * One factor of a workload (or of the cluster a mode runs in) varied over values, the rest held: the
 * curves that say when a data path wins (latency against connections or rate, against message size,
 * against the number of services).
 *
 * @param factor what varies
 * @param values its values, in order
 */
public record Sweep(Factor factor, List<Double> values) {

    /** What a sweep varies. */
    public enum Factor {
        /** Closed-loop connections, each with one request outstanding. */
        CONNECTIONS("connections"),
        /** Open-loop arrivals per second (Poisson). */
        RATE("requests/s"),
        /** Bytes of each request and of each response (a stream's messages, the bytes it moves kept). */
        SIZE("bytes"),
        /** The cluster's services, for a mode whose server is behind one (kube-proxy walks a rule per service). */
        SERVICES("services");

        private static final long STREAM_MESSAGES_AT_LEAST = 1000;

        private final String unit;

        Factor(String unit) {
            this.unit = unit;
        }

        /** What its values count. */
        public String unit() {
            return unit;
        }

        /** The workload at one value of the factor. */
        public Workload apply(Workload w, double value) {
            return switch (this) {
                case CONNECTIONS -> w.withConnections((int) value);
                case RATE -> w.atRate(value);
                case SIZE -> w.pattern() == Workload.Pattern.STREAM ? sameBytes(w, (int) value)
                        : w.withMessages((int) value, (int) value);
                case SERVICES -> w;
            };
        }

        /** The mode at one value of the factor: itself, unless the factor is the cluster's. */
        public Mode apply(Mode mode, double value) {
            return this == SERVICES ? mode.withServices((int) value) : mode;
        }

        /** Whether the factor changes the mode rather than the workload: each value is then a lab of its own. */
        public boolean variesTheMode() {
            return this == SERVICES;
        }

        /**
         * A stream of another message size moving the same bytes (as iperf3 -n), at least
         * {@value #STREAM_MESSAGES_AT_LEAST} messages: a count that suits 1 KiB would take minutes at 256 KiB.
         */
        private static Workload sameBytes(Workload w, int size) {
            long messages = Math.max(STREAM_MESSAGES_AT_LEAST, w.requests() * w.requestBytes() / size);
            return w.withMessages(size, size).withRequests(messages);
        }

        /** Why a value cannot be one of this factor's, or null if it can. */
        public String whyNot(double value) {
            boolean whole = value == Math.rint(value);
            return switch (this) {
                case CONNECTIONS -> whole && value >= 1 && value <= Workload.MAX_CONNECTIONS ? null
                        : "connections are whole numbers from 1 to " + Workload.MAX_CONNECTIONS;
                case RATE -> value > 0 && Double.isFinite(value) ? null : "a rate is a number of requests/s above 0";
                case SIZE -> whole && value >= 1 && value <= Workload.MAX_BYTES ? null
                        : "sizes are whole numbers of bytes from 1 to " + Workload.MAX_BYTES;
                case SERVICES -> whole && value >= 1 && value <= ServiceSpec.MAX_SERVICES ? null
                        : "services are whole numbers from 1 to " + ServiceSpec.MAX_SERVICES;
            };
        }

        /** As the command line writes it. */
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    public Sweep {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one value");
        }
    }

    /** The workloads of the sweep, in the order of its values. */
    public List<Workload> workloads(Workload base) {
        return values.stream().map(v -> factor.apply(base, v)).toList();
    }

    /** A value as a label: 4, 16 384, 2 500.5. */
    public static String label(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%,.1f", value);
    }
}
