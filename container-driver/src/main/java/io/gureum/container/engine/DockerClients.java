package io.gureum.container.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.gureum.container.EngineEndpoint;

import java.io.IOException;
import java.time.Duration;

/**
 * The docker-java clients of one endpoint. docker-java has no per-call timeout, so calls are
 * split by how long an answer may take: a probe (ping, bounded so that a dead engine is reported
 * within 2 s), ordinary calls, slow calls (stop, exec, image load) and unbounded streams.
 */
final class DockerClients implements AutoCloseable {
    static final Duration SLOW_CALL_TIMEOUT = Duration.ofMinutes(15);

    final DockerClient probe;
    final DockerClient control;
    final DockerClient slow;
    final DockerClient stream;
    /** Raw transport of the slow client, for the few calls docker-java gets wrong (rootfs import). */
    final DockerHttpClient slowHttp;

    DockerClients(EngineEndpoint endpoint) {
        DockerClientConfig config = config(endpoint);
        this.probe = client(config, endpoint.connectTimeout(), endpoint.connectTimeout(), 2);
        this.control = client(config, endpoint.connectTimeout(), endpoint.callTimeout(), 32);
        this.slowHttp = http(config, endpoint.connectTimeout(), SLOW_CALL_TIMEOUT, 16);
        this.slow = DockerClientImpl.getInstance(config, slowHttp);
        this.stream = client(config, endpoint.connectTimeout(), null, 64);
    }

    private static DockerClientConfig config(EngineEndpoint endpoint) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.uri().toString())
                .withDockerTlsVerify(endpoint.tlsCertDir() != null);
        if (endpoint.tlsCertDir() != null) {
            b.withDockerCertPath(endpoint.tlsCertDir().toString());
        }
        return b.build();
    }

    private static DockerClient client(DockerClientConfig config, Duration connect, Duration response, int maxConnections) {
        return DockerClientImpl.getInstance(config, http(config, connect, response, maxConnections));
    }

    private static DockerHttpClient http(DockerClientConfig config, Duration connect, Duration response, int maxConnections) {
        return new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(maxConnections)
                .connectionTimeout(connect)
                .responseTimeout(response)
                .build();
    }

    @Override
    public void close() {
        for (DockerClient c : new DockerClient[] {stream, slow, control, probe}) {
            try {
                c.close();
            } catch (IOException | RuntimeException ignored) {
                // closing: nothing left to do with a failure here
            }
        }
    }
}
