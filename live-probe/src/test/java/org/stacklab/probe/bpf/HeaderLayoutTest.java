package org.stacklab.probe.bpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stacklab.probe.LiveAssumptions;

/**
 * bpf/include/stacklab.h is the one definition of the event kinds and config slots: the
 * Java enums must name every value it names, with the same number; and the JNI bridge, compiled
 * with it, must see the event layout Java reads.
 */
class HeaderLayoutTest {

    private static final Path HEADER = Path.of("..", "bpf", "include", "stacklab.h");

    /** The members of a C enum of the header, {@code SL_NAME = value}, in order. */
    private static Map<String, Integer> enumOf(String name) throws IOException {
        String header = Files.readString(HEADER);
        Matcher body = Pattern.compile("enum " + name + "\\s*\\{(.*?)\\};", Pattern.DOTALL).matcher(header);
        assertTrue(body.find(), "enum " + name + " in " + HEADER);
        String withoutComments = body.group(1).replaceAll("(?s)/\\*.*?\\*/", "");
        Map<String, Integer> members = new LinkedHashMap<>();
        Matcher member = Pattern.compile("(SL_\\w+)\\s*=\\s*(\\d+)").matcher(withoutComments);
        while (member.find()) {
            members.put(member.group(1), Integer.parseInt(member.group(2)));
        }
        return members;
    }

    private static <E extends Enum<E> & ArraySlot> void assertSlots(String cEnum, String prefix, Class<E> slots,
                                                                    String count) throws IOException {
        Map<String, Integer> header = enumOf(cEnum);
        Map<String, Integer> java = new LinkedHashMap<>();
        for (E slot : slots.getEnumConstants()) {
            java.put(prefix + slot.name(), slot.slot());
        }
        java.put(count, slots.getEnumConstants().length);
        assertEquals(header, java, cEnum);
    }

    @Test
    void everyEventKindHasTheHeadersValue() throws IOException {
        Map<String, Integer> java = new LinkedHashMap<>();
        for (EventKind kind : EventKind.values()) {
            java.put(EventKind.HEADER_PREFIX + kind.name(), kind.code());
            assertEquals(kind, EventKind.of(kind.code()));
        }
        assertEquals(enumOf("stacklab_event_kind"), java);
        assertEquals(null, EventKind.of(6), "a retired code reads as no kind");
    }

    @Test
    void configSlotsHaveTheHeadersValues() throws IOException {
        assertSlots("stacklab_probe_config", ArraySlot.ProbeConfig.HEADER_PREFIX, ArraySlot.ProbeConfig.class,
                "SL_PROBE_CONFIG_SLOTS");
        assertSlots("stacklab_redirect_config", ArraySlot.RedirectConfig.HEADER_PREFIX, ArraySlot.RedirectConfig.class,
                "SL_REDIRECT_CONFIG_SLOTS");
        assertSlots("stacklab_routing_config", ArraySlot.RoutingConfig.HEADER_PREFIX, ArraySlot.RoutingConfig.class,
                "SL_ROUTING_CONFIG_SLOTS");
        assertSlots("stacklab_service_config", ArraySlot.ServiceConfig.HEADER_PREFIX, ArraySlot.ServiceConfig.class,
                "SL_SERVICE_CONFIG_SLOTS");
    }

    @Test
    void theBridgeWasCompiledWithTheLayoutJavaReads() throws Exception {
        LiveAssumptions.requireLive(); // the native part is built where the probe can run
        assertArrayEquals(EventLayout.expected(), Libbpf.layout(),
                "sizes and offsets of struct stacklab_event and struct stacklab_batch");
        EventLayout.checkBridge();
    }
}
