package io.gureum.container.engine;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.gureum.container.LogLine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogFramesTest {
    @Test
    void frames_are_split_into_timestamped_lines_per_stream() {
        List<LogLine> lines = new ArrayList<>();
        LogFrames frames = new LogFrames(lines::add);
        frames.accept(frame(StreamType.STDOUT, "2026-11-24T20:15:32.123456789Z hello\n2026-11-24T20:15:33Z wor"));
        frames.accept(frame(StreamType.STDERR, "2026-11-24T20:15:32.5+00:00 oops\n"));
        frames.accept(frame(StreamType.STDOUT, "ld\n"));
        frames.flush();
        assertThat(lines).containsExactly(
                new LogLine(LogLine.Stream.STDOUT, Instant.parse("2026-11-24T20:15:32.123456789Z"), "hello"),
                new LogLine(LogLine.Stream.STDERR, Instant.parse("2026-11-24T20:15:32.5Z"), "oops"),
                new LogLine(LogLine.Stream.STDOUT, Instant.parse("2026-11-24T20:15:33Z"), "world"));
    }

    private static Frame frame(StreamType type, String s) {
        return new Frame(type, s.getBytes(StandardCharsets.UTF_8));
    }
}
