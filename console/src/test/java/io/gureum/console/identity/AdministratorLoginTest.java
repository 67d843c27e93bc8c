package io.gureum.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.gureum.console.testsupport.ConsoleTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Logs in over real HTTP, the way the browser's login form does (CSRF token and session cookie). */
@ConsoleTest
class AdministratorLoginTest {

    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    LoginThrottle throttle;

    @BeforeEach
    void every_attempt_starts_unthrottled() {
        throttle.forgetAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "admin", "password", "changeme", "gureum", "123456", "admin123", "root", "toor"})
    void no_default_or_empty_administrator_password_is_accepted(String password) throws Exception {
        assertThat(logIn("admin", password)).endsWith("/login?error");
    }

    @Test
    void the_configured_administrator_password_logs_in() throws Exception {
        assertThat(logIn("admin", ConsoleTest.ADMIN_PASSWORD)).isEqualTo("http://localhost:" + port + "/");
    }

    @Test
    void an_unknown_user_is_refused() throws Exception {
        assertThat(logIn("root", ConsoleTest.ADMIN_PASSWORD)).endsWith("/login?error");
    }

    @Test
    void health_probes_answer_without_login() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String probe : new String[] {"liveness", "readiness"}) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(base() + "/actuator/health/" + probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"UP\"");
            }
        }
    }

    @Test
    void readiness_and_liveness_include_the_database_write_probe(
            @Autowired org.springframework.boot.health.actuate.endpoint.HealthEndpoint health) {
        assertThat(health.healthForPath("readiness", "databaseWritable")).isNotNull()
                .extracting(d -> d.getStatus().getCode()).isEqualTo("UP");
        assertThat(health.healthForPath("liveness", "databaseRecoverable")).isNotNull()
                .extracting(d -> d.getStatus().getCode()).isEqualTo("UP");
    }

    /** @return where the login POST redirects to */
    private String logIn(String username, String password) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build()) {
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as("login page carries a CSRF token").isTrue();
            String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
                    + encode(csrf.group(1));
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
