package io.gureum.console.testsupport;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The profiles of {@link ConsoleTest}: always 'test', then 'postgres' when the build's PostgreSQL run (or
 * mvn -Ppostgres) sets {@code gureum.test.database=postgres}. Listed after 'test' so that its datasource wins over the in-memory H2 one
 * (a later profile's properties take precedence; spring.profiles.include would put it first and lose).
 */
public class TestProfiles implements ActiveProfilesResolver {

    /** Whether this run's console tests use PostgreSQL (the build's 'postgres' execution or -Ppostgres). */
    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty("gureum.test.database"));
    }

    @Override
    public String[] resolve(Class<?> testClass) {
        return onPostgres() ? new String[] {"test", "postgres"} : new String[] {"test"};
    }
}
