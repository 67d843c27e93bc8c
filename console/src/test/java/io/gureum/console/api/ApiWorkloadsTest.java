package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.api.ApiHttp.jsonOf;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.quota.QuotaService;
import io.gureum.console.quota.ResourceAmounts;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.DirectRows;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.LocalPodman;
import io.gureum.console.testsupport.SimulatedHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The VM and container endpoints over real HTTP with API tokens: VMs on the libvirt test driver, containers on the
 * local host's real Podman.
 */
@ConsoleTest
class ApiWorkloadsTest {

    private static final String TICK = "while true; do echo tick; sleep 1; done";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    @Autowired
    QuotaService quotas;

    @Autowired
    IdempotencyKeys idempotencyKeys;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    ApiHttp api;
    SimulatedHost simulated;
    Fixtures.Tenant a;
    String member;
    final List<String> toDelete = new ArrayList<>();

    @BeforeEach
    void twoProjects() {
        api = new ApiHttp(port);
        a = fixtures.tenant("apiw-a");
        member = tokenOf(a.member().username());
    }

    /** Deletes what a test made through the API (a container left on Podman would outlive the run). */
    @AfterEach
    void deleteWhatWasMade() {
        for (String path : toDelete) {
            HttpResponse<String> deleted = api.send(api.request(path, member).DELETE());
            if (deleted.statusCode() == 202) {
                api.awaitTask(deleted, member, "60s");
            }
        }
        if (simulated != null) {
            simulated.close();
        }
        api.close();
    }

    private String tokenOf(String username) {
        return asUser(username, () -> tokens.create("pipeline", null)).secret();
    }

    /** A token of the owner of another project, B. */
    private String outsider() {
        return tokenOf(fixtures.tenant("apiw-b").owner().username());
    }

    private void simulatedHostOnly() {
        simulated = SimulatedHost.only(hosts, images);
    }

    private void localPodman() {
        LocalPodman.host(hosts);
    }

    private static String vmBody(String name, long projectId) {
        return jsonOf(Map.of("name", name, "projectId", projectId, "imageId", ImageCatalog.TINY_LINUX, "vcpus", 1,
                "memoryMib", 128));
    }

    private static String containerBody(String name, long projectId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("projectId", projectId);
        body.put("command", TICK);
        body.put("env", Map.of("GREETING", "hello; rm -rf /"));
        body.put("cpus", 0.5);
        body.put("memoryMib", 64);
        body.put("restartPolicy", "no");
        return jsonOf(body);
    }

    /** Creates through the API as A's member; the answer must be 202, and what it made is deleted afterwards. */
    private HttpResponse<String> create(String kinds, String body, String... headers) {
        HttpResponse<String> created = api.post("/api/v1/" + kinds, member, body, headers);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String path = "/api/v1/" + kinds + "/" + json(created).get("resource").get("id").asString();
        if (!toDelete.contains(path)) {
            toDelete.add(path);
        }
        return created;
    }

