package org.stacklab.sim.stack;

import java.util.Locale;

/**
 * The kinds of network device a packet crosses, and how traces name a device of each: {@code lo},
 * or {@code veth:} and which end (the simulator names a link's ends by namespace, the probe by ifindex).
 */
public enum DeviceKind {
    /** A namespace's loopback: a packet between two sockets of one namespace. */
    LO,
    /** One end of a veth pair: a packet between namespaces. */
    VETH;

    /** How reports and traces write the kind: {@code lo}, {@code veth}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A trace's name for a device of this kind; the loopback has one name, a veth's says which end. */
    public String device(String end) {
        return this == LO ? key() : key() + ":" + end;
    }

    /** The kind of a device a trace names; null for a name of neither kind. */
    public static DeviceKind of(String device) {
        if (device == null) {
            return null;
        }
        int colon = device.indexOf(':');
        String kind = colon < 0 ? device : device.substring(0, colon);
        for (DeviceKind k : values()) {
            if (k.key().equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
