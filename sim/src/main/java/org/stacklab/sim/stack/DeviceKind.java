package org.stacklab.sim.stack;

import java.util.Locale;

/**
 * The kinds of network device a packet crosses, and how traces name a device of each: {@code lo},
 * or {@code veth:} / {@code vxlan:} and which end (the simulator names a link's ends by namespace, the probe
 * by ifindex).
 */
public enum DeviceKind {
    /** A namespace's loopback: a packet between two sockets of one namespace. */
    LO,
    /** One end of a veth pair: a packet between namespaces. */
    VETH,
    /** A VXLAN tunnel device: a packet between nodes, wrapped in UDP over the link beneath. */
    VXLAN;

    // Worked out once: every device crossing of every run asks for it.
    private final String key = name().toLowerCase(Locale.ROOT);

    /** How reports and traces write the kind: {@code lo}, {@code veth}. */
    public String key() {
        return key;
    }

    /** A trace's name for a device of this kind; the loopback has one name, a veth's says which end. */
    public String device(String end) {
        return this == LO ? key() : key() + ":" + end;
    }

    private static final DeviceKind[] KINDS = values();

    /** The kind of a device a trace names; null for a name of neither kind. */
    public static DeviceKind of(String device) {
        if (device == null) {
            return null;
        }
        int colon = device.indexOf(':');
        int length = colon < 0 ? device.length() : colon;
        for (DeviceKind k : KINDS) {
            if (k.key.length() == length && device.startsWith(k.key)) {
                return k;
            }
        }
        return null;
    }
}