    private JsonNode succeeded(HttpResponse<String> accepted) {
        JsonNode task = api.awaitTask(accepted, member, "60s");
        assertThat(task.get("state").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        return task;
    }

    /** Creates through the API, waits until the create task has succeeded; returns the new workload's path. */
    private String made(String kinds, String body) {
        HttpResponse<String> created = create(kinds, body);
        succeeded(created);
        return resourcePath(kinds, created);
    }

    private static String resourcePath(String kinds, HttpResponse<String> accepted) {
        return "/api/v1/" + kinds + "/" + json(accepted).get("resource").get("id").asString();
    }

    private int total(String kinds, String query) {
        return json(api.get("/api/v1/" + kinds + "?projectId=" + a.id() + query, member)).get("total").asInt();
    }

    @Test
    void a_vm_created_through_the_api_answers_202_runs_once_its_task_has_ended_and_stops_and_goes_on_request() {
        simulatedHostOnly();

        long before = System.nanoTime();
        HttpResponse<String> created = create("vms", vmBody("api-made", a.id()));

        JsonNode answer = json(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/tasks/" + answer.get("taskId")
                .asString());
        assertThat(answer.get("task").asString()).isEqualTo("/api/v1/tasks/" + answer.get("taskId").asString());
        assertThat(answer.get("resource").get("name").asString()).isEqualTo("api-made");
        succeeded(created);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("the wait ended with the task, not at 60 s")
                .isLessThan(Duration.ofSeconds(30));
        String vm = resourcePath("vms", created);
        HttpResponse<String> read = api.get(vm, member);
        assertThat(json(read).get("state").asString()).isEqualTo("RUNNING");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(api.send(api.request(vm, member).header("If-None-Match", etag)).statusCode()).isEqualTo(304);

        succeeded(api.post(vm + "/stop", member));
        assertThat(json(api.get(vm, member)).get("state").asString()).isEqualTo("STOPPED");
        HttpResponse<String> deleted = api.send(api.request(vm, member).DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        succeeded(deleted);
        assertProblem(api.get(vm, member), 404, "urn:gureum:problem:not-found");
    }

    @Test
    void a_vms_own_actions_answer_202_and_its_serial_log_is_text() {
        simulatedHostOnly();
        String vm = made("vms", vmBody("actions", a.id()));

        for (String action : List.of("suspend", "resume", "reboot", "force-off")) {
            HttpResponse<String> accepted = api.post(vm + "/" + action, member);
            assertThat(accepted.statusCode()).as(action + ": " + accepted.body()).isEqualTo(202);
            assertThat(succeeded(accepted).get("action").asString()).isEqualTo("vm." + action);
        }

        assertThat(json(api.get(vm, member)).get("state").asString()).isEqualTo("STOPPED");
        assertProblem(api.get(vm + "/stats", member), 409, "urn:gureum:problem:wrong-state");
        HttpResponse<String> serial = api.get(vm + "/serial-log?bytes=4096", member);
        assertThat(serial.statusCode()).as(serial.body()).isEqualTo(200);
        assertThat(serial.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertProblem(api.get(vm + "/serial-log?bytes=0", member), 400, "urn:gureum:problem:validation");
    }

    @Test
    void a_create_retried_with_its_idempotency_key_gets_the_first_answer_and_makes_one_vm() {
        simulatedHostOnly();
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first = create("vms", vmBody("once", a.id()), "Idempotency-Key", key);
        HttpResponse<String> retried = create("vms", vmBody("once", a.id()), "Idempotency-Key", key);

        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(retried.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(total("vms", "&name=once")).isEqualTo(1);
        succeeded(first);
        HttpResponse<String> otherBody = api.post("/api/v1/vms", member, vmBody("twice", a.id()),
                "Idempotency-Key", key);
        assertProblem(otherBody, 422, "urn:gureum:problem:idempotency-key-reused");
        assertThat(total("vms", "&name=twice")).isZero();
        // The key is the user's own: another user's request with it is a request of its own.
        HttpResponse<String> owners = api.post("/api/v1/vms", tokenOf(a.owner().username()),
                vmBody("owners", a.id()), "Idempotency-Key", key);
        assertThat(owners.statusCode()).as(owners.body()).isEqualTo(202);
        toDelete.add(resourcePath("vms", owners));
    }

    @Test
    void concurrent_retries_with_one_idempotency_key_make_one_vm_and_all_get_its_answer() throws Exception {
        simulatedHostOnly();
        String key = UUID.randomUUID().toString();
        String body = vmBody("raced", a.id());
        List<Callable<HttpResponse<String>>> retries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            retries.add(() -> api.post("/api/v1/vms", member, body, "Idempotency-Key", key));
        }

        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(retries.size())) {
            for (Future<HttpResponse<String>> answer : pool.invokeAll(retries)) {
                answers.add(answer.get());
            }
        }

        toDelete.add(resourcePath("vms", answers.getFirst()));
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo(answers.getFirst().body());
        });
        assertThat(total("vms", "&name=raced")).isEqualTo(1);
        succeeded(answers.getFirst());
    }

    @Test
    void idempotency_keys_older_than_a_day_are_forgotten_by_the_cleanup() {
        jdbc.update("insert into api_idempotency_key (username, idem_key, request_hash, status, body, created_at) "
                + "values ('someone', 'old-key', 'h', 202, '{}', ?)", java.sql.Timestamp.from(
                java.time.Instant.now().minus(IdempotencyKeys.KEPT).minusSeconds(60)));
        jdbc.update("insert into api_idempotency_key (username, idem_key, request_hash, status, body, created_at) "
                + "values ('someone', 'new-key', 'h', 202, '{}', ?)", java.sql.Timestamp.from(java.time.Instant.now()));

        assertThat(idempotencyKeys.forgetExpired()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForList("select idem_key from api_idempotency_key where username = 'someone'",
                String.class)).containsExactly("new-key");
    }

