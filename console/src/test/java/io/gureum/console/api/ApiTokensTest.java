package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gureum.console.audit.AuditFilter;
import io.gureum.console.audit.AuditRecord;
import io.gureum.console.audit.AuditService;
import io.gureum.console.audit.Outcome;
import io.gureum.console.host.HostService;
import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.TokenAuthentication;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.project.ProjectRole;
import io.gureum.console.project.ProjectService;
import io.gureum.console.task.TaskService;
import io.gureum.console.task.TaskState;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.SimulatedHost;
import io.gureum.console.vm.NewVm;
import io.gureum.console.vm.VmOperation;
import io.gureum.console.vm.VmService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;

/**
 * API tokens over real HTTP: scope and projects narrow the user's current rights in the service layer, failures are
 * throttled, and what a token does is audited with its name.
 */
@ConsoleTest
class ApiTokensTest {

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

    @Autowired
    ProjectService projects;

    @Autowired
    IdentityService identity;

    @Autowired
    AuditService audit;

    @Autowired
    ApiReadAudit readAudit;

    @Autowired
    LoginThrottle throttle;

    ApiHttp api;
    SimulatedHost simulated;
    Fixtures.Tenant a;
    Fixtures.Tenant b;

    @BeforeEach
    void twoProjects() {
        throttle.forgetAll();
        api = new ApiHttp(port);
        a = fixtures.tenant("tok-a");
        b = fixtures.tenant("tok-b");
    }

    @AfterEach
    void cleanUp() {
        // Other API tests send from the same address: leave them no failures to be throttled for.
        throttle.forgetAll();
        if (simulated != null) {
            simulated.close();
        }
        api.close();
    }

    private String token(String username, TokenScope scope, Long... projectIds) {
        return asUser(username, () -> tokens.create(new ApiTokenRequest(unique("t"), null, scope,
                Set.of(projectIds)))).secret();
    }

    /** A VM of the tenant's project made through the facade by {@code username}, forced off when {@code off}. */
    private UUID vmOf(Fixtures.Tenant tenant, String username, boolean off) {
        if (simulated == null) {
            simulated = SimulatedHost.only(hosts, images);
        }
        VmOperation created = asUser(username, () -> vms.create(new NewVm(unique("vm"), tenant.id(),
                ImageCatalog.TINY_LINUX, 1, 128, null)));
        assertThat(asAdmin(() -> tasks.await(created.taskId(), TASK_TIMEOUT)).state()).isEqualTo(TaskState.SUCCEEDED);
        if (off) {
            asUser(username, () -> tasks.await(vms.forceOff(created.vm().id()).taskId(), TASK_TIMEOUT));
        }
        return created.vm().id();
    }

    /** Runs {@code action} in-process as if a request had come with a token of {@code username}. */
    private static <T> T throughToken(String username, boolean admin, TokenScope scope, Set<Long> projectIds,
                                      Supplier<T> action) {
        SecurityContext before = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        List<SimpleGrantedAuthority> roles = admin
                ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
                : List.of(new SimpleGrantedAuthority("ROLE_USER"));
        context.setAuthentication(new TokenAuthentication(username, roles, 0, "in-process", scope, projectIds));
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }

