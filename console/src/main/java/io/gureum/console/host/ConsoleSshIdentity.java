package io.gureum.console.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The console's own SSH identity for remote hosts: a key pair made on first need in the data directory (its public
 * key is shown to the admin, who installs it on the host) and the console's own known_hosts file, which libvirt's
 * libssh transport fills on first contact and checks on every later one.
 */
@Component
class ConsoleSshIdentity {

    private final Path dir;
    private final Path privateKey;
    private final Path knownHosts;

    ConsoleSshIdentity(@Value("${gureum.data-dir}") Path dataDir) {
        this.dir = dataDir.toAbsolutePath().normalize().resolve("ssh");
        this.privateKey = dir.resolve("id_ed25519");
        this.knownHosts = dir.resolve("known_hosts");
    }

    /** The private key file, made now (ed25519, no passphrase, readable by the console's account only) if absent. */
    synchronized Path privateKey() {
        if (Files.isReadable(privateKey) && Files.isReadable(publicKeyFile())) {
            return privateKey;
        }
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Files.deleteIfExists(privateKey);
            Files.deleteIfExists(publicKeyFile());
            // Fixed arguments and a path of the console's own: no shell, nothing from a user.
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gureum-console",
                    "-f", privateKey.toString()).redirectErrorStream(true).start();
            keygen.getOutputStream().close();
            String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen could not make the console's SSH key in " + dir + ": "
                        + output);
            }
            return privateKey;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the console's SSH key in " + dir
                    + " (is ssh-keygen installed? package openssh-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the console's SSH key", e);
        }
    }

    /** The public key line to put into the host account's ~/.ssh/authorized_keys. */
    String publicKey() {
        privateKey();
        try {
            return Files.readString(publicKeyFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path knownHosts() {
        return knownHosts;
    }

    /**
     * The SHA256 fingerprint (as OpenSSH prints it) of the host key known for {@code host} and {@code port}
     * (22 when negative), if the console has met that host.
     */
    Optional<String> knownFingerprint(String host, int port) {
        String name = port < 0 || port == 22 ? host : "[" + host + "]:" + port;
        List<String> lines;
        try {
            lines = Files.exists(knownHosts) ? Files.readAllLines(knownHosts, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && List.of(fields[0].split(",")).contains(name)) {
                return Optional.of(fingerprint(fields[1], fields[2]));
            }
        }
        return Optional.empty();
    }

    /** "ssh-ed25519 SHA256:..." of a key blob in base64. */
    static String fingerprint(String type, String base64Blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Blob));
            return type + " SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return type + " (unreadable key)";
        }
    }

    private Path publicKeyFile() {
        return dir.resolve("id_ed25519.pub");
    }
}
