package io.cairn.cli;

/**
 * A configuration the user gave cannot be used: a bad value, an unknown key, a flag not supported yet.
 *
 * <p>Why: one exception type carries a one-line, user-facing message (without the {@code cairn: } prefix) from
 * wherever the problem is found to the command, which prints it and exits with status 1, never a stack trace.
 */
final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message);
    }
}