    @Test
    void a_claim_left_unanswered_by_a_stopped_console_is_taken_over_by_the_next_retry() {
        String key = UUID.randomUUID().toString();
        jdbc.update("insert into api_idempotency_key (username, idem_key, request_hash, created_at) "
                + "values (?, ?, ?, ?)",
                a.member().username(), key, "hash of a request whose console stopped", java.sql.Timestamp.from(
                        java.time.Instant.now().minus(IdempotencyKeys.ABANDONED_AFTER).minusSeconds(10)));

        HttpResponse<String> retried = api.post("/api/v1/vms", member, vmBody("Not Valid", a.id()),
                "Idempotency-Key", key);

        // Answered, not "still being answered": the facade refused the body, so the key is free again.
        assertProblem(retried, 400, "urn:gureum:problem:validation");
        assertThat(jdbc.queryForObject("select count(*) from api_idempotency_key where idem_key = ?", Integer.class,
                key)).isZero();
    }

    @Test
    void an_update_or_delete_against_an_old_etag_is_refused_with_412_and_changes_nothing() {
        simulatedHostOnly();
        String vm = made("vms", vmBody("tagged", a.id()));
        String old = api.get(vm, member).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> changed = api.send(api.request(vm + "/restart-policy", member)
                .header("Content-Type", "application/json").header("If-Match", old)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"restartPolicy\":\"always\"}")));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("restartPolicy").asString()).isEqualTo("ALWAYS");
        assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(old));

        HttpResponse<String> stale = api.send(api.request(vm + "/restart-policy", member)
                .header("Content-Type", "application/json").header("If-Match", old)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"restartPolicy\":\"NEVER\"}")));
        HttpResponse<String> staleDelete = api.send(api.request(vm, member).header("If-Match", old).DELETE());

        assertProblem(stale, 412, "urn:gureum:problem:precondition-failed");
        assertProblem(staleDelete, 412, "urn:gureum:problem:precondition-failed");
        JsonNode now = json(api.get(vm, member));
        assertThat(now.get("restartPolicy").asString()).isEqualTo("ALWAYS");
        assertThat(now.get("state").asString()).isEqualTo("RUNNING");
        assertProblem(api.send(api.request(vm + "/restart-policy", member).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"restartPolicy\":\"sometimes\"}"))), 400,
                "urn:gureum:problem:validation");
    }

    @Test
    void a_change_landing_between_the_facades_read_and_its_write_still_gets_412() throws Exception {
        simulatedHostOnly();
        String vm = made("vms", vmBody("raced", a.id()));
        UUID id = UUID.fromString(vm.substring(vm.lastIndexOf('/') + 1));
        String read = api.get(vm, member).headers().firstValue("ETag").orElseThrow();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Another writer changes the row and keeps its transaction open: the API's transaction still reads the
            // committed version, which matches If-Match, and its UPDATE waits for this writer's row lock.
            Future<?> other = pool.submit(() -> transactions.executeWithoutResult(tx -> {
                jdbc.update("update virtual_machine set updated_at = updated_at + interval '1' second,"
                        + " version = version + 1 where id = ?", id);
                written.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            Future<HttpResponse<String>> put = pool.submit(() -> api.send(api.request(vm + "/restart-policy", member)
                    .header("Content-Type", "application/json").header("If-Match", read)
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"restartPolicy\":\"always\"}"))));
            Thread.sleep(500);
            assertThat(put.isDone()).as("the API's write waits for the other writer's lock").isFalse();

            release.countDown();
            other.get(10, TimeUnit.SECONDS);
            HttpResponse<String> answer = put.get(30, TimeUnit.SECONDS);

            assertProblem(answer, 412, "urn:gureum:problem:precondition-failed");
            HttpResponse<String> after = api.get(vm, member);
            assertThat(after.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(read));
            assertThat(json(after).get("restartPolicy").asString()).isEqualTo("NEVER");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void a_vm_create_with_bad_fields_is_a_validation_problem_in_the_facades_words_and_makes_nothing() {
        HttpResponse<String> badName = api.post("/api/v1/vms", member, vmBody("Bad Name", a.id()));
        HttpResponse<String> noProject = api.post("/api/v1/vms", member, jsonOf(Map.of("name", "fine")));
        HttpResponse<String> wrongType = api.post("/api/v1/vms", member,
                "{\"name\":\"fine\",\"projectId\":" + a.id() + ",\"vcpus\":\"many\"}");
        HttpResponse<String> notJson = api.post("/api/v1/vms", member, "<vm/>");
        HttpResponse<String> unknownField = api.post("/api/v1/vms", member,
                "{\"name\":\"fine\",\"projectId\":" + a.id() + ",\"privileged\":true}");

        assertProblem(badName, 400, "urn:gureum:problem:validation");
        assertThat(json(badName).get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(json(badName).get("errors").get(0).get("message").asString())
                .isEqualTo(io.gureum.console.vm.VmService.NAME_RULE.problem("Bad Name").orElseThrow());
        assertProblem(noProject, 400, "urn:gureum:problem:validation");
        assertThat(json(noProject).get("errors").get(0).get("field").asString()).isEqualTo("projectId");
        assertProblem(wrongType, 400, "urn:gureum:problem:validation");
        assertThat(json(wrongType).get("errors").get(0).get("field").asString()).isEqualTo("vcpus");
        assertProblem(notJson, 400, "urn:gureum:problem:validation");
        assertProblem(unknownField, 400, "urn:gureum:problem:validation");
        assertThat(json(unknownField).get("errors").get(0).get("field").asString()).isEqualTo("privileged");
        assertThat(total("vms", "")).isZero();
    }

    @Test
    void a_create_over_the_quota_is_refused_with_the_numbers() {
        simulatedHostOnly();
        asAdmin(() -> quotas.setLimits(a.id(), new ResourceAmounts(8, 8192, 100, 0, 10, 8, 8192)));

        HttpResponse<String> refused = api.post("/api/v1/vms", member, vmBody("too-many", a.id()));

        assertProblem(refused, 409, "urn:gureum:problem:quota-exceeded");
        JsonNode problem = json(refused);
        assertThat(problem.get("exceeded").get(0).asString()).isEqualTo("VMs 1 > 0");
        assertThat(problem.get("limits").get("vms").asInt()).isZero();
        assertThat(problem.get("demand").get("vms").asInt()).isEqualTo(1);
        assertThat(problem.get("used").get("vms").asInt()).isZero();
        assertThat(total("vms", "")).isZero();
    }

    @Test
    void deleting_a_vm_still_provisioning_is_a_wrong_state_problem_in_the_facades_words() {
        UUID provisioning = DirectRows.vm(jdbc, a.id(), "busy", "PROVISIONING");

        HttpResponse<String> refused = api.send(api.request("/api/v1/vms/" + provisioning, member).DELETE());

        assertProblem(refused, 409, "urn:gureum:problem:wrong-state");
        assertThat(json(refused).get("detail").asString())
                .isEqualTo("VM busy is provisioning: wait until that ends, then delete it.");
    }

    @Test
    void tasks_are_listed_newest_first_in_pages_of_what_the_caller_may_see_and_waits_are_checked() {
        simulatedHostOnly();
        HttpResponse<String> created = create("vms", vmBody("listed", a.id()));
        String taskId = json(created).get("taskId").asString();
        succeeded(created);

        JsonNode page = json(api.get("/api/v1/tasks?limit=1", member));
        assertThat(page.get("items").size()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(taskId);
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(json(api.get("/api/v1/tasks?limit=10&offset=1", member)).get("items").size()).isZero();
        JsonNode outsiders = json(api.get("/api/v1/tasks?limit=500", outsider()));
        assertThat(outsiders.get("items").valueStream().map(t -> t.get("id").asString())).doesNotContain(taskId);
        HttpResponse<String> paging = api.get("/api/v1/tasks?limit=501&offset=-1", member);
        assertProblem(paging, 400, "urn:gureum:problem:validation");
        assertThat(json(paging).get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactlyInAnyOrder("limit", "offset");
        assertProblem(api.get("/api/v1/tasks/" + taskId + "?wait=soon", member), 400,
                "urn:gureum:problem:validation");
        long before = System.nanoTime();
        assertThat(json(api.get("/api/v1/tasks/" + taskId + "?wait=10m", member)).get("finished").asBoolean())
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("a finished task is answered at once")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_container_created_through_the_api_runs_and_is_restarted_logged_measured_stopped_and_deleted() {
        localPodman();
        String container = made("containers", containerBody("api-ct", a.id()));
        HttpResponse<String> read = api.get(container, member);
        assertThat(json(read).get("state").asString()).isEqualTo("RUNNING");
        assertThat(read.headers().firstValue("ETag")).isPresent();

        succeeded(api.post(container + "/restart", member));
        assertThat(json(api.get(container, member)).get("state").asString()).isEqualTo("RUNNING");
        JsonNode stats = json(api.get(container + "/stats", member));
        assertThat(stats.get("memoryUsedBytes").asLong()).isPositive();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode logs = json(api.get(container + "/logs?tail=5", member));
        while (logs.isEmpty() && System.nanoTime() < deadline) {
            logs = json(api.get(container + "/logs?tail=5", member));
        }
        assertThat(logs.get(0).get("text").asString()).contains("tick");
        assertProblem(api.get(container + "/logs?tail=0", member), 400, "urn:gureum:problem:validation");

        succeeded(api.post(container + "/stop", member));
        assertThat(json(api.get(container, member)).get("state").asString()).isEqualTo("STOPPED");
        assertProblem(api.get(container + "/stats", member), 409, "urn:gureum:problem:wrong-state");
        HttpResponse<String> deleted = api.send(api.request(container, member).DELETE());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        succeeded(deleted);
        assertProblem(api.get(container, member), 404, "urn:gureum:problem:not-found");
    }

    @Test
    void another_projects_container_is_not_found_like_a_missing_one_and_a_viewer_may_not_start_one() {
        localPodman();
        String container = made("containers", containerBody("private", a.id()));
        String outsider = outsider();
        UUID missing = UUID.randomUUID();
        String id = container.substring(container.lastIndexOf('/') + 1);

        HttpResponse<String> foreign = api.get(container, outsider);
        HttpResponse<String> absent = api.get("/api/v1/containers/" + missing, outsider);

        assertProblem(foreign, 404, "urn:gureum:problem:not-found");
        assertProblem(absent, 404, "urn:gureum:problem:not-found");
        assertThat(json(foreign).get("detail").asString().replace(id, "ID"))
                .isEqualTo(json(absent).get("detail").asString().replace(missing.toString(), "ID"));
        assertProblem(api.post(container + "/stop", outsider), 404, "urn:gureum:problem:not-found");
        assertThat(json(api.get("/api/v1/containers?projectId=" + a.id(), outsider)).get("total").asInt()).isZero();
        String viewer = tokenOf(a.viewer().username());
        assertThat(api.get(container, viewer).statusCode()).isEqualTo(200);
        assertProblem(api.post(container + "/stop", viewer), 403, "urn:gureum:problem:forbidden");
        assertThat(json(api.get(container, member)).get("state").asString()).isEqualTo("RUNNING");
    }

    @Test
    void a_container_create_retried_with_its_idempotency_key_makes_one_container() {
        localPodman();
        String key = "pipeline-42-" + UUID.randomUUID();

        HttpResponse<String> first = create("containers", containerBody("once", a.id()), "Idempotency-Key", key);
        HttpResponse<String> retried = create("containers", containerBody("once", a.id()), "Idempotency-Key", key);

        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(total("containers", "&name=once")).isEqualTo(1);
        succeeded(first);
        assertProblem(api.post("/api/v1/containers", member, containerBody("other", a.id()), "Idempotency-Key", key),
                422, "urn:gureum:problem:idempotency-key-reused");
    }

    @Test
    void starting_a_container_with_nothing_on_a_host_is_a_wrong_state_problem_and_lists_are_paged_within_limits() {
        UUID failed = DirectRows.container(jdbc, a.id(), "failed", "ERROR");

        HttpResponse<String> refused = api.post("/api/v1/containers/" + failed + "/start", member);

        assertProblem(refused, 409, "urn:gureum:problem:wrong-state");
        assertThat(json(refused).get("detail").asString())
                .isEqualTo("Container failed is error and has nothing on a host to start.");
        assertThat(json(api.get("/api/v1/containers?state=ERROR&projectId=" + a.id(), member)).get("total").asInt())
                .isEqualTo(1);
        assertThat(total("containers", "&state=RUNNING")).isZero();
        HttpResponse<String> paging = api.get("/api/v1/containers?limit=501&offset=-3", member);
        assertProblem(paging, 400, "urn:gureum:problem:validation");
        assertThat(json(paging).get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactlyInAnyOrder("limit", "offset");
        assertProblem(api.get("/api/v1/containers?state=ASLEEP", member), 400, "urn:gureum:problem:validation");
    }
}
