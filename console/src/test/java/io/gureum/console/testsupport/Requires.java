package io.gureum.console.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a real part of the machine (Chromium, libvirtd, Podman) skip with a clear message
 * on a bare laptop, but under CI ({@code CI=true}) a missing part fails the test instead.
 */
public final class Requires {

    private Requires() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Path of Debian's Chromium, or the one in GUREUM_CHROMIUM. */
    public static Path chromium() {
        Path chromium = Path.of(System.getenv().getOrDefault("GUREUM_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            missing("no Chromium at " + chromium + ": install it with 'apt-get install chromium' "
                    + "(src/run-tests.sh does) or set GUREUM_CHROMIUM");
        }
        return chromium;
    }

    /** Skips the test, or fails it under CI. */
    public static void missing(String why) {
        if (underCi()) {
            Assertions.fail("CI=true, so this test may not skip: " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
