package io.gureum.console.image;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

@ConsoleTest
class InstanceSizeServiceTest {

    @Autowired
    InstanceSizeService sizes;

    @Autowired
    Fixtures fixtures;

    @Autowired
    io.gureum.console.audit.AuditService audit;

    @Test
    void presets_are_seeded_on_first_start_and_listed_for_everyone() {
        String user = fixtures.user("sz").username();

        assertThat(asUser(user, () -> sizes.list())).extracting(InstanceSize::name)
                .contains("tiny", "small", "medium");
        InstanceSize small = sizes.list().stream().filter(s -> s.name().equals("small")).findFirst().orElseThrow();
        assertThat(small.vcpus()).isEqualTo(1);
        assertThat(small.memoryMib()).isEqualTo(1024);
        assertThat(small.diskGib()).isEqualTo(10);
    }

    @Test
    void an_admin_adds_and_deletes_a_size_and_bad_values_are_refused() {
        InstanceSize added = asAdmin(() -> sizes.create("xl-test", 8, 16384, 80));
        assertThat(sizes.list()).contains(added);

        assertThatThrownBy(() -> asAdmin(() -> sizes.create("xl-test", 8, 16384, 80)))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> asAdmin(() -> sizes.create("Bad Name", 1, 256, 1)))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("not valid");
        assertThatThrownBy(() -> asAdmin(() -> sizes.create("zero-cpu", 0, 256, 1)))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("vCPUs");
        assertThatThrownBy(() -> asAdmin(() -> sizes.create("little-mem", 1, 16, 1)))
                .isInstanceOf(ImageValidationException.class).hasMessageContaining("memory");

        asAdmin(() -> sizes.delete(added.id()));
        assertThat(sizes.list()).extracting(InstanceSize::id).doesNotContain(added.id());
        assertThat(asAdmin(() -> audit.search(new io.gureum.console.audit.AuditFilter("admin", null, null, null, null,
                null)))).filteredOn(r -> r.target().equals("instance size xl-test"))
                .extracting(io.gureum.console.audit.AuditRecord::action).contains("size.created", "size.deleted");
    }

    @Test
    void users_who_are_not_administrators_cannot_change_sizes() {
        String user = fixtures.user("sz").username();
        InstanceSize tiny = sizes.list().getFirst();

        assertThatThrownBy(() -> asUser(user, () -> sizes.create("mine", 1, 256, 1)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> asUser(user, () -> sizes.delete(tiny.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(sizes.list()).contains(tiny);
    }
}
