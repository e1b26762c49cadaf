package org.minbar.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Settings are the features' {@code @ConfigurationProperties} records: bound with their defaults,
 * checked at start-up (a wrong value stops the site with a message naming the key), and read by
 * nothing else.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsTests {

    /** Every feature's settings record (and nothing else), as the application registers them. */
    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan("org.minbar")
    static class AllSettings {
    }

    private final ApplicationContextRunner settings = new ApplicationContextRunner().withUserConfiguration(AllSettings.class)
            .withPropertyValues("minbar.data=/tmp/minbar-settings-test");

    @Test
    void theSiteTimeZoneDefaultsToDamascusForEveryFeature() {
        settings.run(context -> {
            assertThat(context).hasNotFailed();
            SystemProperties system = context.getBean(SystemProperties.class);
            assertThat(system.site().timeZone()).isEqualTo(ZoneId.of("Asia/Damascus"));
            assertThat(system.site().name()).isEqualTo("منبر");
            assertThat(system.rateLimit().searchesPerMinute()).isEqualTo(60);
            assertThat(system.jobs().pollingInterval()).hasSeconds(2);
        });
    }

    /**
     * Starts an application with every settings record and these arguments, expecting it to fail, and
     * returns what it printed (Spring Boot's failure analysis).
     */
    private static String failedStartUp(CapturedOutput output, Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("--minbar.data=" + data));
        all.addAll(List.of(args));
        assertThatThrownBy(() -> new SpringApplicationBuilder(AllSettings.class).web(WebApplicationType.NONE)
                .run(all.toArray(String[]::new)).close()).as("start-up with %s", all).isNotNull();
        return output.getAll();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "minbar.rate-limit.searches-per-minute=-1; minbar.rate-limit.searches-per-minute; must be greater than 0",
        "minbar.login.lock-minutes=0; minbar.login.lock-minutes; must be greater than 0",
        "minbar.jobs.polling-interval=0s; minbar.jobs.polling-interval; must be longer than 0",
        "minbar.site.time-zone=Mars/Olympus; minbar.site.time-zone; Unknown time-zone ID: Mars/Olympus",
        "minbar.site.base-url=news.example.org; minbar.site.base-url; must be empty or an http:// or https:// address",
        "minbar.site.month-names=hijri; minbar.site.month-names; hijri",
        "minbar.media.max-upload-size=0; minbar.media.max-upload-size; must be larger than 0",
        "minbar.media.jpeg-quality=1.5; minbar.media.jpeg-quality; must be at most 1",
        "minbar.newsletter.digest-schedule=WEEKLY|07:00; minbar.newsletter.digest-schedule; must be DAILY|07:00",
        "minbar.newsletter.max-attempts=0; minbar.newsletter.max-attempts; must be greater than 0",
        "minbar.sitemaps.page-size=60000; minbar.sitemaps.page-size; must be at most 50000",
        "minbar.recommend.auto-read-also.every=-1; minbar.recommend.auto-read-also.every; must be 0 or more",
        "minbar.search.health-check-interval=-5s; minbar.search.health-check-interval; must be longer than 0"})
    void aWrongValueStopsStartUpNamingTheKey(String property, String names, String reason, CapturedOutput output,
            @TempDir Path data) {
        assertThat(failedStartUp(output, data, "--" + property)).contains("APPLICATION FAILED TO START").contains(names)
                .contains(reason);
    }

    /** The reason is English even on an Arabic system (Bean Validation's own messages follow the system's language). */
    @Test
    void aNegativeRateLimitStopsTheApplicationWithAnEnglishMessage(CapturedOutput output, @TempDir Path data) {
        Locale locale = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-SY"));
        String printed;
        try {
            printed = failedStartUp(output, data, "--minbar.rate-limit.searches-per-minute=-1");
        } finally {
            Locale.setDefault(locale);
        }
        assertThat(printed).contains("APPLICATION FAILED TO START")
                .contains("minbar.rate-limit.searches-per-minute = \"-1\": must be greater than 0 (\"minbar.rate-limit."
                        + "searches-per-minute\" from property source \"commandLineArgs\")");
    }

    /** No {@code @Value} and no placeholder in {@code @Scheduled}: a setting is read from its record, with the record's default. */
    @Test
    void noCodeReadsASettingAroundTheRecords() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.minbar");
        List<String> found = new ArrayList<>();
        for (JavaClass type : classes) {
            for (JavaField field : type.getFields()) {
                if (field.isAnnotatedWith(Value.class)) {
                    found.add(field.getFullName());
                }
            }
            for (JavaCodeUnit unit : type.getCodeUnits()) {
                if (unit.isAnnotatedWith(Value.class)
                        || unit.getParameters().stream().anyMatch(p -> p.isAnnotatedWith(Value.class))) {
                    found.add(unit.getFullName());
                }
                if (unit.isAnnotatedWith(Scheduled.class)) {
                    Scheduled scheduled = unit.getAnnotationOfType(Scheduled.class);
                    if ((scheduled.fixedDelayString() + scheduled.fixedRateString() + scheduled.initialDelayString()
                            + scheduled.cron()).contains("${")) {
                        found.add(unit.getFullName());
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
