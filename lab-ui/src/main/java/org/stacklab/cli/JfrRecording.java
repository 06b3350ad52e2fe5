package org.stacklab.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.stacklab.sim.io.AtomicFiles;

/**
 * A Java Flight Recorder recording of a measurement ({@code --jfr FILE}): the JDK's own profiler, so that where a
 * bench's time goes can be seen without another tool. Saved whole or not at all, and summed up as the methods the
 * measuring thread was found in most.
 */
final class JfrRecording implements AutoCloseable {

    private static final String SAMPLE = "jdk.ExecutionSample";
    private static final int SHOWN = 8;

    private final Path target;
    private final Recording recording;
    private final Thread measured = Thread.currentThread();

    private JfrRecording(Path target, Recording recording) {
        this.target = target;
        this.recording = recording;
    }

    /**
     * Starts recording, with the JDK's {@code profile} settings (a sample of every thread each 10–20 ms), for
     * {@code target} (whose folder the caller has checked is writable).
     */
    static JfrRecording start(Path target) {
        Recording recording;
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JDK's JFR profile settings cannot be read", e);
        }
        recording.setName("stacklab bench");
        recording.start();
        return new JfrRecording(target, recording);
    }

    void stop() {
        recording.stop();
    }

    /**
     * Saves the stopped recording to its file, and prints the methods the measuring thread was sampled in most (each
     * as its share of that thread's samples).
     */
    void saveAndSummarize(PrintWriter out) throws IOException {
        Path dump = Files.createTempFile("stacklab-bench", ".jfr");
        try {
            recording.dump(dump);
            AtomicFiles.write(target, stream -> Files.copy(dump, stream));
            printHotMethods(RecordingFile.readAllEvents(dump), out);
        } finally {
            Files.deleteIfExists(dump);
        }
        if (!debugsNonSafepoints()) {
            out.println("  (a method the JIT inlined counts as its caller's: for each its own, run the JVM with"
                    + " -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints, e.g. in STACKLAB_JAVA_OPTS)");
        }
        out.printf(Locale.ROOT, "  recording  %s (jfr print --events %s %s)%n", target, SAMPLE, target);
    }

    private void printHotMethods(List<RecordedEvent> events, PrintWriter out) {
        Map<String, Integer> samples = new HashMap<>();
        for (RecordedEvent event : events) {
            if (event.getEventType().getName().equals(SAMPLE) && ofMeasuringThread(event)
                    && event.getStackTrace() != null && !event.getStackTrace().getFrames().isEmpty()) {
                samples.merge(name(event.getStackTrace().getFrames().get(0)), 1, Integer::sum);
            }
        }
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        out.printf(Locale.ROOT, "  where the measuring thread was found, of %,d samples:%n", total);
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(SHOWN)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private boolean ofMeasuringThread(RecordedEvent sample) {
        RecordedThread thread = sample.getThread("sampledThread");
        return thread != null && thread.getJavaThreadId() == measured.getId();
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    /** Whether the JIT keeps where each inlined method's code is; the option is hidden until diagnostics are unlocked. */
    private static boolean debugsNonSafepoints() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        try {
            return hotSpot != null && hotSpot.getVMOption("DebugNonSafepoints").getValue().equals("true");
        } catch (IllegalArgumentException hidden) {
            return false;
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
