package io.gureum.console.consoles;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser console limits under {@code gureum.consoles.*}.
 *
 * @param idleTimeout a console with no keystroke for this long is closed
 * @param maxPerUser  open consoles (plus unused tokens) one user may hold on this console instance
 */
@ConfigurationProperties("gureum.consoles")
public record ConsoleSettings(@DefaultValue("15m") Duration idleTimeout, @DefaultValue("4") int maxPerUser) {
}
