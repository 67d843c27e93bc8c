package io.gureum.console.system;

import org.apache.catalina.authenticator.NonLoginAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With HTTPS on (the default), a second, plain-HTTP connector on {@code gureum.tls.http-port} (8080) that only
 * redirects to the HTTPS port: Tomcat itself answers every plain request with a redirect (the CONFIDENTIAL
 * constraint), before any of the console's code runs. A negative port leaves the connector out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gureum.tls.enabled", havingValue = "true", matchIfMissing = true)
class HttpRedirectConfiguration {

    @Bean
    Connector httpRedirectConnector(@Value("${gureum.tls.http-port:8080}") int port,
                                    @Value("${server.address:}") String address) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setScheme("http");
        connector.setSecure(false);
        connector.setPort(port);
        if (!address.isBlank()) {
            connector.setProperty("address", address);
        }
        return connector;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpRedirect(Connector httpRedirectConnector) {
        return factory -> {
            if (httpRedirectConnector.getPort() >= 0) {
                factory.addAdditionalConnectors(httpRedirectConnector);
            }
            factory.addContextCustomizers(context -> {
                SecurityConstraint https = new SecurityConstraint();
                https.setUserConstraint("CONFIDENTIAL");
                SecurityCollection everything = new SecurityCollection();
                everything.addPattern("/*");
                https.addCollection(everything);
                context.addConstraint(https);
                // The constraint makes Tomcat add an authenticator that marks every answer "Cache-Control: private",
                // and Spring Security then keeps that instead of its "no-store" for signed-in pages. This one does not.
                NonLoginAuthenticator redirectOnly = new NonLoginAuthenticator();
                redirectOnly.setDisableProxyCaching(false);
                context.getPipeline().addValve(redirectOnly);
            });
        };
    }

    /** The HTTPS port is known only once the server listens (server.port may be 0: any free port). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> httpRedirectTarget(Connector httpRedirectConnector) {
        return event -> httpRedirectConnector.setRedirectPort(event.getWebServer().getPort());
    }
}
