package io.gureum.console.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** Fresh ed25519 public keys in OpenSSH's one-line form, made by the JDK (no ssh-keygen needed). */
public final class TestSshKeys {

    private TestSshKeys() {
    }

    /** {@code ssh-ed25519 <base64 blob> <comment>} of a new key pair (the private half is thrown away). */
    public static String ed25519(String comment) {
        try {
            byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            // The X.509 form ends with the 32 bytes of the public point, which is what OpenSSH's blob carries.
            byte[] point = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
            writeString(blob, point);
            return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()) + " " + comment;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    private static void writeString(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length >>> 24);
        out.write(value.length >>> 16);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }
}
