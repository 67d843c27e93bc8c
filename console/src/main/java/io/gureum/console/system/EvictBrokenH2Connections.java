package io.gureum.console.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the connection pool to drop an H2 connection whose database was closed under it or whose link broke
 * (H2 reports these with its own codes, not SQL state class 08, so Hikari would keep lending the dead
 * connection forever). A new connection reopens the embedded database: the console heals by itself.
 * Named in application.yaml ({@code spring.datasource.hikari.exception-override-class-name}).
 */
public class EvictBrokenH2Connections implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED, CONNECTION_BROKEN_1 and DATABASE_CALLED_AT_SHUTDOWN. */
    private static final int[] BROKEN = {90098, 90067, 90121};

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            for (int code : BROKEN) {
                if (current.getErrorCode() == code) {
                    return Override.MUST_EVICT;
                }
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
