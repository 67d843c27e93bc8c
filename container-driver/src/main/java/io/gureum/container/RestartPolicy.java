package io.gureum.container;

/** What the engine does when the container's main process exits. */
public record RestartPolicy(Mode mode, int maxRetries) {
    /** Engine restart policies, named as the Docker Engine API names them. */
    public enum Mode {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always"), UNLESS_STOPPED("unless-stopped");

        private final String apiName;

        Mode(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }

        public static Mode fromApiName(String name) {
            if (name == null || name.isEmpty()) {
                return NO;
            }
            for (Mode m : values()) {
                if (m.apiName.equals(name)) {
                    return m;
                }
            }
            return NO;
        }
    }

    public static final int MAX_RETRIES = 100;

    public RestartPolicy {
        if (mode == null) {
            mode = Mode.NO;
        }
    }

    public static RestartPolicy no() {
        return new RestartPolicy(Mode.NO, 0);
    }

    public static RestartPolicy onFailure(int maxRetries) {
        return new RestartPolicy(Mode.ON_FAILURE, maxRetries);
    }

    public static RestartPolicy always() {
        return new RestartPolicy(Mode.ALWAYS, 0);
    }

    public static RestartPolicy unlessStopped() {
        return new RestartPolicy(Mode.UNLESS_STOPPED, 0);
    }
}