    @Test
    void a_read_only_token_reads_but_is_forbidden_every_write_even_for_an_administrator() throws Exception {
        UUID vm = vmOf(a, a.member().username(), true);
        Instant before = Instant.now().minusSeconds(1);
        String readOnly = token(a.member().username(), TokenScope.READ_ONLY);
        int ownTokens = asUser(a.member().username(), () -> tokens.mine()).size();
        String stateBefore = asUser(a.member().username(), () -> vms.get(vm)).state().name();

        assertThat(api.get("/api/v1/vms/" + vm, readOnly).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/v1/projects/" + a.id() + "/workloads", readOnly)).size()).isEqualTo(1);
        HttpResponse<String> start = api.send("POST", "/api/v1/vms/" + vm + "/start", readOnly, null);
        assertProblem(start, 403, "urn:gureum:problem:forbidden");
        assertThat(json(start).get("detail").asString()).contains("read-only");
        assertThat(asUser(a.member().username(), () -> vms.get(vm)).state().name()).isEqualTo(stateBefore)
                .isNotEqualTo("RUNNING");
        // Nor may it make itself a read-write sibling.
        assertProblem(api.send("POST", "/api/v1/me/tokens", readOnly, "{\"name\":\"escalate\"}"), 403, "urn:gureum:problem:forbidden");
        assertThat(asUser(a.member().username(), () -> tokens.mine())).hasSize(ownTokens);
        assertThat(asAdmin(() -> audit.search(new AuditFilter(a.member().username(), null, null, Outcome.REFUSED,
                before, null)))).filteredOn(e -> e.viaToken() != null).extracting(AuditRecord::detail)
                .anySatisfy(detail -> assertThat(detail).contains("ApiTokenService.create"));

        // An administrator's read-only token reads administrator lists and changes nothing.
        String adminReadOnly = token("admin", TokenScope.READ_ONLY);
        long victim = asUser(b.owner().username(), () -> tokens.create("victim", null)).token().id();
        assertThat(api.get("/api/v1/tokens", adminReadOnly).statusCode()).isEqualTo(200);
        assertProblem(api.send("DELETE", "/api/v1/tokens/" + victim, adminReadOnly, null), 403, "urn:gureum:problem:forbidden");
        assertThat(asAdmin(() -> tokens.all())).filteredOn(t -> t.id() == victim).singleElement()
                .satisfies(t -> assertThat(t.revokedAt()).isNull());
        // The same refusal in the service layer, for a facade no endpoint serves yet.
        String name = unique("never");
        assertThatThrownBy(() -> throughToken("admin", true, TokenScope.READ_ONLY, Set.of(),
                () -> identity.createUser(name, name, Fixtures.PASSWORD, false)))
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("read-only");
        assertThat(identity.findByUsername(name)).isEmpty();
    }

    @Test
    void an_administrators_read_only_token_reads_every_list_the_api_documents() throws Exception {
        String readOnly = token("admin", TokenScope.READ_ONLY);
        JsonNode paths = json(java.nio.file.Files.readString(OpenApiDocumentTest.COMMITTED)).get("paths");
        List<String> lists = new java.util.ArrayList<>();
        for (String path : paths.propertyNames()) {
            if (!path.contains("{") && paths.get(path).has("get")) {
                lists.add(path);
            }
        }

        // A read must never meet ReadOnlyTokenGuard: a reading facade method marked @Transactional without readOnly
        // would refuse it with 403.
        assertThat(lists).contains("/api/v1/vms", "/api/v1/containers", "/api/v1/hosts", "/api/v1/audit");
        for (String path : lists) {
            HttpResponse<String> response = api.get(path, readOnly);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        }
    }

    @Test
    void a_token_limited_to_one_project_finds_the_users_other_project_missing() throws Exception {
        String user = a.member().username();
        asUser(b.owner().username(), () -> projects.addMember(b.id(), user, ProjectRole.MEMBER));
        UUID vmOfB = vmOf(b, user, true);
        String limited = token(user, TokenScope.READ_WRITE, a.id());
        UUID missing = UUID.randomUUID();

        HttpResponse<String> foreign = api.get("/api/v1/vms/" + vmOfB, limited);
        assertProblem(foreign, 404, "urn:gureum:problem:not-found");
        assertThat(json(foreign).get("detail").asString().replace(vmOfB.toString(), "ID"))
                .isEqualTo(json(api.get("/api/v1/vms/" + missing, limited)).get("detail").asString()
                        .replace(missing.toString(), "ID"));
        assertProblem(api.send("POST", "/api/v1/vms/" + vmOfB + "/start", limited, null), 404, "urn:gureum:problem:not-found");
        assertProblem(api.get("/api/v1/projects/" + b.id() + "/workloads", limited), 404, "urn:gureum:problem:not-found");
        // Not even the tasks the user started there.
        UUID taskInB = asUser(user, () -> tasks.forTarget("vm", vmOfB.toString())).getFirst().id();
        assertProblem(api.get("/api/v1/tasks/" + taskInB, limited), 404, "urn:gureum:problem:not-found");
        assertThat(json(api.get("/api/v1/vms?projectId=" + b.id(), limited)).get("total").asInt()).isZero();
        assertThat(json(api.get("/api/v1/vms", limited)).get("total").asInt()).isZero();
        assertThat(api.get("/api/v1/projects/" + a.id() + "/workloads", limited).statusCode()).isEqualTo(200);
        // The user's unlimited token sees B's VM: the limit is the token's, not the user's.
        assertThat(api.get("/api/v1/vms/" + vmOfB, token(user, TokenScope.READ_WRITE)).statusCode()).isEqualTo(200);

        // A limited token makes only tokens limited to some of its own projects.
        HttpResponse<String> unlimited = api.send("POST", "/api/v1/me/tokens", limited, "{\"name\":\"wider\"}");
        assertProblem(unlimited, 400, "urn:gureum:problem:validation");
        assertThat(json(unlimited).get("errors").get(0).get("field").asString()).isEqualTo("projectIds");
        assertProblem(api.send("POST", "/api/v1/me/tokens", limited,
                "{\"name\":\"other\",\"projectIds\":[" + b.id() + "]}"), 400, "urn:gureum:problem:validation");
        assertThat(api.send("POST", "/api/v1/me/tokens", limited,
                "{\"name\":\"same\",\"projectIds\":[" + a.id() + "]}").statusCode()).isEqualTo(201);
    }

    @Test
    void removing_the_user_from_a_project_takes_the_project_from_every_token() throws Exception {
        UUID vm = vmOf(a, a.member().username(), true);
        String unlimited = token(a.member().username(), TokenScope.READ_WRITE);
        String limited = token(a.member().username(), TokenScope.READ_ONLY, a.id());
        assertThat(api.get("/api/v1/vms/" + vm, unlimited).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/vms/" + vm, limited).statusCode()).isEqualTo(200);

        asUser(a.owner().username(), () -> projects.removeMember(a.id(), a.member().id()));

        assertProblem(api.get("/api/v1/vms/" + vm, unlimited), 404, "urn:gureum:problem:not-found");
        assertProblem(api.get("/api/v1/vms/" + vm, limited), 404, "urn:gureum:problem:not-found");
        assertProblem(api.send("POST", "/api/v1/vms/" + vm + "/start", unlimited, null), 404, "urn:gureum:problem:not-found");
    }

    @Test
    void a_disabled_users_tokens_stop_working_at_once() throws Exception {
        String token = token(a.viewer().username(), TokenScope.READ_WRITE);
        assertThat(api.get("/api/v1/me/tokens", token).statusCode()).isEqualTo(200);

        asAdmin(() -> identity.disable(a.viewer().id()));

        assertProblem(api.get("/api/v1/me/tokens", token), 401, "urn:gureum:problem:unauthenticated");
    }

    @Test
    void expired_and_revoked_tokens_are_refused() throws Exception {
        String shortLived = asUser(a.owner().username(), () -> tokens.create("brief", Duration.ofSeconds(1)))
                .secret();
        String adminToken = token("admin", TokenScope.READ_WRITE);
        NewApiToken revoked = asUser(a.owner().username(), () -> tokens.create("revoked", null));
        assertThat(api.get("/api/v1/me/tokens", revoked.secret()).statusCode()).isEqualTo(200);

        assertThat(api.send("DELETE", "/api/v1/tokens/" + revoked.token().id(), adminToken, null).statusCode())
                .isEqualTo(204);
        Thread.sleep(1100);

        assertProblem(api.get("/api/v1/me/tokens", revoked.secret()), 401, "urn:gureum:problem:unauthenticated");
        assertProblem(api.get("/api/v1/me/tokens", shortLived), 401, "urn:gureum:problem:unauthenticated");
        assertThat(asUser(a.owner().username(), () -> tokens.mine())).filteredOn(t -> t.name().equals("revoked"))
                .singleElement().satisfies(t -> assertThat(t.revokedAt()).isNotNull());
    }

    @Test
    void failed_token_authentications_are_throttled_per_address_with_429_and_retry_after() throws Exception {
        String valid = token(a.owner().username(), TokenScope.READ_ONLY);
        for (int i = 0; i < 5; i++) {
            assertProblem(api.get("/api/v1/vms", "gur_guess-" + i), 401, "urn:gureum:problem:unauthenticated");
        }

        HttpResponse<String> throttled = api.get("/api/v1/vms", "gur_guess-6");
        HttpResponse<String> evenValid = api.get("/api/v1/vms", valid);

        assertProblem(throttled, 429, "urn:gureum:problem:throttled");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 30));
        assertProblem(evenValid, 429, "urn:gureum:problem:throttled");
        throttle.forgetAll();
        assertThat(api.get("/api/v1/vms", valid).statusCode()).isEqualTo(200);
    }

