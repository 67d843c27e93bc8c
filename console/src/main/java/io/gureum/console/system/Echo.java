package io.gureum.console.system;

/** Bad input quoted back in a message: shortened and with control characters made visible. */
public final class Echo {

    /** Longer input is cut to this many characters and an ellipsis. */
    public static final int MAX = 40;

    private Echo() {
    }

    /** {@code 'typed'}, at most {@value #MAX} characters of it followed by "…". */
    public static String quoted(String typed) {
        return "'" + shortened(typed) + "'";
    }

    /** At most {@value #MAX} characters of it followed by "…"; line breaks and other controls shown as "?". */
    public static String shortened(String typed) {
        if (typed == null) {
            return "";
        }
        int[] points = typed.codePoints().limit(MAX + 1L).map(c -> Character.isISOControl(c) ? '?' : c).toArray();
        return points.length <= MAX ? new String(points, 0, points.length) : new String(points, 0, MAX) + "…";
    }
}
