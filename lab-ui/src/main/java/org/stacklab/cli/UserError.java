package org.stacklab.cli;

/** A mistake in what the user asked for, reported in one line with exit code 2. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }
}
