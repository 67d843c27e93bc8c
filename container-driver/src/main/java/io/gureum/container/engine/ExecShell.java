package io.gureum.container.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.gureum.container.ShellSession;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec session with a TTY: docker-java hijacks the exec-start connection and copies {@link #stdin} into it
 * on its own thread, frames come back through this callback. Input is queued, never blocking the caller.
 */
final class ExecShell extends ResultCallback.Adapter<Frame> implements ShellSession {
    private static final Logger log = LoggerFactory.getLogger(ExecShell.class);
    /** End of transmission (Ctrl-D) and a hang-up marker: the queue's poison pill. */
    private static final byte[] HANG_UP = new byte[0];

    /** Marks every process of the session (children inherit it), so that closing can find and end them. */
    static final String MARK = "GUREUM_CONSOLE";
    /**
     * Closing the hijacked connection does not end an exec session (Docker and Podman keep the command and its
     * terminal): this hangs up every process carrying the session's mark, and kills what is left half a second
     * later. The mark comes in as {@code $1}, never spliced into the script.
     */
    private static final String HANG_UP_SCRIPT = """
            marked() { for d in /proc/[0-9]*; do tr '\\000' '\\n' < "$d/environ" 2>/dev/null | grep -qx "%s=$1" && echo "${d#/proc/}"; done; }
            p=$(marked "$1"); [ -z "$p" ] && exit 0
            kill -HUP $p 2>/dev/null; sleep 0.5
            p=$(marked "$1"); [ -n "$p" ] && kill -KILL $p 2>/dev/null; exit 0
            """.formatted(MARK);

    private final DockerClient control;
    private final String container;
    private final String mark;
    private final String execId;
    private final String what;
    private final Listener listener;
    private final QueueInput stdin = new QueueInput();
    private final AtomicBoolean ended = new AtomicBoolean();

    ExecShell(DockerClient control, String container, String mark, String execId, String what, Listener listener) {
        this.control = control;
        this.container = container;
        this.mark = mark;
        this.execId = execId;
        this.what = what;
        this.listener = listener;
    }

    InputStream stdin() {
        return stdin;
    }

    @Override
    public void onNext(Frame frame) {
        if (!ended.get()) {
            listener.output(frame.getPayload());
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (!ended.get()) {
            log.debug("{} ended with an error: {}", what, throwable.toString());
        }
        end();
    }

    @Override
    public void onComplete() {
        end();
    }

    @Override
    public void write(byte[] input) {
        if (!ended.get() && input.length > 0) {
            stdin.queue.add(input.clone());
        }
    }

    @Override
    public void resize(int columns, int rows) {
        if (ended.get()) {
            return;
        }
        try {
            control.resizeExecCmd(execId).withSize(rows, columns).exec(); // docker-java: (height, width)
        } catch (RuntimeException e) {
            // A resize racing the command's exit is harmless; the session goes on either way.
            log.debug("{}: resize to {}x{} failed: {}", what, columns, rows, e.toString());
        }
    }

    @Override
    public boolean isOpen() {
        return !ended.get();
    }

    @Override
    public void close() {
        if (ended.get()) {
            return;
        }
        end();
        hangUp();
    }

    /** Ends the session's processes in the container; a failure is logged (the container may be gone). */
    private void hangUp() {
        try {
            String id = control.execCreateCmd(container).withCmd("sh", "-c", HANG_UP_SCRIPT, "hang-up", mark)
                    .withAttachStdout(true).withAttachStderr(true).exec().getId();
            control.execStartCmd(id).exec(new ResultCallback.Adapter<>()).awaitCompletion(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.info("{}: could not end its processes: {}", what, e.toString());
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        // Ending stdin makes the engine close the terminal's input (the shell reads end of file and exits);
        // closing the stream frees the hijacked connection.
        stdin.queue.add(HANG_UP);
        try {
            super.close();
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
        listener.ended();
    }

    /** Blocks docker-java's stdin pump until keystrokes come or the session hangs up. */
    private static final class QueueInput extends InputStream implements Closeable {
        final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean eof;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (eof) {
                return -1;
            }
            while (pos >= current.length) {
                try {
                    current = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                pos = 0;
                if (current == HANG_UP) {
                    eof = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return Math.max(0, current.length - pos);
        }
    }
}
