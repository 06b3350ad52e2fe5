package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** What a process does with the messages it receives. */
public enum Role {
    /** Sends each request and waits for its response. */
    CLIENT,
    /** Answers each request with a response. */
    SERVER,
    /** Forwards each message to the next hop of the path. */
    PROXY;

    @JsonCreator
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected client, server or proxy)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
