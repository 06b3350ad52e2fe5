package org.stacklab.sim.workload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.io.InvalidValue;

/**
 * What the client asks of the server.
 *
 * @param pattern        closed loop (each connection sends its next request when the last
 *                       response arrives), open loop (Poisson arrivals at a rate) or stream (each
 *                       connection writes its messages back to back, unanswered, as far as the
 *                       receiver's socket buffer lets it: {@link #streamWindow()})
 * @param connections    persistent connections, each with one request outstanding (closed loop)
 * @param ratePerSecond  mean arrival rate (open loop)
 * @param requests       how many requests the run makes
 * @param requestBytes   bytes of each request
 * @param responseBytes  bytes of each response (none in a stream)
 * @param newConnectionPerRequest whether every request opens new connections along its path
 */
public record Workload(Pattern pattern, int connections, double ratePerSecond, long requests, int requestBytes,
                       int responseBytes, boolean newConnectionPerRequest) {

    /** The most connections a workload keeps open: a cluster's worth of one pod's peers. */
    public static final int MAX_CONNECTIONS = 100_000;
    /** The largest message: 1 GiB, far beyond what the model's per-byte costs were measured on. */
    public static final int MAX_BYTES = 1 << 30;
    /**
     * What a stream's connection may have written and not yet read: a socket buffer's worth, at the
     * size Linux's autotuning gives a busy local connection's receive buffer within a few round trips.
     */
    public static final int STREAM_BUFFER_BYTES = 256 << 10;

    /** How requests are issued. */
    public enum Pattern {
        CLOSED_LOOP, OPEN_LOOP, STREAM;

        @JsonCreator
        public static Pattern parse(String text) {
            return EnumNames.parse(Pattern.class, text, "pattern");
        }

        @JsonValue
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    @JsonCreator
    public Workload(@JsonProperty("pattern") Pattern pattern,
                    @JsonProperty("connections") Integer connections,
                    @JsonProperty("ratePerSecond") Double ratePerSecond,
                    @JsonProperty("requests") Long requests,
                    @JsonProperty("requestBytes") Integer requestBytes,
                    @JsonProperty("responseBytes") Integer responseBytes,
                    @JsonProperty("newConnectionPerRequest") Boolean newConnectionPerRequest) {
        this(pattern == null ? Pattern.CLOSED_LOOP : pattern, connections == null ? 1 : connections,
                ratePerSecond == null ? 0 : ratePerSecond, requests == null ? 20_000 : requests,
                requestBytes == null ? 64 : requestBytes, responseBytes == null ? 64 : responseBytes,
                newConnectionPerRequest != null && newConnectionPerRequest);
    }

    public Workload {
        InvalidValue.require(pattern == Pattern.OPEN_LOOP || connections >= 1 && connections <= MAX_CONNECTIONS,
                "connections", "connections must be from 1 to " + MAX_CONNECTIONS + ", not " + connections);
        InvalidValue.require(ratePerSecond >= 0 && Double.isFinite(ratePerSecond), "ratePerSecond",
                "ratePerSecond must not be negative, not " + ratePerSecond);
        InvalidValue.require(pattern != Pattern.OPEN_LOOP || ratePerSecond > 0, "ratePerSecond",
                "an open-loop workload needs ratePerSecond > 0, not " + ratePerSecond);
        InvalidValue.require(pattern != Pattern.STREAM || !newConnectionPerRequest, "newConnectionPerRequest",
                "a stream keeps its connections: newConnectionPerRequest must be false");
        InvalidValue.require(requests >= 1, "requests", "requests must be at least 1, not " + requests);
        InvalidValue.require(requestBytes >= 1 && requestBytes <= MAX_BYTES, "requestBytes",
                "requestBytes must be from 1 to " + MAX_BYTES + ", not " + requestBytes);
        InvalidValue.require(responseBytes >= 1 && responseBytes <= MAX_BYTES, "responseBytes",
                "responseBytes must be from 1 to " + MAX_BYTES + ", not " + responseBytes);
    }

    /**
     * What the live probe's driver does: one connection, one request at a time, each response as
     * long as its request (it echoes).
     */
    public static Workload pingPong(long requests, int bytes) {
        return new Workload(Pattern.CLOSED_LOOP, 1, 0.0, requests, bytes, bytes, false);
    }

    /** Bytes that one request moves between the apps: request and response, or a stream's message. */
    public long bytesPerRequest() {
        return pattern == Pattern.STREAM ? requestBytes : (long) requestBytes + responseBytes;
    }

    /** How many of a stream's messages one connection may have unread: a socket buffer's worth, at least one. */
    public int streamWindow() {
        return Math.max(1, STREAM_BUFFER_BYTES / requestBytes);
    }

    /** For people: "closed-loop, 8 connections, 256 B request / 16384 B response". */
    public String describe() {
        if (pattern == Pattern.STREAM) {
            return pattern + ", " + connections + " connection" + (connections == 1 ? "" : "s") + ", " + requestBytes
                    + " B messages, unanswered";
        }
        String load = pattern == Pattern.OPEN_LOOP
                ? String.format(java.util.Locale.ROOT, "%,.0f requests/s (Poisson) over %d connection%s", ratePerSecond,
                        Math.max(1, connections), connections > 1 ? "s" : "")
                : connections + " connection" + (connections == 1 ? "" : "s");
        return pattern + ", " + load + ", " + requestBytes + " B request / " + responseBytes + " B response"
                + (newConnectionPerRequest ? ", a new connection per request" : "");
    }

    /** The same workload over another number of connections. */
    public Workload withConnections(int count) {
        return new Workload(pattern, count, ratePerSecond, requests, requestBytes, responseBytes, newConnectionPerRequest);
    }

    /** A stream of the same requests' messages over the same connections. */
    public Workload asStream() {
        return new Workload(Pattern.STREAM, Math.max(1, connections), 0.0, requests, requestBytes, responseBytes,
                false);
    }

    /** An open loop of the same messages at another rate. */
    public Workload atRate(double perSecond) {
        return new Workload(Pattern.OPEN_LOOP, connections, perSecond, requests, requestBytes, responseBytes, false);
    }

    /** The same workload with other message sizes. */
    public Workload withMessages(int request, int response) {
        return new Workload(pattern, connections, ratePerSecond, requests, request, response, newConnectionPerRequest);
    }

    /** The same workload with another request count. */
    public Workload withRequests(long count) {
        return new Workload(pattern, connections, ratePerSecond, count, requestBytes, responseBytes,
                newConnectionPerRequest);
    }
}
