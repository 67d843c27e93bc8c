package io.gureum.console.api;

import static io.gureum.console.api.ApiHttp.json;
import static io.gureum.console.api.ApiHttp.jsonOf;
import static io.gureum.console.testsupport.Actors.asUser;
import static io.gureum.console.testsupport.Actors.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gureum.console.host.HostService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.identity.TokenScope;
import io.gureum.console.image.ImageCatalog;
import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.LocalPodman;
import io.gureum.console.testsupport.SimulatedHost;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every operation of the committed OpenAPI document, called with path parameters naming real resources of project
 * B (a VM on libvirt's test driver, a container on the local Podman, B itself, its member, its task, its owner's
 * token, the host), by four callers who must all be refused: a read-write token of project A's member, a read-only
 * token of B's owner (on every write), an expired and a revoked token of B's owner. Nothing of B changes and no
 * refusal tells anything of B. The operations are read from the document at test time, so an endpoint added to the
 * API is swept without a new test.
 */
@ConsoleTest
class ApiAuthorizationSweepTest {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthorizationSweepTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final String TICK = "while true; do echo tick; sleep 1; done";
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

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
    LoginThrottle throttle;

    ApiHttp api;
    SimulatedHost simulated;
    String admin;
    String containerPath;

    /** One documented operation: its method, its path template and the document's description of it. */
    record Operation(String method, String path, JsonNode spec) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean writes() {
            return !method.equals("GET") && !method.equals("HEAD");
        }
    }

    /** What the sweep fills in: ids of B's real resources, and what B's answers must never be seen to contain. */
    record World(Fixtures.Tenant a, Fixtures.Tenant b, UUID vm, UUID container, UUID task, long ownersToken,
                 UUID host, Map<String, String> secrets) {
    }

    @AfterEach
    void cleanUp() {
        throttle.forgetAll();
        if (containerPath != null) {
            HttpResponse<String> deleted = api.send(api.request(containerPath, admin).DELETE());
            if (deleted.statusCode() == 202) {
                awaitTask(deleted);
            }
        }
        if (simulated != null) {
            simulated.close();
        }
        api.close();
    }

    static List<Operation> documentedOperations() throws Exception {
        JsonNode paths = JSON.readTree(Files.readString(OpenApiDocumentTest.COMMITTED)).get("paths");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (Set.of("get", "put", "post", "delete", "patch", "head").contains(method.getKey())) {
                    operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue()));
                }
            }
        }
        return operations;
    }

    @TestFactory
    Stream<DynamicNode> every_documented_operation_refuses_another_projects_member_a_read_only_token_on_writes_and_expired_and_revoked_tokens()
            throws Exception {
        throttle.forgetAll();
        api = new ApiHttp(port);
        admin = tokenOf("admin", TokenScope.READ_WRITE);
        World world = world();
        String outsider = tokenOf(world.a().member().username(), TokenScope.READ_WRITE);
        String readOnlyOwner = tokenOf(world.b().owner().username(), TokenScope.READ_ONLY);
        String owner = world.b().owner().username();
        NewApiToken expiring = asUser(owner, () -> tokens.create(unique("expiring"), Duration.ofSeconds(1)));
        NewApiToken revoked = asUser(owner, () -> tokens.create(unique("revoked"), null));
        // Both worked before: a 401 later is for the expiry and the revocation, nothing else.
        assertThat(api.get("/api/v1/me", expiring.secret()).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", revoked.secret()).statusCode()).isEqualTo(200);
        asUser(owner, () -> tokens.revoke(revoked.token().id()));
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiring.token().expiresAt()).toMillis() + 200));

        List<Operation> operations = documentedOperations();
        Map<String, JsonNode> before = snapshot(world);
        List<String> randomIds = new ArrayList<>();
        long started = System.nanoTime();
        log.info("Authorization sweep over {} documented operations", operations.size());

        Stream<DynamicNode> sweep = operations.stream().map(operation -> {
            String path = fill(operation, world, randomIds);
            return dynamicContainer(operation.toString(), Stream.of(
                    dynamicTest("another project's member with a read-write token is refused",
                            () -> anotherProjectsMemberIsRefused(operation, path, outsider, world)),
                    dynamicTest("B's owner with a read-only token may not write",
                            () -> readOnlyMayNotWrite(operation, path, readOnlyOwner, world)),
                    dynamicTest("an expired token is unauthenticated",
                            () -> unauthenticated(operation, path, expiring.secret(), world)),
                    dynamicTest("a revoked token is unauthenticated",
                            () -> unauthenticated(operation, path, revoked.secret(), world))));
        });
        Stream<DynamicNode> after = Stream.of(
                dynamicTest("the sweep covered every documented operation and nothing of project B changed", () -> {
                    log.info("Authorization sweep: {} operations, {} calls each, {} ms; random ids for {}",
                            operations.size(), 4, Duration.ofNanos(System.nanoTime() - started).toMillis(),
                            randomIds);
                    assertThat(operations).hasSizeGreaterThanOrEqualTo(57);
                    assertThat(snapshot(world)).isEqualTo(before);
                }));
        return Stream.concat(sweep, after);
    }

    private void anotherProjectsMemberIsRefused(Operation operation, String path, String token, World world) {
        HttpResponse<String> response = call(operation, path, token, world);
        boolean namesB = PARAMETER.matcher(operation.path()).find() || operation.spec().has("requestBody");
        if (namesB) {
            if (response.statusCode() == 400) {
                // A token may be limited only to its user's own projects: B's id there is a field error, not a 404.
                assertProblem(response, 400, "validation", world);
                assertThat(json(response).get("errors").valueStream().map(e -> e.get("field").asString()))
                        .as(response.body()).containsAnyOf("projectId", "projectIds");
            } else {
                assertThat(response.statusCode()).as(response.body()).isIn(403, 404);
                assertProblem(response, response.statusCode(), response.statusCode() == 403 ? "forbidden"
                        : "not-found", world);
            }
        } else {
            // A list or the caller's own profile: answered, or refused to non-administrators, but never with B's data.
            assertThat(response.statusCode()).as(response.body()).isIn(200, 403);
            if (response.statusCode() == 403) {
                assertProblem(response, 403, "forbidden", world);
            }
            assertNothingOfB(response, world);
        }
    }

    private void readOnlyMayNotWrite(Operation operation, String path, String token, World world) {
        if (!operation.writes()) {
            return; // B's owner reads B: nothing to refuse
        }
        HttpResponse<String> response = call(operation, path, token, world);
        assertProblem(response, 403, "forbidden", null);
    }

    private void unauthenticated(Operation operation, String path, String token, World world) {
        // Five failures from one address lock every token for a while: each failure starts from a clean slate.
        throttle.forgetAll();
        HttpResponse<String> response = call(operation, path, token, world);
        throttle.forgetAll();
        assertProblem(response, 401, "unauthenticated", world);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String kind, World world) {
        ApiHttp.assertProblem(response, status, "urn:gureum:problem:" + kind);
        if (world != null) {
            assertNothingOfB(response, world);
        }
    }

    private static void assertNothingOfB(HttpResponse<String> response, World world) {
        world.secrets().forEach((what, secret) -> assertThat(response.body())
                .as("the answer names B's " + what).doesNotContain(secret));
    }

    private HttpResponse<String> call(Operation operation, String path, String token, World world) {
        HttpRequest.Builder request = api.request(path, token);
        JsonNode parameters = operation.spec().path("parameters");
        for (JsonNode parameter : parameters) {
            if (parameter.get("in").asString().equals("header") && parameter.get("name").asString()
                    .equalsIgnoreCase("If-Match")) {
                // The resource's real version: only authorization may refuse, never a stale precondition.
                String resource = path.replaceAll("^(/api/v1/[^/]+/[^/]+).*", "$1");
                request.header("If-Match", api.get(resource, admin).headers().firstValue("ETag").orElse("*"));
            }
        }
        if (operation.spec().has("requestBody")) {
            request.header("Content-Type", "application/json")
                    .method(operation.method(), HttpRequest.BodyPublishers.ofString(jsonOf(body(operation, world))));
        } else {
            request.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        return api.send(request);
    }

    /** The path with each parameter naming B's resource of the kind the segment before it names. */
    private static String fill(Operation operation, World world, List<String> randomIds) {
        Matcher matcher = PARAMETER.matcher(operation.path());
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String before = operation.path().substring(0, matcher.start());
            String[] segments = before.split("/");
            String kind = segments[segments.length - 1];
            String value = switch (kind) {
                case "vms" -> world.vm().toString();
                case "containers" -> world.container().toString();
                case "projects" -> Long.toString(world.b().id());
                case "members", "users" -> Long.toString(world.b().member().id());
                case "tasks" -> world.task().toString();
                case "tokens" -> Long.toString(world.ownersToken());
                case "hosts" -> world.host().toString();
                default -> {
                    randomIds.add(operation + " {" + matcher.group(1) + "}");
                    yield UUID.randomUUID().toString();
                }
            };
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.spec().path("parameters")) {
            if (parameter.get("in").asString().equals("query") && parameter.get("name").asString()
                    .equals("projectId")) {
                query.append(query.isEmpty() ? "?" : "&").append("projectId=").append(world.b().id());
            }
        }
        return filled + query.toString();
    }

    /** A valid body for the operation, aimed at B where it names a project, built from the document's schema. */
    private static Map<String, Object> body(Operation operation, World world) {
        String ref = operation.spec().path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asString("");
        Map<String, Object> body = new LinkedHashMap<>();
        if (ref.isEmpty()) {
            return body;
        }
        JsonNode schema;
        try {
            schema = JSON.readTree(Files.readString(OpenApiDocumentTest.COMMITTED)).get("components").get("schemas")
                    .get(ref.substring(ref.lastIndexOf('/') + 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            Object value = valueFor(property.getKey(), property.getValue(), world);
            if (value != null) {
                body.put(property.getKey(), value);
            }
        }
        return body;
    }

    private static Object valueFor(String name, JsonNode type, World world) {
        return switch (name) {
            case "projectId" -> world.b().id();
            case "projectIds" -> List.of(world.b().id());
            case "hostId" -> world.host().toString();
            case "imageId" -> ImageCatalog.TINY_LINUX;
            case "memoryMib" -> 128;
            case "vcpus" -> 1;
            case "cpus" -> 0.5;
            case "command" -> TICK;
            case "restartPolicy" -> "always";
            case "uri" -> "test:///default";
            case "username", "owner" -> world.a().member().username();
            case "role" -> "OWNER";
            case "scope" -> "READ_WRITE";
            case "validityDays" -> 7;
            case "name" -> unique("sweep");
            case "domainUuid" -> UUID.randomUUID().toString();
            // optional parts the create takes its defaults for
            case "network", "image", "containerPort", "healthCheck", "env", "endpoint", "domainType" -> null;
            default -> switch (type.path("type").asString("")) {
                case "integer" -> 1000;
                case "number" -> 1.0;
                case "boolean" -> false;
                case "array" -> List.of();
                case "string" -> type.has("enum") ? type.get("enum").get(0).asString() : "sweep";
                default -> null;
            };
        };
    }

    /** Project A with its people, and project B with a running container, a running VM, a task and a token. */
    private World world() {
        Fixtures.Tenant a = fixtures.tenant("sweep-a");
        Fixtures.Tenant b = fixtures.tenant("sweep-b");
        NewApiToken ownersToken = asUser(b.owner().username(), () -> tokens.create(unique("b-pipeline"), null));
        String owner = ownersToken.secret();

        LocalPodman.host(hosts);
        String containerName = unique("b-secret-ct");
        HttpResponse<String> container = api.post("/api/v1/containers", owner, jsonOf(Map.of("name", containerName,
                "projectId", b.id(), "command", TICK, "cpus", 0.5, "memoryMib", 64, "restartPolicy", "no")));
        assertThat(container.statusCode()).as(container.body()).isEqualTo(202);
        containerPath = "/api/v1/containers/" + json(container).get("resource").get("id").asString();
        assertThat(awaitTask(container).get("state").asString()).isEqualTo("SUCCEEDED");

        // After the container: the simulated host puts every other host, the Podman one too, in maintenance.
        simulated = SimulatedHost.only(hosts, images);
        String vmName = unique("b-secret-vm");
        HttpResponse<String> vm = api.post("/api/v1/vms", owner, jsonOf(Map.of("name", vmName, "projectId", b.id(),
                "imageId", ImageCatalog.TINY_LINUX, "vcpus", 1, "memoryMib", 128)));
        assertThat(vm.statusCode()).as(vm.body()).isEqualTo(202);
        assertThat(awaitTask(vm).get("state").asString()).isEqualTo("SUCCEEDED");

        // Names only: a not-found answer may repeat the id the caller sent, exactly as for a missing one.
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("project name", b.project().name());
        secrets.put("owner", b.owner().username());
        secrets.put("member", b.member().username());
        secrets.put("VM name", vmName);
        secrets.put("container name", containerName);
        secrets.put("token name", ownersToken.token().name());
        return new World(a, b, UUID.fromString(json(vm).get("resource").get("id").asString()),
                UUID.fromString(json(container).get("resource").get("id").asString()),
                UUID.fromString(json(vm).get("taskId").asString()), ownersToken.token().id(),
                simulated.summary().id(), secrets);
    }

    /** What an administrator reads of B and of the shared catalogues; equal before and after the sweep. */
    private Map<String, JsonNode> snapshot(World world) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        String project = "/api/v1/projects/" + world.b().id();
        for (String path : List.of("/api/v1/vms/" + world.vm(), "/api/v1/containers/" + world.container(), project,
                project + "/members", project + "/quota", project + "/workloads", "/api/v1/images",
                "/api/v1/vms?limit=1", "/api/v1/containers?limit=1", "/api/v1/projects?limit=1")) {
            HttpResponse<String> response = api.get(path, admin);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            JsonNode read = json(response);
            seen.put(path, path.contains("?") ? read.get("total") : read);
        }
        ArrayNode hostsSeen = JSON.createArrayNode();
        for (JsonNode host : json(api.get("/api/v1/hosts", admin))) {
            hostsSeen.add(JSON.createObjectNode().put("id", host.get("id").asString())
                    .put("name", host.get("name").asString()).put("maintenance", host.get("maintenance").asBoolean()));
        }
        seen.put("hosts", hostsSeen);
        ArrayNode tokensSeen = JSON.createArrayNode();
        for (JsonNode token : json(api.get("/api/v1/tokens", admin))) {
            if (Set.of(world.b().owner().username(), world.a().member().username())
                    .contains(token.get("owner").asString())) {
                ObjectNode kept = (ObjectNode) token.deepCopy();
                kept.remove("lastUsedAt"); // the sweep's own calls use them
                tokensSeen.add(kept);
            }
        }
        seen.put("tokens of B's owner and A's member", tokensSeen);
        return seen;
    }

    private JsonNode awaitTask(HttpResponse<String> accepted) {
        return api.awaitTask(accepted, admin, TASK_TIMEOUT.toSeconds() + "s");
    }

    private String tokenOf(String username, TokenScope scope) {
        return asUser(username, () -> tokens.create(new ApiTokenRequest(unique("sweep"), null, scope, Set.of())))
                .secret();
    }
}
