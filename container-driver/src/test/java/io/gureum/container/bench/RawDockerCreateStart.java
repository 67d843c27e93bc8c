package io.gureum.container.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The raw docker-java baseline for container provisioning: the same container the Gureum driver makes
 * (limits, labels, no-new-privileges, entrypoint), with exactly two plain docker-java calls:
 * create and start. Plain Java types only in its API, so that console benchmarks can call it.
 */
public final class RawDockerCreateStart implements AutoCloseable {

    private final DockerClient docker;

    public RawDockerCreateStart(String endpoint) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(2)).responseTimeout(Duration.ofSeconds(60)).build();
        this.docker = DockerClientImpl.getInstance(config, http);
    }

    /** Create + start; returns the nanoseconds both calls took. */
    public long createAndStart(String name, String image, List<String> entrypoint, double cpus, long memoryMib,
                               Map<String, String> labels) {
        long t0 = System.nanoTime();
        String id = docker.createContainerCmd(image).withName(name)
                .withLabels(labels)
                .withEntrypoint(entrypoint)
                .withHostConfig(HostConfig.newHostConfig().withNanoCPUs(Math.round(cpus * 1e9))
                        .withMemory(memoryMib * 1024 * 1024)
                        .withSecurityOpts(List.of("no-new-privileges")).withPrivileged(false))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return System.nanoTime() - t0;
    }

    /** Whether the engine says the container is running. */
    public boolean running(String name) {
        Boolean running = docker.inspectContainerCmd(name).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    /** Force-removes the container; quiet when it is gone. */
    public void remove(String name) {
        try {
            docker.removeContainerCmd(name).withForce(true).exec();
        } catch (RuntimeException gone) {
            // not there
        }
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
