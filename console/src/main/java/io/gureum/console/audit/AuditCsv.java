package io.gureum.console.audit;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * RFC 4180 CSV of audit records. Cells that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) get a leading apostrophe, since actors and targets can be typed by users.
 */
final class AuditCsv {

    static final String HEADER = "time,actor,project,target,action,outcome,detail";

    private AuditCsv() {
    }

    static String of(List<AuditRecord> records) {
        StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        for (AuditRecord r : records) {
            csv.append(Stream.of(DateTimeFormatter.ISO_INSTANT.format(r.occurredAt()), r.shownActor(),
                            r.projectId() == null ? "" : r.projectId().toString(), r.target(), r.action(),
                            r.outcome().name(), r.detail())
                    .map(AuditCsv::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    static String cell(String value) {
        String text = value == null ? "" : value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || text.startsWith("'")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
