package io.gureum.console.identity;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.identity.SshKeyEvents.PrivateKeyRefused;
import io.gureum.console.identity.SshKeyEvents.SshKeyAdded;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@ConsoleTest
@RecordApplicationEvents
class SshKeyServiceTest {

    @Autowired
    SshKeyService keys;

    @Autowired
    SshKeyRepository repository;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApplicationEvents events;

    @Test
    void a_user_adds_lists_and_removes_their_own_keys_and_each_change_is_audited() {
        UserSummary alice = fixtures.user("alice");

        SshKeySummary added = asUser(alice.username(), () -> keys.add(SshPublicKeyTest.ED25519));

        assertThat(added.owner()).isEqualTo(alice.username());
        assertThat(added.key().fingerprint()).isEqualTo("SHA256:94KuTrZrS6qspDl/m6pGNdW4s1cRdEa3Mx20Ar/kwCw");
        assertThat(asUser(alice.username(), () -> keys.mine())).extracting(SshKeySummary::label)
                .containsExactly("alice@laptop");
        assertThat(events.stream(SshKeyAdded.class)).anySatisfy(event -> assertThat(event.detail())
                .isEqualTo("256 SHA256:94KuTrZrS6qspDl/m6pGNdW4s1cRdEa3Mx20Ar/kwCw alice@laptop (ED25519)"));

        asUser(alice.username(), () -> keys.remove(added.id()));

        assertThat(asUser(alice.username(), () -> keys.mine())).isEmpty();
    }

    @Test
    void the_same_key_is_kept_once_per_user_but_two_users_may_share_it() {
        UserSummary alice = fixtures.user("alice");
        UserSummary bob = fixtures.user("bob");
        asUser(alice.username(), () -> keys.add(SshPublicKeyTest.RSA_2048));

        assertThatThrownBy(() -> asUser(alice.username(), () -> keys.add(SshPublicKeyTest.RSA_2048)))
                .isInstanceOf(SshKeyValidationException.class).hasMessageContaining("already have this key");
        assertThat(asUser(bob.username(), () -> keys.add(SshPublicKeyTest.RSA_2048)).owner())
                .isEqualTo(bob.username());
    }

    @Test
    void a_private_key_is_never_stored_and_its_refusal_is_audited_without_any_of_it() {
        UserSummary alice = fixtures.user("alice");
        long before = repository.count();

        assertThatThrownBy(() -> asUser(alice.username(), () -> keys.add(SshPublicKeyTest.OPENSSH_PRIVATE)))
                .isInstanceOfSatisfying(SshKeyValidationException.class,
                        refused -> assertThat(refused.privateKey()).isTrue());

        assertThat(repository.count()).isEqualTo(before);
        assertThat(events.stream(PrivateKeyRefused.class)).singleElement().satisfies(event -> {
            assertThat(event.refused()).isTrue();
            assertThat(event.username()).isEqualTo(alice.username());
            assertThat(event.detail()).doesNotContain("b3BlbnNzaC1rZXkt");
        });
    }

    @Test
    void nobody_removes_or_hands_out_another_users_key_but_an_administrator_lists_everyones() {
        UserSummary alice = fixtures.user("alice");
        UserSummary mallory = fixtures.user("mallory");
        SshKeySummary key = asUser(alice.username(), () -> keys.add(SshPublicKeyTest.ECDSA_384));

        assertThatThrownBy(() -> asUser(mallory.username(), () -> keys.remove(key.id())))
                .isInstanceOf(SshKeyValidationException.class).hasMessageContaining("no SSH key #" + key.id());
        assertThatThrownBy(() -> asUser(mallory.username(), () -> keys.callerKeys(List.of(key.id()))))
                .isInstanceOfSatisfying(SshKeyValidationException.class,
                        refused -> assertThat(refused.field()).isEqualTo("sshKeyIds"));
        assertThatThrownBy(() -> asUser(mallory.username(), () -> keys.all()))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(asUser(alice.username(), () -> keys.callerKeys(List.of(key.id()))))
                .extracting(SshPublicKey::line).containsExactly(SshPublicKeyTest.ECDSA_384);
        assertThat(asAdmin(() -> keys.all())).filteredOn(summary -> summary.id() == key.id())
                .extracting(SshKeySummary::owner).containsExactly(alice.username());
    }
}
