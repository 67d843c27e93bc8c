package io.gureum.console.vm;

import com.vaadin.flow.component.html.Div;
import java.util.List;
import java.util.Locale;

/** A tiny inline SVG line chart of the last values; no client-side package needed. */
class Sparkline extends Div {

    static final int WIDTH = 180;
    static final int HEIGHT = 36;

    private final String color;
    private String points = "";

    Sparkline(String label, String color) {
        this.color = color;
        getElement().setAttribute("aria-label", label);
        getElement().setAttribute("role", "img");
        getStyle().set("display", "inline-block").set("line-height", "0");
        draw();
    }

    /** Draws the values left to right scaled to 0..max (max at least the largest value, and above 0). */
    void setValues(List<Double> values, double max) {
        points = points(values, max);
        draw();
    }

    String points() {
        return points;
    }

    static String points(List<Double> values, double max) {
        if (values.isEmpty()) {
            return "";
        }
        double top = Math.max(max, values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        if (top <= 0) {
            top = 1;
        }
        int slots = Math.max(1, VmStatsHistory.CAPACITY - 1);
        int offset = VmStatsHistory.CAPACITY - values.size(); // newest at the right edge
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            double x = (double) (offset + i) * WIDTH / slots;
            double y = HEIGHT - 1 - values.get(i) / top * (HEIGHT - 2);
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return out.toString();
    }

    private void draw() {
        getElement().setProperty("innerHTML", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"var(--lumo-contrast-5pct)\"/>"
                + (points.isEmpty() ? "" : "<polyline fill=\"none\" stroke=\"" + color + "\" stroke-width=\"1.5\" points=\""
                + points + "\"/>")
                + "</svg>");
    }
}
