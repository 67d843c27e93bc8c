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
    static final URI THROTTLED = type("throttled");

    private ProblemTypes() {
    }

    private static URI type(String kind) {
        return URI.create("urn:gureum:problem:" + kind);
    }
}
