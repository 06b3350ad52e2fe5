package org.stacklab.probe.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.stacklab.probe.NativeFiles;
import org.stacklab.probe.lab.LabException;
import org.stacklab.probe.lab.LabPorts;
import org.stacklab.probe.lab.LabTopology;
import org.stacklab.sim.topology.ProcessSpec;
import org.stacklab.sim.topology.Role;
import org.stacklab.sim.workload.Workload;

/**
 * The workload driver ({@code live-probe/src/main/c/workload-driver.c}) in a lab: its server in the
 * mode's server process, its client in the client's, running a scenario's {@link Workload}. What the
 * driver can generate is checked before anything is built ({@link #check}).
 */
final class WorkloadDriver {

    /** The most connections the driver opens: a thread each (two in an open loop). */
    static final int MAX_CONNECTIONS = 256;
    /** The largest message the driver sends or answers with. */
    static final int MAX_BYTES = 64 << 20;
    /** The highest open-loop rate whose arrivals the driver can keep on time. */
    static final double MAX_RATE_PER_SECOND = 1_000_000;

    /**
     * One run of the client: its requests' latencies (none in a stream), how late after their intended times
     * an open loop's writes began (none in other workloads), its own CPU time, and the time from its first
     * request to its last completion.
     */
    record Run(Histogram latencyNs, Histogram lateNs, long requests, long cpuNs, long elapsedNs) {
    }

    private WorkloadDriver() {
    }

    /**
     * Why the driver cannot run a workload, or null if it can.
     */
    static String whyNot(Workload w) {
        int connections = w.pattern() == Workload.Pattern.OPEN_LOOP ? Math.max(1, w.connections()) : w.connections();
        if (connections > MAX_CONNECTIONS) {
            return "the live driver opens at most " + MAX_CONNECTIONS + " connections, not " + connections;
        }
        if (w.requestBytes() > MAX_BYTES || w.responseBytes() > MAX_BYTES) {
            return "the live driver's messages are at most " + MAX_BYTES + " bytes, not " + w.requestBytes() + " / "
                    + w.responseBytes();
        }
        if (w.pattern() == Workload.Pattern.OPEN_LOOP && w.ratePerSecond() > MAX_RATE_PER_SECOND) {
            return "the live driver keeps arrivals on time up to " + (long) MAX_RATE_PER_SECOND + " per second, not "
                    + w.ratePerSecond();
        }
        if (w.pattern() != Workload.Pattern.CLOSED_LOOP && w.newConnectionPerRequest()) {
            return "the live driver opens a connection per request in a closed loop only";
        }
        return null;
    }

    /** Checks that the driver can run a workload. */
    static void check(Workload w) throws LabException {
        String why = whyNot(w);
        if (why != null) {
            throw new LabException(why);
        }
    }

    /** Whether the path probe can follow each request's trip: one message in flight at a time. */
    static boolean oneMessageInFlight(Workload w) {
        return w.pattern() == Workload.Pattern.CLOSED_LOOP && w.connections() == 1;
    }

    /** Starts the driver's server for a workload's message sizes, on the service port. */
    static Process startServer(LabTopology lab, Workload w, Path log) throws LabException {
        ProcessSpec server = lab.mode().topology().processWithRole(Role.SERVER);
        return lab.start(server, List.of(NativeFiles.get().file(NativeFiles.WORKLOAD_DRIVER).toString(), "server",
                LabPorts.SERVICE_PORTS.get(0).toString(), Integer.toString(w.requestBytes()),
                Integer.toString(answerBytes(w)), Integer.toString(w.connections())), log);
    }

    /** Starts the driver's client: {@code requests} of the workload, open-loop arrivals drawn from {@code seed}. */
    static Process startClient(LabTopology lab, Workload w, long requests, long seed) throws LabException {
        ProcessSpec client = lab.mode().topology().processWithRole(Role.CLIENT);
        boolean open = w.pattern() == Workload.Pattern.OPEN_LOOP;
        return lab.start(client, List.of(NativeFiles.get().file(NativeFiles.WORKLOAD_DRIVER).toString(), "client",
                lab.serverAddressFrom(client), LabPorts.SERVICE_PORTS.get(0).toString(), Long.toString(requests),
                Integer.toString(w.requestBytes()), Integer.toString(answerBytes(w)),
                Integer.toString(Math.max(1, w.connections())), open ? Double.toString(w.ratePerSecond()) : "0",
                w.newConnectionPerRequest() ? "1" : "0", Long.toString(seed & 0xffffffffL)), null);
    }

    /** The driver answers each request with this many bytes: none in a stream. */
    private static int answerBytes(Workload w) {
        return w.pattern() == Workload.Pattern.STREAM ? 0 : w.responseBytes();
    }

    /** The client's latencies, one a line in ns, into a histogram (a stream's progress); then its times. */
    static Run read(Process process, long requests, LongConsumer progress) throws LabException {
        Histogram histogram = new Histogram(3);
        Histogram late = new Histogram(3);
        long done = 0;
        long cpuNs = -1;
        long elapsedNs = -1;
        String firstLine = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String text = line.strip();
                firstLine = firstLine == null ? text : firstLine;
                if (text.matches("cpu \\d+ \\d+")) {
                    String[] words = text.split(" ");
                    cpuNs = Long.parseLong(words[1]) + Long.parseLong(words[2]);
                    continue;
                }
                if (text.matches("(elapsed|sent) \\d+")) {
                    long value = Long.parseLong(text.substring(text.indexOf(' ') + 1));
                    if (text.startsWith("sent")) {
                        done = value;
                        progress.accept(done);
                    } else {
                        elapsedNs = value;
                        done = histogram.getTotalCount() == 0 ? requests : done; // a stream sent them all
                    }
                    continue;
                }
                if (!text.matches("\\d+( \\d+)?")) {
                    // The driver prints its requests' latencies in ns, one a line (an open loop's with how late
                    // its write began), or why it stopped.
                    process.waitFor(5, TimeUnit.SECONDS);
                    throw new LabException("the workload driver failed after " + done + " requests: " + text);
                }
                int space = text.indexOf(' ');
                histogram.recordValue(Math.max(1, Long.parseLong(space < 0 ? text : text.substring(0, space))));
                if (space > 0) {
                    late.recordValue(Long.parseLong(text.substring(space + 1)));
                }
                if (++done % 1000 == 0) {
                    progress.accept(done);
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || done != requests || cpuNs < 0
                    || elapsedNs <= 0) {
                throw new LabException("the workload driver failed after " + done + " requests"
                        + (firstLine == null ? "" : ": " + firstLine));
            }
            progress.accept(done);
            return new Run(histogram, late, done, cpuNs, elapsedNs);
        } catch (IOException | NumberFormatException e) {
            throw new LabException("cannot read the workload driver's output: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted", e);
        }
    }
}
