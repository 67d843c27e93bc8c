package io.gureum.console.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Before a {@link ConsoleTest} class loads the Spring context on PostgreSQL (see {@link TestProfiles}): the file
 * that src/host/postgres.sh writes must be there and the server must accept connections, or the class is skipped
 * (fails under CI) saying how to get one, instead of failing later on a long Spring stack trace. A condition, not a
 * callback: surefire reports a disabled class as skipped, an aborted class callback as nothing at all.
 */
public class TestDatabaseAvailable implements ExecutionCondition {

    /** The file application-postgres.yaml imports. */
    static Path propertiesFile() {
        return Path.of(System.getenv().getOrDefault("GUREUM_PG_TEST_PROPERTIES",
                "/var/lib/gureum/postgres-test.properties"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestProfiles.onPostgres() || context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("not on PostgreSQL, or checked for the class");
        }
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("PostgreSQL answers");
        }
        if (Requires.underCi()) {
            throw new AssertionFailedError("CI=true, so this test may not skip: " + missing);
        }
        return ConditionEvaluationResult.disabled("skipped: " + missing);
    }

    /** Why the tests' PostgreSQL cannot be used, or null when it can. */
    private static String missing() {
        Path file = propertiesFile();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return "no PostgreSQL test database: " + file + " cannot be read (" + e
                    + "); run 'sudo src/host/postgres.sh' (setup.sh --for-tests does)";
        }
        // jdbc:postgresql://127.0.0.1:5432/gureum_test
        URI address = URI.create(properties.getProperty("spring.datasource.url", "").replaceFirst("^jdbc:", ""));
        int port = address.getPort() < 0 ? 5432 : address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), port), 2000);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return "PostgreSQL does not answer at " + address.getHost() + ":" + port + " (" + e.getMessage()
                    + "); start it with 'sudo src/host/postgres.sh start'";
        }
    }
}
