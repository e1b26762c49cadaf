/** Several Minbar nodes on one PostgreSQL: the change log every node follows, shared sessions. */
package org.minbar.cluster;
