package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.fields;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.testsupport.Actors.asAdmin;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.identity.IdentityService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.image.InstanceSizeService;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The Users page and the instance sizes of the Images page through the HTTP API: what an administrator does there, a
 * pipeline does with an administrator's token; everybody else is refused by the same facades.
 */
@ConsoleTest
class ApiUsersAndSizesTest {

    private static final String PASSWORD = "granite-lantern-orchard-41";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    IdentityService identity;

    @Autowired
    InstanceSizeService sizes;

    @Autowired
    LoginThrottle throttle;

    ApiHttp api;
    Fixtures.Tenant a;
    String admin;

    @BeforeEach
    void aProjectAndAnAdministrator() {
        a = fixtures.tenant("usr-a");
        admin = asAdmin(() -> tokens.create("admin pipeline", null)).secret();
        api = new ApiHttp(port);
    }

    @AfterEach
    void closeClient() {
        api.close();
        // A disabled user's token is refused like a bad one: keep the shared throttle from locking loopback out.
        throttle.forgetAll();
    }

    private String readOnlyAdminToken() {
        return asAdmin(() -> tokens.create(new ApiTokenRequest("read only", null, TokenScope.READ_ONLY, null)))
                .secret();
    }

    @Test
    void an_administrator_creates_a_user_who_then_signs_in_with_a_token_of_their_own() throws Exception {
        String username = unique("pipe").replace("-", ".");

        HttpResponse<String> created = api.send("POST", "/api/v1/users", admin,
                Map.of("username", username, "displayName", "  Pipe Line  ", "password", PASSWORD));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode user = json(created);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/users/" + user.get("id").asLong());
        assertThat(user.get("displayName").asString()).isEqualTo("Pipe Line");
        assertThat(user.get("enabled").asBoolean()).isTrue();
        assertThat(user.get("roles").valueStream().map(JsonNode::asString)).containsExactly("USER");
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("hash");
        assertThat(json(api.get("/api/v1/users", admin)).valueStream().map(u -> u.get("username").asString()))
                .contains(username);
        String theirs = asUser(username, () -> tokens.create("mine", null)).secret();
        assertThat(json(api.get("/api/v1/me", theirs)).get("username").asString()).isEqualTo(username);
    }

    @Test
    void a_user_with_a_bad_name_a_weak_password_or_an_unknown_field_is_refused_next_to_the_field() throws Exception {
        String taken = a.member().username();

        HttpResponse<String> markup = api.send("POST", "/api/v1/users", admin,
                Map.of("username", "<b>x</b>", "password", PASSWORD));
        HttpResponse<String> weak = api.send("POST", "/api/v1/users", admin,
                Map.of("username", unique("weak"), "password", "password"));
        HttpResponse<String> twice = api.send("POST", "/api/v1/users", admin,
                Map.of("username", taken, "password", PASSWORD));
        HttpResponse<String> unknown = api.send("POST", "/api/v1/users", admin,
                Map.of("username", unique("extra"), "password", PASSWORD, "role", "ADMIN"));

        assertThat(fields(assertProblem(markup, 400, "urn:gureum:problem:validation"))).containsExactly("username");
        assertThat(fields(assertProblem(weak, 400, "urn:gureum:problem:validation"))).containsExactly("password");
        JsonNode refused = assertProblem(twice, 400, "urn:gureum:problem:validation");
        assertThat(refused.get("errors").get(0).get("message").asString())
                .isEqualTo("User name '" + taken + "' is taken: choose another.");
        assertThat(fields(assertProblem(unknown, 400, "urn:gureum:problem:validation"))).containsExactly("role");
        assertThat(json(api.get("/api/v1/users", admin)).valueStream().map(u -> u.get("username").asString()))
                .noneMatch(name -> name.startsWith("weak-") || name.startsWith("extra-") || name.contains("<"));
    }

    @Test
    void a_disabled_users_tokens_stop_working_until_an_administrator_enables_them_again() throws Exception {
        String username = a.viewer().username();
        long id = a.viewer().id();
        String theirs = asUser(username, () -> tokens.create("viewer pipeline", null)).secret();

        HttpResponse<String> disabled = api.send("POST", "/api/v1/users/" + id + "/disable", admin, null);

        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(api.get("/api/v1/me", theirs).statusCode()).isEqualTo(401);

        HttpResponse<String> enabled = api.send("POST", "/api/v1/users/" + id + "/enable", admin, null);

        assertThat(json(enabled).get("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", theirs).statusCode()).isEqualTo(200);
    }

    @Test
    void an_administrator_cannot_disable_their_own_account_and_an_unknown_user_is_404() throws Exception {
        long self = json(api.get("/api/v1/me", admin)).get("id").asLong();

        JsonNode own = assertProblem(api.send("POST", "/api/v1/users/" + self + "/disable", admin, null), 409,
                "urn:gureum:problem:wrong-state");
        assertProblem(api.send("POST", "/api/v1/users/987654321/enable", admin, null), 404, "urn:gureum:problem:not-found");

        assertThat(own.get("detail").asString()).isEqualTo("You cannot disable your own account.");
        assertThat(json(api.get("/api/v1/me", admin)).get("username").asString()).isEqualTo("admin");
    }

