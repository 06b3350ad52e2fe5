package org.stacklab.sim.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stacklab.sim.io.Json;

/**
 * Writes a path trace in the Chrome trace-event JSON format, which Perfetto (ui.perfetto.dev) and
 * chrome://tracing open: one process per namespace, one track per request within it (a request's
 * visits never overlap), one complete ("X") event per stage visit, with the CPU, direction, device
 * and bytes as arguments.
 */
public final class PerfettoExport {

    private PerfettoExport() {
    }

    public static void write(String title, List<StageVisit> visits, OutputStream out) throws IOException {
        Map<String, Integer> pids = new TreeMap<>();
        for (StageVisit visit : visits) {
            pids.putIfAbsent(visit.namespace(), 0);
        }
        int next = 1;
        for (Map.Entry<String, Integer> entry : pids.entrySet()) {
            entry.setValue(next++);
        }
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("displayTimeUnit", "ns");
            json.writeObjectFieldStart("otherData");
            json.writeStringField("title", title);
            json.writeEndObject();
            json.writeArrayFieldStart("traceEvents");
            for (Map.Entry<String, Integer> entry : pids.entrySet()) {
                json.writeStartObject();
                json.writeStringField("ph", "M");
                json.writeStringField("name", "process_name");
                json.writeNumberField("pid", entry.getValue());
                json.writeObjectFieldStart("args");
                json.writeStringField("name", entry.getKey());
                json.writeEndObject();
                json.writeEndObject();
            }
            for (StageVisit visit : visits) {
                json.writeStartObject();
                json.writeStringField("ph", "X");
                json.writeStringField("name", visit.stage().name());
                json.writeStringField("cat", visit.stage().layer().label());
                json.writeNumberField("pid", pids.get(visit.namespace()));
                json.writeNumberField("tid", visit.request());
                json.writeNumberField("ts", visit.enterNs() / 1000.0);
                json.writeNumberField("dur", visit.durationNs() / 1000.0);
                json.writeObjectFieldStart("args");
                json.writeNumberField("cpu", visit.cpu());
                json.writeStringField("direction", visit.direction().name());
                if (visit.device() != null) {
                    json.writeStringField("device", visit.device());
                }
                json.writeNumberField("bytes", visit.bytes());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
