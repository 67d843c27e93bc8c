package io.gureum.console.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The console's own TLS certificate when the operator gives none: made once with the JDK's keytool (EC P-256,
 * ten years, for localhost, 127.0.0.1, ::1 and this machine's host name) in {@code <data-dir>/tls/}, and reused on
 * every later start. Its SHA-256 fingerprint is announced once, when it is made, so that the operator can compare it
 * with what the browser shows the first time.
 *
 * @param keystore     the PKCS#12 key store holding the key and certificate under {@link #ALIAS}
 * @param passwordFile the key store's random password (readable by the console's user only)
 * @param certificate  the certificate alone as PEM, for clients to trust (curl --cacert, a browser's import)
 * @param fingerprint  SHA-256 of the certificate, as colon-separated hex pairs (what browsers show)
 */
public record SelfSignedCertificate(Path keystore, Path passwordFile, Path certificate, String fingerprint) {

    public static final String ALIAS = "gureum";
    static final String KEYSTORE = "keystore.p12";
    static final String PASSWORD = "keystore.pass";
    static final String CERTIFICATE = "certificate.pem";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9-]{1,63})*");
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    /**
     * The certificate in {@code dir}, made there first if it is not there yet; {@code announce} hears the fingerprint
     * only when it was made now.
     */
    public static SelfSignedCertificate inDirectory(Path dir, Consumer<String> announce) {
        Path keystore = dir.resolve(KEYSTORE);
        Path password = dir.resolve(PASSWORD);
        Path pem = dir.resolve(CERTIFICATE);
        try {
            boolean made = false;
            if (!Files.isRegularFile(keystore) || !Files.isRegularFile(password)) {
                generate(dir, keystore, password);
                made = true;
            }
            X509Certificate certificate = read(keystore, password);
            if (made || !Files.isRegularFile(pem)) {
                writePem(certificate, pem);
            }
            SelfSignedCertificate result = new SelfSignedCertificate(keystore, password, pem, fingerprint(certificate));
            if (made) {
                announce.accept("Generated a self-signed TLS certificate for " + certificate.getSubjectX500Principal()
                        .getName() + " in " + dir.toAbsolutePath() + " (give your own with GUREUM_TLS_CERTIFICATE and "
                        + "GUREUM_TLS_PRIVATE_KEY). Its SHA-256 fingerprint, to compare with what your browser shows "
                        + "the first time: " + result.fingerprint());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make or read the self-signed TLS certificate in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the self-signed TLS key store " + keystore + " is unreadable: delete "
                    + dir + " to have a new certificate made", e);
        }
    }

    /** The key store's password, for the SSL bundle. */
    public String password() {
        try {
            return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 over the certificate's DER encoding, as browsers and {@code openssl x509 -fingerprint} show it. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static void generate(Path dir, Path keystore, Path password) throws IOException {
        Files.createDirectories(dir);
        // Written beside the final names and moved into place, so that a start killed half-way leaves nothing half made.
        Path work = Files.createTempDirectory(dir, ".new-");
        try {
            Path workPassword = work.resolve(PASSWORD);
            Path workKeystore = work.resolve(KEYSTORE);
            Files.createFile(workPassword, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.writeString(workPassword, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            runKeytool(workKeystore, workPassword);
            // The key store holds the private key: the console's user alone reads it, as the password file.
            Files.setPosixFilePermissions(workKeystore, PosixFilePermissions.fromString("rw-------"));
            move(workPassword, password);
            move(workKeystore, keystore);
        } finally {
            try (var left = Files.list(work)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** keytool from the JDK the console runs on, with an argument list (no shell), the password read from its file. */
    private static void runKeytool(Path keystore, Path password) throws IOException {
        String host = hostName();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-noprompt",
                "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "3650",
                "-dname", "CN=" + (host == null ? "localhost" : host) + ", O=Gureum self-signed",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1" + (host == null || host.equals("localhost") ? "" : ",dns:" + host),
                "-ext", "KU=digitalSignature", "-ext", "EKU=serverAuth",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass:file", password.toString()));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        keytool.getOutputStream().close();
        String output;
        try (InputStream out = keytool.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!keytool.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                keytool.destroyForcibly();
                throw new IOException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            keytool.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the certificate", e);
        }
        if (keytool.exitValue() != 0) {
            throw new IOException("keytool failed (exit " + keytool.exitValue() + "): " + output.strip());
        }
    }

    /** This machine's name, when it is a plain DNS name (it goes into the certificate); else none. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return HOST_NAME.matcher(name).matches() && name.length() <= 253 ? name : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static X509Certificate read(Path keystore, Path password) throws IOException, GeneralSecurityException {
        char[] secret = Files.readString(password, StandardCharsets.UTF_8).strip().toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, secret);
        }
        if (!(store.getCertificate(ALIAS) instanceof X509Certificate certificate)) {
            throw new GeneralSecurityException("no certificate under alias '" + ALIAS + "' in " + keystore);
        }
        return certificate;
    }

    private static void writePem(X509Certificate certificate, Path pem) throws IOException, GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        Path tmp = pem.resolveSibling(pem.getFileName() + ".tmp");
        Files.writeString(tmp, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        move(tmp, pem);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
