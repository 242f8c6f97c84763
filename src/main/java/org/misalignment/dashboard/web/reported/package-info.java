/**
 * Figures publications reported, beside the rates the site computes for the same group or
 * model, question set and condition under the page's rule.
 */
package org.misalignment.dashboard.web.reported;
