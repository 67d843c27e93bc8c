package io.gureum.console.quota;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.Fixtures.Tenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ConsoleTest
class QuotaServiceTest {

    @Autowired
    QuotaService quotas;

    @Autowired
    QuotaDefaults defaults;

    @Autowired
    Fixtures fixtures;

    @Test
    void a_new_project_starts_with_the_configured_default_limits() {
        Tenant t = fixtures.tenant("q");
        assertThat(asUser(t.viewer().username(), () -> quotas.limits(t.id()))).isEqualTo(defaults.amounts());
        assertThat(defaults.amounts()).isEqualTo(new ResourceAmounts(8, 16384, 200, 5, 10, 4, 8192));
    }

    @Test
    void administrators_set_limits_and_a_demand_beyond_them_is_refused_naming_the_limit() {
        Tenant t = fixtures.tenant("q");
        ResourceAmounts limits = new ResourceAmounts(4, 4096, 50, 2, 3, 2, 2048);
        asAdmin(() -> quotas.setLimits(t.id(), limits));

        assertThat(asUser(t.member().username(), () -> quotas.limits(t.id()))).isEqualTo(limits);
        asUser(t.member().username(), () -> {
            assertThatCode(() -> quotas.reserve(t.id(), new ResourceAmounts(4, 4096, 50, 2, 3, 2, 2048)))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> quotas.reserve(t.id(), new ResourceAmounts(5, 0, 0, 1, 0, 0, 0)))
                    .isInstanceOf(QuotaExceededException.class)
                    .hasMessageContaining("vCPUs 5 > 4");
        });
    }

    @Test
    void limits_cannot_be_negative() {
        assertThatThrownBy(() -> new ResourceAmounts(-1, 0, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
