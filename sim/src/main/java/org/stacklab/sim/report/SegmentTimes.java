package org.stacklab.sim.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.stack.Segment;

/**
 * Time per request (or round trip) in each {@link Segment}, µs: what the simulator reports and the
 * probe measures alike. Files write it as an object keyed by {@link Segment#key()}; a segment it
 * leaves out took no time.
 */
public final class SegmentTimes {

    /** No request of the lab takes ten seconds: a larger time is a damaged file, not a measurement. */
    static final double MAX_US = 1e7;

    private final EnumMap<Segment, Double> us;

    private SegmentTimes(EnumMap<Segment, Double> us) {
        this.us = us;
    }

    /** The times of every segment, in order. */
    public static SegmentTimes of(Map<Segment, Double> us) {
        EnumMap<Segment, Double> copy = new EnumMap<>(Segment.class);
        for (Segment segment : Segment.values()) {
            double value = us.getOrDefault(segment, 0.0);
            InvalidValue.requireWithin(value, 0, MAX_US, segment.key());
            copy.put(segment, value);
        }
        return new SegmentTimes(copy);
    }

    /** As a file writes them: every key a segment's, every time from 0 to {@value #MAX_US} µs. */
    @JsonCreator
    public static SegmentTimes read(Map<String, Double> byKey) {
        EnumMap<Segment, Double> us = new EnumMap<>(Segment.class);
        byKey.forEach((key, value) -> {
            Segment segment = Segment.byKey(key).orElseThrow(() -> new InvalidValue(key, "unknown segment '" + key
                    + "' (expected " + String.join(", ", Arrays.stream(Segment.values()).map(Segment::key).toList())
                    + ")"));
            InvalidValue.requireWithin(value == null ? Double.NaN : value, 0, MAX_US, key);
            us.put(segment, value);
        });
        return of(us);
    }

    /** As files write them. */
    @JsonValue
    public Map<String, Double> byKey() {
        Map<String, Double> byKey = new LinkedHashMap<>();
        us.forEach((segment, value) -> byKey.put(segment.key(), value));
        return byKey;
    }

    /** A segment's time, µs. */
    public double us(Segment segment) {
        return us.get(segment);
    }

    /** All segments' time, µs. */
    public double total() {
        return us.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SegmentTimes s && s.us.equals(us);
    }

    @Override
    public int hashCode() {
        return us.hashCode();
    }

    @Override
    public String toString() {
        return byKey().toString();
    }
}
