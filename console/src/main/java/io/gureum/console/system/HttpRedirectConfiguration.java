package io.gureum.console.system;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
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
 * redirects to the HTTPS port: a valve in front of everything answers every plain request with a redirect to the
 * same address on HTTPS, before any of the console's code runs. A negative port leaves the connector out.
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
    RedirectToHttps redirectToHttps() {
        return new RedirectToHttps();
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpRedirect(Connector httpRedirectConnector,
                                                                          RedirectToHttps redirect) {
        return factory -> {
            if (httpRedirectConnector.getPort() >= 0) {
                factory.addAdditionalConnectors(httpRedirectConnector);
            }
            factory.addEngineValves(redirect);
        };
    }

    /** The HTTPS port is known only once the server listens (server.port may be 0: any free port). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> httpRedirectTarget(RedirectToHttps redirect) {
        return event -> redirect.httpsPort = event.getWebServer().getPort();
    }

    /** Sends every request that did not come over TLS to the same host, path and query on the HTTPS port. */
    static final class RedirectToHttps extends ValveBase {

        volatile int httpsPort = -1;

        RedirectToHttps() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if (request.isSecure()) {
                getNext().invoke(request, response);
                return;
            }
            if (httpsPort < 0) {
                response.sendError(503);
                return;
            }
            String host = request.getServerName();
            StringBuilder to = new StringBuilder("https://")
                    .append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
            if (httpsPort != 443) {
                to.append(':').append(httpsPort);
            }
            // The request's own path and query, as they came (still encoded).
            to.append(request.getRequestURI());
            if (request.getQueryString() != null) {
                to.append('?').append(request.getQueryString());
            }
            response.setStatus(302);
            response.setHeader("Location", to.toString());
            response.setContentLength(0);
        }
    }
}
