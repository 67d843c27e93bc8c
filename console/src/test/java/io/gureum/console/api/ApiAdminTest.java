package io.gureum.console.api;

import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.fields;
import static io.gureum.console.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.host.HostService;
import io.gureum.console.host.HostSummary;
import io.gureum.console.project.ProjectService;
import io.gureum.console.project.ProjectSummary;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The administrative part of the HTTP API (projects, members, quotas, hosts, images, audit, unmanaged resources, the
 * caller's profile) through real HTTP with API tokens: the facades' authorization and words, as problem details.
 */
@ConsoleTest
class ApiAdminTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    ProjectService projects;

    @Autowired
    HostService hosts;

    ApiHttp api;
    Fixtures.Tenant a;
    Fixtures.Tenant b;
    String admin;

    @BeforeEach
    void twoProjectsAndAnAdministrator() {
        a = fixtures.tenant("adm-a");
        b = fixtures.tenant("adm-b");
        admin = asAdmin(() -> tokens.create("admin pipeline", null)).secret();
        api = new ApiHttp(port);
    }

    @AfterEach
    void closeClient() {
        api.close();
    }

    private String tokenOf(String username) {
        return asUser(username, () -> tokens.create("pipeline", null)).secret();
    }

    private static Map<String, Object> limits(int vcpus, long memoryMib, int diskGib, int vms, int containers,
                                              int containerCpus, long containerMemoryMib) {
        return Map.of("vcpus", vcpus, "memoryMib", memoryMib, "diskGib", diskGib, "vms", vms, "containers",
                containers, "containerCpus", containerCpus, "containerMemoryMib", containerMemoryMib);
    }

    @Test
    void an_administrator_creates_a_project_with_an_owner_and_sets_its_quota() throws Exception {
        String name = unique("made by api");

        HttpResponse<String> created = api.send("POST", "/api/v1/projects", admin,
                Map.of("name", name, "owner", a.member().username()));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/projects/" + id);
        assertThat(json(created).get("name").asString()).isEqualTo(name);

        HttpResponse<String> set = api.send("PUT", "/api/v1/projects/" + id + "/quota", admin,
                limits(6, 4096, 40, 3, 5, 2, 1024));

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(json(set).get("limits").get("vms").asInt()).isEqualTo(3);
        assertThat(json(set).get("usage").get("vms").asInt()).isZero();
        assertThat(json(set).get("remaining").get("memoryMib").asLong()).isEqualTo(4096);
        // The owner named at creation reads the project and the new limits with a token of their own.
        String owner = tokenOf(a.member().username());
        assertThat(json(api.get("/api/v1/projects/" + id, owner)).get("myRole").asString()).isEqualTo("OWNER");
        assertThat(json(api.get("/api/v1/projects/" + id + "/quota", owner)).get("limits").get("vcpus").asInt())
                .isEqualTo(6);
        assertThat(json(api.get("/api/v1/me", owner)).get("projects").valueStream()
                .map(project -> project.get("projectId").asLong())).contains(id, a.id());
    }

    @Test
    void a_quota_with_missing_or_negative_amounts_is_refused_field_by_field_and_nothing_changes() throws Exception {
        HttpResponse<String> missing = api.send("PUT", "/api/v1/projects/" + a.id() + "/quota", admin,
                Map.of("vcpus", 4, "memoryMib", 2048));
        HttpResponse<String> negative = api.send("PUT", "/api/v1/projects/" + a.id() + "/quota", admin,
                limits(4, 2048, 20, -1, 2, 2, 512));
        HttpResponse<String> wrongType = api.send("PUT", "/api/v1/projects/" + a.id() + "/quota", admin,
                "{\"vcpus\": \"many\"}");

        assertThat(fields(assertProblem(missing, 400, "urn:gureum:problem:validation"))).containsExactly("diskGib", "vms",
                "containers", "containerCpus", "containerMemoryMib");
        JsonNode refused = assertProblem(negative, 400, "urn:gureum:problem:validation");
        assertThat(fields(refused)).containsExactly("vms");
        assertThat(refused.get("errors").get(0).get("message").asString())
                .isEqualTo("Quota amounts are 0 or more: VMs cannot be -1.");
        assertThat(fields(assertProblem(wrongType, 400, "urn:gureum:problem:validation"))).containsExactly("vcpus");
        assertThat(json(api.get("/api/v1/projects/" + a.id() + "/quota", admin)).get("limits").get("vms").asInt())
                .isNotEqualTo(-1);
    }

    @Test
    void a_non_administrator_gets_403_on_every_administrators_endpoint_and_nothing_is_made() throws Exception {
        String owner = tokenOf(a.owner().username());
        String name = unique("not allowed");
        String hostName = unique("h");
        Map<String, Object> host = Map.of("name", hostName, "uri", "test:///default");

        List<HttpResponse<String>> refused = List.of(
                api.send("POST", "/api/v1/projects", owner, Map.of("name", name)),
                api.send("PUT", "/api/v1/projects/" + a.id() + "/quota", owner, limits(99, 99999, 999, 99, 99, 99, 99999)),
                api.send("POST", "/api/v1/projects/" + a.id() + "/archive", owner, null),
                api.get("/api/v1/hosts", owner),
                api.send("POST", "/api/v1/hosts", owner, host),
                api.get("/api/v1/unmanaged/vms", owner),
                api.get("/api/v1/unmanaged/containers", owner),
                api.send("POST", "/api/v1/images", owner, Map.of("name", name, "hostId",
                        "00000000-0000-0000-0000-000000000000", "volume", "disk.qcow2")));

        for (HttpResponse<String> response : refused) {
            assertProblem(response, 403, "urn:gureum:problem:forbidden");
        }
        assertThat(asAdmin(() -> projects.visibleProjects()).stream().map(ProjectSummary::name)).doesNotContain(name);
        assertThat(asAdmin(() -> hosts.list()).stream().map(HostSummary::name)).doesNotContain(hostName);
        assertThat(json(api.get("/api/v1/projects/" + a.id(), owner)).get("archived").asBoolean()).isFalse();
    }

    @Test
    void another_projects_project_members_and_quota_are_not_found_exactly_like_missing_ones() throws Exception {
        String outsider = tokenOf(b.owner().username());
        long missing = Long.MAX_VALUE;

        for (String suffix : new String[] {"", "/quota", "/members"}) {
            JsonNode foreign = assertProblem(api.get("/api/v1/projects/" + a.id() + suffix, outsider), 404, "urn:gureum:problem:not-found");
            JsonNode absent = assertProblem(api.get("/api/v1/projects/" + missing + suffix, outsider), 404, "urn:gureum:problem:not-found");
            assertThat(foreign.get("detail").asString().replace(String.valueOf(a.id()), "ID"))
                    .isEqualTo(absent.get("detail").asString().replace(String.valueOf(missing), "ID"));
        }
        assertProblem(api.send("PATCH", "/api/v1/projects/" + a.id(), outsider, Map.of("name", "taken over")), 404,
                "urn:gureum:problem:not-found");
        assertProblem(api.send("POST", "/api/v1/projects/" + a.id() + "/members", outsider,
                Map.of("username", b.member().username(), "role", "OWNER")), 404, "urn:gureum:problem:not-found");
        assertThat(json(api.get("/api/v1/projects?limit=500", outsider)).get("items").valueStream()
                .map(project -> project.get("id").asLong())).contains(b.id()).doesNotContain(a.id());
        assertThat(asUser(a.owner().username(), () -> projects.get(a.id())).name()).isEqualTo(a.project().name());
    }

    @Test
    void an_owner_manages_members_through_the_api_and_a_viewer_may_not() throws Exception {
        String owner = tokenOf(a.owner().username());
        var newcomer = fixtures.user("adm-newcomer");

        HttpResponse<String> added = api.send("POST", "/api/v1/projects/" + a.id() + "/members", owner,
                Map.of("username", newcomer.username(), "role", "VIEWER"));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(api.send("PUT", "/api/v1/projects/" + a.id() + "/members/" + newcomer.id(), owner,
                Map.of("role", "MEMBER")).statusCode()).isEqualTo(204);
        assertThat(json(api.get("/api/v1/projects/" + a.id() + "/members", owner)).valueStream()
                .filter(member -> member.get("username").asString().equals(newcomer.username()))
                .map(member -> member.get("role").asString())).containsExactly("MEMBER");

        JsonNode again = assertProblem(api.send("POST", "/api/v1/projects/" + a.id() + "/members", owner,
                Map.of("username", newcomer.username(), "role", "VIEWER")), 400, "urn:gureum:problem:validation");
        assertThat(fields(again)).containsExactly("username");
        assertThat(again.get("errors").get(0).get("message").asString()).contains("already a member");
        assertThat(fields(assertProblem(api.send("POST", "/api/v1/projects/" + a.id() + "/members", owner,
                Map.of("username", newcomer.username(), "role", "KING")), 400, "urn:gureum:problem:validation")))
                .containsExactly("role");
        assertProblem(api.send("DELETE", "/api/v1/projects/" + a.id() + "/members/" + a.owner().id(), owner, null),
                409, "urn:gureum:problem:wrong-state");
        assertProblem(api.send("DELETE", "/api/v1/projects/" + a.id() + "/members/" + newcomer.id(),
                tokenOf(a.viewer().username()), null), 403, "urn:gureum:problem:forbidden");

        assertThat(api.send("DELETE", "/api/v1/projects/" + a.id() + "/members/" + newcomer.id(), owner, null)
                .statusCode()).isEqualTo(204);
        assertThat(asUser(a.owner().username(), () -> projects.members(a.id())).stream()
                .filter(member -> member.userId() == newcomer.id())).isEmpty();
    }

    @Test
    void the_audit_search_pages_newest_first_with_the_audit_pages_filters() throws Exception {
        String owner = tokenOf(a.owner().username());
        for (int i = 1; i <= 5; i++) {
            assertThat(api.send("PATCH", "/api/v1/projects/" + a.id(), owner, Map.of("name", unique("renamed " + i)))
                    .statusCode()).isEqualTo(200);
        }
        String query = "/api/v1/audit?projectId=" + a.id() + "&action=project.renamed&outcome=SUCCESS&limit=2";

        JsonNode first = json(api.get(query, owner));
        JsonNode second = json(api.get(query + "&offset=2", owner));
        JsonNode last = json(api.get(query + "&offset=4", owner));

        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("items").size()).isEqualTo(2);
        assertThat(second.get("items").size()).isEqualTo(2);
        assertThat(last.get("items").size()).isEqualTo(1);
        List<Long> ids = java.util.stream.Stream.of(first, second, last)
                .flatMap(page -> page.get("items").valueStream()).map(entry -> entry.get("id").asLong()).toList();
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // As the audit page allows: the project's member sees nothing, the administrator the same entries.
        assertThat(json(api.get(query, tokenOf(a.member().username()))).get("total").asInt()).isZero();
        assertThat(json(api.get(query, admin)).get("total").asInt()).isEqualTo(5);
        assertThat(fields(assertProblem(api.get("/api/v1/audit?limit=501&outcome=MAYBE", owner), 400, "urn:gureum:problem:validation")))
                .containsExactly("outcome");
        assertThat(fields(assertProblem(api.get("/api/v1/audit?limit=501", owner), 400, "urn:gureum:problem:validation")))
                .containsExactly("limit");
    }

    @Test
    void registering_a_host_with_a_bad_uri_is_a_field_error_in_the_facades_words() throws Exception {
        String name = unique("bad-uri");

        JsonNode problem = assertProblem(api.send("POST", "/api/v1/hosts", admin,
                Map.of("name", name, "uri", "http://somewhere.example/system")), 400, "urn:gureum:problem:validation");

        assertThat(fields(problem)).containsExactly("uri");
        assertThat(problem.get("errors").get(0).get("message").asString()).contains("qemu");
        assertThat(json(api.get("/api/v1/hosts", admin)).valueStream().map(host -> host.get("name").asString()))
                .doesNotContain(name);
        assertThat(fields(assertProblem(api.send("POST", "/api/v1/hosts", admin,
                Map.of("name", "Not A Host Name!", "uri", "test:///default")), 400, "urn:gureum:problem:validation")))
                .containsExactly("name");
    }

    @Test
    void an_administrator_registers_a_host_puts_it_into_maintenance_and_back_and_removes_it() throws Exception {
        String name = unique("api-host");

        HttpResponse<String> registered = api.send("POST", "/api/v1/hosts", admin,
                Map.of("name", name, "uri", "test:///default"));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json(registered).get("id").asString();
        try {
            // In maintenance at once, so that no other test's VM is placed on it meanwhile.
            assertThat(json(api.send("POST", "/api/v1/hosts/" + id + "/maintenance", admin, null))
                    .get("maintenance").asBoolean()).isTrue();
            JsonNode host = json(api.get("/api/v1/hosts/" + id, admin));
            assertThat(host.get("status").asString()).isEqualTo("UP");
            assertThat(host.get("simulated").asBoolean()).isTrue();
            assertThat(host.get("acceptsVms").asBoolean()).isFalse();
            assertThat(json(api.send("DELETE", "/api/v1/hosts/" + id + "/maintenance", admin, null))
                    .get("maintenance").asBoolean()).isFalse();
        } finally {
            assertThat(api.send("DELETE", "/api/v1/hosts/" + id, admin, null).statusCode()).isEqualTo(204);
        }
        assertProblem(api.get("/api/v1/hosts/" + id, admin), 404, "urn:gureum:problem:not-found");
    }

    @Test
    void members_read_images_sizes_and_their_own_profile() throws Exception {
        String member = tokenOf(a.member().username());

        HttpResponse<String> sizes = api.get("/api/v1/instance-sizes", member);
        HttpResponse<String> images = api.get("/api/v1/images", member);
        JsonNode me = json(api.get("/api/v1/me", member));

        assertThat(sizes.statusCode()).isEqualTo(200);
        assertThat(json(sizes).size()).isPositive();
        assertThat(json(sizes).get(0).get("vcpus").asInt()).isPositive();
        assertThat(images.statusCode()).isEqualTo(200);
        assertThat(images.body()).as("no path of the console's").doesNotContain("/var/lib", "vmlinuz");
        assertThat(me.get("username").asString()).isEqualTo(a.member().username());
        assertThat(me.get("roles").valueStream().map(JsonNode::asString)).containsExactly("USER");
        assertThat(me.get("projects").valueStream().map(project -> project.get("role").asString()))
                .containsExactly("MEMBER");
    }

    @Test
    void adopting_needs_the_host_the_resource_and_the_project() throws Exception {
        assertThat(api.get("/api/v1/unmanaged/vms", admin).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/unmanaged/containers", admin).statusCode()).isEqualTo(200);

        JsonNode problem = assertProblem(api.send("POST", "/api/v1/unmanaged/vms/adopt", admin, Map.of()), 400,
                "urn:gureum:problem:validation");

        assertThat(fields(problem)).containsExactly("hostId");
        assertProblem(api.send("POST", "/api/v1/unmanaged/containers/adopt", admin, Map.of("hostId",
                "00000000-0000-0000-0000-000000000000", "engineId", "abc", "projectId", a.id())), 409, "urn:gureum:problem:wrong-state");
    }
}
