package io.gureum.console.consoles;

import io.gureum.console.system.Audited;
import java.util.UUID;

/** What happens to browser consoles, for the audit log. What is typed in them is never recorded. */
public final class ConsoleEvents {

    private ConsoleEvents() {
    }

    /** A user opened a console ("console.opened"). */
    public record ConsoleOpened(ConsoleKind kind, UUID resourceId, String description, Long projectId)
            implements Audited {
        @Override
        public String action() {
            return "console.opened";
        }

        @Override
        public String target() {
            return description + " (" + resourceId + ")";
        }

        @Override
        public String detail() {
            return kind.label();
        }
    }

    /** A console ended ("console.closed"), with how long it was open and why it ended. */
    public record ConsoleClosed(ConsoleKind kind, UUID resourceId, String description, Long projectId,
                                long seconds, String reason) implements Audited {
        @Override
        public String action() {
            return "console.closed";
        }

        @Override
        public String target() {
            return description + " (" + resourceId + ")";
        }

        @Override
        public String detail() {
            return kind.label() + ", open " + seconds + " s, " + reason;
        }
    }

    /** A token or a console was refused ("console.refused"): replayed, foreign session or origin, expired. */
    public record ConsoleRefused(String why) implements Audited {
        @Override
        public String action() {
            return "console.refused";
        }

        @Override
        public Long projectId() {
            return null;
        }

        @Override
        public String target() {
            return "console token";
        }

        @Override
        public String detail() {
            return why;
        }

        @Override
        public boolean refused() {
            return true;
        }
    }
}
