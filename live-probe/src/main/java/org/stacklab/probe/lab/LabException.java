package org.stacklab.probe.lab;

/** Building or running the lab failed: a command refused, a tool is missing. Says which and why. */
public final class LabException extends Exception {

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
