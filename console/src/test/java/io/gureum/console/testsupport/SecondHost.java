package io.gureum.console.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The second libvirt host that src/host/second-host.sh runs on this machine: its own libvirtd in its own mount
 * namespace, reached only through an sshd on 127.0.0.1:10022. Skips (fails under CI) when it is not running.
 */
public final class SecondHost {

    public static final String URI = "qemu+ssh://root@127.0.0.1:10022/system";
    static final Path DIR = Path.of("/var/lib/gureum/host2");

    private SecondHost() {
    }

    public static void require() {
        boolean listening;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 10022), 2000);
            listening = true;
        } catch (IOException e) {
            listening = false;
        }
        if (!listening || !Files.isDirectory(DIR.resolve("ssh"))) {
            Requires.missing("no second libvirt host on 127.0.0.1:10022: run sudo src/host/second-host.sh "
                    + "(setup.sh --for-tests does)");
        }
    }

    /**
     * Installs the console's public key for root on the second host, as an admin would, and makes the console forget
     * the host key it may have recorded in an earlier run (the data directory outlives runs; host keys change).
     */
    public static void trust(String consolePublicKey, Path consoleKnownHosts) {
        require();
        try {
            Files.writeString(DIR.resolve("ssh/authorized_keys_console"), consolePublicKey + "\n",
                    StandardCharsets.UTF_8);
            Files.deleteIfExists(consoleKnownHosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
