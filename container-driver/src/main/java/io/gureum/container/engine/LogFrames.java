package io.gureum.container.engine;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.gureum.container.LogLine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Turns the engine's multiplexed log frames (written with timestamps) into lines. A frame may
 * hold several lines or part of one, so each stream keeps its unfinished tail.
 */
final class LogFrames {
    private final Consumer<LogLine> sink;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    LogFrames(Consumer<LogLine> sink) {
        this.sink = sink;
    }

    synchronized void accept(Frame frame) {
        LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        StringBuilder buf = stream == LogLine.Stream.STDERR ? err : out;
        buf.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int nl;
        while ((nl = buf.indexOf("\n")) >= 0) {
            emit(stream, buf.substring(0, nl));
            buf.delete(0, nl + 1);
        }
    }

    /** Delivers unfinished lines at the end of the stream. */
    synchronized void flush() {
        if (!out.isEmpty()) {
            emit(LogLine.Stream.STDOUT, out.toString());
            out.setLength(0);
        }
        if (!err.isEmpty()) {
            emit(LogLine.Stream.STDERR, err.toString());
            err.setLength(0);
        }
    }

    private void emit(LogLine.Stream stream, String raw) {
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        Instant ts = null;
        int sp = line.indexOf(' ');
        if (sp > 0) {
            ts = Mapping.time(line.substring(0, sp));
            if (ts != null) {
                line = line.substring(sp + 1);
            }
        }
        sink.accept(new LogLine(stream, ts, line));
    }
}
