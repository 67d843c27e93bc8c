package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The HTTP API through real HTTP on the test server's port, with API tokens, on the libvirt test driver. */
@ConsoleTest
@Tag("postgres") // also run on PostgreSQL (console/pom.xml, execution 'postgres')
class ApiV1Test {

    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    VmService vms;

    @Autowired
    TaskService tasks;

    @Autowired
    HostService hosts;

    @Autowired
    ImageCatalog images;

    final List<SimulatedHost> simulated = new ArrayList<>();
    ApiHttp api;
    Fixtures.Tenant a;
    Fixtures.Tenant b;

    @BeforeEach
    void twoProjects() {
        api = new ApiHttp(port);
        a = fixtures.tenant("api-a");
        b = fixtures.tenant("api-b");
    }

    @AfterEach
    void closeHosts() {
        simulated.forEach(SimulatedHost::close);
        api.close();
    }

    private String tokenOf(String username) {
        return asUser(username, () -> tokens.create("pipeline", null)).secret();
    }

    /** A running VM of project A on the simulated host, made through the facade as A's member. */
    private UUID runningVmOfA() {
        simulated.add(SimulatedHost.only(hosts, images));
        VmOperation created = asUser(a.member().username(), () -> vms.create(new NewVm("api-vm", a.id(),
                ImageCatalog.TINY_LINUX, 1, 128, null)));
        assertThat(asAdmin(() -> tasks.await(created.taskId(), TASK_TIMEOUT)).state()).isEqualTo(TaskState.SUCCEEDED);
        return created.vm().id();
    }

