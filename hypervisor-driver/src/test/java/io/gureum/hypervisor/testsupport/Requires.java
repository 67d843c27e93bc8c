package io.gureum.hypervisor.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that need real infrastructure: on a bare laptop they skip with a
 * message that says what is missing; under {@code CI=true} a missing precondition is a failure.
 */
public final class Requires {

    private Requires() {
    }

    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (or fails under CI) unless {@code condition} holds. */
    public static void that(boolean condition, String whatIsMissing) {
        if (condition) {
            return;
        }
        if (underCi()) {
            Assertions.fail("CI=true, so this cannot be skipped: " + whatIsMissing);
        }
        // Surefire hides the reason of a class-level abort, so say it where people look.
        System.err.println("SKIPPED (set CI=true to make this a failure): " + whatIsMissing);
        Assumptions.abort(whatIsMissing);
    }

    /** A running libvirtd with a usable qemu:///system. */
    public static void libvirtd() {
        String socket = "/var/run/libvirt/libvirt-sock";
        that(java.nio.file.Files.exists(java.nio.file.Path.of(socket)),
                "libvirtd is not running (no " + socket + "); start it with `virtlogd -d; libvirtd -d` (see src/host/setup.sh)");
    }

    /**
     * The second libvirt host that src/host/second-host.sh runs on this machine (its own libvirtd behind an sshd on
     * 127.0.0.1:10022); returns the private key that the setup made for tests to log in with.
     */
    public static java.nio.file.Path secondHost() {
        java.nio.file.Path key = java.nio.file.Path.of(System.getProperty("gureum.host2.key",
                "/var/lib/gureum/host2/ssh/test_client_ed25519"));
        that(java.nio.file.Files.isReadable(key), "no second libvirt host for tests (no readable " + key
                + "); make it with sudo src/host/second-host.sh (setup.sh --for-tests does)");
        boolean listening;
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 10022), 2000);
            listening = true;
        } catch (java.io.IOException e) {
            listening = false;
        }
        that(listening, "the second libvirt host's sshd does not listen on 127.0.0.1:10022; start it with "
                + "sudo src/host/second-host.sh");
        return key;
    }

    /** The tiny test guest built by src/host/build-test-images.sh. */
    public static TestImages tinyGuest() {
        TestImages images = TestImages.fromEnvironment();
        that(images.present(), "tiny test guest not found in " + images.dir()
                + "; build it with src/host/build-test-images.sh or set GUREUM_IMAGES_DIR");
        return images;
    }

    /** qemu-img on the PATH. */
    public static void qemuImg() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "qemu-img"))) {
                found = true;
            }
        }
        that(found, "qemu-img not found; install qemu-utils");
    }
}
