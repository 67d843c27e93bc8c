package io.gureum.container;

import io.gureum.container.testsupport.Requires;
import org.junit.jupiter.api.Assumptions;

/** The contract on a real Docker engine, where one answers at /var/run/docker.sock (optional, even under CI). */
class DockerContractTest extends ContainerEngineContract {
    @Override
    protected ContainerEngine openEngine() {
        Assumptions.assumeFalse(Requires.ENDPOINT.equals("unix:///var/run/docker.sock"), "Docker is already the main endpoint");
        return Requires.engine("unix:///var/run/docker.sock", false);
    }
}
