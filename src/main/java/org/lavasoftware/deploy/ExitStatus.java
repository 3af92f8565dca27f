package org.lavasoftware.deploy;

/** The process exit codes every face of the tool agrees on. */
public enum ExitStatus {
    OK(0),
    OPERATION_FAILED(1),
    BAD_INPUT(2),
    UNEXPECTED_STATE(3),
    INTERNAL_ERROR(4);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
