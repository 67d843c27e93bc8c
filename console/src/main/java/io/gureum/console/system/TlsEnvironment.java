package io.gureum.console.system;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * HTTPS by default (docs/operations.md, "HTTPS"): before the web server is made, points Spring Boot's SSL bundle
 * {@value #BUNDLE} at the operator's PEM certificate and key ({@code gureum.tls.certificate},
 * {@code gureum.tls.private-key}) or, when none is given, at the console's own self-signed certificate, and marks
 * the session cookie Secure. With {@code gureum.tls.enabled=false} (behind a TLS-terminating proxy, or the tests)
 * nothing changes. Settings the operator made under {@code server.ssl} or {@code spring.ssl} are kept: ours are
 * added last, so theirs win.
 */
public class TlsEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String BUNDLE = "gureum";
    private static final String SOURCE = "gureumTls";

    private final Log log;

    public TlsEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(TlsEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("gureum.tls.enabled", Boolean.class, true)
                || environment.getPropertySources().contains(SOURCE)) {
            return;
        }
        Map<String, Object> tls = new LinkedHashMap<>();
        String certificate = environment.getProperty("gureum.tls.certificate", "");
        String privateKey = environment.getProperty("gureum.tls.private-key", "");
        if (!certificate.isBlank() || !privateKey.isBlank()) {
            if (certificate.isBlank() || privateKey.isBlank()) {
                throw new IllegalStateException("gureum.tls.certificate and gureum.tls.private-key (GUREUM_TLS_CERTIFICATE, "
                        + "GUREUM_TLS_PRIVATE_KEY) go together: give both PEM files, or neither for a self-signed certificate");
            }
            String pem = "spring.ssl.bundle.pem." + BUNDLE + ".";
            tls.put(pem + "keystore.certificate", "file:" + Path.of(certificate).toAbsolutePath());
            tls.put(pem + "keystore.private-key", "file:" + Path.of(privateKey).toAbsolutePath());
            String keyPassword = environment.getProperty("gureum.tls.private-key-password", "");
            if (!keyPassword.isEmpty()) {
                tls.put(pem + "keystore.private-key-password", keyPassword);
            }
            // A renewed certificate (certbot, the company's PKI) is picked up without a restart.
            tls.put(pem + "reload-on-update", true);
            log.info("HTTPS with the certificate " + certificate);
        } else {
            Path dir = Path.of(environment.getRequiredProperty("gureum.data-dir")).resolve("tls");
            SelfSignedCertificate own = SelfSignedCertificate.inDirectory(dir, log::warn);
            String jks = "spring.ssl.bundle.jks." + BUNDLE + ".";
            tls.put(jks + "keystore.location", "file:" + own.keystore().toAbsolutePath());
            tls.put(jks + "keystore.type", "PKCS12");
            tls.put(jks + "keystore.password", own.password());
            tls.put(jks + "key.alias", SelfSignedCertificate.ALIAS);
            log.info("HTTPS with the self-signed certificate " + own.certificate().toAbsolutePath()
                    + " (its fingerprint: openssl x509 -noout -fingerprint -sha256 -in <that file>)");
        }
        tls.put("server.ssl.bundle", BUNDLE);
        tls.put("server.servlet.session.cookie.secure", true);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, tls));
    }

    /** After the configuration files are read (they say whether TLS is on and where the data directory is). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
