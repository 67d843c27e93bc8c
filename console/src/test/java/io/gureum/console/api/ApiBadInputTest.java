package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.assertProblem;
import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.identity.TokenScope;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The forms' bad-input corpus sent to the API's creates: each is a 400 validation problem naming the field, and
 * nothing is created (the rows are counted before and after).
 */
@ConsoleTest
class ApiBadInputTest {

    private static final List<String> TABLES = List.of("virtual_machine", "container", "project", "project_member",
            "task", "api_idempotency_key");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    ApiTokenService tokens;

    @Autowired
    JdbcTemplate jdbc;

    ApiHttp api;
    Fixtures.Tenant tenant;
    String member;
    String admin;

    @BeforeEach
    void aProjectAndItsMember() {
        api = new ApiHttp(port);
        tenant = fixtures.tenant("bad-input");
        member = asUser(tenant.member().username(), () -> tokens.create("bad-input", null)).secret();
        admin = asUser("admin", () -> tokens.create(new ApiTokenRequest(unique("bad-input"), null,
                TokenScope.READ_WRITE, Set.of()))).secret();
    }

    @AfterEach
    void close() {
        api.close();
    }

    /** The raw JSON values of a valid create for each endpoint; a case replaces or adds one field. */
    private static Map<String, String> valid(String kinds, long projectId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "\"fine\"");
        switch (kinds) {
            case "vms" -> {
                fields.put("projectId", Long.toString(projectId));
                fields.put("imageId", "\"" + ImageCatalog.TINY_LINUX + "\"");
                fields.put("vcpus", "1");
                fields.put("memoryMib", "128");
            }
            case "containers" -> {
                fields.put("projectId", Long.toString(projectId));
                fields.put("command", "\"sleep 5\"");
                fields.put("cpus", "0.5");
                fields.put("memoryMib", "64");
                fields.put("restartPolicy", "\"no\"");
            }
            default -> fields.put("owner", "\"admin\"");
        }
        return fields;
    }

    private static String body(String kinds, long projectId, String field, String rawValue) {
        Map<String, String> fields = valid(kinds, projectId);
        fields.put(field, rawValue);
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value));
        return json.append('}').toString();
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        for (String kinds : List.of("vms", "containers", "projects")) {
            cases.add(Arguments.of(kinds, "a name with markup", "name", "\"<b>x</b>\""));
            cases.add(Arguments.of(kinds, "a name with a slash", "name", "\"a/b\""));
            cases.add(Arguments.of(kinds, "a name with dots and slashes", "name", "\"../../etc\""));
            cases.add(Arguments.of(kinds, "a name of 300 characters", "name", "\"" + "a".repeat(300) + "\""));
            cases.add(Arguments.of(kinds, "a name with white space at the ends", "name", "\" padded \""));
            cases.add(Arguments.of(kinds, "a blank name", "name", "\"   \""));
            cases.add(Arguments.of(kinds, "a name that is an array", "name", "[\"x\"]"));
            cases.add(Arguments.of(kinds, "an unknown field", "privileged", "true"));
            cases.add(Arguments.of(kinds, "an unknown nested object", "hostConfig", "{\"binds\":[\"/:/host\"]}"));
        }
        cases.add(Arguments.of("vms", "memory that overflows a long", "memoryMib", "99999999999999999999"));
        cases.add(Arguments.of("vms", "vCPUs that overflow an int", "vcpus", "99999999999"));
        cases.add(Arguments.of("vms", "vCPUs of the wrong type", "vcpus", "\"many\""));
        cases.add(Arguments.of("vms", "a negative memory", "memoryMib", "-128"));
        cases.add(Arguments.of("vms", "a project id of the wrong type", "projectId", "\"abc\""));
        cases.add(Arguments.of("containers", "memory that overflows a long", "memoryMib", "99999999999999999999"));
        cases.add(Arguments.of("containers", "CPUs that overflow a double", "cpus", "1e999"));
        cases.add(Arguments.of("containers", "CPUs of the wrong type", "cpus", "\"lots\""));
        cases.add(Arguments.of("containers", "a port that overflows an int", "containerPort", "99999999999"));
        cases.add(Arguments.of("containers", "environment values of the wrong type", "env", "{\"A\":{\"b\":1}}"));
        cases.add(Arguments.of("projects", "an owner of the wrong type", "owner", "{\"name\":\"admin\"}"));
        return cases.stream();
    }

    @ParameterizedTest(name = "POST /api/v1/{0} with {1} is a 400 naming {2} and makes nothing")
    @MethodSource("corpus")
    void a_create_with_bad_input_is_a_validation_problem_naming_the_field_and_makes_nothing(
            String kinds, String what, String field, String rawValue) {
        String json = body(kinds, tenant.id(), field, rawValue);
        Map<String, Long> before = rows();

        HttpResponse<String> refused = api.post("/api/v1/" + kinds, kinds.equals("projects") ? admin : member, json);

        assertProblem(refused, 400, "urn:gureum:problem:validation");
        JsonNode errors = json(refused).get("errors");
        assertThat(errors).as(refused.body()).isNotNull();
        // The field itself or a part of it (env.A).
        assertThat(errors.valueStream().map(e -> e.get("field").asString())).as(refused.body())
                .anySatisfy(named -> assertThat(named.equals(field) || named.startsWith(field + ".")).isTrue());
        assertThat(errors.valueStream().map(e -> e.get("message").asString())).allSatisfy(
                message -> assertThat(message).isNotBlank().doesNotContain("tools.jackson"));
        assertThat(rows()).isEqualTo(before);
    }

    @ParameterizedTest(name = "POST /api/v1/{0} with a 10 MiB body is a 413 problem and makes nothing")
    @ValueSource(strings = {"vms", "containers", "projects"})
    void a_ten_mebibyte_body_is_refused_as_too_large_and_makes_nothing(String kinds) {
        String huge = body(kinds, tenant.id(), "name", "\"" + "x".repeat(10 * 1024 * 1024) + "\"");
        Map<String, Long> before = rows();

        long start = System.nanoTime();
        HttpResponse<String> refused = api.post("/api/v1/" + kinds, kinds.equals("projects") ? admin : member, huge);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertProblem(refused, 413, "urn:gureum:problem:too-large");
        assertThat(json(refused).get("maxBytes").asLong()).isEqualTo(1024 * 1024);
        assertThat(refused.body().length()).as("the answer does not echo the body").isLessThan(4096);
        assertThat(rows()).isEqualTo(before);
        org.slf4j.LoggerFactory.getLogger(ApiBadInputTest.class).info("10 MiB body to /api/v1/{}: {} in {} ms",
                kinds, refused.statusCode(), millis);
    }

    @org.junit.jupiter.api.Test
    void a_body_without_a_length_is_refused_as_too_large_once_it_passes_the_limit_and_makes_nothing() {
        String huge = body("vms", tenant.id(), "name", "\"" + "x".repeat(3 * 1024 * 1024) + "\"");
        Map<String, Long> before = rows();
        // From a stream: the client sends it chunked, so only counting while reading can catch it.
        HttpResponse<String> refused = api.send(api.request("/api/v1/vms", member)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));

        assertProblem(refused, 413, "urn:gureum:problem:too-large");
        assertThat(rows()).isEqualTo(before);
    }

    private Map<String, Long> rows() {
        Map<String, Long> counted = new java.util.LinkedHashMap<>();
        for (String table : TABLES) {
            counted.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        return counted;
    }
}
