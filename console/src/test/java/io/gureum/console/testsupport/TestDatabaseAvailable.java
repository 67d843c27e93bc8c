package io.gureum.console.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before a {@link ConsoleTest} class loads the Spring context on PostgreSQL (see {@link TestProfiles}): the file
 * that src/host/postgres.sh writes must be there and the server must accept connections, or the class skips
 * (fails under CI) saying how to get one, instead of failing later on a long Spring stack trace.
 */
public class TestDatabaseAvailable implements BeforeAllCallback {

    /** The file application-postgres.yaml imports. */
    static Path propertiesFile() {
        return Path.of(System.getenv().getOrDefault("GUREUM_PG_TEST_PROPERTIES",
                "/var/lib/gureum/postgres-test.properties"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!TestProfiles.onPostgres()) {
            return;
        }
        Path file = propertiesFile();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            Requires.missing("no PostgreSQL test database: " + file + " cannot be read (" + e.getMessage()
                    + "); run 'sudo src/host/postgres.sh' (setup.sh --for-tests does)");
            return;
        }
        // jdbc:postgresql://127.0.0.1:5432/gureum_test
        URI address = URI.create(properties.getProperty("spring.datasource.url", "").replaceFirst("^jdbc:", ""));
        int port = address.getPort() < 0 ? 5432 : address.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHost(), port), 2000);
        } catch (IOException | IllegalArgumentException e) {
            Requires.missing("PostgreSQL does not answer at " + address.getHost() + ":" + port + " (" + e.getMessage()
                    + "); start it with 'sudo src/host/postgres.sh start'");
        }
    }
}
