package io.gureum.console.vm;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.gureum.console.ui.Formats;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * A small line chart of the last values, readable without a client-side package: its scale (0 and the top
 * value) on the left, the current value in words on the right, and each point's value and time on hover (an SVG
 * {@code <title>} per point, which browsers show as a tooltip).
 */
class Sparkline extends Div {

    static final int WIDTH = 180;
    static final int HEIGHT = 36;

    /** One value and when it was measured. */
    record Point(Instant at, double value) {
    }

    private final String color;
    private final DoubleFunction<String> format;
    private final Span top = new Span();
    private final Span bottom = new Span();
    private final Div plot = new Div();
    final Span current = new Span();
    private String points = "";

    /** @param format how one value reads, e.g. "12.5 %" or "85 MiB" */
    Sparkline(String label, String color, DoubleFunction<String> format) {
        this.color = color;
        this.format = format;
        plot.getElement().setAttribute("aria-label", label);
        plot.getElement().setAttribute("role", "img");
        plot.getStyle().set("display", "inline-block").set("line-height", "0");
        Div scale = new Div(top, bottom);
        scale.addClassName("sparkline-scale");
        scale.getStyle().set("display", "flex").set("flex-direction", "column").set("justify-content", "space-between")
                .set("align-items", "flex-end").set("height", HEIGHT + "px").set("min-width", "4.5em")
                .set("font-size", "var(--lumo-font-size-xxs)").set("color", "var(--lumo-secondary-text-color)")
                .set("line-height", "1");
        current.addClassName("sparkline-now");
        current.getStyle().set("font-size", "var(--lumo-font-size-s)").set("min-width", "8em");
        getStyle().set("display", "flex").set("align-items", "center").set("gap", "var(--lumo-space-s)");
        add(scale, plot, current);
        setPoints(List.of(), 0);
    }

    /** Draws the values left to right scaled to 0..max (max at least the largest value, and above 0). */
    void setPoints(List<Point> values, double max) {
        double scaleTop = top(values.stream().map(Point::value).toList(), max);
        points = points(values.stream().map(Point::value).toList(), max);
        top.setText(format.apply(scaleTop));
        bottom.setText(format.apply(0));
        current.setText(values.isEmpty() ? "no figures yet" : "now " + format.apply(values.getLast().value()));
        plot.getElement().setProperty("innerHTML", svg(values, scaleTop));
    }

    String points() {
        return points;
    }

    String scaleTop() {
        return top.getText();
    }

    static double top(List<Double> values, double max) {
        double top = Math.max(max, values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return top <= 0 ? 1 : top;
    }

    static String points(List<Double> values, double max) {
        double top = top(values, max);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(String.format(Locale.ROOT, "%.1f,%.1f", x(i, values.size()), y(values.get(i), top)));
        }
        return out.toString();
    }

    /** Newest at the right edge, one slot per sample the history keeps. */
    private static double x(int i, int count) {
        int slots = Math.max(1, VmStatsHistory.CAPACITY - 1);
        int offset = VmStatsHistory.CAPACITY - count;
        return (double) (offset + i) * WIDTH / slots;
    }

    private static double y(double value, double top) {
        return HEIGHT - 1 - value / top * (HEIGHT - 2);
    }

    /** Hover text of one point, e.g. "12.5 % at 2026-11-28 05:12:03". */
    String hover(Point point) {
        return format.apply(point.value()) + " at " + Formats.time(point.at());
    }

    private String svg(List<Point> values, double scaleTop) {
        double slot = (double) WIDTH / Math.max(1, VmStatsHistory.CAPACITY - 1);
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH
                + "\" height=\"" + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"var(--lumo-contrast-5pct)\"/>"
                + "<line x1=\"0\" y1=\"0.5\" x2=\"" + WIDTH + "\" y2=\"0.5\" stroke=\"var(--lumo-contrast-20pct)\""
                + " stroke-dasharray=\"2 2\"/>");
        if (!points.isEmpty()) {
            svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"")
                    .append(points).append("\"/>");
            Point last = values.getLast();
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>",
                    x(values.size() - 1, values.size()), y(last.value(), scaleTop), color));
        }
        // One invisible column per point: hovering anywhere above or below it shows its value and time.
        svg.append(java.util.stream.IntStream.range(0, values.size()).mapToObj(i -> String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"%d\" fill=\"transparent\"><title>%s</title></rect>",
                Math.max(0, x(i, values.size()) - slot / 2), slot, HEIGHT, escape(hover(values.get(i)))))
                .collect(Collectors.joining()));
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
