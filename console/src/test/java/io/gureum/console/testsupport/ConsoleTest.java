package io.gureum.console.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one full-application test configuration: every console test uses exactly this, so Spring
 * starts the context once per run (real server on a random port, in-memory database; PostgreSQL in the
 * build's PostgreSQL run).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestDatabaseAvailable.class) // checks PostgreSQL before the context loads
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
@Import(FixturesConfiguration.class)
public @interface ConsoleTest {

    /** The administrator password the test profile seeds (see application-test.yaml). */
    String ADMIN_PASSWORD = "Cumulus-7-Nimbus-Stratus";
}
