/** Articles: bodies, contributors and their roles, statuses, slugs and slug redirects; publishes article events. */
package org.minbar.article;
