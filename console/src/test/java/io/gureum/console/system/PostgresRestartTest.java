package io.gureum.console.system;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.project.ProjectService;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HostDaemons;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * PostgreSQL restarts under the running console (the shared test context): readiness says not-ready while it is
 * away and liveness stays up (restarting the console would not bring a remote database back); then the pool
 * reconnects by itself, nothing written before is lost and writes work again. Only in the PostgreSQL run.
 */
@ConsoleTest
@Tag("postgres-only")
class PostgresRestartTest {

    private static final Logger log = LoggerFactory.getLogger(PostgresRestartTest.class);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ProjectService projects;

    @Autowired
    QuotaService quotas;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void while_postgresql_restarts_the_console_is_not_ready_and_then_recovers_by_itself_with_nothing_lost()
            throws Exception {
        Fixtures.Tenant before = fixtures.tenant("pg-restart-before");
        ResourceAmounts limits = asAdmin(() -> quotas.limits(before.id()));
        ResourceAmounts changed = new ResourceAmounts(limits.vcpus() + 1, limits.memoryMib(), limits.diskGib(),
                limits.vms() + 1, limits.containers(), limits.containerCpus(), limits.containerMemoryMib());
        asAdmin(() -> quotas.setLimits(before.id(), changed));
        assertThat(awaitProbe("readiness", Duration.ofSeconds(15), r -> r.statusCode() == 200).body()).contains("UP");

        long stoppedAt = System.nanoTime();
        HostDaemons.stopPostgres();
        try {
            HttpResponse<String> down = awaitProbe("readiness", Duration.ofSeconds(30), r -> r.statusCode() == 503);
            assertThat(down.body()).contains("DOWN");
            HttpResponse<String> liveness = probe("liveness");
            assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
        } finally {
            HostDaemons.startPostgres();
        }
        HttpResponse<String> up = awaitProbe("readiness", Duration.ofSeconds(30), r -> r.statusCode() == 200);
        assertThat(up.body()).contains("UP");
        long seconds = Duration.ofNanos(System.nanoTime() - stoppedAt).toSeconds();

        Fixtures.Tenant after = fixtures.tenant("pg-restart-after");
        asAdmin(() -> quotas.setLimits(after.id(), changed));
        assertThat(asAdmin(() -> projects.get(before.id())).name()).isEqualTo(before.project().name());
        assertThat(asAdmin(() -> quotas.limits(before.id()))).isEqualTo(changed);
        assertThat(asAdmin(() -> quotas.limits(after.id()))).isEqualTo(changed);
        log.info("PostgreSQL stopped and started again: console ready again {} s after the stop", seconds);
    }

    private HttpResponse<String> probe(String group) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/" + group))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asks the probe until it answers as expected; the last answer, or a failed assertion after the timeout. */
    private HttpResponse<String> awaitProbe(String group, Duration timeout, Predicate<HttpResponse<String>> expected)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = probe(group);
        while (!expected.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = probe(group);
        }
        assertThat(expected.test(last)).as(group + " answered " + last.statusCode() + " " + last.body()
                + " until the timeout of " + timeout).isTrue();
        return last;
    }
}
