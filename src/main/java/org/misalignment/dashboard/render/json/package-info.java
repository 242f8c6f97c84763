/**
 * The JSON shapes that the API's responses and the pages' JSON twins share, so that the
 * two say a dataset and a rule in the same words.
 */
package org.misalignment.dashboard.render.json;
