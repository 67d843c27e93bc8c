package io.gureum.container;

import io.gureum.container.engine.ContainerEngines;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** No docker-java type crosses the SPI: the console must never see one. */
class SpiBoundaryTest {

    @Test
    void no_public_signature_of_the_spi_or_its_entry_point_mentions_docker_java() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>(spiTypes());
        types.add(ContainerEngines.class);
        for (Class<?> type : types) {
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            for (Method m : type.getMethods()) {
                check(type + "." + m.getName(), m.toGenericString(), leaks);
            }
            for (Constructor<?> c : type.getConstructors()) {
                check(type + ".<init>", c.toGenericString(), leaks);
            }
            check(type.getName() + " supertypes", type.getGenericSuperclass() + " " + List.of(type.getGenericInterfaces()), leaks);
        }
        assertThat(types).hasSizeGreaterThan(25);
        assertThat(leaks).isEmpty();
    }

    private static void check(String where, String signature, List<String> leaks) {
        if (signature.contains("com.github.dockerjava") || signature.contains("org.apache.hc")) {
            leaks.add(where + ": " + signature);
        }
    }

    private static List<Class<?>> spiTypes() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
        Path dir = Path.of(ContainerEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve("io/gureum/container");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                if (!simple.equals("package-info")) {
                    out.add(Class.forName("io.gureum.container." + simple.replace('/', '.')));
                }
            }
        }
        return out;
    }
}
