package io.gureum.console.identity;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An OpenSSH public key as one {@code authorized_keys} line: {@code type base64-blob [comment]}. Parsing reads the
 * key type and size from the decoded blob itself (RFC 4253 / 5656 / 8709 wire format), not from the text around it,
 * so a blob that says something other than its label is refused.
 *
 * @param type        the key type, e.g. {@code ssh-ed25519}
 * @param bits        the key size as {@code ssh-keygen -l} shows it (256 for Ed25519, the modulus length for RSA)
 * @param blob        the key's base64 blob, as pasted
 * @param comment     the comment after the blob, empty if none
 * @param fingerprint {@code SHA256:} and the unpadded base64 of the blob's SHA-256, as {@code ssh-keygen -l} shows it
 */
public record SshPublicKey(String type, int bits, String blob, String comment, String fingerprint) {

    /** The most text a pasted key may have (an RSA 16384-bit key is about 2.8 KB). */
    public static final int MAX_LENGTH = 8192;
    static final int MAX_COMMENT = 255;
    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 16384;
    /** What {@code ssh-keygen -l} writes in brackets, per key type. */
    private static final Map<String, String> FAMILY = Map.of(
            "ssh-ed25519", "ED25519", "ssh-rsa", "RSA", "ecdsa-sha2-nistp256", "ECDSA",
            "ecdsa-sha2-nistp384", "ECDSA", "ecdsa-sha2-nistp521", "ECDSA");
    private static final Map<String, Integer> CURVE_BITS = Map.of("nistp256", 256, "nistp384", 384,
            "nistp521", 521);
    /** The base64 of "openssh-key-v1\0", how every OpenSSH private key file's body begins. */
    private static final String OPENSSH_PRIVATE_BODY = "b3BlbnNzaC1rZXktdjEA";
    private static final Pattern PRIVATE_HEADER = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * Parses and checks one public key. The refusal never repeats the input: a private key pasted by mistake must not
     * end up in a message, a log or a database.
     */
    public static SshPublicKey parse(String text) {
        String line = text == null ? "" : text.strip();
        if (looksPrivate(line)) {
            throw new SshKeyValidationException("publicKey", "This is a PRIVATE key: it was not stored. Paste the "
                    + "public key (the .pub file, one line starting with ssh-ed25519, ecdsa-sha2-... or ssh-rsa). "
                    + "Keep the private key secret; if you pasted it anywhere else, make a new key pair.", true);
        }
        if (line.isEmpty()) {
            throw new SshKeyValidationException("Paste a public key: one line such as 'ssh-ed25519 AAAA... you@host'.");
        }
        if (line.length() > MAX_LENGTH) {
            throw new SshKeyValidationException("A public key has at most " + MAX_LENGTH + " characters.");
        }
        if (line.contains("\n") || line.contains("\r")) {
            throw new SshKeyValidationException("Paste one key at a time, on a single line.");
        }
        String[] parts = WHITESPACE.split(line, 3);
        String type = parts[0];
        if (!FAMILY.containsKey(type)) {
            throw new SshKeyValidationException("The key type is not one of ssh-ed25519, ecdsa-sha2-nistp256/384/521 "
                    + "or ssh-rsa (options before the key are not accepted either).");
        }
        if (parts.length < 2) {
            throw new SshKeyValidationException("The key's base64 part is missing after '" + type + "'.");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException notBase64) {
            throw new SshKeyValidationException("The key's second part is not valid base64: was it cut or wrapped?");
        }
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (comment.length() > MAX_COMMENT || comment.chars().anyMatch(Character::isISOControl)) {
            throw new SshKeyValidationException("The comment has at most " + MAX_COMMENT
                    + " characters and no control characters.");
        }
        int bits = bitsOf(type, decoded);
        return new SshPublicKey(type, bits, parts[1], comment, fingerprintOf(decoded));
    }

    private static boolean looksPrivate(String text) {
        return PRIVATE_HEADER.matcher(text).find() || text.contains("PRIVATE KEY")
                || text.contains(OPENSSH_PRIVATE_BODY) || text.startsWith("PuTTY-User-Key-File");
    }

    /** Reads the blob as the wire format says and returns the key size; refuses anything left over. */
    private static int bitsOf(String type, byte[] blob) {
        ByteBuffer in = ByteBuffer.wrap(blob);
        try {
            String inner = new String(string(in), StandardCharsets.US_ASCII);
            if (!inner.equals(type)) {
                throw new SshKeyValidationException("The key says '" + type + "' but its content is another type.");
            }
            int bits;
            if (type.equals("ssh-ed25519")) {
                if (string(in).length != 32) {
                    throw new SshKeyValidationException("An Ed25519 key holds 32 bytes; this one does not.");
                }
                bits = 256;
            } else if (type.equals("ssh-rsa")) {
                BigInteger exponent = new BigInteger(string(in));
                BigInteger modulus = new BigInteger(string(in));
                if (exponent.signum() <= 0 || modulus.signum() <= 0) {
                    throw new SshKeyValidationException("The RSA key's numbers are not valid.");
                }
                bits = modulus.bitLength();
                if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                    throw new SshKeyValidationException("An RSA key needs " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
                            + " bits; this one has " + bits + ". Make a new one with 'ssh-keygen -t ed25519'.");
                }
            } else {
                String curve = new String(string(in), StandardCharsets.US_ASCII);
                if (!type.endsWith("-" + curve)) {
                    throw new SshKeyValidationException("The ECDSA key's curve does not match its type.");
                }
                bits = CURVE_BITS.get(curve);
                byte[] point = string(in);
                int coordinate = (bits + 7) / 8;
                if (point.length != 1 + 2 * coordinate || point[0] != 4) {
                    throw new SshKeyValidationException("The ECDSA key's point is not valid for " + curve + ".");
                }
            }
            if (in.hasRemaining()) {
                throw new SshKeyValidationException("The key has bytes after its end: was it pasted twice?");
            }
            return bits;
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException | NumberFormatException cut) {
            throw new SshKeyValidationException("The key's content is incomplete: was it cut when copied?");
        }
    }

    /** One length-prefixed string of the SSH wire format. */
    private static byte[] string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IndexOutOfBoundsException("length " + length);
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static String fingerprintOf(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    /** The {@code authorized_keys} line: type, blob and comment. */
    public String line() {
        return comment.isEmpty() ? type + " " + blob : type + " " + blob + " " + comment;
    }

    /** What {@code ssh-keygen -l} prints for this key, e.g. {@code 256 SHA256:... alice@laptop (ED25519)}. */
    public String describe() {
        return bits + " " + fingerprint + " " + (comment.isEmpty() ? "no comment" : comment) + " ("
                + FAMILY.get(type) + ")";
    }

    @Override
    public String toString() {
        return "SshPublicKey[" + type + " " + bits + " " + fingerprint + "]";
    }
}
