package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import org.stacklab.sim.io.EnumNames;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.stack.DeviceKind;

/**
 * A veth pair joining two namespaces, and optionally a tunnel over it. (Processes in one namespace
 * talk over its {@code lo}, which needs no link.)
 *
 * @param between the two namespaces, in either order
 * @param overlay how packets between the two cross it: as themselves, or wrapped in a tunnel
 */
public record Link(List<String> between, Overlay overlay) {

    /** How packets cross a link between two nodes. */
    public enum Overlay {
        /** As themselves, routed: the nodes know each other's pod subnets (native routing). */
        NONE,
        /**
         * Wrapped in VXLAN (UDP port 4789) by a tunnel device at each end, as tunnel-mode CNIs do: the
         * inner packet crosses the vxlan device, the outer one the veth beneath.
         */
        VXLAN;

        @JsonCreator
        public static Overlay parse(String text) {
            return EnumNames.parse(Overlay.class, text, "overlay");
        }

        /** As files write it: {@code none}, {@code vxlan}. */
        @JsonValue
        @Override
        public String toString() {
            return EnumNames.of(this);
        }
    }

    public Link(List<String> between) {
        this(between, Overlay.NONE);
    }

    @JsonCreator
    public Link(@JsonProperty(value = "between", required = true) List<String> between,
                @JsonProperty("overlay") Overlay overlay) {
        this.between = List.copyOf(between);
        this.overlay = overlay == null ? Overlay.NONE : overlay;
        if (this.between.size() != 2 || this.between.get(0).equals(this.between.get(1))) {
            throw new InvalidValue("between", "a veth link joins two different namespaces, not " + this.between);
        }
    }

    /** The device name used in traces for a packet leaving {@code from} over this link. */
    public static String deviceName(String from, String to) {
        return DeviceKind.VETH.device(from + ">" + to);
    }

    /** The tunnel device's name in traces for a packet leaving {@code from} through it. */
    public static String tunnelName(String from, String to) {
        return DeviceKind.VXLAN.device(from + ">" + to);
    }

    public boolean joins(String namespace) {
        return between.contains(namespace);
    }

    public String other(String namespace) {
        return between.get(0).equals(namespace) ? between.get(1) : between.get(0);
    }
}