    @Test
    void what_a_token_does_is_audited_with_the_tokens_name() throws Exception {
        UUID vm = vmOf(a, a.member().username(), true);
        String name = unique("ci-pipeline");
        String secret = asUser(a.member().username(), () -> tokens.create(name, null)).secret();
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> started = api.send("POST", "/api/v1/vms/" + vm + "/start", secret, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        asAdmin(() -> tasks.await(UUID.fromString(json(started).get("taskId").asString()), TASK_TIMEOUT));
        assertThat(api.send("POST", "/api/v1/me/tokens", secret, "{\"name\":\"rotated\"}").statusCode()).isEqualTo(201);

        List<AuditRecord> entries = asAdmin(() -> audit.search(new AuditFilter(a.member().username(), null, null,
                null, before, null)));
        assertThat(entries).filteredOn(e -> e.action().startsWith("vm.start")).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.viaToken()).isEqualTo(name);
                    assertThat(e.shownActor()).isEqualTo(a.member().username() + " (token " + name + ")");
                });
        assertThat(entries).filteredOn(e -> e.target().startsWith("api token rotated ")).singleElement()
                .satisfies(e -> assertThat(e.viaToken()).isEqualTo(name));
        // The console's own session writes entries without a token.
        String uiToken = unique("ui");
        asUser(a.member().username(), () -> tokens.create(uiToken, null));
        assertThat(asAdmin(() -> audit.search(new AuditFilter(a.member().username(), null, "api-token.created",
                null, before, null)))).filteredOn(e -> e.target().startsWith("api token " + uiToken + " "))
                .singleElement().satisfies(e -> {
                    assertThat(e.viaToken()).isNull();
                    assertThat(e.shownActor()).isEqualTo(a.member().username());
                });
    }

    @Test
    void a_tokens_reads_are_audited_as_one_counted_entry_per_interval_with_its_name() throws Exception {
        String name = unique("reader");
        String secret = asUser(a.member().username(), () -> tokens.create(new ApiTokenRequest(name, null,
                TokenScope.READ_ONLY, Set.of()))).secret();
        Instant before = Instant.now().minusSeconds(1);
        readAudit.flush(); // what other tests read is written before this test counts

        assertThat(api.get("/api/v1/me", secret).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", secret).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + a.id(), secret).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/projects/" + b.id(), secret).statusCode()).isEqualTo(404);
        readAudit.flush();
        readAudit.flush(); // nothing read since: no second entry

        List<AuditRecord> reads = asAdmin(() -> audit.search(new AuditFilter(a.member().username(), null,
                "api.read", null, before, null)));
        assertThat(reads).filteredOn(e -> name.equals(e.viaToken())).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("api token " + name);
            assertThat(e.shownActor()).isEqualTo(a.member().username() + " (token " + name + ")");
            assertThat(e.detail()).startsWith("4 reads (1 refused) from ")
                    .endsWith(": GET /api/v1/me 2, GET /api/v1/projects/{id} 2");
        });
    }

    @Test
    void tokens_are_made_listed_and_revoked_through_the_api_and_the_secret_is_answered_only_once() throws Exception {
        String owner = token(a.owner().username(), TokenScope.READ_WRITE);

        HttpResponse<String> made = api.send("POST", "/api/v1/me/tokens", owner, """
                {"name":"deploy","validityDays":7,"scope":"READ_ONLY","projectIds":[%d]}""".formatted(a.id()));

        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String secret = json(made).get("secret").asString();
        long id = json(made).get("token").get("id").asLong();
        assertThat(secret).startsWith(ApiTokenService.PREFIX);
        assertThat(made.headers().firstValue("Location")).hasValue("/api/v1/me/tokens/" + id);
        assertThat(json(made).get("token").get("scope").asString()).isEqualTo("READ_ONLY");
        assertThat(Instant.parse(json(made).get("token").get("expiresAt").asString()))
                .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60), Instant.now().plus(Duration.ofDays(7)));
        HttpResponse<String> listed = api.get("/api/v1/me/tokens", owner);
        assertThat(listed.body()).contains("deploy").doesNotContain(secret).doesNotContain("secret");
        assertThat(api.get("/api/v1/vms", secret).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/v1/me/tokens", owner)).valueStream()
                .filter(t -> t.get("id").asLong() == id).findFirst().orElseThrow().get("lastUsedAt").isNull())
                .isFalse();

        HttpResponse<String> tooLong = api.send("POST", "/api/v1/me/tokens", owner,
                "{\"name\":\"x\",\"validityDays\":10000}");
        assertProblem(tooLong, 400, "urn:gureum:problem:validation");
        assertThat(json(tooLong).get("errors").get(0).get("field").asString()).isEqualTo("validityDays");
        HttpResponse<String> nameless = api.send("POST", "/api/v1/me/tokens", owner, "{\"name\":\"  \"}");
        assertThat(json(nameless).get("errors").get(0).get("field").asString()).isEqualTo("name");

        long othersToken = asUser(b.owner().username(), () -> tokens.create("theirs", null)).token().id();
        assertProblem(api.send("DELETE", "/api/v1/me/tokens/" + othersToken, owner, null), 404, "urn:gureum:problem:not-found");
        assertProblem(api.get("/api/v1/tokens", owner), 403, "urn:gureum:problem:forbidden");
        assertThat(api.send("DELETE", "/api/v1/me/tokens/" + id, owner, null).statusCode()).isEqualTo(204);
        assertProblem(api.get("/api/v1/vms", secret), 401, "urn:gureum:problem:unauthenticated");
        assertThat(json(api.get("/api/v1/tokens", token("admin", TokenScope.READ_ONLY))).valueStream()
                .map(t -> t.get("owner").asString())).contains(a.owner().username(), b.owner().username());
    }
}
