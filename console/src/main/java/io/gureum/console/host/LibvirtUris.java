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

    private LibvirtUris() {
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
