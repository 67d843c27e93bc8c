package io.gureum.console.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Decides whether a password may be set: at least {@value #MIN_LENGTH} characters, not the user name,
 * not a well-known or default password. Also makes strong random passwords.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    private static final String COMMON_PASSWORDS = "/identity/common-passwords.txt";
    // No look-alike characters (0/O, 1/l/I) so that a password read from a log can be typed.
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_".toCharArray();

    private final Set<String> common;
    private final SecureRandom random = new SecureRandom();

    public PasswordPolicy() {
        this.common = loadCommonPasswords();
    }

    /** Throws {@link WeakPasswordException} saying what to fix when the password is not acceptable. */
    public void check(String username, String password) {
        if (password == null || password.isBlank()) {
            throw new WeakPasswordException("The password is empty: choose one of at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() < MIN_LENGTH) {
            throw new WeakPasswordException("The password has " + password.length() + " characters: it needs at least "
                    + MIN_LENGTH + ".");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            throw new WeakPasswordException("The password contains the user name: choose one that does not.");
        }
        if (common.contains(lower)) {
            throw new WeakPasswordException("The password is on the list of commonly used passwords: choose another.");
        }
        if (password.chars().distinct().count() < 4) {
            throw new WeakPasswordException("The password repeats too few characters: use at least 4 different ones.");
        }
    }

    /** A random password of {@code length} characters (about 5.9 bits each) that passes {@link #check}. */
    public String generate(int length) {
        if (length < MIN_LENGTH) {
            throw new IllegalArgumentException("length must be at least " + MIN_LENGTH);
        }
        while (true) {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            String candidate = new String(chars);
            try {
                check(null, candidate);
                return candidate;
            } catch (WeakPasswordException vanishinglyUnlikely) {
                // draw again
            }
        }
    }

    private static Set<String> loadCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + COMMON_PASSWORDS);
            }
            Set<String> words = new HashSet<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    String word = line.strip();
                    if (!word.isEmpty() && !word.startsWith("#")) {
                        words.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
