package io.gureum.console.vm;

import java.util.regex.Pattern;

/**
 * Reads cloud-init's progress from a guest's serial log. Cloud-init prints "Cloud-init v. 22.4.2 running 'init'" when
 * a stage starts and "Cloud-init v. 22.4.2 finished at ... Datasource DataSourceNoCloud [seed=/dev/vdb] ..." when its
 * last stage ends; systemd prints "Failed to start cloud-..." when a stage's unit fails.
 */
final class CloudInitProgress {

    private static final Pattern FINISHED = Pattern.compile("Cloud-init v\\. \\S+ finished at [^\\n]*");
    private static final Pattern FAILED = Pattern.compile("Failed to start cloud-|Failed to run module|"
            + "Cloud-init v\\. \\S+ finished at [^\\n]*DataSourceNone");

    private CloudInitProgress() {
    }

    /** The status a serial log shows; a log that says nothing yet is a guest still booting. */
    static VmGuest.CloudInitStatus of(String serialLog) {
        if (FAILED.matcher(serialLog).find()) {
            return VmGuest.CloudInitStatus.FAILED;
        }
        if (FINISHED.matcher(serialLog).find()) {
            return VmGuest.CloudInitStatus.DONE;
        }
        return VmGuest.CloudInitStatus.RUNNING;
    }
}