    @Test
    void a_request_without_a_valid_token_gets_a_401_problem_and_never_a_redirect_to_the_login() throws Exception {
        String revoked = tokenOf(a.owner().username());
        long revokedId = asUser(a.owner().username(), () -> tokens.mine().getFirst().id());
        asUser(a.owner().username(), () -> tokens.revoke(revokedId));

        for (String token : new String[] {null, "gur_not-a-token", "somebody-elses-password", revoked}) {
            HttpResponse<String> response = api.get("/api/v1/vms", token);

            assertProblem(response, 401, "urn:gureum:problem:unauthenticated");
            assertThat(response.headers().firstValue("Location")).isEmpty();
            assertThat(response.headers().firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
        }
    }

    /** CSRF protection is off for the API: that is safe only because a browser's session cookie counts for nothing. */
    @Test
    void a_signed_in_browser_session_does_not_authenticate_an_api_request() throws Exception {
        try (HttpLogin browser = new HttpLogin(port)) {
            browser.logIn(a.owner().username(), Fixtures.PASSWORD);
            assertThat(browser.get("/").statusCode()).as("the session is signed in").isEqualTo(200);

            assertProblem(browser.get("/api/v1/projects/" + a.id() + "/workloads"), 401,
                    "urn:gureum:problem:unauthenticated");
        }
    }

    @Test
    void another_projects_vm_and_its_task_are_not_found_exactly_like_missing_ones() throws Exception {
        UUID vmOfA = runningVmOfA();
        String outsider = tokenOf(b.owner().username());
        UUID missing = UUID.randomUUID();

        HttpResponse<String> foreign = api.get("/api/v1/vms/" + vmOfA, outsider);
        HttpResponse<String> absent = api.get("/api/v1/vms/" + missing, outsider);

        assertProblem(foreign, 404, "urn:gureum:problem:not-found");
        assertProblem(absent, 404, "urn:gureum:problem:not-found");
        assertThat(json(foreign).get("detail").asString().replace(vmOfA.toString(), "ID"))
                .isEqualTo(json(absent).get("detail").asString().replace(missing.toString(), "ID"));
        assertProblem(api.get("/api/v1/projects/" + a.id() + "/workloads", outsider), 404,
                "urn:gureum:problem:not-found");
        assertThat(json(api.get("/api/v1/vms?projectId=" + a.id(), outsider)).get("total").asInt()).isZero();
        // A's own member sees the VM, in the VM list and among the project's workloads.
        String member = tokenOf(a.member().username());
        assertThat(json(api.get("/api/v1/vms/" + vmOfA, member)).get("state").asString()).isEqualTo("RUNNING");
        JsonNode workloads = json(api.get("/api/v1/projects/" + a.id() + "/workloads", member));
        assertThat(workloads.size()).isEqualTo(1);
        assertThat(workloads.get(0).get("kind").asString()).isEqualTo("VM");
        assertThat(workloads.get(0).get("workloadState").asString()).isEqualTo("RUNNING");
    }

    @Test
    void starting_a_stopped_vm_answers_202_with_the_task_and_where_to_follow_it() throws Exception {
        UUID vm = runningVmOfA();
        asUser(a.member().username(), () -> tasks.await(vms.forceOff(vm).taskId(), TASK_TIMEOUT));
        String member = tokenOf(a.member().username());

        HttpResponse<String> started = api.post("/api/v1/vms/" + vm + "/start", member);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String taskId = json(started).get("taskId").asString();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/tasks/" + taskId);
        asAdmin(() -> tasks.await(UUID.fromString(taskId), TASK_TIMEOUT));
        JsonNode task = json(api.get("/api/v1/tasks/" + taskId, member));
        assertThat(task.get("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(task.get("finished").asBoolean()).isTrue();
        assertThat(json(api.get("/api/v1/vms/" + vm, member)).get("state").asString()).isEqualTo("RUNNING");
        // The same task is nobody else's business.
        assertProblem(api.get("/api/v1/tasks/" + taskId, tokenOf(b.member().username())), 404,
                "urn:gureum:problem:not-found");
    }

    @Test
    void a_viewer_may_read_a_vm_but_starting_it_is_forbidden() throws Exception {
        UUID vm = runningVmOfA();
        String viewer = tokenOf(a.viewer().username());

        assertThat(api.get("/api/v1/vms/" + vm, viewer).statusCode()).isEqualTo(200);
        assertProblem(api.post("/api/v1/vms/" + vm + "/start", viewer), 403, "urn:gureum:problem:forbidden");
    }

    @Test
    void bad_paging_and_filter_values_are_validation_problems_naming_each_field() throws Exception {
        String member = tokenOf(a.member().username());

        HttpResponse<String> paging = api.get("/api/v1/vms?limit=0&offset=-1", member);
        HttpResponse<String> state = api.get("/api/v1/vms?state=ASLEEP", member);

        assertProblem(paging, 400, "urn:gureum:problem:validation");
        assertThat(json(paging).get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactlyInAnyOrder("limit", "offset");
        assertProblem(state, 400, "urn:gureum:problem:validation");
        assertThat(json(state).get("errors").get(0).get("field").asString()).isEqualTo("state");
        assertThat(json(state).get("errors").get(0).get("message").asString()).contains("RUNNING");
    }

    @Test
    void the_openapi_document_lists_the_api_paths_for_a_signed_in_user() throws Exception {
        try (HttpLogin browser = new HttpLogin(port)) {
            browser.logIn(a.owner().username(), Fixtures.PASSWORD);

            HttpResponse<String> document = browser.get("/api/v1/openapi.json");

            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(json(document).get("paths").propertyNames()).contains("/api/v1/projects/{id}/workloads",
                    "/api/v1/vms", "/api/v1/vms/{id}", "/api/v1/vms/{id}/start", "/api/v1/tasks/{id}",
                    "/api/v1/tasks", "/api/v1/vms/{id}/force-off", "/api/v1/vms/{id}/restart-policy",
                    "/api/v1/containers", "/api/v1/containers/{id}", "/api/v1/containers/{id}/stop",
                    "/api/v1/containers/{id}/logs");
            // The shared create's body is each kind's own request, resolved from the generic controller.
            assertThat(json(document).at("/paths/~1api~1v1~1vms/post/requestBody/content/application~1json/schema/$ref")
                    .asString()).endsWith("/NewVmRequest");
            assertThat(json(document).at("/paths/~1api~1v1~1containers/post/requestBody/content/application~1json"
                    + "/schema/$ref").asString()).endsWith("/NewContainerRequest");
            assertThat(browser.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
        }
    }
}