    @Test
    void a_password_reset_answers_the_generated_password_once() throws Exception {
        HttpResponse<String> reset = api.send("POST", "/api/v1/users/" + a.member().id() + "/password-reset",
                admin, null);

        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(json(reset).get("password").asString()).hasSize(20);
        assertThat(api.get("/api/v1/users", admin).body()).doesNotContain(json(reset).get("password").asString());
    }

    @Test
    void an_administrator_adds_and_deletes_an_instance_size() throws Exception {
        String name = unique("api").replace("-", ".");

        HttpResponse<String> created = api.send("POST", "/api/v1/instance-sizes", admin,
                Map.of("name", name, "vcpus", 2, "memoryMib", 2048, "diskGib", 15));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/instance-sizes/" + id);
        String member = asUser(a.member().username(), () -> tokens.create("sizes", null)).secret();
        JsonNode listed = json(api.get("/api/v1/instance-sizes", member));
        assertThat(listed.valueStream().filter(size -> size.get("name").asString().equals(name))
                .map(size -> size.get("memoryMib").asLong())).containsExactly(2048L);

        HttpResponse<String> deleted = api.send("DELETE", "/api/v1/instance-sizes/" + id, admin, null);

        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(sizes.list()).noneMatch(size -> size.name().equals(name));
    }

    @Test
    void a_size_out_of_range_missing_numbers_or_a_taken_name_are_refused_field_by_field() throws Exception {
        String name = unique("odd").replace("-", ".");

        HttpResponse<String> tooBig = api.send("POST", "/api/v1/instance-sizes", admin,
                Map.of("name", name, "vcpus", 99, "memoryMib", 2048, "diskGib", 15));
        HttpResponse<String> missing = api.send("POST", "/api/v1/instance-sizes", admin, Map.of("name", name));
        HttpResponse<String> overflow = api.send("POST", "/api/v1/instance-sizes", admin,
                "{\"name\": \"" + name + "\", \"vcpus\": 99999999999, \"memoryMib\": 1024, \"diskGib\": 1}");
        HttpResponse<String> taken = api.send("POST", "/api/v1/instance-sizes", admin,
                Map.of("name", "small", "vcpus", 1, "memoryMib", 1024, "diskGib", 10));

        JsonNode range = assertProblem(tooBig, 400, "urn:gureum:problem:validation");
        assertThat(fields(range)).containsExactly("vcpus");
        assertThat(range.get("errors").get(0).get("message").asString()).isEqualTo("A size has 1 to 16 vCPUs, not 99.");
        assertThat(fields(assertProblem(missing, 400, "urn:gureum:problem:validation"))).containsExactly("vcpus", "memoryMib",
                "diskGib");
        assertThat(fields(assertProblem(overflow, 400, "urn:gureum:problem:validation"))).containsExactly("vcpus");
        assertThat(fields(assertProblem(taken, 400, "urn:gureum:problem:validation"))).containsExactly("name");
        assertThat(sizes.list()).noneMatch(size -> size.name().equals(name));
    }

    @Test
    void a_non_administrator_and_a_read_only_administrators_token_get_403_and_nothing_changes() throws Exception {
        String owner = asUser(a.owner().username(), () -> tokens.create("owner pipeline", null)).secret();
        String readOnly = readOnlyAdminToken();
        String small = sizes.list().stream().filter(size -> size.name().equals("small")).findFirst().orElseThrow()
                .id().toString();
        long member = a.member().id();
        Map<String, Object> user = Map.of("username", unique("nope"), "password", PASSWORD, "admin", true);
        Map<String, Object> size = Map.of("name", unique("nope"), "vcpus", 1, "memoryMib", 512, "diskGib", 1);

        for (String token : List.of(owner, readOnly)) {
            List<HttpResponse<String>> refused = new ArrayList<>(List.of(
                    api.send("POST", "/api/v1/users", token, user),
                    api.send("POST", "/api/v1/users/" + member + "/disable", token, null),
                    api.send("POST", "/api/v1/users/" + member + "/password-reset", token, null),
                    api.send("POST", "/api/v1/instance-sizes", token, size),
                    api.send("DELETE", "/api/v1/instance-sizes/" + small, token, null)));
            if (token.equals(owner)) {
                refused.add(api.get("/api/v1/users", token));
            }
            for (HttpResponse<String> response : refused) {
                assertProblem(response, 403, "urn:gureum:problem:forbidden");
            }
        }

        assertThat(json(api.get("/api/v1/users", readOnly)).valueStream()
                .map(u -> u.get("username").asString())).doesNotContain((String) user.get("username"));
        assertThat(identity.findById(member)).hasValueSatisfying(u -> assertThat(u.enabled()).isTrue());
        assertThat(sizes.list()).anyMatch(s -> s.name().equals("small"))
                .noneMatch(s -> s.name().equals(size.get("name")));
    }
}
