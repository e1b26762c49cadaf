package org.minbar.migration;

import java.util.List;

/**
 * What the newsroom's import page shows: the running or last import (null fields when there was
 * none), its counts so far and, once finished, its summary.
 */
public record WxrImportPage(String notice, String filename, boolean dryRun, boolean running, int percent, int created,
        int updated, int skipped, int failed, List<String> summary) {

    public boolean hasJob() {
        return filename != null;
    }
}
