package io.switchboard.sandbox;

import org.jspecify.annotations.Nullable;

/** A Graph API error the sandbox answers with, in Meta's shape. */
class GraphFault extends RuntimeException {
    private final int code;
    private final @Nullable Integer subcode;
    private final String type;
    private final int httpStatus;

    GraphFault(int code, @Nullable Integer subcode, String message) {
        this(code, subcode, message, FaultCatalog.type(code), FaultCatalog.httpStatus(code));
    }

    GraphFault(int code, @Nullable Integer subcode, String message, String type, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.type = type;
        this.httpStatus = httpStatus;
    }

    static GraphFault of(FaultCatalog.Entry entry) {
        return new GraphFault(entry.code(), entry.subcode(), entry.message());
    }

    static GraphFault invalidParameter(String message) {
        return new GraphFault(100, null, message);
    }

    static GraphFault noSuchObject(String id) {
        return new GraphFault(100, 33, "Unsupported request: object with ID '" + id
                + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation");
    }

    int code() {
        return code;
    }

    @Nullable Integer subcode() {
        return subcode;
    }

    String type() {
        return type;
    }

    int httpStatus() {
        return httpStatus;
    }

    boolean isTransient() {
        return FaultCatalog.isTransient(code, subcode);
    }
}
