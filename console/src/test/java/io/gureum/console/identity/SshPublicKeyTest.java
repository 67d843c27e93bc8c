package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SshPublicKeyTest {

    // Made with ssh-keygen; the expected descriptions are what 'ssh-keygen -l -f key.pub' printed for them.
    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDnlYlxGgvIb59GvGcbaN2/R/hCjK7KH7aOXuoa3jRcF"
            + " alice@laptop";
    static final String ECDSA_384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBHzgq3z0"
            + "TZoBLFMWXhWQdxQPFmP2fcBcbpwWyQJE+0jQ32dnDBF7rIb/YOttTr9D9guS7h65ut9yODwWIUgRGEjjVWh68vgOEIkNDvaV2H4fE5Kndw2"
            + "3auVFwS0EAJbZJQ== ecdsa key";
    static final String RSA_2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCdj/ABf63C9Z0J8ovTn28o4esO9k5VacvACSOwf15gF"
            + "BUxN8bsnU9616O/sGarcr04o3zaYo/o2GYDGYj3xMH660XtMGMphNf/cx4k+WqHUR4rQXaZSOhVktQwVUpYT2lWNVOuOoVE+yUUj3C3hOzVG"
            + "eCSvHmFu6LFTGrgcBVFCOEnzxTRdEMJuQkVKl944jxUV1MsuQbOWZ1xt2ep2QWn4nqZHhpyf4D0SrKazrY3EZRy2IBsez89bgnfX3tyGPXFP"
            + "/KzY5KCbhOXp4rrz7uaL2uU2LdbNIcGggaaIBkSdXL7Ajcyu4DyHjbDZ35IzzONx/G/CDqUwwbIR7rUZRXf rsa@x";
    static final String RSA_1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7Xot5IaR7x2UdAt1iTsXj9q3ZfVOhWGvFloPhnchc/4"
            + "AuZtrhFg8qL5HxCQLf1PrpED2fee+wvQUIZhr5/wsPo4Am4GKVzPfL9K7gk78f5uHpbzv2v9JmBD8njf9Mg/Y4PRBBovPQc6MGxJh0vs9LR"
            + "ugoUgVYWeut7TNLvRDY9Q== weak";
    static final String OPENSSH_PRIVATE = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            QyNTUxOQAAACDJ3sOmXjMsv5IjPQWkxRUcD2zyXGNaoVDLMg0rlK1GNQAAAJgAAAAAAAAA
            -----END OPENSSH PRIVATE KEY-----
            """;

    @Test
    void ed25519_ecdsa_and_rsa_keys_are_described_as_ssh_keygen_describes_them() {
        assertThat(SshPublicKey.parse(ED25519).describe())
                .isEqualTo("256 SHA256:94KuTrZrS6qspDl/m6pGNdW4s1cRdEa3Mx20Ar/kwCw alice@laptop (ED25519)");
        assertThat(SshPublicKey.parse(ECDSA_384).describe())
                .isEqualTo("384 SHA256:m1O6PIytTRkGTSYM2gk0qrZIfN7R3O/aGfM1sBVsd1I ecdsa key (ECDSA)");
        assertThat(SshPublicKey.parse(RSA_2048).describe())
                .isEqualTo("2048 SHA256:/E6TTleRj7VI+JHKYzm4C2Q9K+bTuLW7id2Z3kbB1kg rsa@x (RSA)");
    }

    @Test
    void the_comment_is_kept_and_the_authorized_keys_line_is_the_key_as_pasted() {
        SshPublicKey key = SshPublicKey.parse("  " + ED25519 + "\n");

        assertThat(key.comment()).isEqualTo("alice@laptop");
        assertThat(key.line()).isEqualTo(ED25519);
        assertThat(SshPublicKey.parse(ED25519.substring(0, ED25519.lastIndexOf(' '))).comment()).isEmpty();
    }

    @Test
    void an_rsa_key_under_2048_bits_is_refused_with_its_size() {
        assertThatThrownBy(() -> SshPublicKey.parse(RSA_1024)).isInstanceOf(SshKeyValidationException.class)
                .hasMessageContaining("has 1024").extracting(e -> ((SshKeyValidationException) e).field())
                .isEqualTo("publicKey");
    }

    @Test
    void a_private_key_is_refused_with_a_warning_that_never_repeats_it() {
        for (String pasted : new String[] {OPENSSH_PRIVATE, "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n",
                "-----BEGIN PRIVATE KEY-----", OPENSSH_PRIVATE.lines().skip(1).findFirst().orElseThrow()}) {
            assertThatThrownBy(() -> SshPublicKey.parse(pasted)).isInstanceOfSatisfying(SshKeyValidationException.class,
                    refused -> {
                        assertThat(refused.privateKey()).isTrue();
                        assertThat(refused.getMessage()).contains("PRIVATE key").doesNotContain("b3BlbnNzaC1rZXkt")
                                .doesNotContain("MIIE");
                    });
        }
    }

    @Test
    void malformed_keys_are_refused_with_what_is_wrong() {
        String blob = ED25519.split(" ")[1];
        assertRefused("", "Paste a public key");
        assertRefused("ssh-dss AAAAB3NzaC1kc3M= old", "key type");
        assertRefused("ssh-ed25519", "base64 part is missing");
        assertRefused("ssh-ed25519 not*base64", "not valid base64");
        assertRefused("ssh-ed25519 " + blob.substring(0, 40), "incomplete");
        assertRefused("ssh-rsa " + blob + " mislabelled", "content is another type");
        assertRefused(ED25519 + "\n" + RSA_2048, "one key at a time");
        assertRefused("command=\"rm -rf /\" " + ED25519, "key type");
        byte[] decoded = Base64.getDecoder().decode(blob);
        byte[] shortKey = java.util.Arrays.copyOf(decoded, decoded.length - 16);
        shortKey[18] = 16; // the key string's length: 16 bytes instead of 32
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(shortKey), "32 bytes");
        byte[] longer = java.util.Arrays.copyOf(decoded, decoded.length + 3);
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer), "bytes after its end");
        byte[] truncatedHeader = java.util.Arrays.copyOf(decoded, 6);
        assertRefused("ssh-ed25519 " + Base64.getEncoder().encodeToString(truncatedHeader), "incomplete");
        assertRefused(ED25519 + " " + "x".repeat(300), "comment has at most");
        assertRefused("ssh-ed25519 " + "A".repeat(SshPublicKey.MAX_LENGTH), "at most");
    }

    private static void assertRefused(String text, String why) {
        assertThatThrownBy(() -> SshPublicKey.parse(text)).isInstanceOf(SshKeyValidationException.class)
                .hasMessageContaining(why);
    }
}
