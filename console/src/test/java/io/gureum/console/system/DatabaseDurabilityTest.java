package io.gureum.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * A commit the console's embedded database returned is on disk even when the process dies the next instant
 * ({@code kill -9}): found by the console-kill fault test, where a VM created just before the kill was missing.
 */
class DatabaseDurabilityTest {

    /** Run in its own JVM: commits one row through the URL it is given, then dies as kill -9 would. */
    public static final class CommitThenDie {
        public static void main(String[] args) throws Exception {
            try (Connection db = DriverManager.getConnection(args[0], "gureum", "")) {
                db.createStatement().execute("create table if not exists vm (id int primary key)");
                db.createStatement().execute("insert into vm values (1)");
                Runtime.getRuntime().halt(9); // no shutdown hook, no close: the committed row must survive
            }
        }
    }

    @Test
    void a_commit_survives_the_console_process_dying_right_after_it(@TempDir Path dir) throws Exception {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties settings = yaml.getObject();
        String url = settings.getProperty("spring.datasource.url").replace("${gureum.data-dir}", dir.toString());

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CommitThenDie.class.getName(), url)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isEqualTo(9);

        try (Connection db = DriverManager.getConnection(url, "gureum", "");
             ResultSet rows = db.createStatement().executeQuery("select count(*) from vm")) {
            rows.next();
            assertThat(rows.getInt(1)).as("rows committed before the process died").isEqualTo(1);
        }
    }
}
