package org.imrap.bulletin;

/** Process exit codes, after sysexits.h, so that scripts and cron can tell failures apart. */
public enum ExitCode {
    OK(0),
    USAGE(64),
    DATA_ERROR(65),
    NO_INPUT(66),
    UNAVAILABLE(69),
    SOFTWARE(70),
    CANNOT_CREATE(73),
    TEMPORARY_FAILURE(75),
    NO_PERMISSION(77),
    CONFIG(78);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
