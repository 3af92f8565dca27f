package org.lavasoftware.deploy;

/**
 * The one failure type the engine raises on purpose. Its message is a single line meant for the
 * user: what went wrong and what to do. The faces turn {@link #status()} into an exit code.
 */
public class ToolException extends RuntimeException {
    private final ExitStatus status;

    public ToolException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public ToolException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }

    public static ToolException badInput(String message) {
        return new ToolException(ExitStatus.BAD_INPUT, message);
    }

    public static ToolException failed(String message) {
        return new ToolException(ExitStatus.OPERATION_FAILED, message);
    }

    public static ToolException failed(String message, Throwable cause) {
        return new ToolException(ExitStatus.OPERATION_FAILED, message, cause);
    }

    public static ToolException unexpectedState(String message) {
        return new ToolException(ExitStatus.UNEXPECTED_STATE, message);
    }
}
