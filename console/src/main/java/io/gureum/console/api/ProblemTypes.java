package io.gureum.console.api;

import java.net.URI;

/** The stable {@code type} of each kind of problem the API answers with (RFC 9457); clients switch on these. */
final class ProblemTypes {

    static final URI UNAUTHENTICATED = type("unauthenticated");
    static final URI FORBIDDEN = type("forbidden");
    static final URI NOT_FOUND = type("not-found");
    static final URI VALIDATION = type("validation");
    static final URI QUOTA_EXCEEDED = type("quota-exceeded");
    static final URI WRONG_STATE = type("wrong-state");
    static final URI UNAVAILABLE = type("unavailable");
    /** An {@code If-Match} named another version than the current one. */
    static final URI PRECONDITION_FAILED = type("precondition-failed");
    /** An {@code Idempotency-Key} came again with another request. */
    static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");
    /** Another request is busy with the same thing (the first request with an {@code Idempotency-Key}). */
    static final URI CONFLICT = type("conflict");
    /** Too many failed authentications from the client's address. */
    static final URI THROTTLED = type("throttled");
    /** The request body is larger than {@code gureum.api.max-body-size}. */
    static final URI TOO_LARGE = type("too-large");

    private ProblemTypes() {
    }

    private static URI type(String kind) {
        return URI.create("urn:gureum:problem:" + kind);
    }
}
