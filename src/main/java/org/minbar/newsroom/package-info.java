/** The editors' web interface under /newsroom: login, article editor, workflow, users and the audit log. */
package org.minbar.newsroom;
