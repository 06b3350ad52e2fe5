package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.stacklab.sim.io.InvalidValue;
import org.stacklab.sim.stack.DeviceKind;
import java.util.List;

/**
 * A veth pair joining two namespaces. (Processes in one namespace talk over its {@code lo}, which
 * needs no link.)
 *
 * @param between the two namespaces, in either order
 */
public record Link(List<String> between) {

    @JsonCreator
    public Link(@JsonProperty(value = "between", required = true) List<String> between) {
        this.between = List.copyOf(between);
        if (this.between.size() != 2 || this.between.get(0).equals(this.between.get(1))) {
            throw new InvalidValue("between", "a veth link joins two different namespaces, not " + this.between);
        }
    }

    /** The device name used in traces for a packet leaving {@code from} over this link. */
    public static String deviceName(String from, String to) {
        return DeviceKind.VETH.device(from + ">" + to);
    }

    public boolean joins(String namespace) {
        return between.contains(namespace);
    }

    public String other(String namespace) {
        return between.get(0).equals(namespace) ? between.get(1) : between.get(0);
    }
}
