package io.gureum.container;

import java.util.List;

/**
 * Host privileges a request may ask for. Gureum grants none of them: anything other than
 * {@link #NONE} (or the harmless {@code no-new-privileges} security option) is refused with
 * {@link InvalidSpecException} before the engine is called. The record exists so that such a
 * request can be expressed, refused with a precise reason, and audited.
 */
public record HostAccess(
        boolean privileged,
        List<String> addCapabilities,
        List<String> devices,
        String pidMode,
        String networkMode,
        String ipcMode,
        String utsMode,
        List<String> securityOptions) {

    public static final HostAccess NONE = new HostAccess(false, List.of(), List.of(), null, null, null, null, List.of());

    public HostAccess {
        addCapabilities = addCapabilities == null ? List.of() : List.copyOf(addCapabilities);
        devices = devices == null ? List.of() : List.copyOf(devices);
        securityOptions = securityOptions == null ? List.of() : List.copyOf(securityOptions);
    }

    public HostAccess withPrivileged() {
        return new HostAccess(true, addCapabilities, devices, pidMode, networkMode, ipcMode, utsMode, securityOptions);
    }

    public HostAccess withCapabilities(String... caps) {
        return new HostAccess(privileged, List.of(caps), devices, pidMode, networkMode, ipcMode, utsMode, securityOptions);
    }

    public HostAccess withDevices(String... paths) {
        return new HostAccess(privileged, addCapabilities, List.of(paths), pidMode, networkMode, ipcMode, utsMode, securityOptions);
    }

    public HostAccess withNamespaces(String pid, String net, String ipc, String uts) {
        return new HostAccess(privileged, addCapabilities, devices, pid, net, ipc, uts, securityOptions);
    }

    public HostAccess withSecurityOptions(String... options) {
        return new HostAccess(privileged, addCapabilities, devices, pidMode, networkMode, ipcMode, utsMode, List.of(options));
    }
}
