package org.stacklab.sim.stack;

/** Which way a stage visit's bytes travel: connection set-up, the request, or the response. */
public enum Direction {
    CONNECT,
    REQUEST,
    RESPONSE
}
