package org.stacklab.probe.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** How recordings and benchmarks name the machine they were made on. */
public final class ThisHost {

    private ThisHost() {
    }

    /** The host's name, or {@code unknown host}. */
    public static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown host";
        }
    }

    /** The system and its version, e.g. {@code Linux 6.1.0-18-amd64}. */
    public static String kernel() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version");
    }
}
