package io.gureum.console.testsupport;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * The profiles of {@link ConsoleTest}: always 'test', then 'postgres' when mvn -Ppostgres sets
 * {@code gureum.test.database=postgres}. Listed after 'test' so that its datasource wins over the in-memory H2 one
 * (a later profile's properties take precedence; spring.profiles.include would put it first and lose).
 */
public class TestProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return "postgres".equals(System.getProperty("gureum.test.database"))
                ? new String[] {"test", "postgres"}
                : new String[] {"test"};
    }
}
