package org.minbar.newsroom;

import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.minbar.system.SystemProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** What the newsroom's controllers share: the acting user, and dates in the site's time zone. */
@Component
class NewsroomPages {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Users users;
    private final ZoneId zone;

    NewsroomPages(Users users, SystemProperties properties) {
        this.users = users;
        this.zone = properties.site().timeZone();
    }

    NewsroomArticles.Actor actor(Authentication authentication, HttpServletRequest request) {
        NewsroomUser user = users.find(authentication.getName()).filter(NewsroomUser::enabled)
                .orElseThrow(() -> new AccessDeniedException("no enabled account " + authentication.getName()));
        return new NewsroomArticles.Actor(user.username(), user.role(), request.getRemoteAddr());
    }

    String format(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(DATE_TIME);
    }

    /** For {@code <input type="datetime-local">}, in the site's time zone. */
    String inputValue(OffsetDateTime time) {
        return time == null ? "" : time.atZoneSameInstant(zone).format(INPUT);
    }

    /** A {@code datetime-local} value typed in the site's time zone. */
    OffsetDateTime parseInput(String value) {
        try {
            return java.time.LocalDateTime.parse(value.strip()).atZone(zone).toOffsetDateTime();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a date and time: " + value);
        }
    }

    /** How far ahead an article may be scheduled: a date beyond it is a typing slip (year 99999), not a plan. */
    static final java.time.Period SCHEDULING_HORIZON = java.time.Period.ofYears(10);

    /** A publishing time from the newsroom's form or API; {@link TooFarAhead} beyond {@link #SCHEDULING_HORIZON}. */
    OffsetDateTime parseScheduleTime(String value) {
        OffsetDateTime at = parseInput(value);
        if (at.isAfter(OffsetDateTime.now(zone).plus(SCHEDULING_HORIZON))) {
            throw new TooFarAhead(at);
        }
        return at;
    }

    /** A publishing time beyond the horizon; its message is the Arabic one editors see. */
    static final class TooFarAhead extends IllegalArgumentException {
        TooFarAhead(OffsetDateTime at) {
            super("لا يمكن جدولة النشر لأبعد من عشر سنوات من اليوم: تحقّق من السنة.");
        }
    }

    ZoneId zone() {
        return zone;
    }
}
