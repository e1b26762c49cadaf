/** Newsletter: subscribers with double opt-in, digests and breaking news sent through an outbox, one-click unsubscribe. */
package org.minbar.newsletter;
