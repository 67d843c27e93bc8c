package io.gureum.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import io.gureum.console.testsupport.Fixtures;
import io.gureum.console.testsupport.HttpLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document the console serves is the one committed in docs/api/openapi.json, so that every change of
 * the API is reviewed as a diff of that file. Run with {@code -Dgureum.api.write-doc=true} to write the served
 * document there instead.
 */
@ConsoleTest
class OpenApiDocumentTest {

    /** Relative to the console module, where Maven runs the tests. */
    static final Path COMMITTED = Path.of("..", "docs", "api", "openapi.json");
    static final String WRITE = "gureum.api.write-doc";
    static final String REGENERATE = "mvn -B -q -pl console -am verify -Dtest=OpenApiDocumentTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -D" + WRITE + "=true";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Test
    void the_served_openapi_document_is_the_committed_one() throws Exception {
        String served;
        try (HttpLogin browser = new HttpLogin(port)) {
            browser.logIn(fixtures.user("openapi").username(), Fixtures.PASSWORD);
            var response = browser.get(ApiSecurityConfiguration.OPENAPI_DOCUMENT);
            assertThat(response.statusCode()).isEqualTo(200);
            served = normalized(JSON.readTree(response.body()));
        }
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";

        assertThat(served).as("""
                The OpenAPI document served at %s differs from docs/api/openapi.json (%s). If the API change is \
                intended, regenerate the committed copy from the repository's root with
                  %s
                and review and commit the diff of docs/api/openapi.json.""".formatted(
                ApiSecurityConfiguration.OPENAPI_DOCUMENT, firstDifference(served, committed), REGENERATE))
                .isEqualTo(committed);
    }

    @Test
    void the_document_and_swagger_ui_are_for_signed_in_users_only() throws Exception {
        try (HttpLogin anonymous = new HttpLogin(port)) {
            var document = anonymous.get(ApiSecurityConfiguration.OPENAPI_DOCUMENT);
            var swagger = anonymous.get("/swagger-ui/index.html");

            assertThat(document.statusCode()).isEqualTo(302);
            assertThat(document.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
            assertThat(swagger.statusCode()).isEqualTo(302);
            assertThat(document.body()).doesNotContain("/api/v1/projects");
        }
        try (HttpLogin browser = new HttpLogin(port)) {
            browser.logIn(fixtures.user("swagger").username(), Fixtures.PASSWORD);

            assertThat(browser.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
            JsonNode config = JSON.readTree(browser.get(ApiSecurityConfiguration.OPENAPI_DOCUMENT + "/swagger-config")
                    .body());
            assertThat(config.get("url").asString()).isEqualTo(ApiSecurityConfiguration.OPENAPI_DOCUMENT);
        }
    }

    /** Where two texts part, so that the message points at the change without scrolling through both. */
    static String firstDifference(String served, String committed) {
        List<String> left = served.lines().toList();
        List<String> right = committed.lines().toList();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String a = i < left.size() ? left.get(i) : "<end>";
            String b = i < right.size() ? right.get(i) : "<end>";
            if (!a.equals(b)) {
                return "first at line " + (i + 1) + ": served " + a.strip() + ", committed " + b.strip();
            }
        }
        return "they differ only in line ends";
    }

    /** Every object's keys sorted, two-space indents, one final newline: a stable text whatever the serving order. */
    static String normalized(JsonNode document) {
        return JSON.writeValueAsString(sorted(document)) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            names.forEach(name -> sorted.set(name, sorted(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            var array = JsonNodeFactory.instance.arrayNode();
            node.values().forEach(value -> array.add(sorted(value)));
            return array;
        }
        return node;
    }
}
