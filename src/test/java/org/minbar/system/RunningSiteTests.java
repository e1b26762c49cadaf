package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The running-site file: what the command line reads, and what it says when it cannot. */
class RunningSiteTests {

    @TempDir
    Path data;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RunningSite.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void whatTheSiteWroteIsReadBack() {
        new RunningSite(8123, "secret").write(data);

        assertThat(RunningSite.read(data)).contains(new RunningSite(8123, "secret"));
        assertThat(logged.list).isEmpty();
    }

    @Test
    void noFileMeansNoSiteAndIsNotAWarning() {
        assertThat(RunningSite.read(data)).isEmpty();
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aDamagedFileIsReportedAndTreatedAsNoSite() throws IOException {
        Path file = RunningSite.file(data);
        Files.createDirectories(file.getParent());

        Files.writeString(file, "port=eighty\ntoken=secret\n");
        assertThat(RunningSite.read(data)).isEmpty();

        Files.writeString(file, "port=8123\n");
        assertThat(RunningSite.read(data)).isEmpty();

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).hasSize(2)
                .allMatch(m -> m.startsWith("Cannot read " + file))
                .anyMatch(m -> m.contains("eighty"))
                .anyMatch(m -> m.contains("no token"));
    }

    @Test
    void aFileThatCannotBeRemovedIsReported() throws IOException {
        Path file = RunningSite.file(data);
        // A non-empty directory in the file's place cannot be deleted.
        Files.createDirectories(file.resolve("inside"));

        RunningSite.remove(data);

        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).singleElement()
                .satisfies(m -> assertThat(m).startsWith("Cannot remove " + file));
    }
}
