package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.button.Button;
import io.gureum.console.audit.AuditLogView;
import io.gureum.console.testsupport.ConsoleTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithMockUser;

@ConsoleTest
@WithMockUser(username = "admin", roles = {"USER", "ADMIN"})
class SshKeysViewTest extends SpringBrowserlessTest {

    @Autowired
    SshKeyService keys;

    @Autowired
    SshKeyRepository repository;

    @Test
    void the_page_is_reached_from_the_user_area_of_every_page() {
        navigate(AuditLogView.class);

        test($(Button.class).id("ssh-keys")).click();

        assertThat(getCurrentView()).isInstanceOf(SshKeysView.class);
    }

    @Test
    void a_pasted_public_key_is_listed_with_its_fingerprint_and_can_be_removed() {
        SshKeysView view = navigate(SshKeysView.class);
        keys.mine().forEach(key -> keys.remove(key.id()));
        view.refresh();

        test(view.publicKey).setValue(SshPublicKeyTest.ED25519);
        test(view.add).click();

        assertThat(view.publicKey.isInvalid()).isFalse();
        assertThat(view.publicKey.getValue()).isEmpty();
        assertThat(test(view.mine).size()).isEqualTo(1);
        assertThat(test(view.mine).getCellText(0, 0)).isEqualTo("alice@laptop");
        assertThat(test(view.mine).getCellText(0, 1)).isEqualTo("256 ssh-ed25519");
        assertThat(test(view.mine).getCellText(0, 2)).isEqualTo("SHA256:94KuTrZrS6qspDl/m6pGNdW4s1cRdEa3Mx20Ar/kwCw");
        assertThat(test(view.everyone).size()).isGreaterThanOrEqualTo(1);

        test((Button) test(view.mine).getCellComponent(0, 4)).click();

        assertThat(test(view.mine).size()).isZero();
    }

    @Test
    void a_malformed_or_private_key_gets_an_error_next_to_the_field_and_nothing_is_stored() {
        SshKeysView view = navigate(SshKeysView.class);
        long before = repository.count();

        test(view.publicKey).setValue(SshPublicKeyTest.RSA_1024);
        test(view.add).click();

        assertThat(view.publicKey.isInvalid()).isTrue();
        assertThat(view.publicKey.getErrorMessage()).contains("2048");
        assertThat(view.publicKey.getValue()).isEqualTo(SshPublicKeyTest.RSA_1024);

        test(view.publicKey).setValue(SshPublicKeyTest.OPENSSH_PRIVATE);
        test(view.add).click();

        assertThat(view.publicKey.isInvalid()).isTrue();
        assertThat(view.publicKey.getErrorMessage()).contains("PRIVATE key");
        assertThat(view.publicKey.getValue()).as("the private key is not left in the field").isEmpty();
        assertThat(repository.count()).isEqualTo(before);
    }
}
