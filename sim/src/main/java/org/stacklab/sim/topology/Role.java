package org.stacklab.sim.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.stacklab.sim.io.EnumNames;

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
        return EnumNames.parse(Role.class, text, "role");
    }

    @JsonValue
    @Override
    public String toString() {
        return EnumNames.of(this);
    }
}
