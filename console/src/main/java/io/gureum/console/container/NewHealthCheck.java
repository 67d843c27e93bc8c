package io.gureum.console.container;

/**
 * An optional health check asked for at creation: either a command (run as {@code sh -c <command>} in the
 * container; exit 0 is healthy) or an HTTP GET on a container port and path (2xx or 3xx is healthy).
 *
 * @param command         the command, or null for an HTTP check
 * @param httpPort        the container port of an HTTP check, or null for a command
 * @param httpPath        the path of an HTTP check ("/" when blank)
 * @param intervalSeconds seconds between checks, 1 to 3600
 * @param timeoutSeconds  seconds one check may take, 1 to the interval
 * @param retries         failed checks in a row before the container is unhealthy, 1 to 20
 */
public record NewHealthCheck(String command, Integer httpPort, String httpPath, int intervalSeconds,
                             int timeoutSeconds, int retries) {

    public static NewHealthCheck command(String command, int intervalSeconds, int timeoutSeconds, int retries) {
        return new NewHealthCheck(command, null, null, intervalSeconds, timeoutSeconds, retries);
    }

    public static NewHealthCheck httpGet(int port, String path, int intervalSeconds, int timeoutSeconds,
                                         int retries) {
        return new NewHealthCheck(null, port, path, intervalSeconds, timeoutSeconds, retries);
    }
}
