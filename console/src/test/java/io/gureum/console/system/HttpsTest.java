package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.gureum.console.api.ApiTokenService;
import io.gureum.console.identity.LoginThrottle;
import io.gureum.console.testsupport.Actors;
import io.gureum.console.testsupport.Chromium;
import io.gureum.console.testsupport.ConsoleTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * The console as it starts by default: HTTPS with a self-signed certificate made on first start (in a fresh data
 * directory), plain HTTP only redirecting, the security headers and cookie flags, bearer tokens over HTTPS, and the
 * UI, the browser consoles' libraries and Swagger UI in a real browser with no content-security-policy violation.
 * All in one Spring context, the only one of the suite with HTTPS on.
 */
@ConsoleTest
@TestPropertySource(properties = {"gureum.tls.enabled=true", "gureum.tls.http-port=0",
        "gureum.data-dir=" + HttpsTest.DATA_DIR})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("own-jvm") // a second Vaadin context would replace the global security context strategy of the suite's context
class HttpsTest {

    static final String DATA_DIR = "target/https-test-data";
    private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    static {
        // A first start: the certificate is made now, not found from an earlier run.
        FileSystemUtils.deleteRecursively(Path.of(DATA_DIR).toFile());
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("httpRedirectConnector")
    Connector http;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    LoginThrottle throttle;

    private HttpClient trusting;
    private Chromium browser;

    @BeforeAll
    void trustTheGeneratedCertificate() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(Path.of(DATA_DIR, "tls", "certificate.pem"))) {
            trusted.setCertificateEntry("gureum", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        trusting = HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    void close() {
        trusting.close();
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void plain_http_only_redirects_to_https() throws Exception {
        try (HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            for (String path : List.of("/login", "/api/v1/me", "/vms?x=1")) {
                HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + http.getLocalPort() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(answer.statusCode()).as(path).isEqualTo(302);
                assertThat(answer.headers().firstValue("Location")).as(path)
                        .hasValue("https://localhost:" + port + path);
                assertThat(answer.headers().firstValue("Set-Cookie")).as(path).isEmpty();
            }
        }
    }

    @Test
    void a_client_that_does_not_trust_the_certificate_is_refused() {
        try (HttpClient ordinary = HttpClient.newHttpClient()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ordinary.send(
                            HttpRequest.newBuilder(URI.create(https("/login"))).build(), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void pages_carry_the_security_headers_and_the_session_cookie_is_secure_http_only_and_lax() throws Exception {
        HttpResponse<String> login = get("/login");

        assertThat(login.statusCode()).isEqualTo(200);
        var headers = login.headers();
        assertThat(headers.firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self';").contains("object-src 'none'").contains("frame-ancestors 'none'"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        String session = headers.allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(session).contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax");

        // The login goes through over HTTPS with that cookie, and the shell answers with the same headers.
        Matcher csrf = CSRF.matcher(login.body());
        assertThat(csrf.find()).isTrue();
        throttle.forgetAll();
        HttpResponse<String> posted = trusting.send(HttpRequest.newBuilder(URI.create(https("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password="
                        + URLEncoder.encode(ConsoleTest.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to)
                .startsWith("https://localhost:" + port + "/").doesNotContain("error"));
        HttpResponse<String> shell = get("/");
        assertThat(shell.statusCode()).isEqualTo(200);
        assertThat(shell.headers().firstValue("Content-Security-Policy")).isEqualTo(headers.firstValue("Content-Security-Policy"));
        // Signed-in pages are not kept in caches.
        assertThat(shell.headers().firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
    }

    @Test
    void the_api_answers_bearer_tokens_over_https() throws Exception {
        String token = Actors.asAdmin(() -> tokens.create("https-test", null)).secret();

        HttpResponse<String> me = trusting.send(HttpRequest.newBuilder(URI.create(https("/api/v1/me")))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"admin\"");
        assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void the_ui_the_console_libraries_and_swagger_ui_work_under_the_content_security_policy() {
        browser = Chromium.start();
        throttle.forgetAll();
        List<String> violations = new CopyOnWriteArrayList<>();
        try (Page page = browser.browser().newPage(new Browser.NewPageOptions().setIgnoreHTTPSErrors(true)
                .setViewportSize(1280, 800))) {
            page.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    violations.add(page.url() + ": " + message.text());
                }
            });
            page.onPageError(error -> violations.add(page.url() + ": page error " + error));
            // What else went wrong, to explain a failure (a module that did not load says only "failed to fetch").
            List<String> trouble = new CopyOnWriteArrayList<>();
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    trouble.add("console: " + message.text());
                }
            });
            page.onResponse(response -> {
                if (response.status() >= 400 || response.status() >= 300 && response.url().contains("/consoles/")) {
                    trouble.add(response.status() + " " + response.url());
                }
            });
            page.onRequestFailed(request -> trouble.add("failed: " + request.url() + " " + request.failure()));

            Chromium.logIn(page, https(""), "admin", ConsoleTest.ADMIN_PASSWORD);
            page.navigate(https("/vms"));
            page.locator("#vms-grid").waitFor();
            page.navigate(https("/hosts"));
            page.locator("#hosts-grid").waitFor();

            // The terminal (xterm.js) and the VM screen (noVNC) as ConsoleDialog loads them: ES modules imported
            // from /consoles/, drawing into the page and opening a WebSocket (refused here: no console token).
            for (String[] console : new String[][] {{"consoles/terminal.js", "openTerminal"},
                    {"consoles/screen.js", "openScreen"}}) {
                try {
                    page.evaluate("""
                            async ([module, open]) => {
                              const host = document.createElement('div');
                              host.id = open;
                              host.style.width = '640px';
                              host.style.height = '400px';
                              document.body.appendChild(host);
                              const m = await import(new URL(module, document.baseURI).href);
                              m[open](host, 'consoles/socket?resource=none&token=none', null);
                            }""", List.of(console[0], console[1]));
                } catch (com.microsoft.playwright.PlaywrightException e) {
                    throw new AssertionError(console[0] + " did not load: " + trouble, e);
                }
            }
            page.locator("#openTerminal .xterm-screen").waitFor();
            page.locator("#openScreen canvas").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                    .setState(WaitForSelectorState.ATTACHED));
            page.waitForFunction("() => document.querySelector('#openTerminal').dataset.state?.startsWith('closed')");

            page.navigate(https("/swagger-ui/index.html"));
            try {
                // Swagger UI's bundle is large: on a loaded 2-core machine it takes longer than Playwright's 30 s.
                page.locator(".swagger-ui .info .title").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                        .setTimeout(90_000));
                page.locator(".opblock").first().waitFor();
            } catch (com.microsoft.playwright.PlaywrightException e) {
                throw new AssertionError("Swagger UI did not show the API: " + violations + " " + trouble, e);
            }
        }
        assertThat(violations).isEmpty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return trusting.send(HttpRequest.newBuilder(URI.create(https(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String https(String path) {
        return "https://localhost:" + port + path;
    }
}
