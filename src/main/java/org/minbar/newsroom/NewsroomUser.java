package org.minbar.newsroom;

import java.time.OffsetDateTime;

/** A newsroom account (the password hash never leaves the repository). */
public record NewsroomUser(long id, String username, String displayName, Role role, boolean enabled, OffsetDateTime createdAt) {
}
