package io.gureum.console.metrics;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.system.SystemActor;
import io.gureum.console.task.TaskRequest;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.task.TaskSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Prometheus scrapes /actuator/prometheus with its token and finds the cloud's series; nobody else reads them. */
@ConsoleTest
@Tag("postgres") // the gauges are read with SQL: also run on PostgreSQL (console/pom.xml, execution 'postgres')
class PrometheusScrapeTest {

    /** As application-test.yaml configures gureum.metrics.scrape-token. */
    private static final String TOKEN = "test-scrape-token-4f1c";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    TaskService tasks;

    @Autowired
    CloudGauges gauges;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void closeClient() {
        http.close();
    }

    @Test
    void prometheus_with_the_scrape_token_finds_workloads_hosts_tasks_quota_probe_and_task_durations()
            throws Exception {
        Fixtures.Tenant tenant = fixtures.tenant("metrics");
        TaskSummary submitted = asAdmin(() -> tasks.submit(
                new TaskRequest("metrics.test", "project", Long.toString(tenant.project().id()), "metrics", null),
                context -> context.step("nothing to do")));
        assertThat(asAdmin(() -> tasks.await(submitted.id(), Duration.ofSeconds(20))).state())
                .isEqualTo(TaskState.SUCCEEDED);
        SystemActor.run(gauges::refresh); // the scheduled refresh, now rather than in up to 15 s
        // readiness writes the database probe (if its own schedule has not yet)
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        HttpResponse<String> scrape = get("Bearer " + TOKEN);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("gureum_workloads{kind=\"vm\",state=\"RUNNING\"}")
                .contains("gureum_workloads{kind=\"container\",state=\"EXITED\"}")
                .contains("gureum_hosts{status=\"UP\"}")
                .contains("gureum_hosts{status=\"UNREACHABLE\"}")
                .contains("gureum_tasks{state=\"RUNNING\"}")
                .contains("gureum_tasks{state=\"FAILED\"}")
                .contains("gureum_quota_used{project=\"" + tenant.project().name() + "\",resource=\"vcpus\"} 0.0")
                .containsPattern("gureum_quota_limit\\{project=\"" + tenant.project().name()
                        + "\",resource=\"vcpus\"} [1-9]")
                .containsPattern("gureum_database_probe_seconds_count\\{outcome=\"writable\"} [1-9]")
                .contains("gureum_tasks_duration_seconds_count{action=\"metrics.test\",outcome=\"SUCCEEDED\"} 1")
                .contains("http_server_requests_seconds_count");
        assertThat(scrape.body().lines().filter(line -> line.startsWith("gureum_tasks{state=\"SUCCEEDED\"}")))
                .singleElement().satisfies(line -> assertThat(Double.parseDouble(line.split(" ")[1])).isPositive());
    }

    @Test
    void without_the_scrape_token_or_with_a_wrong_one_the_metrics_are_refused() throws Exception {
        assertThat(get(null).statusCode()).isEqualTo(401);
        assertThat(get("Bearer not-the-token").statusCode()).isEqualTo(401);
        assertThat(get("Basic " + java.util.Base64.getEncoder().encodeToString("admin:x".getBytes())).statusCode())
                .isEqualTo(401);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
