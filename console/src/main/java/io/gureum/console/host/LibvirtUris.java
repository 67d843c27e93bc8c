package io.gureum.console.host;

import io.gureum.console.system.Echo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * Which libvirt URIs a host may be registered with. libvirt URIs can carry parameters that run
 * commands or read files on the console's machine ({@code command=}, {@code netcat=},
 * {@code socket=}, test-driver XML files), so only known transports and harmless parameters pass.
 */
final class LibvirtUris {

    static final Set<String> SCHEMES = Set.of("qemu", "qemu+ssh", "qemu+tls", "test");
    static final Set<String> PARAMETERS = Set.of("no_verify", "no_tty", "keyfile", "known_hosts",
            "known_hosts_verify", "sshauth", "pkipath");
    static final String EXAMPLES = "qemu:///system, qemu+ssh://user@server/system, qemu+tls://server/system "
            + "or test:///default";

    /** For qemu+ssh the console sets these itself, so that an admin cannot switch host key checks off. */
    static final Set<String> CONSOLE_SSH_PARAMETERS = Set.of("no_verify", "keyfile", "known_hosts",
            "known_hosts_verify", "sshauth");

    private LibvirtUris() {
    }

    /**
     * The URI the driver opens for a registered (valid) URI. A qemu+ssh host is reached through libvirt's libssh
     * transport with the console's key and known_hosts: {@code trustNewHostKey} (an admin testing or registering the
     * host) records the key of a host met for the first time; otherwise an unknown key is refused, and a changed key
     * is always refused. Other URIs are used as they are.
     */
    static String effective(String valid, ConsoleSshIdentity ssh, boolean trustNewHostKey) {
        URI uri = URI.create(valid);
        if (!"qemu+ssh".equals(uri.getScheme())) {
            return valid;
        }
        StringBuilder query = new StringBuilder();
        if (uri.getQuery() != null) {
            query.append(uri.getQuery()).append('&');
        }
        query.append("keyfile=").append(ssh.privateKey())
                .append("&known_hosts=").append(ssh.knownHosts())
                .append("&known_hosts_verify=").append(trustNewHostKey ? "auto" : "normal")
                .append("&sshauth=privkey");
        try {
            // The multi-argument constructor quotes what must be quoted; nothing is pasted into URI text.
            return new URI("qemu+libssh", uri.getUserInfo(), uri.getHost(), uri.getPort(), uri.getPath(),
                    query.toString(), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot form the libssh URI for " + valid, e);
        }
    }

    /** Returns the URI unchanged, or throws {@link HostValidationException} saying what to fix. */
    static String validate(String value) {
        if (value == null || value.isBlank()) {
            throw new HostValidationException("uri", "Enter the host's libvirt URI, e.g. " + EXAMPLES + ".");
        }
        String uriText = value.strip();
        URI uri;
        try {
            uri = new URI(uriText);
        } catch (URISyntaxException e) {
            throw new HostValidationException("uri",
                    Echo.quoted(uriText) + " is not a URI: " + e.getReason() + ". Use e.g. "
                    + EXAMPLES + ".");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !SCHEMES.contains(scheme)) {
            throw new HostValidationException("uri",
                    "Transport " + Echo.quoted(scheme) + " is not supported: use " + EXAMPLES + ".");
        }
        if (scheme.equals("test")) {
            if (!"/default".equals(uri.getPath()) || uri.getRawQuery() != null || uri.getHost() != null) {
                throw new HostValidationException("uri", "The simulated host is exactly test:///default.");
            }
            return uriText;
        }
        if (!"/system".equals(uri.getPath())) {
            throw new HostValidationException("uri", "Gureum manages system-wide libvirt: the URI must end in /system, "
                    + "e.g. " + EXAMPLES + ".");
        }
        if (scheme.equals("qemu") && uri.getHost() != null) {
            throw new HostValidationException("uri", "For a remote host use qemu+ssh:// or qemu+tls://; qemu:///system "
                    + "(no host name) is this server.");
        }
        if (!scheme.equals("qemu") && (uri.getHost() == null || uri.getHost().isBlank())) {
            throw new HostValidationException("uri",
                    "A remote URI needs the server's name, e.g. qemu+ssh://user@server/system.");
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                if (scheme.equals("qemu+ssh") && CONSOLE_SSH_PARAMETERS.contains(key)) {
                    throw new HostValidationException("uri", "URI parameter " + Echo.quoted(key) + " is the console's "
                            + "own: it logs in with its SSH key (shown on the Hosts page) and checks host keys against "
                            + "its own known_hosts. Remove the parameter.");
                }
                if (!PARAMETERS.contains(key)) {
                    throw new HostValidationException("uri",
                            "URI parameter " + Echo.quoted(key) + " is not allowed; allowed are "
                            + PARAMETERS.stream().sorted().toList() + ".");
                }
            }
        }
        return uriText;
    }
}
