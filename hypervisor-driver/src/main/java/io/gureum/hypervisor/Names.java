package io.gureum.hypervisor;

import java.util.regex.Pattern;

/** Validation rules for names that reach the hypervisor. */
final class Names {

    /** libvirt-legal and shell/XML/path-harmless: letters, digits, '-', '_', '.', not starting with '.' or '-'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");
    private static final Pattern VOLUME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern METADATA_VALUE = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");

    private Names() {
    }

    static String requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new HypervisorException.InvalidSpec(what + " must be 1-63 characters of letters, digits, '_', '.', '-'"
                    + " and must not start with '.' or '-': " + quote(value));
        }
        return value;
    }

    static String requireVolumeName(String value) {
        if (value == null || !VOLUME.matcher(value).matches()) {
            throw new HypervisorException.InvalidSpec("volume name must be 1-128 characters of letters, digits, '_', '.', '-'"
                    + " and must not start with '.' or '-': " + quote(value));
        }
        return value;
    }

    static String requireMetadataValue(String what, String value) {
        if (value == null || !METADATA_VALUE.matcher(value).matches()) {
            throw new HypervisorException.InvalidSpec(what + " must be 1-128 characters of letters, digits, '_', '.', ':', '@', '-': " + quote(value));
        }
        return value;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new HypervisorException.InvalidSpec(message);
        }
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
