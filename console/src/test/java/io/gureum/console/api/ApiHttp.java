package io.gureum.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Requests to the API on the test server's port with a bearer token, and what the tests read from the answers. */
final class ApiHttp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    ApiHttp(int port) {
        this.port = port;
    }

    /** A request to {@code path} with the token (none when null) and, for a body, JSON. */
    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code method} on {@code path} with the token (none when null) and a JSON body (none when null): a String
     * as it is, anything else serialized.
     */
    HttpResponse<String> send(String method, String path, String token, Object body) {
        HttpRequest.Builder request = request(path, token);
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", "application/json").method(method,
                HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : jsonOf(body))));
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token));
    }

    HttpResponse<String> post(String path, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    HttpResponse<String> post(String path, String token, String json, String... headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(headers.length == 0 ? request : request.headers(headers));
    }

    /**
     * Follows a 202's {@code Location} with a long poll ({@code wait}, e.g. "60s") until the task has ended;
     * returns the task.
     */
    JsonNode awaitTask(HttpResponse<String> accepted, String token, String wait) {
        String location = accepted.headers().firstValue("Location").orElseThrow();
        JsonNode task = json(get(location + "?wait=" + wait, token));
        assertThat(task.get("finished").asBoolean()).as(task.toString()).isTrue();
        return task;
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static String jsonOf(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** Asserts a problem document of that status and type, and returns it. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        return problem;
    }

    /** The fields a validation problem names, in its order. */
    static List<String> fields(JsonNode problem) {
        return problem.get("errors").valueStream().map(error -> error.get("field").asString()).toList();
    }

    @Override
    public void close() {
        http.close();
    }
}
