package io.gureum.console.ui;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An internal error the user is told about in words, with a short reference that is also in the log next to the
 * stack trace: what the user reads is enough for an administrator to find the details, and shows nothing of them.
 */
public final class ErrorReference {

    private static final Logger log = LoggerFactory.getLogger(ErrorReference.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReference() {
    }

    /** Logs the error with its stack trace under a new reference and returns the reference, e.g. "e-3f9a1c2b". */
    public static String logged(String where, Throwable error) {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        String reference = "e-" + HexFormat.of().formatHex(bytes);
        log.error("internal error {} ({})", reference, where, error);
        return reference;
    }

    /** The sentence users read: what did not happen, and the reference to quote. */
    public static String sentence(String whatFailed, String reference) {
        return "Something went wrong inside the console: " + whatFailed + ". If it happens again, give an "
                + "administrator the reference " + reference + ": the console's log has the details under it.";
    }
}
